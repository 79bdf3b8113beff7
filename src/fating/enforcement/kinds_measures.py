"""The document kinds of measures and objections (re-exported by `enforcement.kinds`):

- `enforcement_measure`: the 限制消费令 (限制消费规定 第1条, the acts of 第3条) or the 决定书 putting a
  respondent on the 失信被执行人名单 (失信规定 第1条, period 第2条), both served on the respondent;
- `enforcement_objection_ruling`: the 执行裁定书 on a 执行异议 (民事诉讼法 第236条) or 案外人异议
  (第238条), with the remedy notice.
"""

from __future__ import annotations

from typing import Any

from fating.documents.kinds import CASE_NUMBER, COURT, Block, DocumentKind, clauses
from fating.documents.rules import Field, date_chinese

MEASURE_KINDS = (("consumption_ban", "限制消费令"), ("blacklist", "决定书（纳入失信被执行人名单）"))


def _measure(c: dict[str, Any]) -> list[Block]:
    ban = c["kind"] == "consumption_ban"
    blocks = [
        Block("court", c["court"]),
        Block("title", "限制消费令" if ban else "决定书"),
        Block("number", c["case_number"]),
        Block("party", f"申请执行人：{c['applicant']}。"),
        Block("party", f"被执行人：{c['respondent']}。"),
        Block("para", c["facts"]),
    ]
    if ban:
        blocks += [
            Block(
                "para",
                f"依照{c['legal_basis']}之规定，对被执行人{c['respondent']}采取限制消费措施，"
                "限制其不得实施以下高消费及非生活和工作必需的消费行为：",
            ),
            *clauses(c["items"]),
            Block(
                "para",
                "如违反本限制消费令，经查证属实的，将依照民事诉讼法 第114条予以罚款、拘留；"
                "情节严重，构成犯罪的，依法追究刑事责任。",
            ),
        ]
    else:
        blocks += [
            Block("para", f"被执行人存在以下情形：{'；'.join(c['items'])}。"),
            Block(
                "para",
                f"依照{c['legal_basis']}之规定，决定将被执行人{c['respondent']}纳入失信被执行人名单，"
                f"{c['period']}。",
            ),
            Block("para", "被执行人认为本决定有错误的，可以向本院申请纠正。"),
        ]
    blocks += [Block("date", date_chinese(c["issued_on"])), Block("seal", "（院印）")]
    return blocks


MEASURE = DocumentKind(
    kind="enforcement_measure",
    name="限制消费令、纳入失信被执行人名单决定书",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        Field("kind", "措施", "choice", choices=MEASURE_KINDS),
        Field("applicant", "申请执行人"),
        Field("respondent", "被执行人"),
        Field("facts", "事实与理由"),
        Field("legal_basis", "法律依据", help="如“限制消费规定 第1条、第3条”。"),
        Field("items", "限制事项或失信情形", "texts"),
        Field("period", "期限", required=False, help="失信名单的期限说明。"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_measure,
    title=lambda c: (
        f"{'限制消费令' if c['kind'] == 'consumption_ban' else '失信决定书'}{c['case_number']}"
    ),
)


def _ruling(c: dict[str, Any]) -> list[Block]:
    return [
        Block("court", c["court"]),
        Block("title", "执行裁定书"),
        Block("number", c["number"]),
        Block("party", f"异议人：{c['objector']}。"),
        Block(
            "para",
            f"本院在执行{c['case_number']}一案中，异议人{c['objector']}对{c['target']}提出书面异议。"
            "本院依法进行了审查，现已审查终结。",
        ),
        Block("para", f"异议人称：{c['reasons']}"),
        Block("para", f"本院认为：{c['ruling_text']}"),
        Block("para", f"依照{c['legal_basis']}之规定，裁定如下："),
        Block("clause", c["outcome"]),
        Block("para", c["remedy"]),
        Block("sign", f"审判员　{c['judge']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]


OBJECTION_RULING = DocumentKind(
    kind="enforcement_objection_ruling",
    name="执行裁定书（执行异议、案外人异议）",
    version=1,
    fields=(
        COURT,
        Field("number", "执异案号"),
        CASE_NUMBER,
        Field("objector", "异议人"),
        Field("target", "异议对象"),
        Field("reasons", "异议请求与理由"),
        Field("ruling_text", "本院认为"),
        Field("legal_basis", "法律依据"),
        Field("outcome", "裁定结果"),
        Field("remedy", "救济告知"),
        Field("judge", "审判员"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_ruling,
    title=lambda c: f"执行裁定书{c['number']}",
)
