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
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from fating.core.calendar.holidays import (
    ONE_DAY,
    HolidayCalendar,
    RuleInputError,
    add_working_days,
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
    verified arrangement for a year the result depends on (weekends-only guess); `warning` is
    the sentence to show next to the date then."""

    start: dt.date
    duration: Duration
    nominal_end: dt.date
    end: dt.date
    holiday: str | None
    certain: bool
    articles: tuple[str, ...]
    warning: str | None = None

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
        if self.warning:
            text += f"；注意：{self.warning}"
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
        certain=cal.is_verified(raw) and cal.is_verified(end),
        articles=tuple(articles),
        warning=cal.warning_for(raw, end),
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


# --------------------------------------------------------------------------------------------
# The period calculator (期间计算器): one question, one answer, shared by the `fating period`
# command, the page and the API so the three can never disagree.

PERIOD_UNITS = ("days", "months", "working_days")
PERIOD_FIELDS = ("start", *PERIOD_UNITS)
# Generous bounds that stop a typing mistake (days: 3000000) from scanning for minutes or running
# past the year 9999; the longest period in civil law is 20 years (民法典 第188条).
MAX_COUNTS = {"days": 36600, "months": 1200, "working_days": 5000}
MIN_START, MAX_START = dt.date(1900, 1, 1), dt.date(2200, 12, 31)
# The legal basis of each unit, cited in every answer.
LEGAL_BASIS = {
    # CPL 第85条: start day not counted (第2款); a last day on a rest day moves (第3款).
    "days": (CPL_PERIODS,),
    # 民法典 第202条: corresponding day or the month's last day; then CPL 第85条第3款.
    "months": ("民法典 第202条", CPL_PERIODS),
    # The Nth working day after the start (start day not counted, CPL 第85条第2款) on the State
    # Council's arrangement for the year (全国年节及纪念日放假办法; 国务院办公厅节假日安排通知).
    "working_days": (
        "民事诉讼法 第85条第2款",
        "全国年节及纪念日放假办法",
        "国务院办公厅部分节假日安排通知",
    ),
}
UNIT_NAMES = {"days": "日", "months": "个月", "working_days": "个工作日"}


@dataclass(frozen=True)
class PeriodRequest:
    start: dt.date
    unit: str  # one of PERIOD_UNITS
    count: int


@dataclass(frozen=True)
class PeriodAnswer:
    """The last day of a period and everything a clerk needs to trust it.

    `nominal_last_day` is the bare arithmetic; `last_day` after CPL 第85条第3款; `moved_from` is
    the nominal day when it was moved (None otherwise) and `moved_because` the rest day's name.
    `calendar_verified` is False when a year the answer depends on is not loaded or not checked
    against the notice; `warning` then says so in Chinese.
    """

    request: PeriodRequest
    nominal_last_day: dt.date
    last_day: dt.date
    moved_from: dt.date | None
    moved_because: str | None
    legal_basis: tuple[str, ...]
    calendar_verified: bool
    warning: str | None
    years: tuple[dict[str, object], ...]

    def explanation(self) -> str:
        req = self.request
        text = f"自{req.start.isoformat()}次日起算{req.count}{UNIT_NAMES[req.unit]}，"
        if req.unit == "working_days":
            text += f"第{req.count}个工作日为{self.last_day.isoformat()}"
        else:
            text += f"届满日为{self.nominal_last_day.isoformat()}"
            if self.moved_from is not None:
                text += f"（{self.moved_because}），顺延至{self.last_day.isoformat()}"
        if self.warning:
            text += f"；注意：{self.warning}"
        return text

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: dates as YYYY-MM-DD."""
        req = self.request
        return {
            "start": req.start.isoformat(),
            "unit": req.unit,
            "count": req.count,
            "nominal_last_day": self.nominal_last_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "moved_from": None if self.moved_from is None else self.moved_from.isoformat(),
            "moved_because": self.moved_because,
            "legal_basis": list(self.legal_basis),
            "calendar_verified": self.calendar_verified,
            "warning": self.warning,
            "years": [dict(y) for y in self.years],
            "explanation": self.explanation(),
        }


def _count(value: object, unit: str, *, from_text: bool) -> int:
    if from_text and isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    # bool is an int in Python and JSON true would otherwise count as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        shown = json.dumps(value, ensure_ascii=False, default=str)
        raise RuleInputError(unit, f"必须是正整数，实为 {shown}")
    if value < 1:
        raise RuleInputError(unit, "必须是正整数（不能为零或负数）")
    if value > MAX_COUNTS[unit]:
        raise RuleInputError(unit, f"不能超过 {MAX_COUNTS[unit]}")
    return value


def parse_period_request(data: object, *, from_text: bool = False) -> PeriodRequest:
    """Validate {"start": "YYYY-MM-DD", and exactly one of days / months / working_days}.

    `from_text` accepts counts written as digit strings (form fields, query strings); JSON
    callers must send integers. Raises RuleInputError naming the field.
    """
    if not isinstance(data, Mapping):
        raise RuleInputError(
            "json", '输入必须是一个 JSON 对象，如 {"start": "2025-09-01", "days": 30}'
        )
    unknown = [str(key) for key in data if key not in PERIOD_FIELDS]
    if unknown:
        raise RuleInputError(unknown[0], f"未知字段，可用字段：{'、'.join(PERIOD_FIELDS)}")
    raw_start = data.get("start")
    if raw_start is None or raw_start == "":
        raise RuleInputError(
            "start", "必须填写起算日（引起期间开始的事件发生之日），格式 YYYY-MM-DD"
        )
    try:
        start = dt.date.fromisoformat(raw_start) if isinstance(raw_start, str) else None
    except ValueError:
        start = None
    if start is None or len(str(raw_start)) != 10:
        raise RuleInputError("start", f"日期格式错误：「{raw_start}」，应为 YYYY-MM-DD")
    if not MIN_START <= start <= MAX_START:
        raise RuleInputError("start", f"起算日应在 {MIN_START.year}–{MAX_START.year} 年之间")
    given = [u for u in PERIOD_UNITS if data.get(u) not in (None, "")]
    if len(given) != 1:
        raise RuleInputError(
            given[1] if len(given) > 1 else "days",
            "days（日）、months（月）、working_days（工作日）必须且只能填写一项",
        )
    unit = given[0]
    return PeriodRequest(start, unit, _count(data[unit], unit, from_text=from_text))


def _years(cal: HolidayCalendar, first: dt.date, last: dt.date) -> tuple[dict[str, object], ...]:
    out: list[dict[str, object]] = []
    for year in range(first.year, last.year + 1):
        source = cal.years.get(year)
        out.append(
            {
                "year": year,
                "covered": source is not None,
                "verified": bool(source and source.verified),
                "confidence": source.confidence if source else None,
                "source": source.source if source else None,
            }
        )
    return tuple(out)


def compute_period(request: PeriodRequest, calendar: HolidayCalendar | None = None) -> PeriodAnswer:
    """The last day of the period in `request` on `calendar` (default: the shipped years)."""
    cal = calendar or default_calendar()
    if request.unit == "working_days":
        # The Nth working day after the start: nothing to move, every day counted is a working
        # day, so the answer depends on every year from the day after the start to the end.
        last = add_working_days(request.start, request.count, cal)
        first_counted = request.start + ONE_DAY
        warning = cal.warning_for(
            *(dt.date(y, 1, 1) for y in range(first_counted.year, last.year + 1))
        )
        return PeriodAnswer(
            request=request,
            nominal_last_day=last,
            last_day=last,
            moved_from=None,
            moved_because=None,
            legal_basis=LEGAL_BASIS["working_days"],
            calendar_verified=warning is None,
            warning=warning,
            years=_years(cal, first_counted, last),
        )
    duration = days(request.count) if request.unit == "days" else months(request.count)
    end = period_end(request.start, duration, calendar=cal)
    return PeriodAnswer(
        request=request,
        nominal_last_day=end.nominal_end,
        last_day=end.end,
        moved_from=end.nominal_end if end.extended_for_holiday else None,
        moved_because=end.holiday,
        legal_basis=LEGAL_BASIS[request.unit],
        calendar_verified=end.certain,
        warning=end.warning,
        years=_years(cal, end.nominal_end, end.end),
    )
