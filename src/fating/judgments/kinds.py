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


# --------------------------------------------------------------------------------------------
# `drafted_adjudication`: the document issued from a draft (文书一键生成) — the same three kinds
# in full: parties with their agents, the claims, the facts (and in the 表格式 form the element
# table: element, each side's statement, agreed or disputed, the court's finding, the legal
# basis), the court's reasoning, the articles applied, the main text, the fee burden and the
# appeal notice (民事诉讼法 第155条第1款; 第157条第3款; 第100条).

DRAFT_FORMS = (
    ("judgment", "民事判决书（普通式）"),
    ("table_judgment", "民事判决书（表格式/要素式）"),
    ("mediation", "民事调解书"),
    ("not_accepted", "民事裁定书（不予受理）"),
    ("dismissed", "民事裁定书（驳回起诉）"),
    ("withdrawal", "民事裁定书（准许撤诉）"),
    ("jurisdiction", "民事裁定书（管辖权异议）"),
)
DRAFT_PARTY_ITEMS = (
    Field("role", "诉讼地位", help="原告、被告或第三人。"),
    Field("name", "姓名或名称"),
    Field("agents", "委托诉讼代理人", required=False, help="经确认的委托诉讼代理人，顿号分隔。"),
)
ELEMENT_ITEMS = (
    Field("element", "要素"),
    Field("plaintiff", "原告陈述", required=False),
    Field("defendant", "被告陈述", required=False),
    Field("finding", "争议情况", required=False, help="无争议、有争议或未认定。"),
    Field("court_finding", "本院认定", required=False),
    Field("basis", "法律依据", required=False),
)
ELEMENT_HEADER = ("要素", "原告陈述", "被告陈述", "争议情况", "本院认定", "法律依据")
DECIDES = {"judgment": "判决如下：", "ruling": "裁定如下："}


def _drafted(c: dict[str, Any]) -> list[Block]:
    kind = "mediation" if c["form"] == "mediation" else (
        "judgment" if c["form"] in ("judgment", "table_judgment") else "ruling"
    )  # fmt: skip
    blocks = [
        Block("court", c["court"]),
        Block("title", c["title"]),
        Block("number", c["case_number"]),
    ]
    for p in c["parties"]:
        blocks.append(Block("party", f"{p['role']}：{p['name']}。"))
        if p.get("agents"):
            blocks.append(Block("party", f"委托诉讼代理人：{p['agents']}。"))
    blocks.append(
        Block("para", f"{_names(c['parties'])}{c['cause']}一案，本院依法审理，现已审理终结。")
    )
    if c["claims"]:
        blocks += [Block("heading", "诉讼请求："), *clauses(c["claims"])]
    if c["facts"]:
        blocks.append(Block("para", c["facts"]))
    if c["elements"]:
        rows = tuple(tuple(e.get(f.name) or "" for f in ELEMENT_ITEMS) for e in c["elements"])
        blocks += [Block("heading", "要素认定："), Block("table", header=ELEMENT_HEADER, rows=rows)]
    if c["reasoning"]:
        blocks += [Block("heading", "本院认为："), Block("para", c["reasoning"])]
    if kind == "mediation":
        blocks.append(Block("heading", HEADINGS["mediation"]))
        blocks += clauses(c["main_text"])
        blocks.append(Block("para", "上述协议，不违反法律规定，本院予以确认。"))
    else:
        basis = "、".join(c["articles"])
        lead = f"依照{basis}的规定，" if basis else ""
        blocks.append(Block("para", f"{lead}{DECIDES[kind]}"))
        blocks += clauses(c["main_text"])
    if c.get("fee"):
        blocks.append(Block("para", c["fee"]))
    if c.get("closing"):
        blocks.append(Block("para", c["closing"]))
    blocks += [
        Block("sign", f"审判员　{c['judge']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]
    return blocks


DRAFTED_ADJUDICATION = DocumentKind(
    kind="drafted_adjudication",
    name="一键生成的裁判文书（判决书、表格式判决书、民事调解书、裁定书）",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        CAUSE,
        Field("form", "文书样式", "choice", choices=DRAFT_FORMS),
        Field("title", "文书标题", help="如“民事判决书”“民事裁定书”“民事调解书”。"),
        Field("parties", "当事人", "records", items=DRAFT_PARTY_ITEMS),
        Field("claims", "诉讼请求", "texts", required=False),
        Field("facts", "事实和理由", required=False),
        Field(
            "elements",
            "要素表",
            "records",
            required=False,
            items=ELEMENT_ITEMS,
            help="表格式文书：各要素、双方陈述、争议情况、本院认定与法律依据。",
        ),
        Field("reasoning", "本院认为", required=False),
        Field("articles", "适用法律", "texts", required=False),
        Field("main_text", "裁判主文", "texts", help="每一项判决、裁定结果或协议内容一项。"),
        Field("fee", "诉讼费用负担", required=False, help="费用引擎算出的负担与退费。"),
        Field("closing", "尾部告知", required=False, help="上诉权利告知或生效说明。"),
        Field("judge", "审判员"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_drafted,
    title=lambda c: f"{c['title']}{c['case_number']}",
)
