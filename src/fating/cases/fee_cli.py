"""`fating fee`: compute one litigation fee from a JSON object and print one JSON object.

No Django import: the command must work before settings exist (and on a clerk's laptop).
Exit codes: 0 success; 2 bad input (message on stderr, nothing on stdout).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import TextIO

from fating.cases.rules.fee_tables import (
    NATIONAL_SCHEDULE,
    ROUNDING_POLICIES,
    FeeInputError,
    RangedFee,
    schedule_for,
)
from fating.cases.rules.fees import REQUEST_FIELDS, calculate_fee, parse_fee_request
from fating.core import json_cli

EXIT_OK = json_cli.EXIT_OK
EXIT_BAD_INPUT = json_cli.EXIT_BAD_INPUT
CLI_FIELDS = (*REQUEST_FIELDS, "province", "date", "rounding")


def _ranges_help() -> str:
    lines = []
    for item in RangedFee:
        rng = NATIONAL_SCHEDULE.range_for(item)
        lines.append(f"    {item.value:<26} {rng.low}–{rng.high}")
    return "\n".join(lines)


HELP = f"""用法: fating fee '<JSON>'      （或 fating fee - ，从标准输入读取 JSON）

按《诉讼费用交纳办法》计算一项案件受理费或申请费，输出一个 JSON 对象：
  fee             应交金额（元，两位小数，如 "1650.00"）
  exact_fee       未取整的精确值（不能整除时写作分数，如 "50/3"）
  full_fee        减半、1/3、封顶之前的合计
  breakdown       计算明细 [{{from, to, rate, amount, label}}]
  halved          是否按第15、16、18条减半（只减半一次，民诉法解释 第206条）
  halving_reason  减半理由；halving_reasons 为列表
  adjustments     1/3、破产减半、封顶等调整
  articles        适用条文
  notes, base, rounding, schedule

输入字段：
  kind          必填。property 财产 | divorce 离婚 | personality 人格权 | non_property 其他非财产
                | ip 知识产权 | labor 劳动争议 | administrative 行政
                | jurisdiction_objection 管辖权异议 | enforcement 执行 | preservation 保全
                | payment_order 支付令
                | public_summons 公示催告 | arbitration 撤销仲裁裁决/认定仲裁协议效力
                | bankruptcy 破产 | maritime 海事申请
  amount        金额，用字符串（如 "150000.50"），最多两位小数；也接受 JSON 数字。
                property、payment_order、bankruptcy 必填；divorce 为财产总额，personality 为
                赔偿金额，ip、enforcement、preservation 无金额时可省略。
  base          有幅度的每件金额（离婚、人格权、其他非财产、无金额知产、管辖权异议、
                无金额执行、部分海事申请），必须在幅度内；省略时取适用标准的默认值
                （未配置省级标准时取法定下限）。
  procedure     ordinary（默认）| simple 简易程序 | small_claims 小额诉讼（属简易程序）
  closure       null（默认）| mediation 调解结案 | withdrawal 撤诉
  counterclaim  true 表示本项是与本诉合并审理的反诉或有独立请求权第三人的请求
  subkind       administrative: trademark | patent | maritime | other（默认）
                maritime: limitation_fund | injunction | lien_summons | debt_registration
                | general_average
  province      省级简称（如 "鲁"），选择省级收费标准；未配置时用法定幅度
  date          选择收费标准的日期（YYYY-MM-DD，默认今天）
  rounding      "fen"（默认，四舍五入到分）| "yuan"（四舍五入到元）

减半只适用于案件受理费（第15、16、18条）；申请费和管辖权异议费填写 procedure/closure/
counterclaim 会报错。

法定幅度（元）：
{_ranges_help()}

示例:
  fating fee '{{"kind": "property", "amount": "150000", "closure": "withdrawal"}}'
"""


def _reject_constant(name: str) -> object:
    raise FeeInputError("json", f"不支持的数值 {name}")


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise FeeInputError(key, "字段重复")
        result[key] = value
    return result


def _load(text: str) -> dict[str, object]:
    try:
        data = json.loads(
            text,
            parse_float=Decimal,  # keep 150000.10 exact instead of going through a float
            parse_int=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_reject_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise FeeInputError("json", f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）") from None
    if not isinstance(data, dict):
        raise FeeInputError("json", '输入必须是一个 JSON 对象，如 {"kind": "property", ...}')
    return data


def compute(data: dict[str, object]) -> dict[str, object]:
    """Validate the CLI fields and return the result as a JSON-ready dict."""
    unknown = [key for key in data if key not in CLI_FIELDS]
    if unknown:
        raise FeeInputError(unknown[0], f"未知字段，可用字段：{'、'.join(CLI_FIELDS)}")
    fields = dict(data)
    province = fields.pop("province", None)
    if province is not None and not isinstance(province, str):
        raise FeeInputError("province", '必须是省级简称，如 "鲁"')
    day_text = fields.pop("date", None)
    day = None
    if day_text is not None:
        try:
            day = dt.date.fromisoformat(day_text) if isinstance(day_text, str) else None
        except ValueError:
            day = None
        if day is None:
            raise FeeInputError("date", "日期格式应为 YYYY-MM-DD")
    rounding_name = fields.pop("rounding", None) or "fen"
    if not isinstance(rounding_name, str) or rounding_name not in ROUNDING_POLICIES:
        raise FeeInputError("rounding", '只能是 "fen"（到分）或 "yuan"（到元）')
    request = parse_fee_request(fields)
    result = calculate_fee(
        request,
        schedule=schedule_for(province, day),
        rounding=ROUNDING_POLICIES[rounding_name],
    )
    return result.as_dict()


def main(
    argv: list[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run `fating fee`. `argv` holds the arguments after "fee"."""
    return json_cli.run(
        argv, name="fee", help_text=HELP, load=_load, compute=compute,  # type: ignore[arg-type]
        errors=(FeeInputError,), stdin=stdin, stdout=stdout, stderr=stderr,
    )  # fmt: skip


__all__ = ["CLI_FIELDS", "HELP", "compute", "main"]
