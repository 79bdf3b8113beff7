"""The state machines of a filing (立案申请) and of a case (案件). No Django imports.

登记立案规定 (2015): the court decides within 7 days of receipt (第8条), or tells the filer once,
in writing, everything to correct and by when (第7条), the clock restarting from the corrections;
refusal gives reasons in writing (第9条). 跨域立案: the receiving court forwards the complaint to
the competent court while it awaits review.
"""

from __future__ import annotations

import enum

from fating.core.machine import Machine, t


class FilingStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CORRECTION_REQUESTED = "correction_requested"
    RESUBMITTED = "resubmitted"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


F = FilingStatus
EDITABLE = (F.DRAFT, F.CORRECTION_REQUESTED)
UNDER_REVIEW = (F.SUBMITTED, F.RESUBMITTED)

FILING: Machine[FilingStatus] = Machine(
    states={
        F.DRAFT: "草稿",
        F.SUBMITTED: "已提交，待审查",
        F.CORRECTION_REQUESTED: "待补正",
        F.RESUBMITTED: "已补正，待审查",
        F.ACCEPTED: "已立案",
        F.REFUSED: "不予受理",
        F.WITHDRAWN: "已撤回",
    },
    refusal="立案申请处于“{state}”状态，不能{action}。",
    transitions=[
        # the filer may still change a draft, or a filing sent back for correction
        t("edit", "修改", F.DRAFT, F.DRAFT),
        t("edit", "修改", F.CORRECTION_REQUESTED, F.CORRECTION_REQUESTED),
        t("submit", "提交", F.DRAFT, F.SUBMITTED),
        t("forward", "转交", F.SUBMITTED, F.SUBMITTED),
        t("forward", "转交", F.RESUBMITTED, F.RESUBMITTED),
        t("request_correction", "通知补正", UNDER_REVIEW, F.CORRECTION_REQUESTED),
        t("resubmit", "提交补正", F.CORRECTION_REQUESTED, F.RESUBMITTED),
        t("accept", "立案", UNDER_REVIEW, F.ACCEPTED),
        t("refuse", "不予受理", UNDER_REVIEW, F.REFUSED),
        t("withdraw", "撤回", [F.DRAFT, *UNDER_REVIEW, F.CORRECTION_REQUESTED], F.WITHDRAWN),
    ],
)


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


# Closed by judgment, mediation, withdrawal, dismissal or transfer (Case.Closure); nothing
# reopens a case here (a retrial is a new case with its own number).
CASE: Machine[CaseStatus] = Machine(
    states={CaseStatus.OPEN: "审理中", CaseStatus.CLOSED: "已结案"},
    refusal="案件当前为“{state}”，不能{action}。",
    transitions=[t("close", "结案", CaseStatus.OPEN, CaseStatus.CLOSED)],
)


class EntrustmentStatus(enum.StrEnum):
    OFFERED = "offered"
    DECLINED = "declined"
    LAPSED = "lapsed"
    MEDIATING = "mediating"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    RETURNED = "returned"


E = EntrustmentStatus
ENTRUSTMENT_LIVE = (E.OFFERED, E.MEDIATING)

# 委托调解 of a filed case (特邀调解规定 第11条): the invitee answers within 3 working days
# (在线调解规则 第12条), unanswered it lapses; the mediation succeeds, fails, or the period
# (15 days ordinary, 7 simple; 第27条) runs out and the file returns. An agreed extension keeps
# it mediating.
ENTRUSTMENT: Machine[EntrustmentStatus] = Machine(
    states={
        E.OFFERED: "待接受",
        E.DECLINED: "不予接受",
        E.LAPSED: "逾期未确认",
        E.MEDIATING: "调解中",
        E.SUCCEEDED: "调解成功",
        E.FAILED: "调解不成",
        E.RETURNED: "期满退回",
    },
    refusal="委托调解当前为“{state}”，不能{action}。",
    transitions=[
        t("accept", "接受委托", E.OFFERED, E.MEDIATING),
        t("decline", "不予接受", E.OFFERED, E.DECLINED),
        t("lapse", "逾期未确认", E.OFFERED, E.LAPSED),
        t("extend", "延长调解期限", E.MEDIATING, E.MEDIATING),
        t("succeed", "调解成功", E.MEDIATING, E.SUCCEEDED),
        t("fail", "调解不成", E.MEDIATING, E.FAILED),
        t("return", "期满退回", E.MEDIATING, E.RETURNED),
    ],
)
