"""The template registry: every document kind, its version, its context schema and its layout.

Why no .docx template files: each kind is a *structured spec* — a function from the validated
context to a list of `Block`s (court name, title, case number, parties, body, signatures, date).
`render.py` turns the same blocks into DOCX (python-docx) and into the HTML that WeasyPrint prints
as PDF, so the two formats can never drift apart in wording, and the wording lives in reviewable
Python next to the legal citations instead of inside binary Word files, where a Jinja tag split
across two runs by an editor silently breaks a docxtpl template.

Changing the wording or the schema of a kind means bumping its `version`: each `Document` records
the version it was generated with. Other apps may register kinds of their own with
`register_kind`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fating.documents.rules import (
    REJECTION_GROUNDS,
    Field,
    cn_number,
    date_chinese,
    date_figures,
    datetime_figures,
    yuan,
    yuan_with_words,
)

# Cost rules cited in the wording (诉讼费用交纳办法 第22条: the plaintiff prepays the acceptance
# fee within 7 days of the day after receiving the notice; otherwise treated as withdrawn).
FEE_PREPAYMENT_DAYS = 7


@dataclass(frozen=True)
class Block:
    """One layout unit. Styles: court, title, number, party, heading, para, clause, plain,
    table, salutation, sign, date, seal, note."""

    style: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    header: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    name: str
    version: int
    fields: tuple[Field, ...]
    build: Callable[[dict[str, Any]], list[Block]]
    title: Callable[[dict[str, Any]], str]
    check: Callable[[dict[str, Any]], dict[str, str]] | None = None

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "version": self.version,
            "fields": [f.describe() for f in self.fields],
        }


_KINDS: dict[str, DocumentKind] = {}


def register_kind(spec: DocumentKind) -> DocumentKind:
    _KINDS[spec.kind] = spec
    return spec


def get_kind(kind: str) -> DocumentKind | None:
    return _KINDS.get(kind)


def all_kinds() -> list[DocumentKind]:
    return list(_KINDS.values())


# ---------------------------------------------------------------------------------------------
# Shared fields and pieces

PARTY_KINDS = (("person", "自然人"), ("organisation", "法人或非法人组织"))

PARTY_ITEMS = (
    Field("role", "称谓", help="如“申请人”“甲方”“原告”。"),
    Field("name", "姓名或名称"),
    Field(
        "kind",
        "当事人类型",
        "choice",
        required=False,
        choices=PARTY_KINDS,
        help="决定证件名称（公民身份号码或统一社会信用代码）和“住”或“住所地”。",
    ),
    Field("gender", "性别", required=False),
    Field("birth_date", "出生日期", "date", required=False),
    Field("ethnicity", "民族", required=False),
    Field("id_number", "证件号码", required=False, help="公民身份号码或统一社会信用代码。"),
    Field("address", "住所", required=False),
    Field("representative", "法定代表人或负责人", required=False, help="如“王五，经理”。"),
    Field("agent", "委托代理人", required=False, help="如“赵六，山东某律师事务所律师”。"),
)


def parties_field(name: str = "parties", label: str = "当事人", minimum: int = 2) -> Field:
    return Field(name, label, "records", items=PARTY_ITEMS, min_items=minimum)


COURT = Field("court", "法院名称", help="如“青禾县人民法院”。")
CASE_NUMBER = Field("case_number", "案号", help="如“（2026）鲁0399民特12号”。")
CAUSE = Field("cause", "案由或纠纷类型", help="如“民间借贷纠纷”。")
ORGANISATION = Field("organisation", "调解组织", help="主持调解的组织全称。")
AGREEMENT_DATE = Field("agreement_date", "调解协议达成日期", "date")
AGREEMENT_TERMS = Field("agreement_terms", "调解协议内容", "texts", help="每一条协议内容一项。")


def party_blocks(parties: list[dict[str, Any]]) -> list[Block]:
    """申请人：张三，男，1980年5月1日出生，汉族，公民身份号码……，住……。"""
    blocks = []
    for p in parties:
        parts = [p["name"]]
        if p.get("gender"):
            parts.append(p["gender"])
        if p.get("birth_date"):
            parts.append(f"{date_figures(p['birth_date'])}出生")
        if p.get("ethnicity"):
            parts.append(p["ethnicity"])
        organisation = p.get("kind") == "organisation" or (
            not p.get("kind") and bool(p.get("representative"))
        )
        if p.get("id_number"):
            parts.append(f"{_id_label(p, organisation)}{p['id_number']}")
        if p.get("address"):
            parts.append(("住所地" if organisation else "住") + p["address"])
        blocks.append(Block("party", f"{p['role']}：{'，'.join(parts)}。"))
        if p.get("representative"):
            blocks.append(Block("party", f"法定代表人（负责人）：{p['representative']}。"))
        if p.get("agent"):
            blocks.append(Block("party", f"委托诉讼代理人：{p['agent']}。"))
    return blocks


def _id_label(p: dict[str, Any], organisation: bool) -> str:
    """公民身份号码 for a person's 18-character ID card number, 统一社会信用代码 for an
    organisation's code, 证件号码 when the kind of number is not known."""
    if organisation:
        return "统一社会信用代码" if p.get("kind") == "organisation" else "证件号码"
    if len(p["id_number"]) == 18 and (p.get("kind") == "person" or p.get("gender")):
        return "公民身份号码"
    return "证件号码"


def names(parties: list[dict[str, Any]]) -> str:
    return "、".join(p["name"] for p in parties)


def clauses(items: list[str]) -> list[Block]:
    return [Block("clause", f"{cn_number(i)}、{text}") for i, text in enumerate(items, start=1)]


def sign_lines(parties: list[dict[str, Any]], note: str) -> list[Block]:
    return [Block("sign", f"{p['role']}{note}：{p['name']}") for p in parties]


# ---------------------------------------------------------------------------------------------
# 人民调解协议书 — contents per 人民调解法 第29条; effect per 第30条; confirmation within 30 days
# per 第33条 and CPL 第205条.

INSTALMENT_ITEMS = (
    Field("due_date", "履行期限", "date"),
    Field("amount", "金额", "money"),
    Field("note", "说明", required=False),
)


def _mediation_agreement(c: dict[str, Any]) -> list[Block]:
    blocks = [Block("title", "人民调解协议书")]
    if c["agreement_number"]:
        blocks.append(Block("number", f"编号：{c['agreement_number']}"))
    blocks += party_blocks(c["parties"])
    blocks += [Block("heading", "纠纷主要事实、争议事项："), Block("para", c["dispute_facts"])]
    if c["responsibilities"]:
        blocks += [Block("heading", "各方责任："), Block("para", c["responsibilities"])]
    blocks.append(Block("heading", "经调解，各方当事人自愿达成如下协议："))
    blocks += clauses(c["terms"])
    if c["total_amount"] is not None:
        blocks.append(Block("para", f"上述款项合计{yuan_with_words(c['total_amount'])}。"))
    if c["instalments"]:
        blocks.append(Block("para", "分期履行安排如下："))
        rows = tuple(
            (
                f"第{cn_number(i)}期",
                date_figures(row["due_date"]),
                yuan(row["amount"]),
                row["note"] or "",
            )
            for i, row in enumerate(c["instalments"], start=1)
        )
        blocks.append(Block("table", header=("期次", "履行期限", "金额", "说明"), rows=rows))
    blocks += [
        Block("heading", "履行方式、时限："),
        Block(
            "para",
            f"{c['performance_method']}。全部义务于{date_figures(c['performance_deadline'])}前履行完毕。",
        ),
    ]
    copies = c["copies"] or len(c["parties"]) + 1
    blocks += [
        Block(
            "para",
            f"本协议一式{cn_number(copies)}份，各方当事人各执一份，{c['organisation']}留存一份。",
        ),
        Block(
            "para",
            "本协议自各方当事人签名、盖章或者按指印，调解员签名并加盖调解组织印章之日起生效。"
            "当事人可以自本协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认。",
        ),
    ]
    blocks += sign_lines(c["parties"], "（签名、盖章或按指印）")
    blocks += [
        Block("sign", f"调解员（签名）：{c['mediator']}"),
        Block("seal", f"{c['organisation']}（印章）"),
        Block("date", date_chinese(c["agreed_on"])),
    ]
    return blocks


def _instalments_add_up(c: dict[str, Any]) -> dict[str, str]:
    total: Decimal | None = c.get("total_amount")
    rows = c.get("instalments") or []
    if total is None or not rows or any(r.get("amount") is None for r in rows):
        return {}
    if sum((r["amount"] for r in rows), Decimal(0)) != total:
        return {"instalments": "分期金额之和应等于协议总金额。"}
    deadline = c.get("performance_deadline")
    late = [
        i for i, r in enumerate(rows) if deadline and r.get("due_date") and r["due_date"] > deadline
    ]
    if late:
        return {f"instalments.{late[0]}.due_date": "分期履行期限不能晚于全部义务的履行期限。"}
    return {}


register_kind(
    DocumentKind(
        kind="mediation_agreement",
        name="人民调解协议书",
        version=2,
        fields=(
            Field("agreement_number", "协议编号", required=False),
            ORGANISATION,
            parties_field(),
            Field("dispute_facts", "纠纷主要事实、争议事项"),
            Field("responsibilities", "各方责任", required=False),
            Field("terms", "协议内容", "texts", help="每一条协议内容一项，含义务、金额、期限。"),
            Field("total_amount", "协议总金额", "money", required=False),
            Field("instalments", "分期履行安排", "records", required=False, items=INSTALMENT_ITEMS),
            Field("performance_method", "履行方式", help="如“由乙方通过银行转账支付至甲方账户”。"),
            Field("performance_deadline", "履行期限", "date"),
            Field("mediator", "调解员"),
            Field("agreed_on", "协议日期", "date"),
            Field("copies", "协议份数", "int", required=False),
        ),
        build=_mediation_agreement,
        title=lambda c: f"人民调解协议书（{names(c['parties'])}）",
        check=_instalments_add_up,
    )
)


# ---------------------------------------------------------------------------------------------
# 司法确认申请书 — joint application (CPL 第205条; 解释 第351、353–354条; 人民调解法 第33条).


def _confirmation_application(c: dict[str, Any]) -> list[Block]:
    who = names(c["parties"])
    when = date_figures(c["agreement_date"])
    blocks = [Block("title", "司法确认申请书"), *party_blocks(c["parties"])]
    blocks += [
        Block("heading", "请求事项："),
        Block("para", f"确认申请人{who}于{when}经{c['organisation']}主持调解达成的调解协议有效。"),
        Block("heading", "事实和理由："),
        Block(
            "para",
            f"申请人{who}因{c['cause']}，于{when}经{c['organisation']}主持调解，自愿达成如下调解协议：",
        ),
        *clauses(c["agreement_terms"]),
        Block(
            "para",
            "申请人出于解决纠纷的目的自愿达成上述协议，没有恶意串通、规避法律的行为；"
            "如果因为该协议内容给他人造成损害的，愿意承担相应的民事责任和其他法律责任。",
        ),
        Block(
            "para",
            "为此，依照《中华人民共和国民事诉讼法》第二百零五条、《中华人民共和国人民调解法》"
            "第三十三条的规定，申请人共同申请人民法院确认上述调解协议有效。",
        ),
        Block("salutation", "此致"),
        Block("plain", c["court"]),
        *sign_lines(c["parties"], "（签名或盖章）"),
        Block("date", date_chinese(c["applied_on"])),
    ]
    attachments = c["attachments"] or [
        "调解协议书一份",
        "调解组织主持调解的证明",
        "申请人身份证明、资格证明",
        "与调解协议相关的财产权利证明",
    ]
    blocks.append(
        Block("note", "附：" + "；".join(f"{i}. {a}" for i, a in enumerate(attachments, 1)))
    )
    return blocks


register_kind(
    DocumentKind(
        kind="confirmation_application",
        name="司法确认申请书",
        version=2,
        fields=(
            COURT,
            parties_field(label="申请人"),
            CAUSE,
            ORGANISATION,
            AGREEMENT_DATE,
            AGREEMENT_TERMS,
            Field("applied_on", "申请日期", "date"),
            Field("attachments", "附件", "texts", required=False),
        ),
        build=_confirmation_application,
        title=lambda c: f"司法确认申请书（{names(c['parties'])}）",
    )
)


# ---------------------------------------------------------------------------------------------
# 民事裁定书（确认调解协议）— CPL 第205–206条; rejection grounds 解释 第358条; single judge CPL 第185条.

RULING_OUTCOMES = (("confirmed", "确认调解协议有效"), ("rejected", "驳回申请"))


def _confirmation_ruling(c: dict[str, Any]) -> list[Block]:
    who = names(c["parties"])
    agreed = date_figures(c["agreement_date"])
    blocks = [
        Block("court", c["court"]),
        Block("title", "民事裁定书"),
        Block("number", c["case_number"]),
        *party_blocks(c["parties"]),
        Block(
            "para",
            f"申请人{who}于{date_figures(c['applied_on'])}向本院申请司法确认调解协议。本院于"
            f"{date_figures(c['accepted_on'])}立案后，依法指定审判员{c['judge']}进行了审查。现已审查终结。",
        ),
        Block(
            "para",
            f"申请人{who}因{c['cause']}，于{agreed}经{c['organisation']}主持调解，达成了如下调解协议：",
        ),
        *clauses(c["agreement_terms"]),
    ]
    if c["outcome"] == "confirmed":
        blocks += [
            Block(
                "para",
                "本院经审查认为，申请人达成的调解协议，符合司法确认调解协议的法定条件。"
                "依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条规定，裁定如下：",
            ),
            Block(
                "para", f"申请人{who}于{agreed}经{c['organisation']}主持调解达成的调解协议有效。"
            ),
            Block(
                "para",
                "当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，"
                "对方当事人可以向人民法院申请执行。",
            ),
        ]
    else:
        ground = dict(REJECTION_GROUNDS)[c["rejection_ground"]]
        detail = f"（{c['rejection_reason']}）" if c["rejection_reason"] else ""
        blocks += [
            Block(
                "para",
                f"本院经审查认为，申请人达成的调解协议{ground}{detail}，不符合司法确认调解协议的法定条件。"
                "依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条，《最高人民法院关于适用"
                "〈中华人民共和国民事诉讼法〉的解释》第三百五十八条规定，裁定如下：",
            ),
            Block("para", f"驳回申请人{who}的司法确认申请。"),
            Block(
                "para",
                "申请人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。",
            ),
        ]
    blocks += [
        Block("para", "本裁定书自即日起发生法律效力。"),
        Block("sign", f"审　判　员　　{c['judge']}"),
        Block("date", date_chinese(c["ruled_on"])),
        Block("seal", "（院印）"),
        Block("note", "本件与原本核对无异"),
        Block("sign", f"书　记　员　　{c['clerk']}"),
    ]
    return blocks


def _ruling_check(c: dict[str, Any]) -> dict[str, str]:
    errors = {}
    if c.get("outcome") == "rejected" and not c.get("rejection_ground"):
        errors["rejection_ground"] = "驳回申请时必须写明驳回理由。"
    if c.get("outcome") == "confirmed" and c.get("rejection_ground"):
        errors["rejection_ground"] = "确认调解协议有效时不应填写驳回理由。"
    if c.get("accepted_on") and c.get("applied_on") and c["accepted_on"] < c["applied_on"]:
        errors["accepted_on"] = "立案日期不能早于申请日期。"
    if c.get("ruled_on") and c.get("accepted_on") and c["ruled_on"] < c["accepted_on"]:
        errors["ruled_on"] = "裁定日期不能早于立案日期。"
    return errors


register_kind(
    DocumentKind(
        kind="confirmation_ruling",
        name="民事裁定书（确认调解协议）",
        version=2,
        fields=(
            COURT,
            CASE_NUMBER,
            parties_field(label="申请人"),
            CAUSE,
            ORGANISATION,
            AGREEMENT_DATE,
            AGREEMENT_TERMS,
            Field("applied_on", "申请日期", "date"),
            Field("accepted_on", "立案日期", "date"),
            Field("outcome", "审查结果", "choice", choices=RULING_OUTCOMES),
            Field(
                "rejection_ground", "驳回理由", "choice", required=False, choices=REJECTION_GROUNDS
            ),
            Field("rejection_reason", "驳回理由说明", required=False),
            Field("judge", "审判员"),
            Field("clerk", "书记员"),
            Field("ruled_on", "裁定日期", "date"),
        ),
        build=_confirmation_ruling,
        title=lambda c: f"民事裁定书 {c['case_number']}",
        check=_ruling_check,
    )
)


# ---------------------------------------------------------------------------------------------
# 传票 — summons to a hearing (CPL 第139条: parties are summoned, others notified).

SUMMONS_NOTES = (
    "被传唤人必须准时到达应到处所。",
    "本票由被传唤人携带来院报到。",
    "被传唤人收到传票后，应在送达回证上签名或者盖章。",
    "原告经传票传唤，无正当理由拒不到庭的，可以按撤诉处理；被告经传票传唤，无正当理由拒不到庭的，"
    "可以缺席判决（《中华人民共和国民事诉讼法》第一百四十六条、第一百四十七条）。",
)


def _summons(c: dict[str, Any]) -> list[Block]:
    rows = (
        ("案号", c["case_number"]),
        ("案由", c["cause"]),
        ("被传唤人", c["summoned_person"]),
        ("工作单位或住址", c["summoned_address"]),
        ("传唤事由", c["reason"]),
        ("应到时间", datetime_figures(c["appear_at"])),
        ("应到处所", c["place"]),
    )
    notes = c["notes"] or list(SUMMONS_NOTES)
    blocks = [
        Block("court", c["court"]),
        Block("title", "传　　票"),
        Block("number", c["case_number"]),
        Block("table", rows=rows),
        Block("heading", "注意事项："),
        *clauses(notes),
        Block("sign", f"审　判　员　　{c['judge']}"),
    ]
    if c["clerk"]:
        blocks.append(Block("sign", f"书　记　员　　{c['clerk']}"))
    blocks += [Block("date", date_chinese(c["issued_on"])), Block("seal", "（院印）")]
    return blocks


register_kind(
    DocumentKind(
        kind="summons",
        name="传票",
        version=1,
        fields=(
            COURT,
            CASE_NUMBER,
            CAUSE,
            Field("summoned_person", "被传唤人"),
            Field("summoned_address", "工作单位或住址"),
            Field("reason", "传唤事由", help="如“开庭”“调解”“询问”。"),
            Field("appear_at", "应到时间", "datetime"),
            Field("place", "应到处所", help="如“本院第一法庭”。"),
            Field("judge", "审判员"),
            Field("clerk", "书记员", required=False),
            Field("issued_on", "签发日期", "date"),
            Field("notes", "注意事项", "texts", required=False),
        ),
        build=_summons,
        title=lambda c: f"传票（{c['summoned_person']}）{c['case_number']}",
    )
)


# ---------------------------------------------------------------------------------------------
# 受理案件通知书 — to the plaintiff after 立案 (CPL 第126条; fee prepayment 诉讼费用交纳办法
# 第20、22条; agents CPL 第61–62条).


def _acceptance_notice(c: dict[str, Any]) -> list[Block]:
    fee: Decimal = c["fee_amount"]
    if fee:
        fee_clause = (
            f"应在接到本通知书之次日起{cn_number(FEE_PREPAYMENT_DAYS)}日内向本院预交案件受理费"
            f"{yuan_with_words(fee)}。期满不预交也不提出缓交、减交、免交申请的，本院将按撤诉处理。"
        )
    else:
        fee_clause = "本案依法不收取案件受理费。"
    items = [
        "在诉讼过程中，当事人必须依法行使诉讼权利，遵守诉讼秩序，履行诉讼义务。",
        fee_clause,
        "当事人、法定代理人可以委托一至二人作为诉讼代理人。委托他人代为诉讼的，须向本院提交由委托人签名或者盖章的授权委托书。",
        "当事人对自己提出的主张，有责任提供证据，并应在本院指定的举证期限内提交。",
    ]
    blocks = [
        Block("court", c["court"]),
        Block("title", "受理案件通知书"),
        Block("number", c["case_number"]),
        Block("salutation", f"{c['recipient']}："),
        Block(
            "para",
            f"你（单位）诉{c['opponent']}{c['cause']}一案的起诉状已收到。经审查，起诉符合法定受理条件，"
            f"本院决定立案审理。现将有关事项通知如下：",
        ),
        *clauses(items),
    ]
    if c["contact_person"] or c["contact_phone"]:
        contact = "，".join(
            part
            for part in (
                f"联系人：{c['contact_person']}" if c["contact_person"] else "",
                f"联系电话：{c['contact_phone']}" if c["contact_phone"] else "",
            )
            if part
        )
        blocks.append(Block("para", contact + "。"))
    blocks += [Block("date", date_chinese(c["issued_on"])), Block("seal", "（院印）")]
    return blocks


register_kind(
    DocumentKind(
        kind="acceptance_notice",
        name="受理案件通知书",
        version=1,
        fields=(
            COURT,
            CASE_NUMBER,
            Field("recipient", "收件人", help="原告（申请人）姓名或名称。"),
            Field("opponent", "对方当事人", help="被告（被申请人）姓名或名称。"),
            CAUSE,
            Field("fee_amount", "案件受理费", "money", help="依诉讼费用交纳办法计算；免收填 0。"),
            Field("contact_person", "联系人", required=False),
            Field("contact_phone", "联系电话", required=False),
            Field("issued_on", "通知日期", "date"),
        ),
        build=_acceptance_notice,
        title=lambda c: f"受理案件通知书（{c['recipient']}）{c['case_number']}",
    )
)


# ---------------------------------------------------------------------------------------------
# 送达回证 — proof of service signed by the recipient (CPL 第87条; refusal 第89条).

SERVED_DOCUMENT_ITEMS = (Field("name", "文书名称"), Field("copies", "件数", "int"))


def _service_certificate(c: dict[str, Any]) -> list[Block]:
    documents = "；".join(f"{d['name']}{d['copies']}份" for d in c["documents"])
    blank_date = "　　　　年　　月　　日"
    rows = (
        ("案由", c["cause"]),
        ("案号", c["case_number"]),
        ("送达文书名称及件数", documents),
        ("受送达人", c["recipient"]),
        ("送达地点", c["address"]),
        ("受送达人签名或者盖章", blank_date),
        ("代收人及代收理由", ""),
        ("备注", c["remarks"] or ""),
        ("送达人", c["server"] or ""),
        ("签发人", c["issuer"] or ""),
    )
    return [
        Block("court", c["court"]),
        Block("title", "送达回证"),
        Block("table", rows=rows),
        Block(
            "note",
            "受送达人拒绝签收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，"
            "在送达回证上记明拒收事由和日期，由送达人、见证人签名或者盖章，把诉讼文书留在受送达人"
            "的住所；也可以把诉讼文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程"
            "（《中华人民共和国民事诉讼法》第八十九条）。",
        ),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]


register_kind(
    DocumentKind(
        kind="service_certificate",
        name="送达回证",
        version=1,
        fields=(
            COURT,
            CASE_NUMBER,
            CAUSE,
            Field("documents", "送达文书", "records", items=SERVED_DOCUMENT_ITEMS),
            Field("recipient", "受送达人"),
            Field("address", "送达地点"),
            Field("server", "送达人", required=False),
            Field("issuer", "签发人", required=False),
            Field("remarks", "备注", required=False),
            Field("issued_on", "签发日期", "date"),
        ),
        build=_service_certificate,
        title=lambda c: f"送达回证（{c['recipient']}）{c['case_number']}",
    )
)


# ---------------------------------------------------------------------------------------------
# 调查令 — the lawyer's investigation order (CPL 第67条第2款, 第70条; 民诉解释 第94条; the order
# itself is local practice): the holder is asked to let the named agent collect the named
# evidence within the validity.

INVESTIGATION_NOTES = (
    "持令人应当在有效期内持本令及律师执业证向证据持有人调查收集证据，超过有效期的，本令自动失效。",
    "证据持有人应当协助持令人调查收集本令所列证据；拒绝或者妨碍调查的，"
    "本院可以依照《中华人民共和国民事诉讼法》第七十条、第一百一十七条的规定处理。",
    "持令人调查收集的证据仅限于本案诉讼使用，并应当及时提交本院。",
)


def _investigation_order(c: dict[str, Any]) -> list[Block]:
    rows = (
        ("案号", c["case_number"]),
        ("案由", c["cause"]),
        ("证据持有人", c["holder"]),
        ("持令人", c["agent"]),
        ("委托人", c["principal"]),
        ("调查范围", c["scope"]),
        ("有效期", f"自{date_figures(c['issued_on'])}起至{date_figures(c['valid_until'])}止"),
    )
    return [
        Block("court", c["court"]),
        Block("title", "调　查　令"),
        Block("number", c["number"]),
        Block("salutation", f"{c['holder']}："),
        Block(
            "para",
            f"本院在审理{c['case_number']}{c['cause']}一案中，{c['principal']}的委托诉讼代理人"
            f"{c['agent']}因客观原因不能自行收集有关证据，申请本院签发调查令。经审查，本院准许其"
            f"持本令向你（单位）调查收集下列证据。",
        ),
        Block("table", rows=rows),
        Block("heading", "注意事项："),
        *clauses(list(INVESTIGATION_NOTES)),
        Block("sign", f"审　判　员　　{c['judge']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]


register_kind(
    DocumentKind(
        kind="investigation_order",
        name="调查令",
        version=1,
        fields=(
            COURT,
            CASE_NUMBER,
            Field("number", "调查令编号", help="如“（2026）鲁0399调查令3号”。"),
            CAUSE,
            Field("holder", "证据持有人"),
            Field("agent", "持令人", help="委托诉讼代理人（律师）姓名。"),
            Field("principal", "委托人", help="代理人所代理的当事人。"),
            Field("scope", "调查范围"),
            Field("issued_on", "签发日期", "date"),
            Field("valid_until", "有效期至", "date"),
            Field("judge", "审判员"),
        ),
        build=_investigation_order,
        title=lambda c: f"调查令 {c['number']}",
    )
)
