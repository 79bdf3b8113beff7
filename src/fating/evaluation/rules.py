"""Judicial appraisal (鉴定) and neutral evaluation (中立评估): the two machines and the periods.
Pure (no Django); every period goes through the one calendar engine (core.calendar).

Appraisal (鉴定), as the law in ../shared/data/laws/ says:
- A party applies for appraisal of a specialised question (民事诉讼法 第79条第1款), within the
  period the court sets (证据规定 第30条第1款、第31条第1款; 解释 第121条第1款: before the time
  for evidence ends). Where the law lets the court collect evidence itself (解释 第96条第1款),
  the court commissions the appraisal on its own motion (民事诉讼法 第79条第2款; 证据规定
  第30条第2款; 解释 第121条第3款).
- The judge grants or refuses (解释 第121条第1款: refused where the matter is unrelated to, or
  of no use for, the fact to be proved).
- The appraiser is chosen by agreement of the parties, or by the court when they do not agree
  (民事诉讼法 第79条第1款; 证据规定 第32条第1款); on the court's own motion the court appoints it
  after hearing the parties (第32条第2款). The commission states the matters, the scope, the
  purpose and the deadline (第32条第3款).
- The applicant advances the fee; no fee advanced in the period set, the application is treated
  as abandoned (证据规定 第31条第1款).
- The report is due within the period the court sets (证据规定 第35条第1款); on receipt its
  copies go to the parties, who may object in writing within the period the court sets
  (第37条); objections kept after the appraiser's answer bring the appraiser to court (民事诉讼法
  第81条; 证据规定 第38条).
- The appraisal period is not counted in the trial time limit (民诉法解释 第243条: "公告期间、鉴定
  期间……不应计算在内"; 最高人民法院关于严格执行案件审理期限制度的若干规定 第9条（六）:
  "民事、行政案件公告、鉴定的期间"): it runs from the commission to the report's receipt, and is
  recorded as the case's excluded period of kind `appraisal` (cases.rules.time_limits).

Neutral evaluation (中立评估): an invited mediator (特邀调解员) or a retired judge invited as one
(特邀调解规定 第6条) is appointed with every party's consent for a dispute in mediation or a
case in 委托调解; the evaluator writes an opinion on the likely outcome that binds no one (it is
neither a judgment nor an agreement); each party acknowledges reading it. No article in the laws
folder regulates 中立评估 itself; the appointment follows the consent rule of 特邀调解规定 第27条
第2款 (mediation steps that change the parties' position need every party's consent).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from fating.core.calendar import HolidayCalendar, days, period_end
from fating.core.machine import Machine, t

MAX_REPORT_DAYS = 365  # an input bound, not a legal one: the court sets the period (第32条第3款)
MAX_OBJECTION_DAYS = 60  # likewise (证据规定 第37条第2款: "在人民法院指定期间内")
EXCLUSION_ARTICLE = "民诉法解释 第243条；审限规定 第9条（六）"


class Origin(StrEnum):
    APPLICATION = "application"  # 当事人申请 (民事诉讼法 第79条第1款)
    EX_OFFICIO = "ex_officio"  # 依职权委托 (第79条第2款)


class Chooser(StrEnum):
    AGREEMENT = "agreement"  # 双方协商确定
    COURT = "court"  # 协商不成或依职权，由法院指定


class State(StrEnum):
    APPLIED = "applied"
    GRANTED = "granted"
    REFUSED = "refused"
    ABANDONED = "abandoned"
    COMMISSIONED = "commissioned"
    REPORTED = "reported"
    APPEARANCE = "appearance"


APPRAISAL: Machine[State] = Machine(
    states={
        State.APPLIED: "待审查",
        State.GRANTED: "准许鉴定",
        State.REFUSED: "不予准许",
        State.ABANDONED: "视为放弃",
        State.COMMISSIONED: "鉴定中",
        State.REPORTED: "已收到鉴定书",
        State.APPEARANCE: "通知鉴定人出庭",
    },
    refusal="鉴定{state}，不能{action}。",
    transitions=[
        t("grant", "准许鉴定", State.APPLIED, State.GRANTED),
        t("refuse", "不予准许", State.APPLIED, State.REFUSED),
        t("abandon", "视为放弃", State.GRANTED, State.ABANDONED),
        t("commission", "委托鉴定", State.GRANTED, State.COMMISSIONED),
        t("receive", "收到鉴定书", State.COMMISSIONED, State.REPORTED),
        t("summon", "通知鉴定人出庭", State.REPORTED, State.APPEARANCE),
    ],
)


class EvalState(StrEnum):
    APPOINTED = "appointed"
    ISSUED = "issued"
    ACKNOWLEDGED = "acknowledged"
    WITHDRAWN = "withdrawn"


EVALUATION: Machine[EvalState] = Machine(
    states={
        EvalState.APPOINTED: "评估中",
        EvalState.ISSUED: "已出具意见",
        EvalState.ACKNOWLEDGED: "各方已阅知",
        EvalState.WITHDRAWN: "已撤回",
    },
    refusal="中立评估{state}，不能{action}。",
    transitions=[
        t("issue", "出具评估意见", EvalState.APPOINTED, EvalState.ISSUED),
        t("acknowledge", "全部当事人阅知", EvalState.ISSUED, EvalState.ACKNOWLEDGED),
        t("withdraw", "撤回评估", EvalState.APPOINTED, EvalState.WITHDRAWN),
    ],
)

NON_BINDING = (
    "本意见系中立评估人对纠纷可能结果的参考意见，不具有法律约束力，不是裁判文书，"
    "也不是调解协议；当事人可据此自愿协商，亦可继续调解或诉讼。"
)


def report_due(
    commissioned_on: dt.date, period_days: int, calendar: HolidayCalendar | None = None
) -> dt.date:
    """The last day for the report: `period_days` from the commission, the commission day not
    counted and a last day on a rest day moved to the next working day (民事诉讼法 第85条)."""
    if not 1 <= period_days <= MAX_REPORT_DAYS:
        raise ValueError(f"鉴定期限应为1至{MAX_REPORT_DAYS}日")
    return period_end(commissioned_on, days(period_days), calendar=calendar).end


def objection_due(
    received_on: dt.date, period_days: int, calendar: HolidayCalendar | None = None
) -> dt.date:
    """The last day for written objections to the report (证据规定 第37条第2款)."""
    if not 1 <= period_days <= MAX_OBJECTION_DAYS:
        raise ValueError(f"异议期间应为1至{MAX_OBJECTION_DAYS}日")
    return period_end(received_on, days(period_days), calendar=calendar).end


def excluded_days(commissioned_on: dt.date, ended_on: dt.date | None, today: dt.date) -> int:
    """Days not counted in 审限 so far: the period spans (commission, receipt] like CPL 第85条."""
    end = ended_on or today
    return max(0, (end - commissioned_on).days)


def chooser_allowed(origin: Origin, chooser: Chooser) -> bool:
    """On a party's application the parties agree, or the court appoints when they do not
    (第79条第1款); on the court's own motion only the court appoints (证据规定 第32条第2款)."""
    return chooser is Chooser.COURT or origin is Origin.APPLICATION


def fee_required(origin: Origin) -> bool:
    """The applicant advances the fee (证据规定 第31条第1款); not on the court's own motion."""
    return origin is Origin.APPLICATION


def settled_rate(evaluations: int, settled: int) -> float | None:
    """Share of evaluations followed by a settlement; None with no evaluation."""
    return None if evaluations == 0 else round(settled / evaluations, 4)
