"""Notices, the property report, the 执行事务中心's task queue and the monthly reconciliation of
the enforcement money. Pure, no Django.

- 执行通知 (民事诉讼法 第251条, 2023: "执行员接到申请执行书或者移交执行书，应当向被执行人发出执行
  通知"): within ten days of receiving the application (民诉法解释 第480条第1款); it orders performance
  and tells the respondent of the delay interest (第480条第2款, 民事诉讼法 第264条). Its service follows
  the rules on service (执行工作若干问题的规定（试行）第23条), so it is served through `delivery`.
- 报告财产令 (民事诉讼法 第252条): a respondent who does not perform as the notice orders must report
  its current property and the property it had in the year before it received the notice; refusing
  to report or reporting falsely may be fined or detained (罚款、拘留) according to the
  circumstances. The court sets the period in the order (REPORT_DAYS, the platform's default; the
  2017 财产调查规定 that fixes the order's contents is not in the law pack: memory).
- Breaching the property-report duty is a ground of the 失信 list (失信被执行人名单规定 第1条, 2017
  revision, memory — see measures.BLACKLIST_GROUNDS["breaks_report_duty"]). The platform records
  the flag and proposes; the 执行法官 decides, by the measures' own services.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from fating.core.machine import Machine, t

NOTICE_DAYS = 10  # 民诉法解释 第480条第1款: the notice within ten days of the application
REPORT_DAYS = 10  # the period the 报告财产令 gives by default (days from its service)
REPORT_ARTICLE = "民事诉讼法 第252条"
BLACKLIST_GROUND = "breaks_report_duty"  # measures.BLACKLIST_GROUNDS, 失信规定 第1条

#: What the report covers (民事诉讼法 第252条: current property and that of the past year).
ITEM_KINDS: Mapping[str, str] = {
    "deposit": "银行存款",
    "real_estate": "不动产",
    "vehicle": "车辆",
    "securities": "有价证券",
    "online": "网络支付账户",
    "income": "收入",
    "other": "其他财产",
    "change": "一年内财产变动",
}

#: The flags for sanction (罚款、拘留 proposals; 民事诉讼法 第252条).
FLAG_LABELS: Mapping[str, str] = {
    "late": "逾期未报告财产",
    "missing": "漏报财产",
    "false": "虚假报告财产",
}
PROPOSAL_LABELS: Mapping[str, str] = {"fine": "建议罚款", "detention": "建议拘留"}


class FlagStatus(enum.StrEnum):
    OPEN = "open"
    DISMISSED = "dismissed"
    CONVERTED = "converted"


F = FlagStatus
# A flag waits for the 执行法官 (民事诉讼法 第252条: the court "may" fine or detain; nothing is
# imposed by the flag): dismissed with a reason recorded, or converted into a measure (the 失信
# decision on the ground 违反财产报告制度, taken by the measures' own service).
FLAG: Machine[FlagStatus] = Machine(
    states={F.OPEN: "待决定", F.DISMISSED: "不予处罚", F.CONVERTED: "已转为失信措施"},
    refusal="该标记当前为“{state}”，不能{action}。",
    transitions=[
        t("dismiss", "不予处罚", F.OPEN, F.DISMISSED),
        t("convert", "转为失信措施", F.OPEN, F.CONVERTED),
    ],
)
MAX_ITEMS = 50


@dataclass(frozen=True)
class ReportItem:
    kind: str
    holder: str
    reference: str
    value: Decimal
    note: str = ""


@dataclass(frozen=True)
class FoundProperty:
    """A piece of the respondent's property the searches found (an Asset)."""

    ident: int
    kind: str
    holder: str
    reference: str
    value: Decimal


@dataclass(frozen=True)
class Finding:
    ground: str  # a FLAG_LABELS key
    asset: int | None
    detail: str
    proposal: str  # a PROPOSAL_LABELS key


def report_due(served_on: dt.date, days: int = REPORT_DAYS) -> dt.date:
    """The last day to report: `days` after the order was served (the service day not counted,
    民事诉讼法 第85条)."""
    return served_on + dt.timedelta(days=days)


def item_errors(items: Sequence[Mapping[str, object]]) -> dict[str, str]:
    """What is wrong with a report's items, by field, in the court's words (empty: none)."""
    if not items:
        return {"items": "请至少填写一项财产或收入；没有财产也须如实说明（填写“其他财产”并注明）"}
    if len(items) > MAX_ITEMS:
        return {"items": f"一次报告不超过{MAX_ITEMS}项"}
    for n, item in enumerate(items, 1):
        if item.get("kind") not in ITEM_KINDS:
            return {"items": f"第{n}项：财产类型无效"}
        holder, reference = str(item.get("holder", "")), str(item.get("reference", ""))
        if not holder.strip() or len(holder) > 60 or len(reference) > 60:
            return {
                "items": f"第{n}项：请填写开户银行、登记机关或支付单位（不超过60字），标识不超过60字"
            }
        value = item.get("value")
        if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
            return {"items": f"第{n}项：金额或价值须为不小于零的数字（元）"}
        if value > Decimal("999999999999.99") or value != value.quantize(Decimal("0.01")):
            return {"items": f"第{n}项：金额须精确到分且不超过999999999999.99元"}
        if len(str(item.get("note", ""))) > 200:
            return {"items": f"第{n}项：说明不超过200字"}
    return {}


def _same(a: str, b: str) -> bool:
    return "".join(a.split()).lower() == "".join(b.split()).lower()


def check_report(
    items: Iterable[ReportItem], found: Iterable[FoundProperty], *, late: bool
) -> list[Finding]:
    """The report against the property the searches found (民事诉讼法 第252条):

    - a found asset not in the report (same holder and reference) → 漏报 (missing), a fine proposed;
    - a reported item matching a found deposit or asset but declared below the value found
      (more than 10% or 1,000 yuan short) → 虚假报告 (false), detention proposed for a gap of
      half the value or more, else a fine;
    - a report after its last day → 逾期报告 (late), a fine proposed.
    """
    items = list(items)
    findings: list[Finding] = []
    if late:
        findings.append(Finding("late", None, "报告财产令确定的期限届满后才报告", "fine"))
    for asset in found:
        match = next(
            (i for i in items if _same(i.holder, asset.holder) and _same(i.reference, asset.reference)),
            None,
        )  # fmt: skip
        if match is None:
            findings.append(Finding(
                "missing", asset.ident, f"未报告：{asset.holder} {asset.reference}（查得{asset.value}元）",
                "fine"))  # fmt: skip
            continue
        gap = asset.value - match.value
        if gap > max(asset.value / 10, Decimal(1000)):
            proposal = "detention" if gap * 2 >= asset.value else "fine"
            findings.append(Finding(
                "false", asset.ident,
                f"{asset.holder} {asset.reference}：报告{match.value}元，查得{asset.value}元", proposal))  # fmt: skip
    return findings


def missed(due_on: dt.date | None, reported: bool, today: dt.date) -> bool:
    """The report's last day passed with no report (拒绝报告)."""
    return due_on is not None and not reported and today > due_on


# -- the 执行事务中心's queue ---------------------------------------------------------------


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    DONE = "done"
    RETURNED = "returned"


TASK_KINDS: Mapping[str, str] = {
    "inquiry": "网络查控",
    "service": "执行送达",
    "auction_notice": "网拍公告",
    "traditional": "传统查控",
}

T = TaskStatus
#: The context `answered` is taken with: only the 网络查控 service closes a task so, never a person.
SEARCH_ANSWERED = "search_answered"


def by_search(context: object) -> bool:
    """Guard of `answered`: the service of 网络查控 closing the task, not a move offered to people."""
    return context == SEARCH_ANSWERED


# A task is created open, claimed by one executor of the centre, then done, or returned to the
# case's team (with the reason) when the centre cannot do it; a claim may be given back. A 网络查控
# task is done by itself when a search of its case answers, in full or in part (`answered`).
CENTRE_TASK: Machine[TaskStatus] = Machine(
    states={T.OPEN: "待领取", T.CLAIMED: "办理中", T.DONE: "已办结", T.RETURNED: "已退回"},
    refusal="事务当前为“{state}”，不能{action}。",
    transitions=[
        t("claim", "领取", T.OPEN, T.CLAIMED),
        t("release", "放回队列", T.CLAIMED, T.OPEN),
        t("finish", "办结", T.CLAIMED, T.DONE),
        t("return", "退回承办团队", T.CLAIMED, T.RETURNED),
        t("answered", "查控已反馈，自动办结", (T.OPEN, T.CLAIMED), T.DONE, guard=by_search),
    ],
)
#: The task kind a 网络查控 answer closes.
SEARCH_TASK = "inquiry"
OPEN_TASKS = (T.OPEN, T.CLAIMED)

AGE_BUCKETS = ((1, "1日内"), (3, "1–3日"), (7, "3–7日"), (10**6, "7日以上"))


def task_age_bucket(days: int) -> str:
    return next(label for limit, label in AGE_BUCKETS if days <= limit)


# -- the monthly reconciliation -----------------------------------------------------------


@dataclass(frozen=True)
class LedgerLine:
    kind: str  # deduction, voluntary, auction, difference, payout, fee
    amount: Decimal
    status: str  # booked, pending, paid
    booked_on: dt.date
    paid_on: dt.date | None
    bank_ref: str


MONEY_IN = ("deduction", "voluntary", "auction", "difference")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CaseMonth:
    opening: Decimal
    money_in: Decimal
    paid_out: Decimal
    pending: Decimal
    fees: Decimal
    closing: Decimal
    problems: tuple[str, ...]


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """ "2026-11" → (2026-11-01, 2026-12-01); ValueError for anything else."""
    year, _, mon = month.partition("-")
    if not (year.isdigit() and mon.isdigit() and len(year) == 4 and len(mon) == 2):
        raise ValueError(month)
    first = dt.date(int(year), int(mon), 1)
    nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, nxt


def reconcile_case(
    lines: Sequence[LedgerLine],
    *,
    first: dt.date,
    after: dt.date,
    owed: Decimal,
    fee_due: Decimal,
    deductions_done: Decimal,
) -> CaseMonth:
    """One case's month: the balance held at the start, money in, paid out (and still pending),
    fees taken, the balance held at the end; and what does not add up — a balance below zero, a
    payout marked paid with no bank reference, more paid than owed, fees above the fee, deductions
    booked that no completed 扣划 accounts for, a payout pending past the month's end."""

    def signed(line: LedgerLine) -> Decimal:
        return line.amount if line.kind in MONEY_IN else -line.amount

    before = [x for x in lines if x.booked_on < first]
    during = [x for x in lines if first <= x.booked_on < after]
    opening = sum((signed(x) for x in before), ZERO)
    money_in = sum((x.amount for x in during if x.kind in MONEY_IN), ZERO)
    payouts = [x for x in during if x.kind == "payout"]
    paid_out = sum((x.amount for x in payouts if x.status == "paid"), ZERO)
    pending = sum((x.amount for x in payouts if x.status != "paid"), ZERO)
    fees = sum((x.amount for x in during if x.kind == "fee"), ZERO)
    closing = opening + money_in - paid_out - pending - fees
    upto = [x for x in lines if x.booked_on < after]
    problems: list[str] = []
    if closing < 0:
        problems.append("结存为负数")
    if any(x.kind == "payout" and x.status == "paid" and not x.bank_ref for x in upto):
        problems.append("已发放款项缺银行流水号")
    if sum((x.amount for x in upto if x.kind == "payout"), ZERO) > owed:
        problems.append("发放金额超过申请执行标的")
    if sum((x.amount for x in upto if x.kind == "fee"), ZERO) > fee_due:
        problems.append("收取的申请执行费超过应交数额")
    if sum((x.amount for x in upto if x.kind == "deduction"), ZERO) != deductions_done:
        problems.append("扣划入账与已办结的扣划措施不符")
    if any(x.kind == "payout" and x.status != "paid" for x in upto):
        problems.append("月末仍有待发放的款项")
    return CaseMonth(opening, money_in, paid_out, pending, fees, closing, tuple(problems))
