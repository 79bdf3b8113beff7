"""The one money parser (fating.core.money): pure, no database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from fating.core.exceptions import FieldError
from fating.core.money import MONEY_MAX, MoneyError, parse_money


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("50000", D("50000")),
        (" 50000.50 ", D("50000.50")),
        ("0.10", D("0.10")),
        ("1.000", D("1.000")),  # trailing zeros are not more precision
        (50000, D(50000)),
        (D("12.3"), D("12.3")),
        (0.1, D("0.1")),  # a JSON number: the text the sender wrote, not the binary float
        ("-0", D(0)),
        ("999999999999.99", MONEY_MAX),
    ],
)
def test_accepts(value: object, expected: D) -> None:
    assert parse_money(value) == expected


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_is_none_unless_required(value: object) -> None:
    assert parse_money(value) is None
    with pytest.raises(MoneyError) as caught:
        parse_money(value, field="amount", label="争议金额", required=True)
    assert caught.value.fields == {"amount": ["请填写争议金额。"]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999999999999999999", "争议金额不能超过 999,999,999,999.99 元。"),
        (99999999999999999999, "争议金额不能超过 999,999,999,999.99 元。"),
        ("1000000000000", "争议金额不能超过 999,999,999,999.99 元。"),
        (float("1e400"), "争议金额必须是有限的数字。"),  # what json.loads makes of 1e400
        (float("nan"), "争议金额必须是有限的数字。"),
        (D("NaN"), "争议金额必须是有限的数字。"),
        (D("-Infinity"), "争议金额必须是有限的数字。"),
        ("1e400", "争议金额必须是数字，如“50000”或“50000.50”。"),
        ("NaN", "争议金额必须是数字，如“50000”或“50000.50”。"),
        ("Infinity", "争议金额必须是数字，如“50000”或“50000.50”。"),
        ("0.001", "争议金额最多精确到分（两位小数）。"),
        (0.001, "争议金额最多精确到分（两位小数）。"),
        ("-1", "争议金额不能为负数。"),
        ("-0.01", "争议金额不能为负数。"),
        (True, "争议金额必须是数字，不能是 true/false。"),
        ("１０００", "争议金额必须是数字，如“50000”或“50000.50”。"),
        ("1_000", "争议金额必须是数字，如“50000”或“50000.50”。"),
        ("1,000", "争议金额必须是数字，如“50000”或“50000.50”。"),  # not without grouping=True
        ([1], "争议金额必须是数字，如“50000”或“50000.50”。"),
    ],
)
def test_refuses_naming_the_field(value: object, message: str) -> None:
    with pytest.raises(MoneyError) as caught:
        parse_money(value, field="amount", label="争议金额")
    assert isinstance(caught.value, FieldError)
    assert caught.value.fields == {"amount": [message]}
    assert (caught.value.field, caught.value.reason) == ("amount", message)


def test_grouping_only_when_correctly_grouped() -> None:
    assert parse_money("1,234,567.50", grouping=True) == D("1234567.50")
    with pytest.raises(MoneyError):
        parse_money("1,23,4", grouping=True)


def test_options() -> None:
    assert parse_money("-5", allow_negative=True) == D(-5)
    with pytest.raises(MoneyError, match="必须大于 0"):
        parse_money("0", allow_zero=False)
    with pytest.raises(MoneyError, match=r"不能超过 100\.00 元"):
        parse_money("100.01", maximum=D(100))
    # A caller may narrow the ceiling, never widen it past what every column holds.
    with pytest.raises(MoneyError):
        parse_money("1000000000000", maximum=D("1e20"))
    with pytest.raises(MoneyError, match="必须是数字"):
        parse_money("", blank_is_missing=False)


def test_pure_python() -> None:
    import subprocess
    import sys

    code = (
        "import sys, fating.core.money; sys.exit(any(m.startswith('django') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
