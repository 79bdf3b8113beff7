"""`fating effective`: each party's appeal deadline and the day a first-instance document takes
effect, from a JSON object, as one JSON object.

No Django import (works before settings exist); uses the holiday years shipped with the code only.
Exit codes: 0 success; 2 bad input (message on stderr naming the key, nothing on stdout).
"""

from __future__ import annotations

from typing import TextIO

from fating.core import json_cli
from fating.core.calendar import RuleInputError
from fating.core.period_cli import _load
from fating.judgments.rules import compute_effect

HELP = """用法: fating effective '<JSON>'      （或 fating effective - ，从标准输入读取 JSON）

计算第一审文书各方当事人的上诉期届满日和文书的生效日期，输出一个 JSON 对象。

输入字段：
  document   必填。judgment 判决书（上诉期15日，民事诉讼法 第171条）
             | ruling 可上诉的裁定书：不予受理、管辖权异议、驳回起诉（10日，第171条、第157条）
             | final_ruling 不准上诉的裁定书（如准许撤诉，送达即生效，第158条）
             | small_claims_judgment 小额诉讼判决书（一审终审，第165条，全部送达即生效）
             | mediation_statement 民事调解书（全部当事人签收后生效，第100条）
  served     必填。每方当事人一项：送达（调解书为签收）日期 "YYYY-MM-DD"；尚未送达写 null；
             在中华人民共和国领域内没有住所的当事人写 {"date": "YYYY-MM-DD", "foreign_domicile": true}
             （上诉期30日，第286条）
  appealed   可选，true 表示已有当事人上诉（文书尚未生效）

输出字段：
  effective_on       生效日期：可上诉文书为最后一方上诉期届满的次日；不可上诉文书和调解书为最后
                     一方送达（签收）之日；未全部送达或已上诉时为 null
  appeal_deadlines   各方上诉期届满日（按民事诉讼法 第85条由法院日历推算，节假日顺延；调休上班日
                     为工作日）；不能上诉或未送达的为 null
  appealable, all_served, appealed, legal_basis, calendar_verified, warning, explanation

示例:
  fating effective '{"document": "judgment", "served": ["2025-09-26", "2025-09-30"]}'
  fating effective '{"document": "mediation_statement", "served": ["2025-09-26", "2025-09-28"]}'
"""


def main(
    argv: list[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run `fating effective`. `argv` holds the arguments after "effective"."""
    return json_cli.run(
        argv, name="effective", help_text=HELP, load=_load, compute=compute_effect,
        errors=(RuleInputError,), stdin=stdin, stdout=stdout, stderr=stderr,
    )  # fmt: skip
