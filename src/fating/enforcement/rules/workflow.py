"""The enforcement case's state machine 执行案件流程. Pure, no Django.

filed (立案) → triaged (分到速执或实施团队) → investigating (网络查控/传统查控) → controlled (冻结、查封、
扣押) → disposing (评估、拍卖、以物抵债) and then one of the closures of 执行工作若干问题的规定（试行）and
民事诉讼法 第264条、第268条: 执行完毕 (paid in full), 终结执行 (民事诉讼法 第268条), 终结本次执行 (民诉法解释
第517条; 终本规定 第1条 — five conditions, see `measures.zhongben_missing`), 不予执行 (民事诉讼法
第248–249条, arbitral awards and notarised instruments). 执行和解 (民事诉讼法 第241条; 执行和解规定 第2条)
may interrupt any open state; default on the settlement resumes enforcement (执行和解规定 第9条,
恢复执行 — a 执恢 number is given by the service), performance of it closes the case (第8条).
"""

from __future__ import annotations

import enum

from fating.core.machine import Machine, t
from fating.enforcement.rules.measures import may_conclude


class EnforcementStatus(enum.StrEnum):
    FILED = "filed"
    TRIAGED = "triaged"
    INVESTIGATING = "investigating"
    CONTROLLED = "controlled"
    DISPOSING = "disposing"
    SETTLED = "settled"
    COMPLETED = "completed"
    TERMINATED = "terminated"
    CONCLUDED = "concluded"
    NOT_ENFORCED = "not_enforced"


S = EnforcementStatus
OPEN = (S.FILED, S.TRIAGED, S.INVESTIGATING, S.CONTROLLED, S.DISPOSING, S.SETTLED)
WORKING = (S.TRIAGED, S.INVESTIGATING, S.CONTROLLED, S.DISPOSING)
CLOSED = (S.COMPLETED, S.TERMINATED, S.CONCLUDED, S.NOT_ENFORCED)

ENFORCEMENT: Machine[EnforcementStatus] = Machine(
    states={
        S.FILED: "已立案",
        S.TRIAGED: "已分案",
        S.INVESTIGATING: "查控中",
        S.CONTROLLED: "已控制财产",
        S.DISPOSING: "处置中",
        S.SETTLED: "执行和解",
        S.COMPLETED: "执行完毕",
        S.TERMINATED: "终结执行",
        S.CONCLUDED: "终结本次执行",
        S.NOT_ENFORCED: "不予执行",
    },
    refusal="执行案件当前为“{state}”，不能{action}。",
    transitions=[
        t("triage", "分案", S.FILED, S.TRIAGED),
        t("investigate", "开始查控", S.TRIAGED, S.INVESTIGATING),
        # 民事诉讼法 第253条: freeze, seize, deduct once property is found.
        t("control", "控制财产", (S.INVESTIGATING, S.CONTROLLED), S.CONTROLLED),
        t("dispose", "处置财产", S.CONTROLLED, S.DISPOSING),
        t("settle", "执行和解", WORKING, S.SETTLED),
        t("resume", "恢复执行", S.SETTLED, S.INVESTIGATING),
        t("complete", "执行完毕", (*WORKING, S.SETTLED), S.COMPLETED),
        t("terminate", "终结执行", OPEN, S.TERMINATED),
        t(
            "conclude",
            "终结本次执行",
            (S.INVESTIGATING, S.CONTROLLED, S.DISPOSING),
            S.CONCLUDED,
            guard=may_conclude,
        ),
        t("refuse", "不予执行", (S.FILED, S.TRIAGED), S.NOT_ENFORCED),
    ],
)
