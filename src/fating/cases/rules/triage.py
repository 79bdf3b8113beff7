"""繁简分流 — which procedure a new civil case should take, and which judge gets it. Pure, no Django.

Order of the rules (LEGAL-RULES D2/D3):
1. 小额诉讼 (CPL 第165–166条): basic court or tribunal; simple money-payment case; 标的额 at most 50%
   of the province's previous-year average wage → compulsory. Above 50% and at most twice the
   wage → only if both parties agree. "以下" includes the number (民法典 第1259条), so exactly 50%
   is eligible. Exclusions: CPL 第166条 (in the 2015 解释 they were 第274–275条; the 2022 解释
   moved them into the statute).
2. 简易程序 (CPL 第160条; 解释 第256–257条): a simple case — 事实清楚, 权利义务关系明确, 争议不大,
   judged by the observable tests of 解释 第256条 — and none of the 解释 第257条 exclusions; or the
   parties agree before the hearing (CPL 第160条第2款; 解释 第264条, not for 第257条 cases).
   2019规定 第4条第2款: a simple case up to twice the wage SHALL use simple procedure.
3. Otherwise 普通程序.

Unknown answers (None) never count as "simple": the result says what is missing, so a clerk can
ask rather than the code guessing.

The wage figure is data (rules/data/average-wages.json), one record per province and year with
the date it took effect; "上年度" means the latest figure already published (解释 第272条), which is
the record in force on the filing date. When a high court published the limits (it rounds 50% to
whole yuan), we use its figures; otherwise 50% and 200% of the wage, exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from fating.cases.rules.calendar import DATA_DIR, RuleInputError
from fating.cases.rules.case_numbers import PROVINCE_ABBREVIATIONS
from fating.cases.rules.fee_tables import Procedure
from fating.core.money import MoneyError, parse_money

CPL = "民事诉讼法"
JIESHI = "民诉法解释"
HALF = Decimal("0.5")
#: Confidence of a figure loaded by a court administrator from the high court's notice. Only such
#: a figure may decide small claims (compulsory, one-instance final) without a person confirming.
OFFICIAL = "official"


@dataclass(frozen=True)
class WageRecord:
    """A province's 就业人员年平均工资 for `wage_year`, in force for small claims from
    `effective_from`. `confidence` is "official" (loaded from the high court's notice), "high",
    "medium" or "low"."""

    province: str
    wage_year: int
    average_wage: Decimal
    effective_from: dt.date
    source: str
    confidence: str
    published_limit: Decimal | None = None
    published_agreed_limit: Decimal | None = None

    @property
    def verified(self) -> bool:
        return self.confidence == OFFICIAL

    @property
    def small_claims_limit(self) -> Decimal:
        return (
            self.published_limit if self.published_limit is not None else self.average_wage * HALF
        )

    @property
    def agreed_limit(self) -> Decimal:
        if self.published_agreed_limit is not None:
            return self.published_agreed_limit
        return self.average_wage * 2


# The wage columns (cases.WageFigure) are DecimalField(max_digits=12, decimal_places=2).
WAGE_MAX = Decimal("9999999999.99")


def _money(value: object, name: str) -> Decimal:
    try:
        amount = parse_money(
            value, field=name, label="平均工资", required=True, allow_zero=False, maximum=WAGE_MAX
        )
    except MoneyError as exc:
        raise RuleInputError(name, exc.reason) from None
    return amount or Decimal(0)  # never None: required=True


def parse_wage_record(item: Mapping[str, Any]) -> WageRecord:
    province = str(item.get("province", ""))
    if province not in PROVINCE_ABBREVIATIONS:
        raise RuleInputError("province", f"未知的省份「{province}」，请用省级简称，如「鲁」")
    try:
        effective = dt.date.fromisoformat(str(item["effective_from"]))
        year = int(item["wage_year"])
    except (KeyError, ValueError, TypeError):
        raise RuleInputError("effective_from", "缺少年度或生效日期，或格式错误") from None
    limit = item.get("small_claims_limit")
    agreed = item.get("agreed_limit")
    return WageRecord(
        province=province,
        wage_year=year,
        average_wage=_money(item.get("average_wage"), "average_wage"),
        effective_from=effective,
        source=str(item.get("source", "")),
        confidence=str(item.get("confidence", "low")),
        published_limit=None if limit is None else _money(limit, "small_claims_limit"),
        published_agreed_limit=None if agreed is None else _money(agreed, "agreed_limit"),
    )


@dataclass(frozen=True)
class WageTable:
    records: tuple[WageRecord, ...] = ()

    def extended(self, records: Iterable[WageRecord]) -> WageTable:
        """A new table with `records` added; a record for the same province and effective date
        replaces the old one (a court correcting a figure)."""
        new = list(records)
        keys = {(r.province, r.effective_from) for r in new}
        kept = [r for r in self.records if (r.province, r.effective_from) not in keys]
        return WageTable(tuple(kept + new))

    def in_force(self, province: str, on: dt.date) -> WageRecord | None:
        """The record in force in `province` on `on` (解释 第272条), None if none is loaded."""
        candidates = [r for r in self.records if r.province == province and r.effective_from <= on]
        return max(candidates, key=lambda r: r.effective_from, default=None)


def load_wage_table(document: Mapping[str, Any]) -> WageTable:
    return WageTable(tuple(parse_wage_record(item) for item in document.get("records", [])))


@lru_cache(maxsize=1)
def default_wage_table() -> WageTable:
    text = (DATA_DIR / "average-wages.json").read_text(encoding="utf-8")
    return load_wage_table(json.loads(text))


@dataclass(frozen=True)
class Reason:
    """One line shown to the user: `code` for programs, `text` in Chinese, `article` cited."""

    code: str
    text: str
    article: str


@dataclass(frozen=True)
class CaseFacts:
    """What the filing clerk knows. None means "not yet established"."""

    province: str
    filed_on: dt.date
    claim_amount: Decimal | None
    money_payment_only: bool
    # 解释 第256条 tests for a simple case.
    statements_consistent: bool | None = None  # 当事人对争议的事实陈述基本一致
    evidence_provided: bool | None = None  # 能提供相应的证据
    needs_court_investigation: bool | None = None  # 需要人民法院调查收集证据
    liability_clear: bool | None = None  # 能明确区分责任承担者和权利享有者
    no_fundamental_dispute: bool | None = None  # 对是非、责任、标的无原则分歧
    basic_court: bool = True
    # CPL 第166条 small-claims exclusions.
    personal_status_or_ownership: bool = False
    foreign_related: bool = False
    needs_appraisal: bool = False
    disputes_pre_suit_appraisal: bool = False
    party_whereabouts_unknown: bool = False
    counterclaim: bool = False
    # 解释 第257条 simple-procedure exclusions (第1项 is party_whereabouts_unknown at filing).
    remanded: bool = False
    numerous_parties: bool = False
    retrial: bool = False
    public_interest: bool = False
    third_party_revocation: bool = False
    other_unsuitable: str | None = None
    parties_agree_small_claims: bool = False
    parties_agree_simple: bool = False


@dataclass(frozen=True)
class TriageResult:
    procedure: Procedure
    reasons: tuple[Reason, ...]
    wage: WageRecord | None
    small_claims_limit: Decimal | None
    agreed_limit: Decimal | None
    one_instance_final: bool
    warnings: tuple[str, ...] = ()

    @property
    def reason_texts(self) -> tuple[str, ...]:
        return tuple(f"{r.text}（{r.article}）" for r in self.reasons)

    @property
    def limit_unverified(self) -> bool:
        """True when the recommendation rests on a wage figure nobody verified (or none at
        all) while the amount could decide between small claims and another procedure."""
        codes = {r.code for r in self.reasons}
        if codes & {"not_money", "no_amount", "not_basic_court"}:
            return False
        if not codes & {"small_claims", "small_claims_agreed", "simple"}:
            return False
        return self.wage is None or not self.wage.verified


_SMALL_CLAIMS_EXCLUSIONS: tuple[tuple[str, str, str], ...] = (
    ("personal_status_or_ownership", "人身关系、财产确权案件", "第166条（一）"),
    ("foreign_related", "涉外案件", "第166条（二）"),
    ("needs_appraisal", "需要评估、鉴定", "第166条（三）"),
    ("disputes_pre_suit_appraisal", "对诉前评估、鉴定结果有异议", "第166条（三）"),
    ("party_whereabouts_unknown", "一方当事人下落不明", "第166条（四）"),
    ("counterclaim", "当事人提出反诉", "第166条（五）"),
)
_SIMPLE_EXCLUSIONS: tuple[tuple[str, str, str], ...] = (
    ("party_whereabouts_unknown", "起诉时被告下落不明", "第257条（一）"),
    ("remanded", "发回重审", "第257条（二）"),
    ("numerous_parties", "当事人一方人数众多", "第257条（三）"),
    ("retrial", "适用审判监督程序", "第257条（四）"),
    ("public_interest", "涉及国家利益、社会公共利益", "第257条（五）"),
    ("third_party_revocation", "第三人请求改变或者撤销生效裁判", "第257条（六）"),
)


def simple_case_tests(facts: CaseFacts) -> tuple[bool, list[Reason]]:
    """解释 第256条: 事实清楚, 权利义务关系明确, 争议不大. Returns (all met, reasons)."""
    article = f"{JIESHI} 第256条"
    reasons: list[Reason] = []
    facts_clear = (
        facts.statements_consistent is True
        and facts.evidence_provided is True
        and facts.needs_court_investigation is False
    )
    if facts_clear:
        reasons.append(
            Reason("facts_clear", "事实清楚：陈述基本一致、有相应证据、无须法院调查取证", article)
        )
    else:
        missing = []
        if facts.statements_consistent is not True:
            missing.append("双方陈述是否基本一致")
        if facts.evidence_provided is not True:
            missing.append("是否能提供相应证据")
        if facts.needs_court_investigation is not False:
            missing.append("是否无须法院调查收集证据")
        reasons.append(Reason("facts_unclear", "事实清楚未确认：" + "、".join(missing), article))
    if facts.liability_clear is True:
        reasons.append(Reason("rights_clear", "权利义务关系明确", article))
    else:
        reasons.append(Reason("rights_unclear", "权利义务关系明确未确认", article))
    if facts.no_fundamental_dispute is True:
        reasons.append(Reason("dispute_small", "争议不大：对是非、责任和标的无原则分歧", article))
    else:
        reasons.append(Reason("dispute_unclear", "争议不大未确认", article))
    simple = facts_clear and facts.liability_clear is True and facts.no_fundamental_dispute is True
    return simple, reasons


def _hits(facts: CaseFacts, table: Sequence[tuple[str, str, str]], law: str) -> list[Reason]:
    return [
        Reason(f"excluded_{name}", f"{label}，不适用", f"{law} {article}")
        for name, label, article in table
        if getattr(facts, name)
    ]


def triage(facts: CaseFacts, *, wages: WageTable | None = None) -> TriageResult:
    """Recommend small claims, simple or ordinary procedure for `facts`, with the reasons."""
    if facts.claim_amount is not None and facts.claim_amount < 0:
        raise RuleInputError("claim_amount", "标的额不能为负数")
    if facts.province not in PROVINCE_ABBREVIATIONS:
        raise RuleInputError("province", f"未知的省份「{facts.province}」，请用省级简称，如「鲁」")
    table = wages if wages is not None else default_wage_table()
    wage = table.in_force(facts.province, facts.filed_on)
    warnings: list[str] = []
    reasons: list[Reason] = []
    if wage is None:
        warnings.append("未载入该省上年度就业人员年平均工资，无法判断小额诉讼标的限额")
    # Plain words: these reasons reach parties and the public (filing, risk assessment). The
    # figure's confidence and source are data for the court (the triage administration page).
    elif wage.confidence == "low":
        warnings.append(
            f"小额诉讼标的限额暂按{wage.wage_year}年度平均工资的估计数计算，请以高级人民法院公布的标准为准"
        )
    elif not wage.verified:
        warnings.append(
            f"小额诉讼标的限额所依据的{wage.wage_year}年度平均工资尚未经法院核实，请以高级人民法院公布的标准为准"
        )

    if not facts.basic_court:
        reasons.append(
            Reason(
                "not_basic_court", "非基层人民法院或其派出法庭，适用普通程序", f"{CPL} 第160、165条"
            )
        )
        return TriageResult(
            Procedure.ORDINARY, tuple(reasons), wage, None, None, False, tuple(warnings)
        )

    simple, simple_reasons = simple_case_tests(facts)
    small_exclusions = _hits(facts, _SMALL_CLAIMS_EXCLUSIONS, CPL)
    simple_exclusions = _hits(facts, _SIMPLE_EXCLUSIONS, JIESHI)
    if facts.other_unsuitable:
        other = Reason(
            "excluded_other",
            f"其他不宜适用的情形：{facts.other_unsuitable}",
            f"{CPL} 第166条（六）；{JIESHI} 第257条（七）",
        )
        small_exclusions.append(other)
        simple_exclusions.append(other)
    limit = wage.small_claims_limit if wage else None
    agreed = wage.agreed_limit if wage else None
    amount = facts.claim_amount

    # 1. Small claims.
    small_ok = (
        facts.money_payment_only
        and simple
        and not small_exclusions
        and not simple_exclusions
        and amount is not None
        and limit is not None
        and agreed is not None
    )
    if small_ok and amount is not None and limit is not None and agreed is not None:
        if amount <= limit:
            reasons += simple_reasons
            reasons.append(
                Reason(
                    "small_claims",
                    f"简单金钱给付案件，标的额{amount}元不超过{wage.wage_year if wage else ''}年度平均工资的50%（{limit}元），"
                    "应当适用小额诉讼程序，一审终审",
                    f"{CPL} 第165条第1款；{JIESHI} 第272条",
                )
            )
            return TriageResult(
                Procedure.SMALL_CLAIMS, tuple(reasons), wage, limit, agreed, True, tuple(warnings)
            )
        if amount <= agreed and facts.parties_agree_small_claims:
            reasons += simple_reasons
            reasons.append(
                Reason(
                    "small_claims_agreed",
                    f"标的额{amount}元超过{limit}元但不超过{agreed}元，双方约定适用小额诉讼程序",
                    f"{CPL} 第165条第2款",
                )
            )
            return TriageResult(
                Procedure.SMALL_CLAIMS, tuple(reasons), wage, limit, agreed, True, tuple(warnings)
            )
    if not facts.money_payment_only:
        reasons.append(
            Reason("not_money", "非单纯金钱给付案件，不适用小额诉讼程序", f"{CPL} 第165条")
        )
    elif amount is None:
        reasons.append(Reason("no_amount", "标的额未确定，不适用小额诉讼程序", f"{CPL} 第165条"))
    elif limit is not None and agreed is not None and amount > limit and not small_exclusions:
        if amount > agreed:
            text = f"标的额{amount}元超过平均工资二倍（{agreed}元），不适用小额诉讼程序"
        else:
            text = f"标的额{amount}元超过小额诉讼标的限额{limit}元，双方未约定适用小额诉讼程序"
        reasons.append(Reason("over_limit", text, f"{CPL} 第165条"))
    reasons += small_exclusions

    # 2. Simple procedure.
    if simple_exclusions:
        reasons += simple_exclusions
        reasons.append(Reason("ordinary", "不适用简易程序，适用普通程序", f"{JIESHI} 第257、264条"))
        return TriageResult(
            Procedure.ORDINARY, tuple(reasons), wage, limit, agreed, False, tuple(warnings)
        )
    reasons += simple_reasons
    if simple:
        if amount is not None and agreed is not None and amount <= agreed:
            text = f"简单民事案件，标的额不超过平均工资二倍（{agreed}元），应当适用简易程序"
            article = "延长审限和延期开庭规定 第4条第2款"
        else:
            text = "简单民事案件，适用简易程序"
            article = f"{CPL} 第160条第1款"
        reasons.append(Reason("simple", text, article))
        return TriageResult(
            Procedure.SIMPLE, tuple(reasons), wage, limit, agreed, False, tuple(warnings)
        )
    if facts.parties_agree_simple:
        reasons.append(
            Reason(
                "simple_agreed",
                "双方当事人在开庭前约定适用简易程序",
                f"{CPL} 第160条第2款；{JIESHI} 第264条",
            )
        )
        return TriageResult(
            Procedure.SIMPLE, tuple(reasons), wage, limit, agreed, False, tuple(warnings)
        )
    reasons.append(Reason("ordinary", "不符合简单民事案件条件，适用普通程序", f"{CPL} 第160条"))
    return TriageResult(
        Procedure.ORDINARY, tuple(reasons), wage, limit, agreed, False, tuple(warnings)
    )


# ---------------------------------------------------------------------------------------------
# Judge assignment


@dataclass(frozen=True)
class JudgeCandidate:
    """A judge who could take the case. `load` is the number of open cases; `max_load` a court's
    cap (None: none); `specialties` cause names or codes the judge handles by preference."""

    judge_id: int | str
    name: str
    load: int
    specialties: frozenset[str] = field(default_factory=frozenset)
    available: bool = True
    max_load: int | None = None


@dataclass(frozen=True)
class Assignment:
    judge: JudgeCandidate
    reason: str
    ranking: tuple[JudgeCandidate, ...]


def assign_judge(
    candidates: Sequence[JudgeCandidate],
    *,
    cause: str | None = None,
    recused: Iterable[int | str] = (),
    specialty_margin: int = 3,
) -> Assignment:
    """Pick a judge by rule: available, not recused (回避, CPL 第47条), under the load cap; a
    specialist in `cause` wins if their load is within `specialty_margin` of the lightest load
    (specialty helps quality, but not at the price of an unbalanced docket); otherwise the lightest
    load wins; ties go to the smallest id so the choice is reproducible."""
    blocked = set(recused)
    pool = [
        c
        for c in candidates
        if c.available and c.judge_id not in blocked and (c.max_load is None or c.load < c.max_load)
    ]
    if not pool:
        raise RuleInputError("judge", "没有可分配的承办法官（均不可用、需回避或已达办案上限）")
    ranking = tuple(sorted(pool, key=lambda c: (c.load, str(c.judge_id))))
    lightest = ranking[0]
    if cause:
        specialists = [c for c in ranking if cause in c.specialties]
        if specialists and specialists[0].load <= lightest.load + specialty_margin:
            chosen = specialists[0]
            reason = (
                f"分配给{chosen.name}：擅长「{cause}」，在办案件{chosen.load}件，"
                f"与最少在办数{lightest.load}件相差不超过{specialty_margin}件"
            )
            return Assignment(chosen, reason, ranking)
        if specialists:
            reason = (
                f"分配给{lightest.name}：在办案件最少（{lightest.load}件）；擅长「{cause}」的法官"
                f"在办案件过多（{specialists[0].load}件）"
            )
            return Assignment(lightest, reason, ranking)
    reason = f"分配给{lightest.name}：在办案件最少（{lightest.load}件）"
    return Assignment(lightest, reason, ranking)
