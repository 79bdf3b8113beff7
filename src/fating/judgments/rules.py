"""When a first-instance adjudication takes effect (生效) and each party's appeal deadline. Pure.

The rules (民事诉讼法, 2023 text, `shared/data/laws/诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md`):
- 第171条: a party may appeal a 判决 within 15 days of its service, a 裁定 within 10 days.
- 第157条第2款: of the 裁定, only 不予受理, 管辖权异议 and 驳回起诉 can be appealed; the others
  (准许撤诉 …) take effect on service (第158条 "依法不准上诉的…裁定").
- 第286条: a party with no domicile in China has 30 days for a 判决 or 裁定.
- 第85条: each period runs from the day after service; a last day on a rest day or holiday moves to
  the next working day — computed by the one calendar engine `fating.core.calendar`.
- 第158条: an appealable 判决/裁定 takes effect when the periods have run without appeal, i.e. on the
  day after the last party's deadline.
- 第165条: a small-claims judgment is final (一审终审): effective once served on every party.
- 第100条第3款: a 调解书 takes effect when every party has signed its receipt (the last date).

Each party's period is counted from its own service (解释 第244条: the periods run separately).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from fating.core.calendar import (
    HolidayCalendar,
    RuleInputError,
    days,
    default_calendar,
    period_end,
)
from fating.core.machine import Machine, t

CPL_APPEAL = "民事诉讼法 第171条"
CPL_FOREIGN = "民事诉讼法 第286条"
CPL_RULINGS = "民事诉讼法 第157条"
CPL_EFFECT = "民事诉讼法 第158条"
CPL_SMALL_CLAIMS = "民事诉讼法 第165条"
CPL_MEDIATION = "民事诉讼法 第100条"
CPL_PERIODS = "民事诉讼法 第85条"

JUDGMENT_APPEAL_DAYS = 15  # 第171条第1款
RULING_APPEAL_DAYS = 10  # 第171条第2款
FOREIGN_APPEAL_DAYS = 30  # 第286条
MAX_PARTIES = 200
MIN_DATE, MAX_DATE = dt.date(1990, 1, 1), dt.date(2200, 12, 31)


class Document(StrEnum):
    """What the effect engine is asked about."""

    JUDGMENT = "judgment"  # 判决书, appealable (第171条第1款)
    RULING = "ruling"  # appealable 裁定书: 不予受理, 管辖权异议, 驳回起诉 (第157条第2款)
    FINAL_RULING = "final_ruling"  # 不准上诉的裁定 (准许撤诉 …): effective on service (第158条)
    SMALL_CLAIMS_JUDGMENT = "small_claims_judgment"  # 小额诉讼 一审终审 (第165条)
    MEDIATION_STATEMENT = "mediation_statement"  # 调解书: on signed receipt by all (第100条)


DOCUMENT_LABELS = {
    Document.JUDGMENT: "判决书",
    Document.RULING: "可上诉的裁定书",
    Document.FINAL_RULING: "不准上诉的裁定书",
    Document.SMALL_CLAIMS_JUDGMENT: "小额诉讼判决书",
    Document.MEDIATION_STATEMENT: "民事调解书",
}

# The 裁定 subkinds the court issues here, and whether each may be appealed (第157条第2款).
RULING_SUBKINDS = {
    "not_accepted": ("不予受理", True),
    "dismissed": ("驳回起诉", True),
    "jurisdiction": ("管辖权异议", True),
    "withdrawal": ("准许撤诉", False),
}


def document_for(kind: str, *, subkind: str = "", small_claims: bool = False) -> Document:
    """The engine's document for an adjudication: kind "judgment" | "ruling" | "mediation".

    A small-claims case's judgment is final (第165条); so are its rulings (解释 第278条: the
    small-claims procedure's rulings take effect when made) — treated as effective on service.
    """
    if kind == "mediation":
        return Document.MEDIATION_STATEMENT
    if kind == "judgment":
        return Document.SMALL_CLAIMS_JUDGMENT if small_claims else Document.JUDGMENT
    if kind == "ruling":
        if subkind not in RULING_SUBKINDS:
            raise RuleInputError("subkind", f"未知的裁定类型 {subkind!r}")
        appealable = RULING_SUBKINDS[subkind][1] and not small_claims
        return Document.RULING if appealable else Document.FINAL_RULING
    raise RuleInputError("kind", f"未知的文书类型 {kind!r}")


def is_appealable(document: Document) -> bool:
    return document in (Document.JUDGMENT, Document.RULING)


def appeal_days(document: Document, *, foreign_domicile: bool = False) -> int | None:
    """The appeal period in days, or None when the document cannot be appealed."""
    if not is_appealable(document):
        return None
    if foreign_domicile:
        return FOREIGN_APPEAL_DAYS
    return JUDGMENT_APPEAL_DAYS if document is Document.JUDGMENT else RULING_APPEAL_DAYS


def appeal_deadline(
    document: Document,
    served_on: dt.date,
    *,
    foreign_domicile: bool = False,
    calendar: HolidayCalendar | None = None,
) -> dt.date | None:
    """The last day a party served on `served_on` may appeal (第171条/第286条 via 第85条)."""
    length = appeal_days(document, foreign_domicile=foreign_domicile)
    if length is None:
        return None
    return period_end(served_on, days(length), calendar=calendar).end


@dataclass(frozen=True)
class PartyService:
    """One party's service (or, for a 调解书, signed receipt) date; None while not yet served."""

    served_on: dt.date | None
    foreign_domicile: bool = False


@dataclass(frozen=True)
class EffectAnswer:
    document: Document
    effective_on: dt.date | None
    appeal_deadlines: tuple[dt.date | None, ...]
    appealable: bool
    all_served: bool
    appealed: bool
    legal_basis: tuple[str, ...]
    warning: str | None

    def explanation(self) -> str:
        label = DOCUMENT_LABELS[self.document]
        if self.appealed:
            return f"{label}已被上诉，待上级法院裁判，尚未生效"
        if not self.all_served:
            what = "签收" if self.document is Document.MEDIATION_STATEMENT else "送达"
            return f"{label}尚未向全部当事人{what}，生效日期未定"
        if self.effective_on is None:  # all served, not appealed: always set by effect()
            return f"{label}生效日期未定"
        day = self.effective_on.isoformat()
        if self.document is Document.MEDIATION_STATEMENT:
            return f"民事调解书经全部当事人签收，于{day}发生法律效力"
        if not self.appealable:
            return f"{label}不准上诉，向全部当事人送达后于{day}发生法律效力"
        last = max(d for d in self.appeal_deadlines if d is not None)
        return f"各方上诉期最迟于{last.isoformat()}届满，无人上诉的，{label}于{day}发生法律效力"

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document.value,
            "effective_on": self.effective_on.isoformat() if self.effective_on else None,
            "appeal_deadlines": [d.isoformat() if d else None for d in self.appeal_deadlines],
            "appealable": self.appealable,
            "all_served": self.all_served,
            "appealed": self.appealed,
            "legal_basis": list(self.legal_basis),
            "calendar_verified": self.warning is None,
            "warning": self.warning,
            "explanation": self.explanation(),
        }


def effect(
    document: Document,
    parties: Sequence[PartyService],
    *,
    appealed: bool = False,
    calendar: HolidayCalendar | None = None,
) -> EffectAnswer:
    """Each party's appeal deadline and the day the document takes effect (None while it cannot
    be known: a party not yet served, or an appeal pending)."""
    if not parties:
        raise RuleInputError("served", "至少需要一方当事人")
    cal = calendar or default_calendar()
    appealable = is_appealable(document)
    if appealed and not appealable:
        raise RuleInputError("appealed", f"{DOCUMENT_LABELS[document]}不能上诉")
    deadlines: list[dt.date | None] = []
    warning: str | None = None
    basis: list[str] = []
    for party in parties:
        if not appealable or party.served_on is None:
            deadlines.append(None)
            continue
        length = appeal_days(document, foreign_domicile=party.foreign_domicile) or 0
        end = period_end(party.served_on, days(length), calendar=cal)
        deadlines.append(end.end)
        warning = warning or end.warning
    all_served = all(p.served_on is not None for p in parties)
    effective_on: dt.date | None = None
    if all_served and not appealed:
        last = max(p.served_on for p in parties if p.served_on is not None)
        if appealable:
            effective_on = max(d for d in deadlines if d is not None) + dt.timedelta(days=1)
        else:
            effective_on = last
    if document is Document.MEDIATION_STATEMENT:
        basis.append(CPL_MEDIATION)
    elif document is Document.SMALL_CLAIMS_JUDGMENT:
        basis += [CPL_SMALL_CLAIMS, CPL_EFFECT]
    elif document is Document.FINAL_RULING:
        basis += [CPL_RULINGS, CPL_EFFECT]
    else:
        basis += [CPL_APPEAL, CPL_PERIODS, CPL_EFFECT]
        if document is Document.RULING:
            basis.append(CPL_RULINGS)
        if any(p.foreign_domicile for p in parties):
            basis.append(CPL_FOREIGN)
    return EffectAnswer(
        document=document,
        effective_on=effective_on,
        appeal_deadlines=tuple(deadlines),
        appealable=appealable,
        all_served=all_served,
        appealed=appealed,
        legal_basis=tuple(basis),
        warning=warning,
    )


# --------------------------------------------------------------------------------------------
# The request of `fating effective` (and the API's preview): validated field by field.

REQUEST_FIELDS = ("document", "served", "appealed")


def _date(value: object, name: str) -> dt.date:
    if not isinstance(value, str):
        raise RuleInputError(name, "日期须为 YYYY-MM-DD 格式的字符串")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise RuleInputError(name, f"不是有效日期 {value[:40]!r}（应为 YYYY-MM-DD）") from None
    if len(value) != 10 or not MIN_DATE <= day <= MAX_DATE:
        raise RuleInputError(
            name, f"日期须为 YYYY-MM-DD，且在 {MIN_DATE.year}–{MAX_DATE.year} 年之间"
        )
    return day


def _party(item: object, index: int) -> PartyService:
    name = f"served[{index}]"
    if item is None:
        return PartyService(None)
    if isinstance(item, str):
        return PartyService(_date(item, name))
    if isinstance(item, Mapping):
        unknown = sorted(str(k) for k in item if k not in ("date", "foreign_domicile"))
        if unknown:
            raise RuleInputError(f"{name}.{unknown[0]}", "未知字段（可用 date、foreign_domicile）")
        if "date" not in item:
            raise RuleInputError(f"{name}.date", "必填（未送达时写 null）")
        raw = item["date"]
        served = None if raw is None else _date(raw, f"{name}.date")
        foreign = item.get("foreign_domicile", False)
        if not isinstance(foreign, bool):
            raise RuleInputError(f"{name}.foreign_domicile", "须为 true 或 false")
        return PartyService(served, foreign)
    raise RuleInputError(name, "须为日期字符串、null 或 {date, foreign_domicile} 对象")


@dataclass(frozen=True)
class EffectRequest:
    document: Document
    parties: tuple[PartyService, ...]
    appealed: bool = False


def parse_effect_request(data: object) -> EffectRequest:
    if not isinstance(data, Mapping):
        raise RuleInputError("json", "须为 JSON 对象")
    unknown = sorted(str(k) for k in data if k not in REQUEST_FIELDS)
    if unknown:
        raise RuleInputError(unknown[0], f"未知字段（可用 {'、'.join(REQUEST_FIELDS)}）")
    raw_document = data.get("document")
    if raw_document is None:
        raise RuleInputError("document", "必填")
    try:
        document = Document(raw_document) if isinstance(raw_document, str) else None
    except ValueError:
        document = None
    if document is None:
        choices = "、".join(d.value for d in Document)
        raise RuleInputError("document", f"须为 {choices} 之一")
    served = data.get("served")
    if served is None:
        raise RuleInputError("served", "必填：每方当事人的送达（调解书为签收）日期列表")
    if not isinstance(served, list) or not served:
        raise RuleInputError("served", "须为非空列表")
    if len(served) > MAX_PARTIES:
        raise RuleInputError("served", f"当事人不能超过 {MAX_PARTIES} 方")
    appealed = data.get("appealed", False)
    if not isinstance(appealed, bool):
        raise RuleInputError("appealed", "须为 true 或 false")
    parties = tuple(_party(item, i) for i, item in enumerate(served))
    if appealed and not is_appealable(document):
        raise RuleInputError("appealed", f"{DOCUMENT_LABELS[document]}不能上诉")
    return EffectRequest(document, parties, appealed)


def compute_effect(data: object, calendar: HolidayCalendar | None = None) -> dict[str, object]:
    request = parse_effect_request(data)
    return effect(
        request.document, request.parties, appealed=request.appealed, calendar=calendar
    ).as_dict()


# --------------------------------------------------------------------------------------------
# Workflows: an adjudication from issue to effect, an appeal from filing to the higher court's
# result (CPL 第173条: the appeal is filed through this court, which sends it up with the dossier
# within 5 days of the reply, 第174条; the intermediate court decides and numbers it 民终).


class AdjudicationStatus(StrEnum):
    ISSUED = "issued"
    APPEALED = "appealed"
    EFFECTIVE = "effective"
    SET_ASIDE = "set_aside"


ADJUDICATION: Machine[AdjudicationStatus] = Machine(
    states={
        AdjudicationStatus.ISSUED: "已签发",
        AdjudicationStatus.APPEALED: "已上诉",
        AdjudicationStatus.EFFECTIVE: "已生效",
        AdjudicationStatus.SET_ASIDE: "已被撤销",
    },
    refusal="文书当前为“{state}”，不能{action}。",
    transitions=[
        t("serve", "登记送达", AdjudicationStatus.ISSUED, AdjudicationStatus.ISSUED),
        t("serve", "上诉后登记送达", AdjudicationStatus.APPEALED, AdjudicationStatus.APPEALED),
        t("appeal", "提起上诉", AdjudicationStatus.ISSUED, AdjudicationStatus.APPEALED),
        t("appeal", "另一方提起上诉", AdjudicationStatus.APPEALED, AdjudicationStatus.APPEALED),
        t("take_effect", "生效", AdjudicationStatus.ISSUED, AdjudicationStatus.EFFECTIVE),
        t(
            "upheld",
            "二审维持或撤回上诉",
            AdjudicationStatus.APPEALED,
            AdjudicationStatus.EFFECTIVE,
        ),
        t(
            "set_aside",
            "二审改判或发回重审",
            AdjudicationStatus.APPEALED,
            AdjudicationStatus.SET_ASIDE,
        ),
        t("certify", "出具生效证明", AdjudicationStatus.EFFECTIVE, AdjudicationStatus.EFFECTIVE),
    ],
)


class AppealStatus(StrEnum):
    FILED = "filed"
    TRANSFERRED = "transferred"
    DECIDED = "decided"


APPEAL: Machine[AppealStatus] = Machine(
    states={
        AppealStatus.FILED: "已递交",
        AppealStatus.TRANSFERRED: "已移送上级法院",
        AppealStatus.DECIDED: "二审已审结",
    },
    refusal="上诉当前为“{state}”，不能{action}。",
    transitions=[
        t("transfer", "移送上级法院", AppealStatus.FILED, AppealStatus.TRANSFERRED),
        t("decide", "登记二审结果", AppealStatus.TRANSFERRED, AppealStatus.DECIDED),
    ],
)

# The higher court's results (CPL 第177条; 第180条 withdrawal of the appeal).
APPEAL_RESULTS = {
    "upheld": "维持原判",
    "amended": "改判",
    "remanded": "发回重审",
    "withdrawn": "撤回上诉",
}
# Results after which the first-instance document stands and takes effect (第177条第1款第1项;
# 解释 第337条: once the appeal is withdrawn the first-instance judgment takes effect).
STANDING_RESULTS = frozenset({"upheld", "withdrawn"})


def is_second_instance_number(number: str) -> bool:
    """A 民终 number is the intermediate court's (案号规定: 民终 = 民事二审); this court only
    records the one it is given, never issues one."""
    return "民终" in number and number.startswith("（") and number.endswith("号")


# --------------------------------------------------------------------------------------------
# The two appeal indicators the seeds report (for the analytics app; counted per first-instance
# case with at least one judgment or appealable ruling):
# 服判息诉率 = cases judged with no appeal ÷ cases judged;
# 发改率 = appeals whose result is 改判 or 发回重审 ÷ appeals with a recorded result.


@dataclass(frozen=True)
class AppealRates:
    judged: int
    not_appealed: int
    decided_appeals: int
    amended_or_remanded: int

    @property
    def acceptance_rate(self) -> float | None:
        """服判息诉率 (None when nothing was judged)."""
        return self.not_appealed / self.judged if self.judged else None

    @property
    def reversal_rate(self) -> float | None:
        """发改率 (None when no appeal has a result yet)."""
        return self.amended_or_remanded / self.decided_appeals if self.decided_appeals else None


def appeal_rates(judged_cases: Mapping[int, bool], results: Sequence[str]) -> AppealRates:
    """`judged_cases`: case id → whether any of its adjudications was appealed; `results`: the
    recorded results of appeals (APPEAL_RESULTS keys)."""
    decided = [r for r in results if r in APPEAL_RESULTS]
    return AppealRates(
        judged=len(judged_cases),
        not_appealed=sum(1 for appealed in judged_cases.values() if not appealed),
        decided_appeals=len(decided),
        amended_or_remanded=sum(1 for r in decided if r in ("amended", "remanded")),
    )


# --------------------------------------------------------------------------------------------
# Drafting in one step (文书一键生成, 表格式文书): the forms a draft may take, its machine, the
# fee burden written into it and the checks on what the judge edits. Pure: the services read
# the case and call these.
#
# Fee burden (诉讼费用交纳办法, 行政法规/诉讼费用交纳办法(2006-12-19).md):
# - 第29条: the losing party bears the fee; on a partial win the court apportions — here in
#   proportion to the amount granted (支持金额 ÷ 请求金额), the judge's usual measure;
# - 第15条: a case closed by mediation or withdrawal pays half the fee (the engine halves once,
#   民诉法解释 第206条); 第31条: after mediation the parties agree the burden, by default the
#   defendant bears it (the judge may set an agreed amount, apportioned the same way);
# - 第34条: on an approved withdrawal the plaintiff bears the (halved) fee;
# - 第8条第2项: no fee in a case ruled 不予受理 or 驳回起诉 — whatever was prepaid is refunded;
# - 民诉法解释 第207条: the court refunds the winner's prepayment and collects from the loser;
#   办法 第53条: refunds within 15 days after the document takes effect.


class DraftForm(StrEnum):
    JUDGMENT = "judgment"  # 判决书（普通式）
    TABLE_JUDGMENT = "table_judgment"  # 表格式/要素式判决书
    MEDIATION = "mediation"  # 民事调解书
    NOT_ACCEPTED = "not_accepted"  # 裁定书：不予受理
    DISMISSED = "dismissed"  # 裁定书：驳回起诉
    WITHDRAWAL = "withdrawal"  # 裁定书：准许撤诉
    JURISDICTION = "jurisdiction"  # 裁定书：管辖权异议


@dataclass(frozen=True)
class FormSpec:
    label: str
    kind: str  # Adjudication.kind
    subkind: str  # Adjudication.subkind
    title: str
    articles: tuple[str, ...]  # the procedural articles the form itself rests on


FORMS: dict[DraftForm, FormSpec] = {
    DraftForm.JUDGMENT: FormSpec("民事判决书（普通式）", "judgment", "", "民事判决书",
                                 ("《中华人民共和国民事诉讼法》第六十七条",)),
    DraftForm.TABLE_JUDGMENT: FormSpec("民事判决书（表格式/要素式）", "judgment", "", "民事判决书",
                                       ("《中华人民共和国民事诉讼法》第六十七条",)),
    DraftForm.MEDIATION: FormSpec("民事调解书", "mediation", "", "民事调解书",
                                  ("《中华人民共和国民事诉讼法》第九十六条", "《中华人民共和国民事诉讼法》第一百条")),
    DraftForm.NOT_ACCEPTED: FormSpec("民事裁定书（不予受理）", "ruling", "not_accepted", "民事裁定书",
                                     ("《中华人民共和国民事诉讼法》第一百二十六条", "《中华人民共和国民事诉讼法》第一百五十七条第一款第一项")),
    DraftForm.DISMISSED: FormSpec("民事裁定书（驳回起诉）", "ruling", "dismissed", "民事裁定书",
                                  ("《中华人民共和国民事诉讼法》第一百二十二条", "《中华人民共和国民事诉讼法》第一百五十七条第一款第三项")),
    DraftForm.WITHDRAWAL: FormSpec("民事裁定书（准许撤诉）", "ruling", "withdrawal", "民事裁定书",
                                   ("《中华人民共和国民事诉讼法》第一百四十八条", "《中华人民共和国民事诉讼法》第一百五十七条第一款第五项")),
    DraftForm.JURISDICTION: FormSpec("民事裁定书（管辖权异议）", "ruling", "jurisdiction", "民事裁定书",
                                     ("《中华人民共和国民事诉讼法》第一百三十条", "《中华人民共和国民事诉讼法》第一百五十七条第一款第二项")),
}  # fmt: skip


class DraftStatus(StrEnum):
    DRAFTING = "drafting"
    SIGNED = "signed"
    ISSUED = "issued"


DRAFT: Machine[DraftStatus] = Machine(
    states={
        DraftStatus.DRAFTING: "起草中",
        DraftStatus.SIGNED: "已签署",
        DraftStatus.ISSUED: "已签发",
    },
    refusal="文书稿当前为“{state}”，不能{action}。",
    transitions=[
        t("edit", "修改", DraftStatus.DRAFTING, DraftStatus.DRAFTING),
        t("sign", "签署", DraftStatus.DRAFTING, DraftStatus.SIGNED),
        t("reopen", "退回修改", DraftStatus.SIGNED, DraftStatus.DRAFTING),
        t("issue", "签发", DraftStatus.SIGNED, DraftStatus.ISSUED),
    ],
)

FEN = Decimal("0.01")


@dataclass(frozen=True)
class FeeBurden:
    """Who bears the acceptance fee and what is refunded (all in 元)."""

    final_fee: Decimal
    plaintiff: Decimal
    defendant: Decimal
    paid: Decimal
    refund_to_plaintiff: Decimal
    collect_from_defendant: Decimal
    halved: bool
    articles: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "final_fee": str(self.final_fee), "plaintiff": str(self.plaintiff),
            "defendant": str(self.defendant), "paid": str(self.paid),
            "refund_to_plaintiff": str(self.refund_to_plaintiff),
            "collect_from_defendant": str(self.collect_from_defendant),
            "halved": self.halved, "articles": list(self.articles),
        }  # fmt: skip


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(FEN):,.2f}元"


def fee_burden(
    form: DraftForm,
    *,
    final_fee: Decimal,
    paid: Decimal,
    claimed: Decimal | None,
    granted: Decimal | None,
    halved: bool = False,
) -> FeeBurden | None:
    """The burden of the case's acceptance fee `final_fee` (as the fee engine computed it for
    this way of closing) and the refund of the plaintiff's prepayment `paid`. None for a
    管辖权异议 ruling, which decides no fee."""
    if form is DraftForm.JURISDICTION:
        return None
    banfa = "诉讼费用交纳办法"
    zero = Decimal("0.00")
    if form in (DraftForm.NOT_ACCEPTED, DraftForm.DISMISSED):
        return FeeBurden(zero, zero, zero, paid, paid, zero, False,
                         (f"{banfa} 第8条第2项", f"{banfa} 第53条"))  # fmt: skip
    if form is DraftForm.WITHDRAWAL:
        plaintiff = final_fee
        return FeeBurden(final_fee, plaintiff, zero, paid, max(paid - plaintiff, zero), zero,
                         halved, (f"{banfa} 第15条", f"{banfa} 第34条", f"{banfa} 第53条"))  # fmt: skip
    if granted is not None and (claimed is None or claimed <= 0):
        raise RuleInputError("granted_amount", "非财产案件不按支持金额分担诉讼费用")
    if granted is not None and granted < 0:
        raise RuleInputError("granted_amount", "支持金额不能为负数")
    if granted is None or claimed is None or granted >= claimed:
        defendant = final_fee
    else:
        defendant = (final_fee * granted / claimed).quantize(FEN, rounding="ROUND_HALF_UP")
    plaintiff = final_fee - defendant
    articles = [f"{banfa} 第29条", "民诉法解释 第207条", f"{banfa} 第53条"]
    if form is DraftForm.MEDIATION:
        articles = [f"{banfa} 第15条", f"{banfa} 第31条", *articles[1:]]
    return FeeBurden(final_fee, plaintiff, defendant, paid, max(paid - plaintiff, zero),
                     defendant, halved, tuple(articles))  # fmt: skip


def fee_sentence(burden: FeeBurden | None, *, plaintiffs: str, defendants: str, kind: str) -> str:
    """The fee paragraph as the court writes it after the main text."""
    if burden is None:
        return ""
    if burden.final_fee == 0:
        refund = (
            f"原告{plaintiffs}预交的案件受理费{_yuan(burden.paid)}予以退还。" if burden.paid else ""
        )
        return f"本案不收取案件受理费（诉讼费用交纳办法 第8条第2项）。{refund}"
    fee = f"案件受理费{_yuan(burden.final_fee)}" + ("（已减半收取）" if burden.halved else "")
    if burden.defendant == 0:
        who = f"由原告{plaintiffs}负担"
    elif burden.plaintiff == 0:
        who = f"由被告{defendants}负担"
    else:
        who = f"由原告{plaintiffs}负担{_yuan(burden.plaintiff)}，被告{defendants}负担{_yuan(burden.defendant)}"
    out = f"{fee}，{who}。"
    if burden.refund_to_plaintiff > 0:
        out += (
            f"原告预交的案件受理费{_yuan(burden.paid)}，本院退还{_yuan(burden.refund_to_plaintiff)}"
        )
        when = "本判决" if kind == "judgment" else ("本调解书" if kind == "mediation" else "本裁定")
        out += f"（{when}生效之日起十五日内退还）。"
    if burden.collect_from_defendant > 0:
        out += f"被告{defendants}应负担的{_yuan(burden.collect_from_defendant)}，于生效之日起七日内向本院交纳。"
    return out


# What the judge may edit, with the field's Chinese name (errors name it).
SECTION_LABELS = {
    "claims": "诉讼请求",
    "facts": "事实和理由",
    "reasoning": "本院认为",
    "articles": "适用法律",
    "main_text": "裁判主文",
    "granted_amount": "支持金额",
    "court_findings": "本院认定",
}
MAX_SECTION = 4000
MAX_ITEMS = 50


def clean_sections(changes: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """The judge's edits, checked: (clean values, errors by field in Chinese). Unknown fields
    are errors, so nothing is silently dropped."""
    clean: dict[str, object] = {}
    errors: dict[str, str] = {}
    for name, value in changes.items():
        label = SECTION_LABELS.get(name)
        if label is None:
            errors[name] = f"“{name}”不是可修改的文书部分。"
            continue
        if name in ("facts", "reasoning"):
            if not isinstance(value, str):
                errors[name] = f"“{label}”应为文字。"
            elif len(value) > MAX_SECTION:
                errors[name] = f"“{label}”不能超过{MAX_SECTION}字。"
            else:
                clean[name] = value.strip()
        elif name in ("claims", "articles", "main_text"):
            items = value.splitlines() if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                errors[name] = f"“{label}”应为文字或文字列表，每项一行。"
                continue
            items = [x.strip() for x in items if x.strip()]
            if len(items) > MAX_ITEMS:
                errors[name] = f"“{label}”不能超过{MAX_ITEMS}项。"
            elif sum(len(x) for x in items) > MAX_SECTION:
                errors[name] = f"“{label}”不能超过{MAX_SECTION}字。"
            elif name == "main_text" and not items:
                errors[name] = f"“{label}”不能为空。"
            else:
                clean[name] = items
        elif name == "granted_amount":
            clean_amount(value, clean, errors)
        else:  # court_findings: element key -> text
            if not isinstance(value, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                errors[name] = f"“{label}”应为各要素的认定文字。"
            elif any(len(v) > 500 for v in value.values()):
                errors[name] = f"“{label}”每项不能超过500字。"
            else:
                clean[name] = {k: v.strip() for k, v in value.items()}
    return clean, errors


def clean_amount(value: object, clean: dict[str, object], errors: dict[str, str]) -> None:
    label = SECTION_LABELS["granted_amount"]
    if value is None or (isinstance(value, str) and not value.strip()):
        clean["granted_amount"] = None
        return
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        errors["granted_amount"] = f"“{label}”应为金额（元）。"
        return
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except ArithmeticError:
        errors["granted_amount"] = f"“{label}”应为金额（元）。"
        return
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1000000000000"):
        errors["granted_amount"] = f"“{label}”应为0至1万亿元之间的金额。"
    elif amount != amount.quantize(FEN):
        errors["granted_amount"] = f"“{label}”最多两位小数。"
    else:
        clean["granted_amount"] = amount.quantize(FEN)


def signing_errors(
    form: DraftForm, main_text: Sequence[str], elements: Sequence[Mapping[str, str]]
) -> dict[str, str]:
    """What must be there before the judge signs: a main text, and in a table-form judgment a
    court finding on every disputed element (民事诉讼法 第155条第1款第2项: the facts found)."""
    errors: dict[str, str] = {}
    if not main_text:
        errors["main_text"] = "“裁判主文”不能为空。"
    if form is DraftForm.TABLE_JUDGMENT:
        missing = [
            e["element"]
            for e in elements
            if e.get("finding") == "有争议" and not e.get("court_finding")
        ]
        if missing:
            errors["court_findings"] = f"争议要素“{'、'.join(missing)}”尚无本院认定。"
    return errors
