"""Preservation rules: security caps, the 48-hour and 5-day ruling deadlines, the 30 days to sue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fating.core.machine import TransitionRefused
from fating.preservation import rules


def test_security_caps() -> None:
    # 财产保全规定 第5条: in suit at most 30%; before suit equal to the amount.
    assert rules.security_cap(rules.Kind.IN_SUIT, Decimal("100000")) == Decimal("30000.00")
    assert rules.security_cap(rules.Kind.IN_SUIT, Decimal("0.05")) == Decimal("0.02")
    assert rules.security_cap(rules.Kind.PRE_SUIT, Decimal("123.45")) == Decimal("123.45")


@pytest.mark.parametrize(
    ("cause", "waivable"),
    [("追索劳动报酬纠纷", True), ("机动车交通事故责任纠纷", True), ("抚养费纠纷", True),
     ("民间借贷纠纷", False), ("买卖合同纠纷", False)],
)  # fmt: skip
def test_claims_where_security_may_be_dispensed_with(cause: str, waivable: bool) -> None:
    assert rules.security_waivable(cause) is waivable


def test_hours_run_from_the_next_full_hour() -> None:
    # CPL 第85条第2款: the hour the period starts in is not counted.
    received = dt.datetime(2026, 9, 30, 16, 20)
    assert rules.hours_deadline(received) == dt.datetime(2026, 10, 2, 17, 0)
    assert rules.hours_deadline(dt.datetime(2026, 3, 2, 9, 0)) == dt.datetime(2026, 3, 4, 10, 0)


def test_pre_suit_and_urgent_take_48_hours_whatever_the_holidays() -> None:
    received = dt.datetime(2026, 9, 30, 16, 20)
    at, on, basis = rules.ruling_due(kind=rules.Kind.PRE_SUIT, urgent=False, received=received)
    assert (at, on) == (dt.datetime(2026, 10, 2, 17, 0), None) and "第104条" in basis
    at, on, basis = rules.ruling_due(kind=rules.Kind.IN_SUIT, urgent=True, received=received)
    assert at == dt.datetime(2026, 10, 2, 17, 0) and "第103条" in basis


def test_five_days_move_past_a_holiday() -> None:
    # 2026-09-28 + 5 days = 10-03, inside the National Day holiday (10-01…10-07 in the shipped
    # 2026 arrangement): the last day moves to the next working day.
    _at, on, basis = rules.ruling_due(
        kind=rules.Kind.IN_SUIT, urgent=False, received=dt.datetime(2026, 9, 28, 10, 0)
    )
    assert on == dt.date(2026, 10, 8) and "第4条" in basis
    # With security ordered, the 5 days run from the day it was given.
    _at, on, _basis = rules.ruling_due(
        kind=rules.Kind.IN_SUIT, urgent=False, received=dt.datetime(2026, 3, 2, 10, 0),
        security_given_on=dt.date(2026, 3, 9),
    )  # fmt: skip
    assert on == dt.date(2026, 3, 16)  # 03-14 is a Saturday: moved to Monday 03-16


def test_thirty_days_to_sue() -> None:
    assert rules.sue_by(dt.date(2026, 3, 2)) == dt.date(2026, 4, 1)


def test_the_machine_refuses_a_second_ruling() -> None:
    assert rules.PRESERVATION.target("applied", "grant") == "granted"
    with pytest.raises(TransitionRefused):
        rules.PRESERVATION.target("granted", "refuse")
