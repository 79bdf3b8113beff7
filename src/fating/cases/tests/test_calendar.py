"""Working-day calendar against the State Council notices for 2025 and 2026 (dates checked by hand
against the notices' text, not taken from the data files under test)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.cases.rules.calendar import (
    HolidayCalendar,
    RuleInputError,
    add_working_days,
    default_calendar,
    is_working_day,
    load_calendar,
    next_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 1, 1), False),  # 元旦
        (D(2025, 1, 26), True),  # Sunday, 春节调休上班
        (D(2025, 1, 28), False),  # 除夕
        (D(2025, 2, 4), False),  # last day of 春节
        (D(2025, 2, 5), True),
        (D(2025, 2, 8), True),  # Saturday, 调休上班
        (D(2025, 2, 9), False),  # ordinary Sunday
        (D(2025, 5, 5), False),  # Monday inside 劳动节
        (D(2025, 10, 8), False),  # Wednesday inside 国庆中秋
        (D(2025, 10, 11), True),  # Saturday 调休上班
        (D(2026, 1, 4), True),  # Sunday 调休上班
        (D(2026, 2, 23), False),  # Monday, last day of the 9-day 春节
        (D(2026, 2, 28), True),  # Saturday 调休上班
        (D(2026, 9, 25), False),  # 中秋 Friday
        (D(2026, 10, 10), True),
    ],
)
def test_working_days_follow_the_notices(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_next_working_day_skips_the_spring_festival_span() -> None:
    assert next_working_day(D(2025, 1, 27)) == D(2025, 2, 5)


def test_next_working_day_lands_on_a_make_up_saturday() -> None:
    assert next_working_day(D(2026, 2, 13)) == D(2026, 2, 14)


def test_next_working_day_is_strictly_after() -> None:
    assert next_working_day(D(2025, 3, 3)) == D(2025, 3, 4)


def test_add_working_days_counts_the_make_up_day() -> None:
    # 10月1–8日 off; 9 (Thu), 10 (Fri), 11 (Sat, 调休上班).
    assert add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)


def test_working_days_between_excludes_the_start_day() -> None:
    assert working_days_between(D(2025, 3, 3), D(2025, 3, 10)) == 5


def test_holiday_name() -> None:
    cal = default_calendar()
    assert cal.holiday_name(D(2025, 10, 3)) == "国庆节、中秋节"
    assert cal.holiday_name(D(2025, 3, 8)) == "周末"
    assert cal.holiday_name(D(2025, 3, 10)) is None


def test_uncovered_year_falls_back_to_weekends_and_says_so() -> None:
    cal = default_calendar()
    assert not cal.covers(D(2030, 1, 1))
    assert cal.is_working_day(D(2030, 1, 1))  # a Tuesday: the guess, flagged by covers()
    assert not cal.is_working_day(D(2030, 1, 5))


def test_court_can_load_a_new_year_without_touching_the_default() -> None:
    doc = {
        "year": 2027,
        "source": "test",
        "confidence": "high",
        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
        "workdays": [{"name": "调休上班", "date": "2027-01-09"}],
    }
    cal = default_calendar().extended(doc)
    assert cal.covers(D(2027, 1, 1))
    assert not cal.is_working_day(D(2027, 1, 1))
    assert cal.is_working_day(D(2027, 1, 9))  # a Saturday
    assert not default_calendar().covers(D(2027, 1, 1))
    assert cal.years[2027].confidence == "high"


def test_reloading_a_year_replaces_it() -> None:
    doc = {"year": 2025, "holidays": [], "workdays": []}
    cal = default_calendar().extended(doc)
    assert cal.is_working_day(D(2025, 10, 8))


def test_bundled_2026_is_marked_medium_confidence() -> None:
    assert default_calendar().years[2026].confidence == "medium"
    assert default_calendar().years[2025].confidence == "high"


def test_dates_outside_the_year_are_rejected() -> None:
    with pytest.raises(RuleInputError) as info:
        load_calendar([{"year": 2027, "workdays": [{"date": "2028-01-02"}]}])
    assert info.value.reason == "2028-01-02 不属于 2027 年"


def test_a_day_cannot_be_both_off_and_on() -> None:
    with pytest.raises(RuleInputError) as info:
        HolidayCalendar(holidays={D(2027, 1, 1): "x"}, workdays={D(2027, 1, 1): "y"})
    assert info.value.reason == "2027-01-01 不能同时是放假日和调休上班日"


def test_bad_date_format() -> None:
    with pytest.raises(RuleInputError) as info:
        load_calendar([{"year": 2027, "holidays": [{"start": "2027/01/01"}]}])
    assert info.value.field == "holidays.start"


@given(st.dates(min_value=D(2024, 12, 1), max_value=D(2026, 12, 31)))
def test_next_working_day_property(day: dt.date) -> None:
    nxt = next_working_day(day)
    assert nxt > day
    assert is_working_day(nxt)
    between = day + dt.timedelta(days=1)
    while between < nxt:
        assert not is_working_day(between)
        between += dt.timedelta(days=1)
