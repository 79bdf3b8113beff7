"""The 执行指挥中心's figures from counts and sums. Pure, no Django.

- 执结率 = closed cases / cases accepted (open + closed);
- 执行完毕率 = 执行完毕 / closed; 终本率 = 终本 / closed;
- 实际执行到位率 = money paid to applicants / money applied for, over the closed and open cases.
A rate with a zero denominator is None (shown as "—"), never 0 or 100%.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

AGE_BUCKETS = ((90, "三个月以内"), (180, "三至六个月"), (None, "超过六个月"))


def rate(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """Percentage with one decimal place, half up."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def age_bucket(days_open: int) -> str:
    for limit, label in AGE_BUCKETS:
        if limit is None or days_open <= limit:
            return label
    return AGE_BUCKETS[-1][1]  # pragma: no cover


def rates(
    *,
    open_: int,
    completed: int,
    concluded: int,
    other_closed: int,
    paid: Decimal,
    applied: Decimal,
) -> dict[str, Decimal | None]:
    closed = completed + concluded + other_closed
    return {
        "closure": rate(closed, open_ + closed),
        "completion": rate(completed, closed),
        "zhongben": rate(concluded, closed),
        "money": rate(paid, applied),
    }
