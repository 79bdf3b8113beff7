"""The one place where selectors and services call the pure legal rules for periods, time limits
and triage (cases.rules.periods, time_limits, triage — written by another helper). They never
import those modules directly, so a change in their API is absorbed here. Outside
cases.services because selectors read through it too: it writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from fating.cases.rules import risk as risk_rules
from fating.cases.rules import time_limits as limit_rules
from fating.cases.rules import triage as triage_rules
from fating.cases.rules.case_numbers import PROVINCE_ABBREVIATIONS
from fating.cases.rules.fee_tables import (
    ROUND_TO_FEN,
    ROUND_TO_YUAN,
    Closure,
    FeeKind,
    Procedure,
    RoundingPolicy,
    schedule_for,
)
from fating.cases.rules.fees import FeeRequest, FeeResult, calculate_fee
from fating.core import calendar as calendar_rules
from fating.core.calendar import periods as period_rules
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError


def province_of(court: Any) -> str | None:
    """The province abbreviation is the first character of the 法院代字 (案号规定 第4条)."""
    first = (court.code or "")[:1]
    return first if first in PROVINCE_ABBREVIATIONS else None


def end_of_period(start: date, days: int) -> date:
    """Last day of a period of `days` days triggered on `start`: the start day is not counted and
    a last day on a rest day moves to the next working day (CPL 第85条), on the court calendar
    (shipped holiday years plus the years the court loaded)."""
    return period_rules.period_end(start, period_rules.days(days), calendar=court_calendar()).end


def end_of_months(start: date, months: int) -> date:
    """Last day of a period of `months` months triggered on `start`: the corresponding day, or
    the month's last day (民法典 第202条), then moved off a rest day (CPL 第85条)."""
    return period_rules.period_end(
        start, period_rules.months(months), calendar=court_calendar()
    ).end


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` on the court calendar (调休 included)."""
    return calendar_rules.add_working_days(start, count, court_calendar())


def calendar_warning(*days: date | None) -> str | None:
    """The sentence to show next to a deadline on `days` when the court calendar does not cover
    (or has not verified) their years, e.g. "该年度节假日安排尚未导入，期限按周末推算，请核对"."""
    known = [d for d in days if d is not None]
    return court_calendar().warning_for(*known) if known else None


# --------------------------------------------------------------------------------------------
# Review of a filing (登记立案规定 第8条)

REVIEW_DAYS_DEFAULT = 7  # 民事起诉: 收到起诉状之日起七日内 (第8条(一); CPL 第126条)
REVIEW_DAYS_THIRD_PARTY_REVOCATION = 30  # 第三人撤销之诉 (第8条(三))
REVIEW_DAYS_ENFORCEMENT_OBJECTION = 15  # 执行异议之诉 (第8条(四))


def review_due_on(received_on: date, *, type_code: str, cause_name: str = "") -> date:
    """Last day to decide whether to register a complaint received on `received_on`."""
    days = REVIEW_DAYS_DEFAULT
    if type_code == "民撤":
        days = REVIEW_DAYS_THIRD_PARTY_REVOCATION
    elif "执行异议之诉" in cause_name:
        days = REVIEW_DAYS_ENFORCEMENT_OBJECTION
    return end_of_period(received_on, days)


def fee_due_on(notice_on: date) -> date:
    """Prepay within 7 days after the day the fee notice is received (办法 第22条)."""
    return end_of_period(notice_on, 7)


def refund_due_on(effective_on: date) -> date:
    """Refund within 15 days after the document takes effect (办法 第53条)."""
    return end_of_period(effective_on, 15)


# --------------------------------------------------------------------------------------------
# Trial time limits 审限 (LEGAL-RULES D4)


@dataclass(frozen=True)
class TimeLimit:
    due_on: date
    basis: str


def trial_time_limit(*, accepted_on: date, procedure: str) -> TimeLimit:
    """The 审限 of a case accepted on `accepted_on`, counted from the next day."""
    status = limit_rules.compute_time_limit(
        procedure=limit_rules.CaseProcedure(procedure),
        filed_on=accepted_on,
        as_of=accepted_on,
        calendar=court_calendar(),
    )
    return TimeLimit(status.due_on, "；".join(status.articles))


# --------------------------------------------------------------------------------------------
# Triage 繁简分流 (LEGAL-RULES D2, D3)

SIMPLE_CASE_TESTS = (
    "statements_consistent",
    "evidence_provided",
    "liability_clear",
    "no_fundamental_dispute",
)


@dataclass(frozen=True)
class Triage:
    procedure: str
    reasons: tuple[str, ...]
    #: The small-claims limit behind the recommendation is not an official figure: the filing
    #: clerk must confirm the procedure (CPL 第165条 makes small claims compulsory and final).
    needs_confirmation: bool = False


LIMIT_UNVERIFIED = gettext_noop("标的额限额未经核实，需立案庭人工确认")


def wage_table() -> triage_rules.WageTable:
    """The data-file figures overridden by the official figures courts loaded (WageFigure)."""
    from fating.cases.models import WageFigure

    loaded = [
        triage_rules.WageRecord(
            province=f.province,
            wage_year=f.wage_year,
            average_wage=f.average_wage,
            effective_from=f.effective_from,
            source=f.source,
            confidence=triage_rules.OFFICIAL,
            published_limit=f.small_claims_limit,
            published_agreed_limit=f.agreed_limit,
        )
        for f in WageFigure.objects.all()
    ]
    return triage_rules.default_wage_table().extended(loaded)


def wage_in_force(court: Any, on: date) -> triage_rules.WageRecord | None:
    province = province_of(court)
    return None if province is None else wage_table().in_force(province, on)


def parse_wage_figure(data: dict[str, Any]) -> triage_rules.WageRecord:
    """Validate an official figure with the same parser as the data file."""
    return triage_rules.parse_wage_record({**data, "confidence": triage_rules.OFFICIAL})


def triage(
    *,
    amount: Decimal | None,
    court: Any,
    on: date,
    money_only: bool,
    simple_case: bool | None = None,
    parties_agree_small_claims: bool = False,
) -> Triage:
    """Procedure for a first-instance civil case at a basic court or tribunal.

    `simple_case` is the reviewer's finding on 解释 第256条 (事实清楚、权利义务关系明确、争议不大);
    None leaves it open, which never counts as simple (the reasons say what is missing).
    """
    province = province_of(court)
    if province is None:
        return Triage(
            "ordinary", ("法院代字无法确定省份，无法判断小额诉讼标的限额，适用普通程序。",)
        )
    answers: dict[str, bool | None] = dict.fromkeys(SIMPLE_CASE_TESTS, simple_case)
    answers["needs_court_investigation"] = None if simple_case is None else not simple_case
    facts = triage_rules.CaseFacts(
        province=province,
        filed_on=on,
        claim_amount=amount if money_only else None,
        money_payment_only=money_only,
        parties_agree_small_claims=parties_agree_small_claims,
        **answers,
    )
    result = triage_rules.triage(facts, wages=wage_table())
    reasons = tuple(f"{r.text}（{r.article}）" for r in result.reasons) + tuple(result.warnings)
    if result.limit_unverified:
        reasons += (f"{LIMIT_UNVERIFIED}（民事诉讼法 第165条；民诉法解释 第272条）",)
    return Triage(str(result.procedure), reasons, result.limit_unverified)


@dataclass(frozen=True)
class JudgeLoad:
    judge_id: int
    name: str
    load: int


def pick_judge(candidates: list[JudgeLoad], *, cause: str | None) -> tuple[int, str] | None:
    """The judge by rule with load balance (rules.triage.assign_judge); None when nobody fits."""
    if not candidates:
        return None
    try:
        chosen = triage_rules.assign_judge(
            [triage_rules.JudgeCandidate(c.judge_id, c.name, c.load) for c in candidates],
            cause=cause,
        )
    except triage_rules.RuleInputError:
        return None
    return int(chosen.judge.judge_id), chosen.reason


# --------------------------------------------------------------------------------------------
# Fees


def rounding_for(court: Any) -> RoundingPolicy:
    """The court's rounding setting; default exact value half-up to the fen (LEGAL-RULES §0)."""
    from fating.cases.models import CourtFeeSetting

    setting = CourtFeeSetting.objects.filter(court_id=court.pk).first()
    return ROUND_TO_YUAN if setting and setting.rounding == "yuan" else ROUND_TO_FEN


def case_fee(
    *,
    court: Any,
    fee_kind: str,
    amount: Decimal | None,
    procedure: str,
    closure: str | None = None,
    on: date | None = None,
    counterclaim: bool = False,
) -> FeeResult:
    """案件受理费 with the court's province schedule and rounding (办法 第13–18条)."""
    request = FeeRequest(
        kind=FeeKind(fee_kind),
        amount=amount if (amount or fee_kind == "property") else None,
        procedure=Procedure(procedure),
        closure=Closure(closure) if closure else None,
        counterclaim=counterclaim,
    )
    return calculate_fee(
        request, schedule=schedule_for(province_of(court), on), rounding=rounding_for(court)
    )


# --------------------------------------------------------------------------------------------
# 审限 of a case from its recorded extensions, excluded periods and procedure changes

EXCLUDED_KIND_LABELS: dict[str, str] = {
    str(kind): info.label for kind, info in limit_rules.EXCLUDED_KINDS.items()
}
ENFORCEMENT_ONLY_KINDS = frozenset(
    str(kind) for kind, info in limit_rules.EXCLUDED_KINDS.items() if info.enforcement_only
)
ALERT_LABELS: dict[str, str] = {str(k): v for k, v in limit_rules.ALERT_LABELS.items()}
APPROACHING, EXTENSION_WINDOW, CRITICAL, OVERDUE = (
    str(limit_rules.Alert.APPROACHING),
    str(limit_rules.Alert.EXTENSION_WINDOW),
    str(limit_rules.Alert.CRITICAL),
    str(limit_rules.Alert.OVERDUE),
)
WARNING_ALERTS = (APPROACHING, EXTENSION_WINDOW, CRITICAL, OVERDUE)
TimeLimitStatus = limit_rules.TimeLimitStatus
RuleInputError = limit_rules.RuleInputError


def _duration(amount: int, unit: str) -> period_rules.Duration:
    return period_rules.months(amount) if unit == "month" else period_rules.days(amount)


def _in_order(rows: Any, *fields: str) -> list[Any]:
    """`rows.all()` sorted in Python, so a list of cases that prefetched them (the docket) costs
    no query per case; a missing date sorts first."""
    return sorted(rows.all(), key=lambda r: tuple(getattr(r, f) or date.min for f in fields))


def _original_procedure(case: Any) -> str:
    changes = _in_order(case.procedure_changes, "on", "pk")
    return changes[0].from_procedure if changes else case.procedure


def case_time_limit(
    case: Any,
    *,
    as_of: date,
    extra_extension: tuple[str, int, str, date] | None = None,
    extra_excluded: tuple[str, date, date | None] | None = None,
    extra_change: tuple[str, date, bool] | None = None,
    calendar: Any = None,
) -> limit_rules.TimeLimitStatus:
    """Where `case` stands on `as_of`, from its approved extensions, excluded periods and
    procedure changes. The `extra_*` arguments try a row not yet saved (approver, amount, unit,
    granted_on) / (kind, start, end) / (to, on, before_first_hearing), so a service can refuse
    what the rules refuse before writing. A list of cases passes one `calendar` for all rows
    (each lookup of it checks the holiday table). Raises RuleInputError (a FieldError)."""
    extensions = [
        limit_rules.Extension(
            approver=limit_rules.Approver(e.approver),
            length=_duration(e.amount, e.unit),
            granted_on=e.decided_on,
            requested_on=e.requested_on,
        )
        for e in _in_order(case.extensions, "decided_on", "pk")
        if e.status == "approved"
    ]
    if extra_extension is not None:
        approver, amount, unit, granted_on = extra_extension
        extensions.append(
            limit_rules.Extension(
                approver=limit_rules.Approver(approver),
                length=_duration(amount, unit),
                granted_on=granted_on,
            )
        )
    excluded = [
        limit_rules.ExcludedPeriod(limit_rules.ExcludedKind(p.kind), p.start, p.end)
        for p in case.excluded_periods.all()
    ]
    if extra_excluded is not None:
        kind, start, end = extra_excluded
        excluded.append(limit_rules.ExcludedPeriod(limit_rules.ExcludedKind(kind), start, end))
    changes = [
        limit_rules.ProcedureChange(
            limit_rules.CaseProcedure(c.to_procedure), c.on, c.before_first_hearing
        )
        for c in _in_order(case.procedure_changes, "on", "pk")
    ]
    if extra_change is not None:
        to, on, before = extra_change
        changes.append(limit_rules.ProcedureChange(limit_rules.CaseProcedure(to), on, before))
    original = _original_procedure(case) if (changes or extra_change) else case.procedure
    return limit_rules.compute_time_limit(
        procedure=limit_rules.CaseProcedure(original),
        filed_on=case.accepted_on,
        as_of=max(as_of, case.accepted_on),
        extensions=extensions,
        excluded=excluded,
        changes=changes,
        closed_on=case.closed_on,
        calendar=calendar or court_calendar(),
    )


def next_extension_approver(status: limit_rules.TimeLimitStatus) -> str | None:
    return str(status.next_approver) if status.next_approver is not None else None


def default_extension(procedure: str, approver: str) -> tuple[int, str] | None:
    """The length the rules allow at that rung (e.g. 6 months by the president for ordinary
    procedure); None where the law names no length (the higher court sets it)."""
    rule = limit_rules.TIME_LIMIT_RULES[limit_rules.CaseProcedure(procedure)]
    for step in rule.steps:
        if str(step.approver) == approver and step.max_total is not None:
            unit = "day" if step.max_total.unit is period_rules.PeriodUnit.DAY else "month"
            return step.max_total.amount, unit
    return None


def is_conversion_allowed(old: str, new: str) -> bool:
    return (
        limit_rules.CaseProcedure(old),
        limit_rules.CaseProcedure(new),
    ) in limit_rules.ALLOWED_CONVERSIONS


# The one published definition of 审限内结案率, read by the 审限 page and API (`closure_rates`) and
# by the governance indicators (analytics). Both count cases by their 结案 date (严格执行审限若干
# 规定 第10条) and compare it with the due date (rules.time_limits.in_time_closure_rate).
IN_TIME_DEFINITION = gettext_lazy(
    "审限内结案率 = 期间内（按结案日）结案的案件中，在审限届满日或之前结案的件数 ÷ 期间内结案数"
    "（结案日期依《最高人民法院关于严格执行案件审理期限制度的若干规定》第10条；审限届满日已扣除"
    "依法不计入审限的期间并计入经批准的延长）。"
)


@dataclass(frozen=True)
class ClosureRate:
    closed: int
    in_time: int
    percent: Decimal | None


def closure_rate(rows: list[tuple[date, date | None]]) -> ClosureRate:
    """审限内结案率 over (due_on, closed_on) pairs (rules.time_limits.in_time_closure_rate)."""

    @dataclass(frozen=True)
    class _Row:
        due_on: date
        closed_on: date | None

    rate = limit_rules.in_time_closure_rate(_Row(d, c) for d, c in rows)
    return ClosureRate(rate.closed, rate.in_time, rate.percent(1))


# --------------------------------------------------------------------------------------------
# 诉讼风险评估 (rules.risk): limitation, fee, procedure, expected duration, evidence checklist

RISK_HINTS = (
    "needs_appraisal",
    "party_whereabouts_unknown",
    "personal_status_or_ownership",
    "foreign_related",
    "counterclaim",
    "parties_agree_small_claims",
)
CLAIM_KINDS = {str(k): k for k in risk_rules.ClaimKind}
RISK_PROCEDURES = ("small_claims", "simple", "ordinary")


def risk_assessment(
    *,
    court: Any,
    cause: str,
    amount: Decimal | None,
    money_only: bool,
    as_of: date,
    knew_on: date | None,
    harmed_on: date | None = None,
    interruptions: tuple[date, ...] = (),
    claim_kind: str = "ordinary",
    simple_case: bool | None = None,
    history: dict[str, list[int]] | None = None,
    hints: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """One JSON-ready 诉讼风险评估 for the page, the print view and the API. It informs and
    decides nothing (民法典 第193条: limitation is never applied by the court of its own motion)."""
    province = province_of(court)
    if province is None:
        raise FieldError({"court": _("法院代字无法确定省份，无法评估。")})
    if amount is not None and amount < 0:
        raise FieldError({"amount": _("金额不能为负数。")})
    if claim_kind not in CLAIM_KINDS:
        raise FieldError({"claim_kind": _("请求类型无效。")})
    answers: dict[str, bool | None] = dict.fromkeys(SIMPLE_CASE_TESTS, simple_case)
    answers["needs_court_investigation"] = None if simple_case is None else not simple_case
    facts = triage_rules.CaseFacts(
        province=province,
        filed_on=as_of,
        claim_amount=amount if money_only else None,
        money_payment_only=money_only,
        **answers,
        **{h: h in hints for h in RISK_HINTS},
    )
    result = risk_rules.assess_risk(
        facts=facts,
        cause=cause,
        as_of=as_of,
        knew_on=knew_on,
        harmed_on=harmed_on,
        interruptions=interruptions,
        claim_kind=CLAIM_KINDS[claim_kind],
        history=history or {},
        calendar=court_calendar(),
    )
    limitation = result.limitation
    routed = result.triage
    durations = [
        risk_rules.expected_duration(fee_tables_procedure(p), history or {})
        for p in RISK_PROCEDURES
    ]
    checklist = result.checklist
    return {
        "as_of": as_of,
        "cause": cause,
        "limitation": {
            "state": str(limitation.state),
            "expires_on": limitation.expires_on,
            "counts_from": limitation.counts_from,
            "long_stop": limitation.long_stop,
            "hints": list(limitation.hints),
            "article": "民法典 第188条",
        },
        "procedure": {
            "procedure": str(routed.procedure),
            "reasons": list(routed.reason_texts) + list(routed.warnings),
            "small_claims_limit": routed.small_claims_limit,
            "agreed_limit": routed.agreed_limit,
            "small_claims_eligible": str(routed.procedure) == "small_claims",
            "one_instance_final": routed.one_instance_final,
        },
        "fee": None if result.fee is None else result.fee.as_dict(),
        "durations": [
            {
                "procedure": d.procedure,
                "sample_size": d.sample_size,
                "median_days": d.median_days,
                "p25_days": d.p25_days,
                "p75_days": d.p75_days,
                "p90_days": d.p90_days,
                "statutory_limit": d.statutory_limit,
                "expected": d.procedure == str(routed.procedure),
            }
            for d in durations
        ],
        "checklist": None
        if checklist is None
        else {
            "cause": checklist.cause,
            "article": checklist.article,
            "items": [
                {"name": i.name, "why": i.why, "essential": i.essential} for i in checklist.items
            ],
        },
    }


def fee_tables_procedure(value: str) -> Procedure:
    return Procedure(value)
