"""Pure rules of disputes and pre-litigation mediation. No Django imports.

Sources (texts in shared/data/laws/):
- 人民调解法 第17、23、29–33条 — voluntary mediation; agreement contents; taking effect; 30-day
  joint application for judicial confirmation.
- 最高人民法院关于人民法院特邀调解的规定 (2016) 第19、21、27条 — 委派调解: 30 days, longer only
  with both parties' consent; success filed with the court; failure returns the materials.
- 人民法院在线调解规则 (2021) 第12、24、26条 — acceptance within 3 working days; 30 days before
  filing, 15 (ordinary) / 7 (simple) after filing, counted from acceptance; appraisal excluded.
- 民事诉讼法 (2023) 第205–206条; 民诉法解释 第351–358条 — judicial confirmation.
- 人民调解协议司法确认程序若干规定 (2011) 第4–5条 — accept within 3 days, decide within 15 days
  of acceptance, extendable by 10 days with the president's approval.

Every deadline here is computed by the one calendar engine (fating.core.calendar): the start
day is not counted and a last day on a rest day or holiday moves to the next working day (民事
诉讼法 第85条); working days follow the State Council's arrangement, 调休 Saturdays included.
This module keeps only the lengths and their articles. Each function takes the court's calendar
(`fating.core.holidays.court_calendar()` in services); without one it uses the shipped years.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from fating.core.calendar import HolidayCalendar, days, period_end
from fating.core.calendar import add_working_days as _engine_add_working_days
from fating.core.machine import Machine, t
from fating.core.machine import TransitionRefused as TransitionRefused  # services catch it here


class Status(enum.StrEnum):
    """The states of a dispute. `DISPUTE` holds the arrows."""

    REPORTED = "reported"  # 已上报: awaiting consent / triage by the service point or tribunal
    VILLAGE = "village"  # 村居先调: village mediation committee
    JOINT = "joint"  # 部门联动: joint mediation with departments (a judge may attend)
    DELEGATED = "delegated"  # 委派调解: court-delegated to an invited mediator/organisation
    AGREED = "agreed"  # 已达成协议: an agreement took effect; performance or confirmation follows
    RESOLVED = "resolved"  # 已化解: agreement performed or judicially confirmed
    REFERRED = "referred"  # 诉讼兜底: became a filing draft
    WITHDRAWN = "withdrawn"  # 已撤回


# How many people one reported dispute may involve. A mass dispute (群体性纠纷) can reach the
# thousands (a housing estate's buyers, a factory's workers); no dispute reported to a service point
# involves more people than a large county's population, so a higher figure is a typing error.
PEOPLE_INVOLVED_MAX = 1_000_000

FINAL = frozenset({Status.RESOLVED, Status.REFERRED, Status.WITHDRAWN})
MEDIATING = frozenset({Status.VILLAGE, Status.JOINT, Status.DELEGATED})
OPEN = [s for s in Status if s not in FINAL]

STATUS_LABELS = {
    Status.REPORTED: "已上报",
    Status.VILLAGE: "村居先调",
    Status.JOINT: "部门联动",
    Status.DELEGATED: "委派调解",
    Status.AGREED: "已达成协议",
    Status.RESOLVED: "已化解",
    Status.REFERRED: "已转立案",
    Status.WITHDRAWN: "已撤回",
}

# Transition names are use cases (and the last word of their audit action); every other
# combination of state and name is refused.
DISPUTE: Machine[Status] = Machine(
    states=STATUS_LABELS,
    refusal="纠纷当前状态为“{state}”，不能执行“{action}”。",
    transitions=[
        t("start_village", "启动村居调解", Status.REPORTED, Status.VILLAGE),
        t("start_joint", "启动部门联动调解", Status.REPORTED, Status.JOINT),
        t("escalate", "升级为部门联动调解", Status.VILLAGE, Status.JOINT),
        t("delegate", "委派调解", [Status.REPORTED, Status.VILLAGE, Status.JOINT], Status.DELEGATED),
        # declined, failed or expired: the court takes it back into joint mediation
        t("return_delegation", "委派调解退回", Status.DELEGATED, Status.JOINT),
        t("agree", "调解协议生效", MEDIATING, Status.AGREED),
        t("resolve", "纠纷化解完毕", Status.AGREED, Status.RESOLVED),
        # an unperformed agreement may still be sued on (人民调解法 第32条)
        # the department declined it: back to the tier that handed it over
        t("return_to_reported", "联动部门不予接收，退回", Status.JOINT, Status.REPORTED),
        t("return_to_village", "联动部门不予接收，退回村居调解", Status.JOINT, Status.VILLAGE),
        t("refer", "转入诉讼（生成立案草稿）",
          [Status.REPORTED, Status.VILLAGE, Status.JOINT, Status.AGREED], Status.REFERRED),
        t("withdraw", "撤回", OPEN, Status.WITHDRAWN),
    ],
)  # fmt: skip


def next_status(status: str, action: str) -> Status:
    """The state after `action`, or TransitionRefused."""
    return DISPUTE.target(status, action)


def allowed_actions(status: str) -> list[str]:
    return DISPUTE.allowed_names(status)


# --- the dispute's companions: delegation, agreement, judicial confirmation ------------------


class ReferralStatus(enum.StrEnum):
    """A dispute handed to a 部门联动 department (派出所, 司法所, 综治中心, 行业主管部门)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    WITHDRAWN = "withdrawn"


# 部门联动: the department accepts the hand-over (or declines it with reasons, and the dispute goes
# back to the tier that handed it), records its work, and returns it: resolved with a written
# agreement the parties signed (人民调解法 第28–29条), or not resolved, for the next tier
# (委派调解 or 诉讼; 人民调解法 第18条 lets 公安机关 send a dispute on to mediation). It ends with the
# dispute when the dispute is withdrawn, delegated or referred while the department still has it.
REFERRAL: Machine[ReferralStatus] = Machine(
    states={
        ReferralStatus.PENDING: "待接收",
        ReferralStatus.ACCEPTED: "办理中",
        ReferralStatus.DECLINED: "不予接收",
        ReferralStatus.RESOLVED: "已化解",
        ReferralStatus.UNRESOLVED: "未化解退回",
        ReferralStatus.WITHDRAWN: "已终止",
    },
    refusal="部门联动当前为“{state}”，不能{action}。",
    transitions=[
        t("accept", "接收", ReferralStatus.PENDING, ReferralStatus.ACCEPTED),
        t("decline", "不予接收", ReferralStatus.PENDING, ReferralStatus.DECLINED),
        t("record", "登记办理情况", ReferralStatus.ACCEPTED, ReferralStatus.ACCEPTED),
        t("resolve", "化解并退回", ReferralStatus.ACCEPTED, ReferralStatus.RESOLVED),
        t("fail", "未化解退回", ReferralStatus.ACCEPTED, ReferralStatus.UNRESOLVED),
        t("withdraw", "随纠纷终止", [ReferralStatus.PENDING, ReferralStatus.ACCEPTED],
          ReferralStatus.WITHDRAWN),
    ],
)  # fmt: skip
REFERRAL_OPEN = frozenset({ReferralStatus.PENDING, ReferralStatus.ACCEPTED})

# The tier a hand-over leaves from, and the dispute transition that takes it back there when
# the department declines (a hand-over from a dispute already in 部门联动 moves nothing).
HAND_OVER_FROM = {Status.REPORTED: "start_joint", Status.VILLAGE: "escalate", Status.JOINT: ""}
DECLINE_BACK_TO = {Status.REPORTED: "return_to_reported", Status.VILLAGE: "return_to_village"}

# No statute sets the department tier's time: these are the court's working arrangement with
# its departments (诉调对接工作机制), kept as the same lengths the court gives its invited
# mediators — an answer within 3 working days (by analogy with 在线调解规则 第12条) and 30 days
# to work it (by analogy with 特邀调解规定 第27条), counted by the one calendar engine.
DEPARTMENT_ACCEPTANCE_WORKING_DAYS = 3
DEPARTMENT_WORK_DAYS = 30


def department_accept_by(handed_on: date, calendar: HolidayCalendar | None = None) -> date:
    """Last day for the department to accept or decline: 3 working days after the hand-over."""
    return add_working_days(handed_on, DEPARTMENT_ACCEPTANCE_WORKING_DAYS, calendar)


def department_due(accepted_on: date, calendar: HolidayCalendar | None = None) -> date:
    """Last day of the department's work: 30 days from acceptance, the start day not counted,
    a last day on a rest day moving to the next working day (民事诉讼法 第85条)."""
    return period_end(accepted_on, days(DEPARTMENT_WORK_DAYS), calendar=calendar).end


class DelegationStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


# 委派调解: the invited mediator answers within 3 working days (unanswered counts as declined);
# the mediation ends in an agreement, a failure, the period running out, or the dispute's
# withdrawal (特邀调解规定 第21、27条; 在线调解规则 第12、24条).
DELEGATION: Machine[DelegationStatus] = Machine(
    states={
        DelegationStatus.PENDING: "待接受",
        DelegationStatus.ACCEPTED: "调解中",
        DelegationStatus.DECLINED: "不予接受",
        DelegationStatus.SUCCEEDED: "调解成功",
        DelegationStatus.FAILED: "调解不成",
        DelegationStatus.EXPIRED: "期满退回",
        DelegationStatus.WITHDRAWN: "纠纷已撤回",
    },
    refusal="委派调解当前为“{state}”，不能{action}。",
    transitions=[
        t("accept", "接受委派", DelegationStatus.PENDING, DelegationStatus.ACCEPTED),
        t("decline", "不予接受", DelegationStatus.PENDING, DelegationStatus.DECLINED),
        t("extend", "延长调解期限", DelegationStatus.ACCEPTED, DelegationStatus.ACCEPTED),
        t("succeed", "调解成功", DelegationStatus.ACCEPTED, DelegationStatus.SUCCEEDED),
        t("fail", "调解不成", DelegationStatus.ACCEPTED, DelegationStatus.FAILED),
        t("expire", "期满退回", DelegationStatus.ACCEPTED, DelegationStatus.EXPIRED),
        t("withdraw", "随纠纷撤回", [DelegationStatus.PENDING, DelegationStatus.ACCEPTED],
          DelegationStatus.WITHDRAWN),
    ],
)  # fmt: skip


class AgreementStatus(enum.StrEnum):
    DRAFT = "draft"
    EFFECTIVE = "effective"
    PERFORMED = "performed"
    DEFAULTED = "defaulted"
    VOID = "void"


# Signed by every party and the mediator, it takes effect (人民调解法 第29–30条); then it is
# performed, or an instalment falls overdue and it is in default until performed after all.
# `void` is kept for agreements superseded by hand: no use case makes one.
AGREEMENT: Machine[AgreementStatus] = Machine(
    states={
        AgreementStatus.DRAFT: "待签署",
        AgreementStatus.EFFECTIVE: "已生效",
        AgreementStatus.PERFORMED: "履行完毕",
        AgreementStatus.DEFAULTED: "未按期履行",
        AgreementStatus.VOID: "已作废",
    },
    refusal="调解协议当前为“{state}”，不能{action}。",
    transitions=[
        t("take_effect", "签署生效", AgreementStatus.DRAFT, AgreementStatus.EFFECTIVE),
        t("default", "逾期未履行", AgreementStatus.EFFECTIVE, AgreementStatus.DEFAULTED),
        t("perform", "履行完毕", [AgreementStatus.EFFECTIVE, AgreementStatus.DEFAULTED],
          AgreementStatus.PERFORMED),
    ],
)  # fmt: skip
AGREEMENT_IN_FORCE = frozenset({AgreementStatus.EFFECTIVE, AgreementStatus.DEFAULTED})


class ConfirmationStatus(enum.StrEnum):
    APPLIED = "applied"
    ACCEPTED = "accepted"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    NOT_ACCEPTED = "not_accepted"
    WITHDRAWN = "withdrawn"


# 民事诉讼法 第205–206条; 司法确认规定 第4–5条: accepted within 3 days of a complete joint
# application (the guard: every party has joined, 民诉法解释 第351条), ruled on within 15 days of
# acceptance. Not accepting and withdrawing are states
# the court records outside the platform; no use case here makes them.
CONFIRMATION: Machine[ConfirmationStatus] = Machine(
    states={
        ConfirmationStatus.APPLIED: "已申请",
        ConfirmationStatus.ACCEPTED: "已受理",
        ConfirmationStatus.CONFIRMED: "裁定确认有效",
        ConfirmationStatus.REJECTED: "裁定驳回申请",
        ConfirmationStatus.NOT_ACCEPTED: "不予受理",
        ConfirmationStatus.WITHDRAWN: "撤回申请",
    },
    refusal="司法确认申请当前为“{state}”，不能{action}。",
    transitions=[
        t("accept", "受理", ConfirmationStatus.APPLIED, ConfirmationStatus.ACCEPTED,
          guard=lambda application: bool(getattr(application, "filed", False))),
        t("confirm", "裁定确认有效", ConfirmationStatus.ACCEPTED, ConfirmationStatus.CONFIRMED),
        t("reject", "裁定驳回申请", ConfirmationStatus.ACCEPTED, ConfirmationStatus.REJECTED),
    ],
)  # fmt: skip
CONFIRMATION_CLOSED = frozenset({ConfirmationStatus.WITHDRAWN, ConfirmationStatus.NOT_ACCEPTED})


# --- delegation time limits --------------------------------------------------------------------


class DelegationKind(enum.StrEnum):
    PRE_FILING = "pre_filing"  # 委派调解 (before filing)
    POST_FILING_ORDINARY = "post_filing_ordinary"  # 委托调解, ordinary procedure
    POST_FILING_SIMPLE = "post_filing_simple"  # 委托调解, simple procedure


# 特邀调解规定 第27条; 在线调解规则 第24条.
MEDIATION_DAYS = {
    DelegationKind.PRE_FILING: 30,
    DelegationKind.POST_FILING_ORDINARY: 15,
    DelegationKind.POST_FILING_SIMPLE: 7,
}
ACCEPTANCE_WORKING_DAYS = 3  # 在线调解规则 第12条
REMINDER_DAYS_BEFORE = (7, 3, 1)


def add_working_days(start: date, count: int, calendar: HolidayCalendar | None = None) -> date:
    """The `count`-th working day after `start` on the court calendar (start not counted;
    holidays skipped; a 调休 make-up Saturday counts), e.g. the mediator's 3 working days to accept
    a delegation (在线调解规则 第12条)."""
    return _engine_add_working_days(start, count, calendar)


def acceptance_due(delegated_on: date, calendar: HolidayCalendar | None = None) -> date:
    """Last day for the invited mediator to accept or decline: 3 working days after the
    delegation (在线调解规则 第12条)."""
    return add_working_days(delegated_on, ACCEPTANCE_WORKING_DAYS, calendar)


@dataclass(frozen=True)
class DelegationClock:
    """Where a delegation stands at `now`."""

    due: datetime | None
    days_left: int | None
    expired: bool
    remind: bool


def delegation_due(
    accepted_at: datetime,
    kind: DelegationKind,
    *,
    extension_days: int = 0,
    excluded_days: int = 0,
    calendar: HolidayCalendar | None = None,
) -> datetime:
    """Deadline counted from the mediator's acceptance (在线调解规则 第24条; 特邀调解规定 第27条).

    `extension_days` only with every party's consent (the caller checks it); `excluded_days`
    covers appraisal time, which does not count (在线调解规则 第26条). The agreed extension and
    the excluded days lengthen the one period (as 审限 extensions do); the start day is not
    counted, a last day on a rest day moves to the next working day, and the period ends at the
    end of its last day (民事诉讼法 第85条).
    """
    length = MEDIATION_DAYS[kind] + extension_days + excluded_days
    last_day = period_end(accepted_at.date(), days(length), calendar=calendar).end
    return datetime.combine(last_day, datetime.max.time(), tzinfo=accepted_at.tzinfo)


def delegation_clock(due: datetime | None, now: datetime) -> DelegationClock:
    if due is None:
        return DelegationClock(None, None, False, False)
    left = (due.date() - now.date()).days
    return DelegationClock(due, left, now > due, 0 <= left <= max(REMINDER_DAYS_BEFORE))


def reminder_due(days_left: int, already_sent: Sequence[int]) -> int | None:
    """The reminder threshold to send now (7, 3 or 1 day before expiry), if any not yet sent."""
    for threshold in sorted(REMINDER_DAYS_BEFORE):
        if days_left <= threshold and threshold not in already_sent:
            return threshold
    return None


# --- judicial confirmation -------------------------------------------------------------------

CONFIRMATION_APPLICATION_DAYS = 30  # 民事诉讼法 第205条; 人民调解法 第33条
CONFIRMATION_ACCEPT_DAYS = 3  # 司法确认规定 第4条
CONFIRMATION_DECISION_DAYS = 15  # 司法确认规定 第5条
CONFIRMATION_EXTENSION_DAYS = 10  # 司法确认规定 第5条, with the president's approval

# 民诉法解释 第358条: grounds on which the court rules not to confirm.
REJECTION_GROUNDS = {
    "mandatory_law": "违反法律强制性规定",
    "public_interest": "损害国家利益、社会公共利益、他人合法权益",
    "public_order": "违背公序良俗",
    "not_voluntary": "违反自愿原则",
    "unclear": "内容不明确",
    "other": "其他不能进行司法确认的情形",
}

# 民诉法解释 第355条: applications the court does not accept, by the subject matter.
_INADMISSIBLE = [
    (re.compile(r"婚姻无效|撤销婚姻|解除婚姻|离婚(?!后财产)"), "涉及婚姻关系的效力或者解除"),
    (re.compile(r"亲子关系|确认亲子|收养关系"), "涉及身份关系（亲子、收养）的确认"),
    (re.compile(r"物权确认|所有权确认|确认.*(?:所有权|物权|用益物权|担保物权)"), "涉及物权的确认"),
    (
        re.compile(r"(?:著作权|专利权|商标权|知识产权).*权属|权属.*(?:著作权|专利|商标)"),
        "涉及知识产权权属的确认",
    ),
    (
        re.compile(r"公示催告|破产|宣告失踪|宣告死亡|认定.*行为能力"),
        "应适用其他特别程序、公示催告或破产程序",
    ),
]


def confirmation_window_ends(effective_on: date, calendar: HolidayCalendar | None = None) -> date:
    """Last day for the joint application: 30 days after the agreement took effect (民事诉讼法
    第205条; 人民调解法 第33条), counted under 民事诉讼法 第85条 — an agreement effective on
    2025-09-01 may be brought until 2025-10-09, not 2025-10-01 (国庆节)."""
    return period_end(effective_on, days(CONFIRMATION_APPLICATION_DAYS), calendar=calendar).end


def confirmation_open(
    *,
    status: str | None,
    filed: bool,
    joined: Iterable[int],
    party: int | None,
    uploads_paper: bool,
) -> bool:
    """Whether a person may still apply for judicial confirmation of an agreement, given the
    application in progress (`status` None when there is none, or it was withdrawn or not
    accepted). An application waiting for co-applicants may be joined by a party who has not
    joined yet (民诉法解释 第351条: the parties apply jointly), or completed by the mediator
    uploading the joint paper application; once filed, nobody applies again."""
    if status is None:
        return True
    if status != ConfirmationStatus.APPLIED or filed:
        return False
    return uploads_paper or (party is not None and party not in set(joined))


def confirmation_decision_due(
    accepted_on: date, *, extended: bool = False, calendar: HolidayCalendar | None = None
) -> date:
    """Last day to rule: 15 days after acceptance, or 25 with the president's 10-day extension
    (司法确认规定 第5条), counted under 民事诉讼法 第85条. The extension lengthens the one period
    from acceptance, as 审限 extensions do (cases.rules.time_limits)."""
    length = CONFIRMATION_DECISION_DAYS + (CONFIRMATION_EXTENSION_DAYS if extended else 0)
    return period_end(accepted_on, days(length), calendar=calendar).end


def inadmissibility(cause_name: str, terms_text: str = "") -> str | None:
    """The 第355条 reason this agreement cannot be confirmed, judged from its cause and terms."""
    text = f"{cause_name} {terms_text}"
    for pattern, reason in _INADMISSIBLE:
        if pattern.search(text):
            return reason
    return None


# --- agreement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instalment:
    due: date
    amount_fen: int
    paid_fen: int = 0

    @property
    def settled(self) -> bool:
        return self.paid_fen >= self.amount_fen


def overdue(instalments: Iterable[Instalment], today: date) -> list[Instalment]:
    """Instalments past their due date and not fully paid (the day itself is still in time)."""
    return [i for i in instalments if not i.settled and i.due < today]


def agreement_effective(party_signed: Sequence[bool], mediator_signed: bool) -> bool:
    """A written agreement takes effect when every party and the mediator have signed
    (人民调解法 第29–30条)."""
    return bool(party_signed) and all(party_signed) and mediator_signed


# --- cause suggestion ------------------------------------------------------------------------

# Everyday words a villager or liaison uses, mapped to the catalogue names they point to.
COLLOQUIAL = {
    "借钱": "民间借贷纠纷", "借款": "民间借贷纠纷", "欠钱": "民间借贷纠纷", "借条": "民间借贷纠纷",
    "欠条": "民间借贷纠纷", "工资": "追索劳动报酬纠纷", "工钱": "劳务合同纠纷", "欠薪": "追索劳动报酬纠纷",
    "打工": "劳务合同纠纷", "离婚": "离婚纠纷", "彩礼": "婚约财产纠纷", "赡养": "赡养纠纷",
    "抚养": "抚养纠纷", "宅基地": "宅基地使用权纠纷", "承包地": "土地承包经营权纠纷",
    "土地承包": "土地承包经营权纠纷", "流转": "土地经营权出租合同纠纷", "物业费": "物业服务合同纠纷",
    "物业": "物业服务合同纠纷", "车祸": "机动车交通事故责任纠纷", "撞": "机动车交通事故责任纠纷",
    "交通事故": "机动车交通事故责任纠纷", "通行": "相邻通行纠纷", "排水": "相邻用水、排水纠纷",
    "采光": "相邻采光、日照纠纷", "邻居": "相邻关系纠纷", "遗产": "法定继承纠纷", "继承": "法定继承纠纷",
    "分家": "分家析产纠纷", "房租": "房屋租赁合同纠纷", "租房": "房屋租赁合同纠纷",
    "买房": "房屋买卖合同纠纷", "装修": "装饰装修合同纠纷", "狗咬": "饲养动物损害责任纠纷",
    "被咬": "饲养动物损害责任纠纷", "狗": "饲养动物损害责任纠纷", "咬伤": "饲养动物损害责任纠纷", "打伤": "生命权、身体权、健康权纠纷", "受伤": "生命权、身体权、健康权纠纷",
    "摔伤": "生命权、身体权、健康权纠纷", "信用卡": "信用卡纠纷", "贷款": "金融借款合同纠纷",
    "工程款": "建设工程施工合同纠纷", "盖房": "农村建房施工合同纠纷", "货款": "买卖合同纠纷",
    "名誉": "名誉权纠纷", "医疗": "医疗损害责任纠纷",
}  # fmt: skip


@dataclass(frozen=True)
class CauseEntry:
    code: str
    name: str
    level: int


@dataclass(frozen=True)
class CauseSuggestion:
    code: str
    name: str
    score: float
    why: str


def suggest_causes(
    description: str, catalogue: Sequence[CauseEntry], *, limit: int = 5
) -> list[CauseSuggestion]:
    """Likely causes for a free description: colloquial cues first, then catalogue names whose
    distinctive part (without 纠纷/合同) occurs in the text. Only levels 3–4 are suggested: the
    most specific level that fits is the one to choose (案由规定, 适用说明)."""
    text = description or ""
    by_name = {c.name: c for c in catalogue if c.level >= 3}
    scores: dict[str, tuple[float, str]] = {}
    for cue, name in COLLOQUIAL.items():
        if cue in text and name in by_name:
            score = 2.0 + len(cue) / 10
            if score > scores.get(name, (0, ""))[0]:
                scores[name] = (score, f"描述中提到“{cue}”")
    for name, entry in by_name.items():
        core = re.sub(r"(?:合同)?纠纷$|责任纠纷$", "", name)
        if len(core) >= 2 and core in text:
            score = 1.0 + len(core) / 10 + (0.2 if entry.level == 4 else 0)
            if score > scores.get(name, (0, ""))[0]:
                scores[name] = (score, f"描述中出现“{core}”")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], by_name[kv[0]].code))
    return [
        CauseSuggestion(by_name[name].code, name, round(score, 2), why)
        for name, (score, why) in ranked[:limit]
    ]
