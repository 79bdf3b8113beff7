"""Disposal before and after a 网络司法拍卖: valuation methods, auction notice periods, 以物抵债.
Pure, no Django.

Sources and what was verified:
- Valuation methods (当事人议价, 定向询价, 网络询价, 委托评估) follow 最高人民法院关于人民法院确定财产处置参考价
  若干问题的规定 (2018). Its text is NOT in /work/shared/data/laws/, so no article of it is cited here.
- Notice periods: 最高人民法院关于人民法院网络司法拍卖若干问题的规定 (2016). Its text is NOT in
  /work/shared/data/laws/ either; LEGAL-RULES D10 records 15 days for movables and 30 days for real
  estate and other property rights as remembered, not checked. The same periods are applied to every
  round here (stricter than or equal to what is remembered for a second auction), and the messages
  name no article.
- 以物抵债: 最高人民法院关于适用《中华人民共和国民事诉讼法》的解释 (2022) 第490条 (verified in the laws
  folder): property that cannot be auctioned or sold may, with the applicant's consent, be valued and
  delivered to the applicant in satisfaction of the debt; 第491条 (verified): ownership passes when the
  抵债 ruling is served on the creditor who takes the property. 最高人民法院关于人民法院执行工作若干问题的
  规定（试行）第43条 (verified) and 民法典物权编解释（一）第7条 (verified) name the 以物抵债裁定书 as the
  document; none of them fixes the price or the difference.
- The price and the difference (补交差额): 最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定 (2004,
  2020修正) 第16条 — the creditor who takes the property after a failed round takes it at that
  round's reserve price (保留价), and a taker whose claim is below that price must pay in the
  difference within the period the court sets. That text is NOT in /work/shared/data/laws/
  (remembered, not checked; the "拒绝接受或者依法不能接受" sentence is, as remembered, in its 第24–25
  条 on the rounds after which movables and real estate are returned or sold); so nothing printed
  for a person cites it, and the ruling cites only 民诉法解释 第490、491条.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal

from fating.core.machine import Machine, t

VALUATION_METHODS = {
    "negotiated": "当事人议价",
    "directed": "定向询价",
    "online": "网络询价",
    "appraisal": "委托评估",
}
NOTICE_DAYS = {"deposit": 15, "movable": 15, "real_estate": 30, "other_right": 30}
IN_KIND_ARTICLE = "民诉法解释 第490条"
#: What the 以物抵债裁定书 cites (both verified in the laws folder).
IN_KIND_RULING_BASIS = (
    "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百九十条、第四百九十一条"
)
#: The period the court gives by default to pay in the difference (the platform's default; the
#: law leaves the period to the court, see the module's notes).
IN_KIND_PAY_DAYS = 15
FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def notice_days(asset_kind: str) -> int:
    """Days the auction notice must precede the start; unknown kinds take the longer period."""
    return NOTICE_DAYS.get(asset_kind, 30)


def notice_problems(
    *, asset_kind: str, announced_on: dt.date, starts_on: dt.date
) -> dict[str, str]:
    """Field → Chinese sentence when the auction starts too soon after its notice ({} = fine)."""
    days = notice_days(asset_kind)
    if (starts_on - announced_on).days < days:
        label = "动产" if days == 15 else "不动产或其他财产权"
        return {
            "starts_on": f"拍卖{label}应当在拍卖开始{days}日前发布公告，"
            f"开始日不得早于{(announced_on + dt.timedelta(days=days)).isoformat()}"
        }
    return {}


def in_kind_problems(*, last_result: str | None, consent: bool, disposed: bool) -> dict[str, str]:
    """Field → Chinese sentence when 以物抵债 is not allowed ({} = fine)."""
    problems: dict[str, str] = {}
    if last_result != "failed":
        problems["auction"] = "只有最近一次拍卖流拍后才能以物抵债"
    if disposed:
        problems["asset"] = "该财产已处置"
    if not consent:
        problems["consent"] = f"以物抵债须经申请执行人同意（{IN_KIND_ARTICLE}）"
    return problems


@dataclass(frozen=True)
class InKindTerms:
    """What 以物抵债 after a failed round comes to, in exact yuan:

    - `value`: the failed round's reserve price (起拍价 = 保留价), at which the property is taken;
    - `claim`: the applicant's claim still unpaid and not covered by money the court already
      holds for it (the applicant is paid first out of money held, as `services.pay_out` does);
    - `credited`: the part of the debt the property satisfies, min(value, claim);
    - `difference`: what the applicant must pay in when the value exceeds the claim (补交差额).
    """

    value: Decimal
    claim: Decimal
    credited: Decimal
    difference: Decimal


def in_kind_terms(
    *, value: Decimal, owed: Decimal, paid_out: Decimal, credited_before: Decimal, held: Decimal
) -> InKindTerms:
    """The terms of taking property worth `value` against a debt of `owed`, of which `paid_out`
    was paid (or is being paid) to the applicant, `credited_before` was satisfied in kind, and
    `held` is money in the ledger not yet paid out (a negative balance counts as none)."""
    claim = max(owed - paid_out - credited_before - max(held, ZERO), ZERO).quantize(FEN)
    value = value.quantize(FEN)
    credited = min(value, claim)
    return InKindTerms(value=value, claim=claim, credited=credited, difference=value - credited)


def pay_by_problem(pay_by: dt.date, today: dt.date) -> str | None:
    """None when the last day to pay in the difference is acceptable, else the sentence."""
    if pay_by < today:
        return "补交差价的期限不得早于今天"
    if (pay_by - today).days > 90:
        return "补交差价的期限不超过90日"
    return None


class InKindStatus(enum.StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


def difference_paid(context: object) -> bool:
    """Guard of `complete`: the difference, if any, is in the ledger (context: bool)."""
    return context is True


IK = InKindStatus
# A settlement whose value does not exceed the claim is made completed at once (no arrow: it is
# created so); one with a difference waits for the payment, then the ruling completes it, or it
# is cancelled (the applicant did not pay in time, or the ledger changed meanwhile).
IN_KIND: Machine[InKindStatus] = Machine(
    states={IK.AWAITING_PAYMENT: "待补交差价", IK.COMPLETED: "已裁定抵债", IK.CANCELLED: "已撤销"},
    refusal="该以物抵债当前为“{state}”，不能{action}。",
    transitions=[
        t("complete", "作出以物抵债裁定", IK.AWAITING_PAYMENT, IK.COMPLETED, guard=difference_paid),
        t("cancel", "撤销以物抵债", IK.AWAITING_PAYMENT, IK.CANCELLED),
    ],
)
