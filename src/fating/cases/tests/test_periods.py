"""CPL 第85条 period arithmetic; months per 民法典 第202条. Expected dates worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.cases.rules.calendar import RuleInputError, is_working_day
from fating.cases.rules.periods import (
    Duration,
    add_months,
    days,
    elapsed_days,
    is_in_time,
    months,
    nominal_end,
    period_end,
    years,
)

D = dt.date


def test_start_day_not_counted() -> None:
    # Served 9月15日: day 1 is 9月16日, day 15 is 9月30日 (a Tuesday).
    result = period_end(D(2025, 9, 15), days(15))
    assert result.end == D(2025, 9, 30)
    assert not result.extended_for_holiday


def test_last_day_in_national_day_moves_past_the_whole_span() -> None:
    result = period_end(D(2025, 9, 16), days(15))
    assert result.nominal_end == D(2025, 10, 1)
    assert result.end == D(2025, 10, 9)
    assert result.holiday == "国庆节、中秋节"
    assert "顺延至2025-10-09" in result.explanation()


def test_last_day_on_a_make_up_sunday_is_not_moved() -> None:
    # 2025-09-28 is a Sunday but a 调休 working day.
    assert period_end(D(2025, 9, 13), days(15)).end == D(2025, 9, 28)


def test_last_day_on_an_ordinary_saturday_moves_to_monday() -> None:
    assert period_end(D(2025, 3, 7), days(8)).end == D(2025, 3, 17)


def test_holiday_rule_can_be_switched_off() -> None:
    assert period_end(D(2025, 9, 16), days(15), extend_for_holiday=False).end == D(2025, 10, 1)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 3, 10), 6, D(2025, 9, 10)),
        (D(2025, 11, 15), 3, D(2026, 2, 15)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
    ],
)
def test_add_months_uses_the_corresponding_day_or_month_end(
    start: dt.date, count: int, expected: dt.date
) -> None:
    assert add_months(start, count) == expected


def test_one_month_from_jan_31_ends_feb_28() -> None:
    assert period_end(D(2025, 1, 31), months(1)).end == D(2025, 2, 28)


def test_month_period_ending_in_spring_festival() -> None:
    # 2025-11-15 + 3 months = 2026-02-15, inside 2月15–23日 → 2月24日 (Tuesday).
    assert period_end(D(2025, 11, 15), months(3)).end == D(2026, 2, 24)


def test_year_from_feb_29() -> None:
    assert nominal_end(D(2024, 2, 29), years(1)) == D(2025, 2, 28)


def test_uncovered_year_is_flagged() -> None:
    result = period_end(D(2029, 6, 1), days(10))
    assert not result.certain
    assert "尚未导入" in result.explanation()


def test_negative_duration_rejected() -> None:
    with pytest.raises(RuleInputError) as info:
        Duration(-1, days(1).unit)
    assert info.value.reason == "期间长度不能为负数"


def test_document_posted_on_the_last_day_is_in_time() -> None:
    assert is_in_time(D(2025, 9, 30), posted_on=D(2025, 9, 30), acted_on=D(2025, 10, 10))


def test_document_posted_after_the_last_day_is_late() -> None:
    assert not is_in_time(D(2025, 9, 30), posted_on=D(2025, 10, 9))


def test_document_delivered_in_person_on_time() -> None:
    assert is_in_time(D(2025, 9, 30), acted_on=D(2025, 9, 30))
    assert not is_in_time(D(2025, 9, 30), acted_on=D(2025, 10, 1))


def test_in_time_needs_a_date() -> None:
    with pytest.raises(RuleInputError) as info:
        is_in_time(D(2025, 9, 30))
    assert info.value.reason == "请提供交邮日期或提交日期"


def test_elapsed_days() -> None:
    assert elapsed_days(D(2025, 3, 10), D(2025, 3, 10)) == 0
    assert elapsed_days(D(2025, 3, 10), D(2025, 3, 11)) == 1


dates = st.dates(min_value=D(2024, 12, 1), max_value=D(2026, 6, 30))


@given(dates, st.integers(min_value=0, max_value=120))
def test_day_periods_end_on_a_working_day_no_earlier_than_nominal(start: dt.date, n: int) -> None:
    result = period_end(start, days(n))
    assert result.nominal_end == start + dt.timedelta(days=n)
    assert result.end >= result.nominal_end
    if result.certain:
        assert is_working_day(result.end)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)), st.integers(0, 240))
def test_add_months_never_overshoots_the_target_month(start: dt.date, n: int) -> None:
    result = add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    assert result.day <= start.day
    if result.day < start.day:
        assert (result + dt.timedelta(days=1)).day == 1  # clipped only to the month's end
