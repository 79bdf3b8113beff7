"""The one place where services call the pure legal rules for periods, time limits and triage
(cases.rules.periods, time_limits, triage — written by another helper). Services never import
those modules directly, so a change in their API is absorbed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from fating.cases.rules import periods as period_rules
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


def province_of(court: Any) -> str | None:
    """The province abbreviation is the first character of the 法院代字 (案号规定 第4条)."""
    first = (court.code or "")[:1]
    return first if first in PROVINCE_ABBREVIATIONS else None


def end_of_period(start: date, days: int) -> date:
    """Last day of a period of `days` days triggered on `start`: the start day is not counted and
    a last day on a rest day moves to the next working day (CPL 第85条)."""
    return period_rules.period_end(start, period_rules.days(days)).end


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
        procedure=limit_rules.CaseProcedure(procedure), filed_on=accepted_on, as_of=accepted_on
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
    result = triage_rules.triage(facts)
    reasons = tuple(f"{r.text}（{r.article}）" for r in result.reasons) + tuple(result.warnings)
    return Triage(str(result.procedure), reasons)


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
) -> FeeResult:
    """案件受理费 with the court's province schedule and rounding (办法 第13–18条)."""
    request = FeeRequest(
        kind=FeeKind(fee_kind),
        amount=amount if (amount or fee_kind == "property") else None,
        procedure=Procedure(procedure),
        closure=Closure(closure) if closure else None,
    )
    return calculate_fee(
        request, schedule=schedule_for(province_of(court), on), rounding=rounding_for(court)
    )
