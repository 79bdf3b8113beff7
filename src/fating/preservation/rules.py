"""Property preservation (财产保全): who must give security and how much, and the deadlines the
court must meet. Pure (no Django); the periods go through the one calendar engine.

- In suit (诉中, CPL 第103条): the court may order security; if it does, the security is at most
  30% of the amount to preserve (财产保全规定 第5条第1款), and none may be asked in the claims of
  第9条 (maintenance, wages, work injury, traffic-accident personal injury, …). The ruling is due
  within 5 days of the application, or of the security when security was ordered (第4条); within
  48 hours when urgent (CPL 第103条第3款).
- Before suit (诉前, CPL 第104条): security is required and equals the amount to preserve (财产保全
  规定 第5条第2款; the court may decide otherwise in special circumstances); the ruling is due
  within 48 hours; the applicant must sue within 30 days after the measures, else the court
  releases them (第104条第3款).
- The fee (申请费) is the fee engine's (诉讼费用交纳办法 第14条(二)).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from fating.core.calendar import HolidayCalendar, days, period_end
from fating.core.machine import Machine, t

IN_SUIT_SECURITY_CAP = Decimal("0.30")  # 财产保全规定 第5条第1款
URGENT_HOURS = 48  # CPL 第103条第3款、第104条第2款
RULING_DAYS = 5  # 财产保全规定 第4条
SUE_WITHIN_DAYS = 30  # CPL 第104条第3款
# 财产保全规定 第9条(一): claims in which the court may dispense with security.
NO_SECURITY_CAUSES = (
    "赡养费", "扶养费", "抚养费", "抚育费", "抚恤金", "医疗费", "劳动报酬", "工伤", "交通事故",
)  # fmt: skip


class Kind(StrEnum):
    IN_SUIT = "in_suit"
    PRE_SUIT = "pre_suit"


class State(StrEnum):
    APPLIED = "applied"
    AWAITING_SECURITY = "awaiting_security"
    GRANTED = "granted"
    REFUSED = "refused"
    RELEASED = "released"


PRESERVATION: Machine[State] = Machine(
    states={
        State.APPLIED: "待审查",
        State.AWAITING_SECURITY: "待提供担保",
        State.GRANTED: "裁定保全",
        State.REFUSED: "驳回申请",
        State.RELEASED: "已解除保全",
    },
    refusal="保全申请{state}，不能{action}。",
    transitions=[
        t("order_security", "责令提供担保", State.APPLIED, State.AWAITING_SECURITY),
        t("grant", "裁定保全", (State.APPLIED, State.AWAITING_SECURITY), State.GRANTED),
        t("refuse", "裁定驳回", (State.APPLIED, State.AWAITING_SECURITY), State.REFUSED),
        t("release", "解除保全", State.GRANTED, State.RELEASED),
    ],
)


def security_cap(kind: Kind, amount: Decimal) -> Decimal:
    """The most security the court may ask (元, to the fen)."""
    cap = amount if kind is Kind.PRE_SUIT else amount * IN_SUIT_SECURITY_CAP
    return cap.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def security_waivable(cause_name: str) -> bool:
    """Whether the cause is one of 第9条(一)'s claims, where security may be dispensed with."""
    return any(word in (cause_name or "") for word in NO_SECURITY_CAUSES)


def hours_deadline(received: dt.datetime, hours: int = URGENT_HOURS) -> dt.datetime:
    """A period in hours: the hour it starts in is not counted (CPL 第85条第2款), so it runs
    from the next full hour."""
    start = received.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    return start + dt.timedelta(hours=hours)


def ruling_due(
    *,
    kind: Kind,
    urgent: bool,
    received: dt.datetime,
    security_given_on: dt.date | None = None,
    calendar: HolidayCalendar | None = None,
) -> tuple[dt.datetime | None, dt.date | None, str]:
    """When the ruling is due: (a moment for 48-hour periods, or a last day for 5-day periods,
    and the article). A 5-day period runs from the security when security was ordered."""
    if kind is Kind.PRE_SUIT:
        return hours_deadline(received), None, "民事诉讼法 第104条第2款"
    if urgent:
        return hours_deadline(received), None, "民事诉讼法 第103条第3款"
    start = security_given_on or received.date()
    end = period_end(start, days(RULING_DAYS), calendar=calendar).end
    return None, end, "财产保全规定 第4条；民事诉讼法 第85条"


def sue_by(measures_on: dt.date, calendar: HolidayCalendar | None = None) -> dt.date:
    """Last day for a pre-suit applicant to sue after the measures (CPL 第104条第3款)."""
    return period_end(measures_on, days(SUE_WITHIN_DAYS), calendar=calendar).end
