"""The one money parser: text or a number from a form, a JSON body, a CLI or a gateway callback
becomes a `Decimal` of yuan with at most two decimals (fen), or a `MoneyError` naming the field.

Pure Python, no Django import, so `fating fee` and the pure rules modules use the same parser as
the forms, the API serializers and the services. Every money column in the project is
`DecimalField(max_digits=14, decimal_places=2)` or wider, so one limit, `MONEY_MAX`
(999,999,999,999.99 yuan, just under one trillion), fits every column: a value the parser accepts
can always be stored, and nothing rounds silently — "0.001" is refused, not turned into 0.00.
The ceiling is far above any claim a basic-level court sees (the largest bankruptcies in China
are of this order) and keeps arithmetic far from Decimal's limits.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from fating.core.exceptions import FieldError
from fating.core.textmarks import gettext_noop

__all__ = [
    "CENT",
    "MONEY_MAX",
    "MONEY_MAX_DIGITS",
    "MONEY_PATTERN",
    "MoneyError",
    "format_money",
    "parse_money",
]

CENT = Decimal("0.01")
MONEY_MAX_DIGITS = 14  # the narrowest money column: DecimalField(max_digits=14, decimal_places=2)
MONEY_MAX = Decimal("999999999999.99")

# Plain decimal notation only: no exponent ("1e5"), no "NaN"/"Infinity", no full-width digits,
# no underscores. Thousands separators are accepted only when grouped correctly ("1,000,000.50")
# and only where a person types the amount (forms), never in a machine format.
MONEY_PATTERN = r"^[+-]?\d+(\.\d+)?$"
_PLAIN = re.compile(MONEY_PATTERN, re.ASCII)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)

NOT_A_NUMBER = gettext_noop("{label}必须是数字，如“50000”或“50000.50”。")
NOT_A_NUMBER_BOOL = gettext_noop("{label}必须是数字，不能是 true/false。")
NOT_FINITE = gettext_noop("{label}必须是有限的数字。")
REQUIRED = gettext_noop("请填写{label}。")
NEGATIVE = gettext_noop("{label}不能为负数。")
NOT_POSITIVE = gettext_noop("{label}必须大于 0。")
TOO_PRECISE = gettext_noop("{label}最多精确到分（两位小数）。")
TOO_LARGE = gettext_noop("{label}不能超过 {maximum} 元。")


class MoneyError(FieldError):
    """A money input the parser refused. `field` is the input's name, `reason` the Chinese
    message (it names the field by its label); `fields` is {field: [reason]} like FieldError."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__({field: reason})
        self.field = field
        self.reason = reason


def format_money(value: Decimal) -> str:
    """'1,234,567.80' — how limits and amounts are written in messages."""
    return f"{value.quantize(CENT):,}"


def parse_money(
    value: object,
    *,
    field: str = "amount",
    label: str = "金额",
    required: bool = False,
    allow_zero: bool = True,
    allow_negative: bool = False,
    maximum: Decimal = MONEY_MAX,
    grouping: bool = False,
    blank_is_missing: bool = True,
) -> Decimal | None:
    """Parse `value` (str, int, Decimal, or a float from a JSON body) into yuan.

    Returns None for None or blank text unless `required`. The Decimal returned keeps the
    digits given ("200" stays Decimal("200"), so `fating fee` echoes what was typed); it is never
    rounded: more than two decimals is an error. Refuses booleans, NaN, ±Infinity, exponent
    notation in text, negative amounts (unless `allow_negative`), zero (unless `allow_zero`)
    and anything above `maximum` (default MONEY_MAX; a caller may only narrow it, for a narrower
    column). `grouping` accepts correctly grouped thousands separators, for amounts people type.
    `blank_is_missing=False` makes "" an error rather than "no amount" (machine formats).
    """
    maximum = min(maximum, MONEY_MAX)
    number = _to_decimal(value, field=field, label=label, grouping=grouping, blank=blank_is_missing)
    if number is None:
        if required:
            raise MoneyError(field, REQUIRED.format(label=label))
        return None
    if not number.is_finite():
        raise MoneyError(field, NOT_FINITE.format(label=label))
    if number < 0 and not allow_negative:
        raise MoneyError(field, NEGATIVE.format(label=label))
    if abs(number) > maximum:
        raise MoneyError(field, TOO_LARGE.format(label=label, maximum=format_money(maximum)))
    if number != number.quantize(CENT):
        raise MoneyError(field, TOO_PRECISE.format(label=label))
    if number == 0:
        if not allow_zero:
            raise MoneyError(field, NOT_POSITIVE.format(label=label))
        number = abs(number)  # "-0" and "-0.00" are zero, not a negative amount
    return number


def _to_decimal(
    value: object, *, field: str, label: str, grouping: bool, blank: bool
) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise MoneyError(field, NOT_A_NUMBER_BOOL.format(label=label))
    if isinstance(value, str):
        text = value.strip()
        if not text and blank:
            return None
        if grouping and _GROUPED.match(text):
            text = text.replace(",", "")
        if not _PLAIN.match(text):
            raise MoneyError(field, NOT_A_NUMBER.format(label=label))
        return Decimal(text)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that round-trips, i.e. what the sender wrote: 0.1 is
        # "0.1", not 0.1000000000000000055511151231257827. inf and nan come back non-finite.
        try:
            return Decimal(repr(value))
        except InvalidOperation:  # pragma: no cover - repr of a float always parses
            raise MoneyError(field, NOT_A_NUMBER.format(label=label)) from None
    raise MoneyError(field, NOT_A_NUMBER.format(label=label))
