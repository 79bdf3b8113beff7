"""Working-day calendar: statutory holidays and 调休 make-up working days, as data. Pure, no Django.

Why a calendar at all: CPL 第85条第3款 and 民法典 第203条 move a period whose last day is a
法定休假日 to the first day after the holiday. Chinese practice (and the SPC's own reading of
"法定休假日") counts ordinary weekends as rest days too, and the State Council's yearly notice
(国务院办公厅关于××年部分节假日安排的通知) shifts rest days around (调休): a Saturday may become a
working day and a Monday a holiday. Only the yearly notice says which, so the calendar is data:
one JSON document per year. The shipped years live in `data/holidays-<year>.json`; a court loads
newer years (or corrections) without a release (`fating calendar import`, or the administrator's
page), and a loaded year replaces the shipped one:

    calendar = default_calendar().extended(json.loads(text))

Document shape (see data/holidays-2025.json): {"year", "source", "confidence", "verified",
"note", "holidays": [{"name", "start", "end"}], "workdays": [{"name", "date"}]}. Every day inside a
holiday range is a rest day (the notice's 放假调休 spans include the shifted rest days); every
listed workday is a working day even if it is a weekend. `verified` says a person checked the
dates against the notice's text; `confidence` ("high"/"medium"/"low") how authoritative the
source is (the official text, a news-agency reprint, a guess).

For a year the calendar does not cover we fall back to "Monday–Friday work", which is wrong around
Spring Festival and National Day; `covers()` and `is_verified()` let callers flag such results as
uncertain instead of pretending to know.
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
CONFIDENCE_LEVELS = ("high", "medium", "low")
DOCUMENT_KEYS = frozenset(
    {"year", "source", "confidence", "verified", "note", "holidays", "workdays"}
)
# Years a notice can plausibly be loaded for: the first 放假办法 is from 1949; the upper bound
# only stops typing mistakes (20266) from creating a calendar no one can use.
MIN_YEAR, MAX_YEAR = 1949, 2100
UNCOVERED_WARNING = "该年度节假日安排尚未导入，期限按周末推算，请核对"
UNVERIFIED_WARNING = "该年度节假日安排尚未核实，请核对"


class RuleInputError(FieldError):
    """Bad input to a legal rule. `field` names the input; `reason` is the Chinese message.

    Same shape as FeeInputError: str(error) is "field: message".
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: message}, f"{field}: {message}")
        self.field = field
        self.reason = message


@dataclass(frozen=True)
class YearSource:
    """Where one year's arrangement came from, how sure we are ("high"/"medium"/"low") and whether
    a person checked the dates against the notice (`verified`)."""

    year: int
    source: str
    confidence: str
    note: str = ""
    verified: bool = False


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

    def is_verified(self, day: dt.date) -> bool:
        """True when the year of `day` is loaded and its dates were checked against the notice."""
        source = self.years.get(day.year)
        return source is not None and source.verified

    def warning_for(self, *days: dt.date) -> str | None:
        """The sentence to show next to a deadline that depends on `days`, or None when every
        year involved is loaded and verified."""
        if any(not self.covers(d) for d in days):
            return UNCOVERED_WARNING
        if any(not self.is_verified(d) for d in days):
            return UNVERIFIED_WARNING
        return None

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
    if not isinstance(value, str):
        raise RuleInputError(field_name, f"日期格式错误：「{value}」，应为 YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RuleInputError(field_name, f"日期格式错误：「{value}」，应为 YYYY-MM-DD") from None


def _items(document: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = document.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise RuleInputError(key, "应为对象列表")
    return items


def _text(value: object, field_name: str, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise RuleInputError(field_name, "应为文字")
    return value


def parse_year_document(
    document: Mapping[str, Any],
) -> tuple[int, YearSource, dict[dt.date, str], dict[dt.date, str]]:
    """Validate one year's JSON document; every date must lie in the stated year.

    Refuses what a typing mistake in a court's upload would produce: unknown keys, a year out of
    range, a date outside the year, an end before its start, a day that is both a holiday and a
    make-up working day, an unknown confidence level.
    """
    if not isinstance(document, Mapping):
        raise RuleInputError("json", "应为一个 JSON 对象")
    unknown = sorted(str(k) for k in document if k not in DOCUMENT_KEYS)
    if unknown:
        raise RuleInputError(unknown[0], f"未知字段，可用字段：{'、'.join(sorted(DOCUMENT_KEYS))}")
    raw_year = document.get("year")
    if isinstance(raw_year, bool) or not isinstance(raw_year, int | str):
        raise RuleInputError("year", "缺少年份或年份格式错误")
    try:
        year = int(raw_year)
    except ValueError:
        raise RuleInputError("year", "缺少年份或年份格式错误") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise RuleInputError("year", f"年份应在 {MIN_YEAR}–{MAX_YEAR} 之间")
    confidence = _text(document.get("confidence"), "confidence", "low")
    if confidence not in CONFIDENCE_LEVELS:
        raise RuleInputError("confidence", "可信度只能是 high、medium 或 low")
    verified = document.get("verified", False)
    if not isinstance(verified, bool):
        raise RuleInputError("verified", "应为 true 或 false")
    source = YearSource(
        year=year,
        source=_text(document.get("source"), "source", ""),
        confidence=confidence,
        note=_text(document.get("note"), "note", ""),
        verified=verified,
    )
    holidays: dict[dt.date, str] = {}
    for item in _items(document, "holidays"):
        start = _date(item.get("start"), "holidays.start")
        end = _date(item.get("end", item.get("start")), "holidays.end")
        if end < start:
            raise RuleInputError("holidays.end", "放假结束日不能早于开始日")
        name = _text(item.get("name"), "holidays.name", "节假日")
        day = start
        while day <= end:
            holidays[day] = name
            day += ONE_DAY
    workdays = {
        _date(item.get("date"), "workdays.date"): _text(
            item.get("name"), "workdays.name", "调休上班"
        )
        for item in _items(document, "workdays")
    }
    for day in (*holidays, *workdays):
        if day.year != year:
            raise RuleInputError("year", f"{day.isoformat()} 不属于 {year} 年")
    clash = sorted(set(holidays) & set(workdays))
    if clash:
        raise RuleInputError("workdays", f"{clash[0].isoformat()} 不能同时是放假日和调休上班日")
    return year, source, holidays, workdays


def normalise_year_document(document: Mapping[str, Any]) -> dict[str, Any]:
    """The validated document in its canonical form (what the database stores and exports)."""
    year, source, _holidays, _workdays = parse_year_document(document)
    return {
        "year": year,
        "source": source.source,
        "confidence": source.confidence,
        "verified": source.verified,
        "note": source.note,
        "holidays": [
            {
                "name": _text(i.get("name"), "holidays.name", "节假日"),
                "start": _date(i.get("start"), "holidays.start").isoformat(),
                "end": _date(i.get("end", i.get("start")), "holidays.end").isoformat(),
            }
            for i in _items(document, "holidays")
        ],
        "workdays": [
            {
                "name": _text(i.get("name"), "workdays.name", "调休上班"),
                "date": _date(i.get("date"), "workdays.date").isoformat(),
            }
            for i in _items(document, "workdays")
        ],
    }


def load_calendar(documents: Iterable[Mapping[str, Any]]) -> HolidayCalendar:
    calendar = HolidayCalendar()
    for document in documents:
        calendar = calendar.extended(document)
    return calendar


def shipped_documents() -> list[dict[str, Any]]:
    """The year documents shipped with the code (data/holidays-*.json), oldest first."""
    paths = sorted(DATA_DIR.glob("holidays-*.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


@lru_cache(maxsize=1)
def default_calendar() -> HolidayCalendar:
    """The shipped arrangements only. Django code uses fating.core.holidays.court_calendar(),
    which adds the years a court loaded into the database."""
    return load_calendar(shipped_documents())


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
    """The `count`-th working day after `day` (the start day not counted, as in CPL 第85条第2款),
    e.g. 3 working days for a mediator to accept a referral (在线调解规则 第12条). A 调休
    Saturday counts; a weekday inside a holiday span does not."""
    if count < 0:
        raise RuleInputError("count", "工作日数不能为负数")
    cal = calendar or default_calendar()
    for _ in range(count):
        day = next_working_day(day, cal)
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
