"""Meeting a judge (约见法官) and the 法官热线 / 12368 call log. Pure Python, no Django.

Neither has an article of its own in the law corpus (/work/shared/data/laws/): both are the
court's service practice (诉讼服务). What the code keeps to:

- A party, or a liaison for a villager at their point, asks to meet a judge at a service point
  (法官工作室, village point …) or online by appointment, with a topic and preferred times. The
  court routes it to a judge — by default the point's paired officer when a judge, else a judge of
  the point's tribunal — who accepts with a time (and the place or the meeting link) or declines
  with a reason; after the meeting the judge writes a short record.
- Each 12368 call is logged by court staff (caller, number, topic, category) as a ticket routed to
  a judge or to a tribunal, due within the category's target hours (`TARGET_HOURS`, the court's
  service standard kept as data); a ticket not answered by then is overdue. The answer given to
  the caller is recorded; a month's figures are the calls, the share answered in time and the
  average hours to answer.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from fating.core.machine import Machine, t
from fating.core.textmarks import gettext_noop


class MeetingStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DONE = "done"
    WITHDRAWN = "withdrawn"


M = MeetingStatus
MEETING: Machine[MeetingStatus] = Machine(
    states={M.REQUESTED: "待安排", M.ACCEPTED: "已约定", M.DECLINED: "已婉拒", M.DONE: "已见面",
            M.WITHDRAWN: "已撤回"},
    refusal="约见当前为“{state}”，不能{action}。",
    transitions=[
        t("route", "转交法官", M.REQUESTED, M.REQUESTED),
        t("accept", "接受约见", M.REQUESTED, M.ACCEPTED),
        t("decline", "婉拒约见", M.REQUESTED, M.DECLINED),
        t("complete", "记录约见情况", M.ACCEPTED, M.DONE),
        t("withdraw", "撤回约见", (M.REQUESTED, M.ACCEPTED), M.WITHDRAWN),
    ],
)  # fmt: skip

AT_POINT, ONLINE = "at_point", "online"
MODE_LABELS = {AT_POINT: gettext_noop("到服务点面谈"), ONLINE: gettext_noop("线上视频约见")}


class CallStatus(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


C = CallStatus
CALL: Machine[CallStatus] = Machine(
    states={C.OPEN: "待答复", C.ANSWERED: "已答复"},
    refusal="来电工单当前为“{state}”，不能{action}。",
    transitions=[
        t("route", "转办", C.OPEN, C.OPEN),
        t("answer", "答复来电", C.OPEN, C.ANSWERED),
    ],
)

CONSULT, CASE_QUERY, MEETING_REQUEST, COMPLAINT = "consult", "case_query", "meeting", "complaint"
CATEGORY_LABELS = {
    CONSULT: gettext_noop("咨询"),
    CASE_QUERY: gettext_noop("查询案件"),
    MEETING_REQUEST: gettext_noop("约见"),
    COMPLAINT: gettext_noop("投诉建议"),
}
#: Hours from the call to the answer the court promises, by category (the court's service
#: standard, kept here as data; not a statutory period). 咨询 and 查询 are answered within a
#: working day, 约见 within two, 投诉建议 within five days.
TARGET_HOURS: dict[str, int] = {CONSULT: 24, CASE_QUERY: 24, MEETING_REQUEST: 48, COMPLAINT: 120}


def due_at(received_at: datetime, category: str) -> datetime:
    """When the answer to a call of `category` received at `received_at` is due."""
    return received_at + timedelta(hours=TARGET_HOURS[category])


def is_overdue(due: datetime, answered_at: datetime | None, now: datetime) -> bool:
    """Overdue: not answered by its due time (still open past it, or answered after it)."""
    return (answered_at or now) > due


def response_hours(received_at: datetime, answered_at: datetime) -> float:
    return max((answered_at - received_at).total_seconds(), 0.0) / 3600


@dataclass(frozen=True)
class MonthFigures:
    calls: int
    answered: int
    answered_in_time: int
    in_time_share: float | None  # of all calls of the month, None when there were none
    average_hours: float | None  # over answered calls, None when none was answered
    overdue_open: int


def month_figures(
    calls: Iterable[tuple[datetime, datetime | None, datetime]], now: datetime
) -> MonthFigures:
    """The month's figures from (received_at, answered_at, due_at) of each call received in it.

    答复及时率 = calls answered by their due time ÷ all calls of the month (an open call counts
    against it); 平均答复时长 = mean hours from call to answer over answered calls."""
    rows = list(calls)
    answered = [(r, a, d) for r, a, d in rows if a is not None]
    in_time = sum(1 for _r, a, d in answered if a is not None and a <= d)
    hours = [response_hours(r, a) for r, a, _d in answered if a is not None]
    overdue_open = sum(1 for _r, a, d in rows if a is None and now > d)
    return MonthFigures(
        calls=len(rows),
        answered=len(answered),
        answered_in_time=in_time,
        in_time_share=round(in_time / len(rows), 4) if rows else None,
        average_hours=round(sum(hours) / len(hours), 1) if hours else None,
        overdue_open=overdue_open,
    )


def month_bounds(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(year, month) of the month and of the next one."""
    if not (1 <= month <= 12):
        raise ValueError("month")
    return (year, month), ((year + 1, 1) if month == 12 else (year, month + 1))
