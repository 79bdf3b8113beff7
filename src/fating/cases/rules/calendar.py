"""Working-day calendar: statutory holidays and 调休 make-up working days, as data. Pure, no Django.

Why a calendar at all: CPL 第85条第3款 and 民法典 第203条 move a period whose last day is a
法定休假日 to the first day after the holiday. Chinese practice (and the SPC's own reading of
"法定休假日") counts ordinary weekends as rest days too, and the State Council's yearly notice
shifts rest days around (调休): a Saturday may become a working day and a Monday a holiday. Only
the yearly notice says which, so the calendar is data, one JSON file per year under
`rules/data/holidays-<year>.json`, and a court can load newer years (or corrections) itself:

    calendar = default_calendar().extended(json.loads(text))

File shape (see holidays-2025.json): {"year", "source", "confidence", "holidays": [{"name",
"start", "end"}], "workdays": [{"name", "date"}]}. Every day inside a holiday range is a rest day
(the notice's 放假调休 spans include the shifted rest days); every listed workday is a working day
even if it is a weekend.

For a year the calendar does not cover we fall back to "Monday–Friday work", which is wrong around
Spring Festival and National Day; `covers()` lets callers flag such results as uncertain instead of
pretending to know.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fating.core.exceptions import FieldError

DATA_DIR = Path(__file__).resolve().parent / "data"
ONE_DAY = dt.timedelta(days=1)
# No real arrangement has more than ~10 rest days in a row; this bounds the scan on broken data.
_MAX_SCAN_DAYS = 400


class RuleInputError(FieldError):
    """Bad input to a case rule. `field` names the input; `reason` is the Chinese message.

    Same shape as FeeInputError: str(error) is "field: message".
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: message}, f"{field}: {message}")
        self.field = field
        self.reason = message


@dataclass(frozen=True)
class YearSource:
    """Where one year's arrangement came from and how sure we are ("high"/"medium"/"low")."""

    year: int
    source: str
    confidence: str
    note: str = ""


@dataclass(frozen=True)
class HolidayCalendar:
    """Rest days (`holidays`, name by date) and make-up working days (`workdays`) per year.

    Immutable; `extended()` returns a new calendar so a court's additions never leak into the
    shared default.
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    years: Mapping[int, YearSource] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clash = sorted(set(self.holidays) & set(self.workdays))
        if clash:
            raise RuleInputError("calendar", f"{clash[0].isoformat()} 不能同时是放假日和调休上班日")
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        object.__setattr__(self, "workdays", MappingProxyType(dict(self.workdays)))
        object.__setattr__(self, "years", MappingProxyType(dict(self.years)))

    def covers(self, day: dt.date) -> bool:
        """True when the year of `day` has an arrangement loaded (else weekends-only guess)."""
        return day.year in self.years

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's name, "周末" for an ordinary weekend, None for a working day."""
        if self.is_working_day(day):
            return None
        return self.holidays.get(day, "周末")

    def extended(self, document: Mapping[str, Any]) -> HolidayCalendar:
        """A new calendar with one year's document added; it replaces that year if present."""
        year, source, holidays, workdays = parse_year_document(document)
        kept_holidays = {d: n for d, n in self.holidays.items() if d.year != year}
        kept_workdays = {d: n for d, n in self.workdays.items() if d.year != year}
        return HolidayCalendar(
            holidays={**kept_holidays, **holidays},
            workdays={**kept_workdays, **workdays},
            years={**self.years, year: source},
        )


def _date(value: object, field_name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleInputError(field_name, f"日期格式错误：「{value}」，应为 YYYY-MM-DD") from None


def parse_year_document(
    document: Mapping[str, Any],
) -> tuple[int, YearSource, dict[dt.date, str], dict[dt.date, str]]:
    """Validate one year's JSON document; every date must lie in the stated year."""
    try:
        year = int(document["year"])
    except (KeyError, TypeError, ValueError):
        raise RuleInputError("year", "缺少年份或年份格式错误") from None
    source = YearSource(
        year=year,
        source=str(document.get("source", "")),
        confidence=str(document.get("confidence", "low")),
        note=str(document.get("note", "")),
    )
    holidays: dict[dt.date, str] = {}
    for item in document.get("holidays", []):
        start = _date(item.get("start"), "holidays.start")
        end = _date(item.get("end", item.get("start")), "holidays.end")
        if end < start:
            raise RuleInputError("holidays.end", "放假结束日不能早于开始日")
        day = start
        while day <= end:
            holidays[day] = str(item.get("name", "节假日"))
            day += ONE_DAY
    workdays = {
        _date(item.get("date"), "workdays.date"): str(item.get("name", "调休上班"))
        for item in document.get("workdays", [])
    }
    for day in (*holidays, *workdays):
        if day.year != year:
            raise RuleInputError("year", f"{day.isoformat()} 不属于 {year} 年")
    return year, source, holidays, workdays


def load_calendar(documents: Iterable[Mapping[str, Any]]) -> HolidayCalendar:
    calendar = HolidayCalendar()
    for document in documents:
        calendar = calendar.extended(document)
    return calendar


@lru_cache(maxsize=1)
def default_calendar() -> HolidayCalendar:
    """The bundled arrangements (rules/data/holidays-*.json)."""
    paths = sorted(DATA_DIR.glob("holidays-*.json"))
    return load_calendar(json.loads(p.read_text(encoding="utf-8")) for p in paths)


def is_working_day(day: dt.date, calendar: HolidayCalendar | None = None) -> bool:
    """True on a working day: Mon–Fri not in a holiday span, or a 调休 make-up working day."""
    return (calendar or default_calendar()).is_working_day(day)


def next_working_day(day: dt.date, calendar: HolidayCalendar | None = None) -> dt.date:
    """The first working day strictly after `day`."""
    return working_day_on_or_after(day + ONE_DAY, calendar)


def working_day_on_or_after(day: dt.date, calendar: HolidayCalendar | None = None) -> dt.date:
    """`day` itself if it is a working day, else the next one (CPL 第85条第3款 shape)."""
    cal = calendar or default_calendar()
    for _ in range(_MAX_SCAN_DAYS):
        if cal.is_working_day(day):
            return day
        day += ONE_DAY
    raise RuleInputError("calendar", "日历数据错误：连续一年以上没有工作日")


def add_working_days(day: dt.date, count: int, calendar: HolidayCalendar | None = None) -> dt.date:
    """The `count`-th working day after `day` (the start day not counted), e.g. 3 working days
    for a mediator to accept a referral (在线调解规则 第12条)."""
    if count < 0:
        raise RuleInputError("count", "工作日数不能为负数")
    for _ in range(count):
        day = next_working_day(day, calendar)
    return day


def working_days_between(
    start: dt.date, end: dt.date, calendar: HolidayCalendar | None = None
) -> int:
    """Working days in (start, end] — the start day is not counted, as in CPL 第85条."""
    cal = calendar or default_calendar()
    count = 0
    day = start + ONE_DAY
    while day <= end:
        count += cal.is_working_day(day)
        day += ONE_DAY
    return count
