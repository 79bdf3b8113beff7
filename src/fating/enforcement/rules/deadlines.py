"""Deadlines of enforcement, through the one calendar engine. Pure, no Django.

- Application limit 申请执行期间 (民事诉讼法 第250条): two years, counted from the last day of the
  performance period the document fixes; for instalments from the day the last instalment falls
  due; with no period fixed from the day the document took effect. Suspension and interruption
  follow the limitation rules (第250条第1款; 民法典 第194–195条): an interruption starts the two years
  again from the interrupting day. The start day is not counted and a last day on a rest day moves
  to the next working day (民事诉讼法 第85条, through `fating.core.calendar.period_end`).
- Freezing periods (民诉法解释 第485条): bank deposits at most one year, movables two years, real
  estate and other property rights three years; a renewal (续行) before expiry for at most the same
  period. A reminder is due some days before the end (D10: "Remind before expiry").
- Time limit 执行期限: six months from filing, three for 非诉执行 (严格执行案件审理期限制度的若干规定
  第5条).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from fating.core.calendar import HolidayCalendar, PeriodEnd, months, period_end, years

LIMIT_ARTICLE = "民事诉讼法 第250条"
FREEZE_ARTICLE = "民诉法解释 第485条"
TIME_LIMIT_ARTICLE = "严格执行案件审理期限制度的若干规定 第5条"
APPLICATION_YEARS = 2


@dataclass(frozen=True)
class LimitCheck:
    """The answer to "is this application in time": the day the two years start, why, their
    last day (holiday-adjusted) and whether `applied_on` is within it."""

    start: dt.date
    basis: str
    end: PeriodEnd
    applied_on: dt.date
    in_time: bool

    def explanation(self) -> str:
        verdict = "未超过" if self.in_time else "已超过"
        return f"{self.basis}；{self.end.explanation()}；{self.applied_on.isoformat()}申请，{verdict}申请执行期间（{LIMIT_ARTICLE}）"


def limit_start(
    *,
    effective_on: dt.date,
    performance_last_day: dt.date | None = None,
    instalment_due_days: Sequence[dt.date] = (),
) -> tuple[dt.date, str]:
    """The day the two years are counted from (第250条第2款) and the sentence saying why."""
    if instalment_due_days:
        return max(instalment_due_days), "分期履行，自最后一期履行期限届满之日起计算"
    if performance_last_day is not None:
        return performance_last_day, "自法律文书规定履行期间的最后一日起计算"
    return effective_on, "法律文书未规定履行期间，自法律文书生效之日起计算"


def check_application_limit(
    *,
    applied_on: dt.date,
    effective_on: dt.date,
    performance_last_day: dt.date | None = None,
    instalment_due_days: Sequence[dt.date] = (),
    interrupted_on: dt.date | None = None,
    calendar: HolidayCalendar | None = None,
) -> LimitCheck:
    """Whether an application filed on `applied_on` is within the two years of 第250条."""
    start, basis = limit_start(
        effective_on=effective_on,
        performance_last_day=performance_last_day,
        instalment_due_days=instalment_due_days,
    )
    if interrupted_on is not None and interrupted_on > start:
        start, basis = interrupted_on, f"{basis}；因中断自{interrupted_on.isoformat()}重新计算"
    end = period_end(start, years(APPLICATION_YEARS), calendar=calendar)
    return LimitCheck(
        start=start, basis=basis, end=end, applied_on=applied_on, in_time=applied_on <= end.end
    )


class PropertyKind(enum.StrEnum):
    DEPOSIT = "deposit"
    MOVABLE = "movable"
    REAL_ESTATE = "real_estate"
    OTHER_RIGHT = "other_right"


PROPERTY_LABELS = {
    PropertyKind.DEPOSIT: "银行存款",
    PropertyKind.MOVABLE: "动产",
    PropertyKind.REAL_ESTATE: "不动产",
    PropertyKind.OTHER_RIGHT: "其他财产权",
}
FREEZE_YEARS = {
    PropertyKind.DEPOSIT: 1,
    PropertyKind.MOVABLE: 2,
    PropertyKind.REAL_ESTATE: 3,
    PropertyKind.OTHER_RIGHT: 3,
}
REMIND_DAYS_BEFORE = 30


def freeze_end(kind: PropertyKind | str, start: dt.date) -> dt.date:
    """The last day of a freeze / seizure begun on `start` (第485条第1款). Not moved for a rest
    day: it is the longest period the court may set, not a party's period to act."""
    return period_end(start, years(FREEZE_YEARS[PropertyKind(kind)]), extend_for_holiday=False).end


def renewal_end(kind: PropertyKind | str, current_end: dt.date, renewed_on: dt.date) -> dt.date:
    """A renewal (续行) done on `renewed_on`, before `current_end`, runs at most the same period
    again from the current end (第485条第2款). Refused once the freeze has lapsed."""
    if renewed_on > current_end:
        raise ValueError("查封、扣押、冻结期限已届满，不能续行")
    return freeze_end(kind, current_end)


def remind_on(end: dt.date, days_before: int = REMIND_DAYS_BEFORE) -> dt.date:
    return end - dt.timedelta(days=days_before)


def time_limit_end(filed_on: dt.date, *, non_litigation: bool = False) -> dt.date:
    """The last day of the 执行期限: 6 months, 3 for 非诉执行 (2000规定 第5条)."""
    return period_end(filed_on, months(3 if non_litigation else 6)).end
