"""`fating period`: the last day of a legal period (期间) from a JSON object, as one JSON object.

No Django import: the command must work before settings exist (and on a clerk's laptop), so it
uses the holiday years shipped with the code only; years a court loaded into its database are
not seen here (the 期间计算器 page and API use them).
Exit codes: 0 success; 2 bad input (message on stderr, nothing on stdout) — as `fating fee`.
"""

from __future__ import annotations

import json
from typing import TextIO

from fating.core import json_cli
from fating.core.calendar import (
    PERIOD_FIELDS,
    RuleInputError,
    compute_period,
    default_calendar,
    parse_period_request,
)

EXIT_OK = json_cli.EXIT_OK
EXIT_BAD_INPUT = json_cli.EXIT_BAD_INPUT


def _years_help() -> str:
    cal = default_calendar()
    return "、".join(
        f"{y}（{'已核对' if s.verified else '未核对'}，可信度 {s.confidence}）"
        for y, s in sorted(cal.years.items())
    )


HELP = f"""用法: fating period '<JSON>'      （或 fating period - ，从标准输入读取 JSON）

计算法定期间的届满日（期间计算器），输出一个 JSON 对象。

输入字段（start 必填；days、months、working_days 必须且只能填一项，均为正整数）：
  start         起算日 YYYY-MM-DD：引起期间开始的事件发生之日（送达、立案、协议生效……），不计入期间
  days          按日计算：民事诉讼法 第85条——开始日不计入；届满日为休息日或法定节假日的，
                顺延至节后第一个工作日；调休上班的周末为工作日
  months        按月计算：民法典 第202条——到期月的对应日，无对应日的为该月最后一日；再按第85条顺延
  working_days  按工作日计算：起算日后的第 N 个工作日（如在线调解规则 第12条 三个工作日内答复）

输出字段：
  last_day           届满日（已按节假日顺延）
  nominal_last_day   顺延前的届满日
  moved_from         被顺延时为原届满日，否则为 null；moved_because 为原届满日所逢的节假日或“周末”
  legal_basis        适用条文
  calendar_verified  所涉年度的节假日安排是否已载入并核对；为 false 时 warning 说明原因，
                     届满日按周末推算，请对照当年国务院通知核对
  years              所涉各年度：covered 是否载入、verified 是否核对、confidence、source
  explanation        一句话说明

内置节假日年度：{_years_help()}。法院在系统中导入的年度（fating calendar import）本命令不读取。

示例:
  fating period '{{"start": "2025-09-01", "days": 30}}'
  fating period '{{"start": "2025-08-31", "months": 1}}'
  fating period '{{"start": "2025-09-30", "working_days": 3}}'
"""


def _reject_constant(name: str) -> object:
    raise RuleInputError("json", f"不支持的数值 {name}")


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise RuleInputError(key, "字段重复")
        result[key] = value
    return result


def _load(text: str) -> object:
    try:
        return json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_reject_duplicates
        )
    except json.JSONDecodeError as exc:
        raise RuleInputError(
            "json", f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）"
        ) from None
    except RecursionError:
        raise RuleInputError("json", "JSON 嵌套过深") from None


def compute(data: object) -> dict[str, object]:
    """Validate the CLI fields and return the answer as a JSON-ready dict."""
    return compute_period(parse_period_request(data)).as_dict()


def main(
    argv: list[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run `fating period`. `argv` holds the arguments after "period"."""
    return json_cli.run(
        argv, name="period", help_text=HELP, load=_load, compute=compute,
        errors=(RuleInputError,), stdin=stdin, stdout=stdout, stderr=stderr,
    )  # fmt: skip


__all__ = ["HELP", "PERIOD_FIELDS", "compute", "main"]
