"""Money of enforcement. Pure, no Django.

申请执行费 (诉讼费用交纳办法 第14条(一)): computed by the one fee engine `cases.rules.fees`; not
prepaid, paid after enforcement (第20条) and borne by the respondent (第38条) — the court takes it
out of the proceeds on top of the debt.

Delay interest 加倍部分债务利息 (民事诉讼法 第264条; 最高人民法院关于执行程序中计算迟延履行期间的债务利息
适用法律若干问题的解释, 法释〔2014〕8号, 第1–4条; text not in data/laws, LEGAL-RULES D10 "checked"):

    加倍部分债务利息 = 尚未清偿的生效法律文书确定的除一般债务利息之外的金钱债务 × 日万分之一点七五 × 迟延履行期间

The period runs from the expiry of the performance period (instalments: each instalment's expiry;
none fixed: the effective date) to the day of performance; for part payments each part's period
ends on its payment day (第2条). Day counting, decided here: the expiry day itself is still within
time, so the first day of delay is the day after it and the payment day counts — days =
(paid_on − expiry day); paid on the expiry day → 0 days. Amounts are exact Decimals; `round_fen`
rounds half up to 分 only for display and the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from fating.cases.rules.fee_tables import FeeKind
from fating.cases.rules.fees import FeeRequest, FeeResult, calculate_fee

DAILY_RATE = Decimal("0.000175")  # 日万分之一点七五 (法释〔2014〕8号 第1条)
INTEREST_ARTICLES = ("民事诉讼法 第264条", "法释〔2014〕8号 第1条", "法释〔2014〕8号 第2条")
FEN = Decimal("0.01")


def round_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def application_fee(amount: Decimal | None) -> FeeResult:
    """申请执行费 on the amount to be enforced (诉讼费用交纳办法 第14条(一))."""
    return calculate_fee(FeeRequest(kind=FeeKind.ENFORCEMENT, amount=amount))


def delay_days(due_last_day: dt.date, paid_on: dt.date) -> int:
    """Days of delay: the day after the last day to perform up to and including `paid_on`."""
    return max(0, (paid_on - due_last_day).days)


@dataclass(frozen=True)
class InterestLine:
    principal: Decimal
    due_last_day: dt.date
    until: dt.date
    days: int
    interest: Decimal  # exact


@dataclass(frozen=True)
class Instalment:
    """A money debt fixed by the document, falling due on `due_last_day`."""

    amount: Decimal
    due_last_day: dt.date


def delay_interest(
    debts: Sequence[Instalment],
    payments: Sequence[tuple[dt.date, Decimal]],
    *,
    until: dt.date,
) -> tuple[Decimal, tuple[InterestLine, ...]]:
    """Exact doubled interest on `debts` (principal only, no ordinary interest) given the part
    `payments` (day, amount) applied to the earliest debts first (法释〔2014〕8号 第4条 applies
    money to the principal before this interest), the rest counted up to `until`."""
    if any(d.amount < 0 for d in debts) or any(a < 0 for _, a in payments):
        raise ValueError("金额不能为负数")
    ordered = sorted(debts, key=lambda d: d.due_last_day)
    dues = [d.due_last_day for d in ordered]
    rests = [d.amount for d in ordered]
    lines: list[InterestLine] = []

    def charge(principal: Decimal, due: dt.date, end: dt.date) -> None:
        days = delay_days(due, end)
        if principal > 0:
            interest = principal * DAILY_RATE * days
            lines.append(InterestLine(principal, due, end, days, interest))

    for paid_on, amount in sorted(payments, key=lambda p: p[0]):
        left = amount
        for i, due in enumerate(dues):
            if left <= 0:
                break
            part = min(left, rests[i])
            if part > 0:
                charge(part, due, paid_on)
                rests[i] -= part
                left -= part
    for due, rest in zip(dues, rests, strict=True):
        charge(rest, due, until)
    return sum((line.interest for line in lines), Decimal(0)), tuple(lines)
