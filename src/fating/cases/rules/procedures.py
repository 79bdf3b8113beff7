"""Special procedures of the seeds: divorce pre-filing with a cooling-off period (离婚案件预立案和
冷静期) and the lawyer's investigation order (律师调查令). Pure Python, no Django.

Divorce (辽宁 seed: "首创离婚案件预立案和冷静期制度"; 251 pre-filed, 116 filed, 53.8% withdrawn or
reconciled, i.e. (pre-filed − filed) / pre-filed):
- 民法典 第1079条第2款: a court hearing a divorce shall mediate first.
- 最高人民法院关于进一步深化家事审判方式和工作机制改革的意见（试行）(法发〔2018〕12号) 第40条:
  with both parties' consent the court may set a cooling-off period of at most 3 months, during
  which it may mediate, investigate and counsel; the period is not counted in the time limit.
  UNVERIFIED: this opinion is not in ../shared/data/laws; article number and wording are cited
  from memory of the published text and must be checked before release (docs/glossary.md).
- A pre-filing is not yet a case: 审限 (CPL 第152、164条) runs only from formal filing, so the
  cooling-off of a pre-filed application is outside 审限 by construction.

Investigation order (调查令):
- CPL (2023) 第67条第2款: evidence the party and their agent cannot collect for objective
  reasons the court shall collect; 第70条: units and persons may not refuse the court.
- 民诉解释 第94条: what counts as "objective reasons", and the written application before the
  time for evidence ends; 第95条: an application for irrelevant or unnecessary evidence is not
  granted (the refusal gives its reason).
- The order itself (the court authorises the agent — a lawyer — to collect the named items from
  the named holder within a validity period) is local practice (e.g. 辽宁 "率先实施律师调查令"),
  not a national rule: validity and the number's type word follow that practice here.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from fating.core.calendar.periods import add_months
from fating.core.machine import Machine, t

# --------------------------------------------------------------------------------------------
# Divorce pre-filing and cooling-off


class DivorceStatus(enum.StrEnum):
    PREFILED = "prefiled"
    COOLING = "cooling"
    RECONCILED = "reconciled"
    WITHDRAWN = "withdrawn"
    FILED = "filed"


D = DivorceStatus
DIVORCE_LIVE = (D.PREFILED, D.COOLING)
DIVORCE_ENDED = (D.RECONCILED, D.WITHDRAWN, D.FILED)

# 家事意见 第40条 (unverified, see above): at most 3 months, both parties consenting.
COOLING_OFF_MAX_MONTHS = 3


def both_consent(context: object) -> bool:
    """Guard of `cool`: the cooling-off needs both parties' consent (家事意见 第40条); the
    context is the pair (applicant consents, respondent consents)."""
    return isinstance(context, tuple) and len(context) == 2 and all(context)


DIVORCE: Machine[DivorceStatus] = Machine(
    states={
        D.PREFILED: "已预立案",
        D.COOLING: "冷静期中",
        D.RECONCILED: "已和好",
        D.WITHDRAWN: "已撤回",
        D.FILED: "已正式立案",
    },
    refusal="离婚预立案当前为“{state}”，不能{action}。",
    transitions=[
        t("cool", "设定冷静期", D.PREFILED, D.COOLING, guard=both_consent),
        # family mediation (民法典 第1079条) and the return visit are recorded while it is live
        t("mediate", "记录家事调解", D.PREFILED, D.PREFILED),
        t("mediate", "记录家事调解", D.COOLING, D.COOLING),
        t("visit", "记录回访", D.COOLING, D.COOLING),
        t("reconcile", "和好", DIVORCE_LIVE, D.RECONCILED),
        t("withdraw", "撤回", DIVORCE_LIVE, D.WITHDRAWN),
        t("file", "正式立案", DIVORCE_LIVE, D.FILED),
    ],
)


def cooling_off_end(start: dt.date, months: int) -> dt.date:
    """Last day of a cooling-off of `months` months from `start` (the start day not counted,
    CPL 第85条第2款; the month's corresponding day, 民法典 第202条). 1 to 3 months."""
    if not 1 <= months <= COOLING_OFF_MAX_MONTHS:
        raise ValueError(f"cooling-off of {months} months: 1 to {COOLING_OFF_MAX_MONTHS}")
    return add_months(start, months)


def days_left(until: dt.date, today: dt.date) -> int:
    """Days of the cooling-off still to run after `today` (0 on its last day, negative after)."""
    return (until - today).days


@dataclass(frozen=True)
class DivorceCounts:
    """As the seeds count them: applications pre-filed in the window, how many of them were
    filed formally, withdrawn or reconciled, and 撤回和好率 = (withdrawn + reconciled) / pre-filed
    (251 pre-filed, 116 filed → 53.8%). Pending ones stay in the denominator."""

    prefiled: int
    filed: int
    withdrawn: int
    reconciled: int
    pending: int

    @property
    def withdrawn_or_reconciled_rate(self) -> float | None:
        if not self.prefiled:
            return None
        return round((self.withdrawn + self.reconciled) / self.prefiled, 4)

    def as_dict(self) -> dict[str, int | float | None]:
        return {
            "prefiled": self.prefiled,
            "filed": self.filed,
            "withdrawn": self.withdrawn,
            "reconciled": self.reconciled,
            "pending": self.pending,
            "withdrawn_or_reconciled_rate": self.withdrawn_or_reconciled_rate,
        }


def divorce_counts(statuses: list[str]) -> DivorceCounts:
    """Fold the statuses of the applications pre-filed in a window into the seeds' counts."""
    return DivorceCounts(
        prefiled=len(statuses),
        filed=statuses.count(D.FILED),
        withdrawn=statuses.count(D.WITHDRAWN),
        reconciled=statuses.count(D.RECONCILED),
        pending=sum(1 for s in statuses if s in DIVORCE_LIVE),
    )


# --------------------------------------------------------------------------------------------
# Lawyer's investigation order


class InvestigationStatus(enum.StrEnum):
    APPLIED = "applied"
    ISSUED = "issued"
    REFUSED = "refused"
    ANSWERED = "answered"


INV = InvestigationStatus

INVESTIGATION: Machine[InvestigationStatus] = Machine(
    states={
        INV.APPLIED: "待审查",
        INV.ISSUED: "已签发",
        INV.REFUSED: "不予签发",
        INV.ANSWERED: "已回复",
    },
    refusal="调查令当前为“{state}”，不能{action}。",
    transitions=[
        t("issue", "签发", INV.APPLIED, INV.ISSUED),
        t("refuse", "不予签发", INV.APPLIED, INV.REFUSED),  # 解释 第95条, with the reason
        t("answer", "记录回复", INV.ISSUED, INV.ANSWERED),
    ],
)


class HolderAnswer(enum.StrEnum):
    """What the holder of the evidence did with the order (recorded by the agent)."""

    PROVIDED = "provided"
    PARTIAL = "partial"
    REFUSED = "refused"


ANSWER_LABELS = {
    HolderAnswer.PROVIDED: "已提供",
    HolderAnswer.PARTIAL: "部分提供",
    HolderAnswer.REFUSED: "拒绝提供",
}

# Local practice: the judge sets the validity in days, counted like a CPL period (start day not
# counted, a last day on a rest day moves to the next working day, CPL 第85条).
ORDER_VALIDITY_DEFAULT_DAYS = 15
ORDER_VALIDITY_MAX_DAYS = 30
# The number's type word within the court's number sequences (案号规定 第9–10条 shape, gapless).
ORDER_TYPE_CODE = "调查令"


def format_order_number(year: int, court_code: str, seq: int) -> str:
    """（2026）鲁0399调查令3号: the case-number shape with the order's own type word."""
    if seq < 1:
        raise ValueError("order numbers start at 1")
    return f"（{year}）{court_code}{ORDER_TYPE_CODE}{seq}号"


def validity_error(days: int) -> str | None:
    """Why `days` is not an acceptable validity, or None."""
    if not 1 <= days <= ORDER_VALIDITY_MAX_DAYS:
        return f"有效期应为1至{ORDER_VALIDITY_MAX_DAYS}日。"
    return None


@dataclass(frozen=True)
class InvestigationCounts:
    """As the seeds count them: orders issued in the window, and how many of those the holder
    answered (provided all or part; 247 issued, 183 answered); refusals by the holder apart."""

    applied: int
    issued: int
    answered: int
    holder_refused: int

    def as_dict(self) -> dict[str, int]:
        return {
            "applied": self.applied,
            "issued": self.issued,
            "answered": self.answered,
            "holder_refused": self.holder_refused,
        }
