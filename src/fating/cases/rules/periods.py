"""Period arithmetic 期间计算 for civil procedure. Pure, no Django.

CPL 第85条 (2023 numbering, unchanged from 2021):
- 第2款: periods are counted in hours, days, months or years; the starting hour/day is not counted.
  解释 第125条: a day/month/year period runs from the next day.
- 第3款: if the last day is a 法定休假日, the period ends on the first day after the holiday.
- 第4款: time in the post is excluded — a document posted before expiry is in time.

CPL does not say how a month is counted; 民法典 第202条 (applied through 第204条 "法律另有规定的
除外", since CPL is silent) does: the period ends on the corresponding day of the final month, or
on that month's last day if it has none. So 1月31日 + 1个月 = 2月28日 (29 in a leap year).

"法定休假日" is read as every rest day in the calendar — weekends and the State Council's holiday
spans — and a 调休 Saturday that is a working day is NOT a rest day. The first day "after" the
holiday is read as the first working day (a holiday that ends on a Friday before an ordinary
weekend moves the end to Monday), which is how courts apply 第85条 and 民法典 第203条.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from fating.cases.rules.calendar import (
    HolidayCalendar,
    RuleInputError,
    default_calendar,
    working_day_on_or_after,
)

CPL_PERIODS = "民事诉讼法 第85条"


class PeriodUnit(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


UNIT_LABELS = {PeriodUnit.DAY: "日", PeriodUnit.MONTH: "个月", PeriodUnit.YEAR: "年"}


@dataclass(frozen=True)
class Duration:
    """A statutory length such as 15 days or 6 months."""

    amount: int
    unit: PeriodUnit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise RuleInputError("amount", "期间长度不能为负数")

    def __str__(self) -> str:
        return f"{self.amount}{UNIT_LABELS[self.unit]}"


def days(n: int) -> Duration:
    return Duration(n, PeriodUnit.DAY)


def months(n: int) -> Duration:
    return Duration(n, PeriodUnit.MONTH)


def years(n: int) -> Duration:
    return Duration(n, PeriodUnit.YEAR)


def add_months(day: dt.date, count: int) -> dt.date:
    """The corresponding day `count` months later; the month's last day when there is none
    (民法典 第202条). Negative counts go back."""
    index = day.year * 12 + (day.month - 1) + count
    year, month = divmod(index, 12)
    last = _gregorian.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def nominal_end(start: dt.date, duration: Duration) -> dt.date:
    """The last day before any holiday adjustment. `start` is the day of the triggering event
    (service, 立案…); it is not counted (CPL 第85条第2款; 解释 第125条)."""
    if duration.unit is PeriodUnit.DAY:
        return start + dt.timedelta(days=duration.amount)
    factor = 12 if duration.unit is PeriodUnit.YEAR else 1
    return add_months(start, duration.amount * factor)


@dataclass(frozen=True)
class PeriodEnd:
    """The result of a period computation.

    `nominal_end` is the arithmetic last day; `end` the last day after CPL 第85条第3款;
    `holiday` names the rest day that moved it; `certain` is False when the calendar has no
    arrangement for a year the result depends on (weekends-only guess)."""

    start: dt.date
    duration: Duration
    nominal_end: dt.date
    end: dt.date
    holiday: str | None
    certain: bool
    articles: tuple[str, ...]

    @property
    def extended_for_holiday(self) -> bool:
        return self.end != self.nominal_end

    def explanation(self) -> str:
        text = (
            f"自{self.start.isoformat()}次日起算{self.duration}，"
            f"届满日为{self.nominal_end.isoformat()}"
        )
        if self.extended_for_holiday:
            text += f"（{self.holiday}），顺延至{self.end.isoformat()}"
        if not self.certain:
            text += "；注意：该年度节假日安排未载入日历，仅按周末推算"
        return text


def holiday_adjusted(
    day: dt.date, calendar: HolidayCalendar | None = None
) -> tuple[dt.date, str | None]:
    """CPL 第85条第3款: a last day on a rest day moves to the next working day."""
    cal = calendar or default_calendar()
    moved = working_day_on_or_after(day, cal)
    return moved, (None if moved == day else cal.holiday_name(day))


def period_end(
    start: dt.date,
    duration: Duration,
    *,
    calendar: HolidayCalendar | None = None,
    extend_for_holiday: bool = True,
) -> PeriodEnd:
    """Last day of a period of `duration` triggered on `start` (CPL 第85条; 民法典 第202条).

    `extend_for_holiday=False` gives the bare arithmetic, for the few periods the law does not
    move (none in CPL itself; kept for court-set internal targets).
    """
    cal = calendar or default_calendar()
    raw = nominal_end(start, duration)
    end, holiday = holiday_adjusted(raw, cal) if extend_for_holiday else (raw, None)
    articles = [CPL_PERIODS]
    if duration.unit is not PeriodUnit.DAY:
        articles.append("民法典 第202条")
    return PeriodEnd(
        start=start,
        duration=duration,
        nominal_end=raw,
        end=end,
        holiday=holiday,
        certain=cal.covers(raw) and cal.covers(end),
        articles=tuple(articles),
    )


def is_in_time(
    period_last_day: dt.date,
    *,
    acted_on: dt.date | None = None,
    posted_on: dt.date | None = None,
) -> bool:
    """Whether a filing meets a period ending on `period_last_day` (already holiday-adjusted).

    CPL 第85条第4款: time in the post is excluded — a document handed to the post on or before the
    last day is in time whenever it arrives. Otherwise the day it reached the court (`acted_on`)
    decides. Give at least one of the two dates.
    """
    if posted_on is None and acted_on is None:
        raise RuleInputError("acted_on", "请提供交邮日期或提交日期")
    if posted_on is not None and posted_on <= period_last_day:
        return True
    return acted_on is not None and acted_on <= period_last_day


def elapsed_days(start: dt.date, on: dt.date) -> int:
    """Days counted from the day after `start` up to and including `on` (0 on the start day)."""
    return (on - start).days
