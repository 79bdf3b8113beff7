"""The two document kinds this app registers with the documents app (JudgmentsConfig.ready):

- `adjudication`: the 判决书 / 裁定书 / 民事调解书 the judge signs and issues (contents per
  民事诉讼法 第155条 for a judgment, 第157条第3款 for a ruling, 第100条 for a 调解书), with the notice
  of the right to appeal (第171条) when the document can be appealed;
- `effect_certificate`: the 生效证明书 issued on request once the document took effect (第158条).
"""

from __future__ import annotations

from typing import Any

from fating.documents.kinds import CASE_NUMBER, CAUSE, COURT, Block, DocumentKind, clauses
from fating.documents.rules import Field, date_chinese, date_figures

ROLE_ITEMS = (Field("role", "诉讼地位", help="原告、被告或第三人。"), Field("name", "姓名或名称"))
ADJUDICATION_KINDS = (("judgment", "判决书"), ("ruling", "裁定书"), ("mediation", "民事调解书"))
HEADINGS = {
    "judgment": "判决如下：",
    "ruling": "裁定如下：",
    "mediation": "本案在审理过程中，经本院主持调解，双方当事人自愿达成如下协议：",
}


def _names(parties: list[dict[str, Any]]) -> str:
    return "、".join(f"{p['role']}{p['name']}" for p in parties)


def _adjudication(c: dict[str, Any]) -> list[Block]:
    blocks = [
        Block("court", c["court"]),
        Block("title", c["title"]),
        Block("number", c["case_number"]),
        *[Block("party", f"{p['role']}：{p['name']}。") for p in c["parties"]],
        Block("para", f"{_names(c['parties'])}{c['cause']}一案，本院依法审理，现已审理终结。"),
        Block("heading", HEADINGS[c["kind"]]),
        *clauses(c["main_text"]),
    ]
    if c.get("closing"):
        blocks.append(Block("para", c["closing"]))
    blocks += [
        Block("sign", f"审判员　{c['judge']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]
    return blocks


ADJUDICATION = DocumentKind(
    kind="adjudication",
    name="裁判文书（判决书、裁定书、民事调解书）",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        CAUSE,
        Field("kind", "文书种类", "choice", choices=ADJUDICATION_KINDS),
        Field("title", "文书标题", help="如“民事判决书”“民事裁定书”“民事调解书”。"),
        Field("parties", "当事人", "records", items=ROLE_ITEMS),
        Field("main_text", "裁判主文", "texts", help="每一项判决、裁定结果或协议内容一项。"),
        Field("closing", "尾部告知", required=False, help="上诉权利告知或生效说明。"),
        Field("judge", "审判员"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_adjudication,
    title=lambda c: f"{c['title']}{c['case_number']}",
)


def _certificate(c: dict[str, Any]) -> list[Block]:
    return [
        Block("court", c["court"]),
        Block("title", "生效证明书"),
        Block("number", c["case_number"]),
        *[Block("party", f"{p['role']}：{p['name']}。") for p in c["parties"]],
        Block(
            "para",
            f"{_names(c['parties'])}{c['cause']}一案，本院于{date_figures(c['judgment_date'])}"
            f"作出的{c['case_number']}{c['document_title']}，已于{date_figures(c['effective_on'])}"
            "发生法律效力。",
        ),
        Block("plain", "特此证明。"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]


EFFECT_CERTIFICATE = DocumentKind(
    kind="effect_certificate",
    name="生效证明书",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        CAUSE,
        Field("parties", "当事人", "records", items=ROLE_ITEMS),
        Field("document_title", "文书名称", help="如“民事判决书”。"),
        Field("judgment_date", "文书落款日期", "date"),
        Field("effective_on", "生效日期", "date", help="依民事诉讼法 第100、158条确定的生效日期。"),
        Field("issued_on", "出具日期", "date"),
    ),
    build=_certificate,
    title=lambda c: f"生效证明书{c['case_number']}",
)
