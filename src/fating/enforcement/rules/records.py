"""Measures as records, objections and the 终本 re-search. Pure, no Django.

Sources and how sure we are (LEGAL-RULES D9/D10; the current texts of the 2015 限高 and 2017 失信
rules are *not* in shared/data/laws — the packed versions are the superseded 2013/2010 ones — so
the articles below marked "memory" are cited from the published 2015/2017 texts as remembered and
must be checked against the official text before production):

- 限制消费令 (最高人民法院关于限制被执行人高消费及有关消费的若干规定, 2015 revision): 第1条 (the
  respondent did not perform within the period of the 执行通知 — the condition), 第3条 (the acts
  restricted); 第9条 (lifted when the respondent gives effective security or the applicant agrees;
  lifted at once when the obligation is performed). Memory.
- 失信被执行人名单 (最高人民法院关于公布失信被执行人名单信息的若干规定, 2017 revision): 第1条 (six
  grounds); 第2条 (grounds (二)–(六): two years; violence or threats, serious, or several grounds:
  extended by one to three years; early deletion on performance or correction); 第6条 (what is
  recorded and published: name, ID number, the obligation and its performance, the conduct, the
  document and the case number, the court); 第7条 (published to society); 第10条 (deleted within
  three working days on performance, performed settlement, the applicant's written request, 终结执行,
  不予执行 …). Memory.
- 执行异议 (民事诉讼法 2023 第236条, LRB): decided within 15 days of receipt; 复议 to the higher court
  within 10 days of service. 案外人异议 (第238条, LRB): decided within 15 days; against the ruling,
  审判监督程序 or a suit within 15 days of service.
- 终本 re-search: after 终结本次执行, the court searches the respondent's property through the
  online system every 6 months for 5 years and tells the applicant (最高人民法院关于严格规范终结本次
  执行程序的规定（试行）, 2016, 第9条 — memory; LEGAL-RULES D10 "SPC practice, checked"; the
  regulation is not in shared/data/laws).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

from fating.core.calendar.periods import add_months
from fating.core.machine import Machine, t
from fating.enforcement.rules.measures import BLACKLIST_GROUNDS

CONSUMPTION_BAN_BASIS = "限制消费规定 第1条、第3条"
BLACKLIST_BASIS = "失信被执行人名单规定 第1条、第2条"
BLACKLIST_BASE_YEARS = 2  # 第2条第1款
BLACKLIST_MAX_EXTRA_YEARS = 3  # 第2条第1款: 延长一至三年
#: The ground that has no fixed period (第2条 fixes periods for grounds (二)–(六) only): the
#: entry stays until the obligation is performed or another deletion ground arises (第10条).
UNLIMITED_GROUND = "able_but_refuses"
AGGRAVATING_GROUND = "obstructs"  # 以暴力、威胁等方法妨碍、抗拒执行

#: The acts a 限制消费令 forbids (限制消费规定 第3条, memory), printed in the decision.
CONSUMPTION_BAN_ACTS = (
    "乘坐交通工具时，选择飞机、列车软卧、轮船二等以上舱位",
    "在星级以上宾馆、酒店、夜总会、高尔夫球场等场所进行高消费",
    "购买不动产或者新建、扩建、高档装修房屋",
    "租赁高档写字楼、宾馆、公寓等场所办公",
    "购买非经营必需车辆",
    "旅游、度假",
    "子女就读高收费私立学校",
    "支付高额保费购买保险理财产品",
    "乘坐G字头动车组列车全部座位、其他动车组列车一等以上座位等其他非生活和工作必需的消费行为",
)

#: Why a 限制消费令 ends (限制消费规定 第9条, memory).
BAN_LIFT_REASONS: Mapping[str, str] = {
    "performed": "被执行人已履行完毕生效法律文书确定的义务",
    "security": "被执行人提供确实有效的担保",
    "applicant_consent": "申请执行人同意解除",
    "case_closed": "执行案件以终结执行或不予执行结案",
}
#: Why a 失信 entry is deleted (失信规定 第10条; 第2条第3款 early deletion, memory).
BLACKLIST_DELETE_REASONS: Mapping[str, str] = {
    "performed": "被执行人已履行全部义务",
    "settlement_performed": "执行和解协议经申请执行人确认履行完毕",
    "applicant_request": "申请执行人书面申请删除",
    "corrected": "被执行人积极履行或主动纠正失信行为，提前删除",
    "case_closed": "执行案件以终结执行或不予执行结案",
}


class MeasureKind(enum.StrEnum):
    CONSUMPTION_BAN = "consumption_ban"
    BLACKLIST = "blacklist"


class MeasureStatus(enum.StrEnum):
    ACTIVE = "active"
    LIFTED = "lifted"
    EXPIRED = "expired"


M = MeasureStatus
MEASURE: Machine[MeasureStatus] = Machine(
    states={M.ACTIVE: "生效中", M.LIFTED: "已解除（删除）", M.EXPIRED: "期满"},
    refusal="该措施当前为“{state}”，不能{action}。",
    transitions=[
        t("lift", "解除或删除", M.ACTIVE, M.LIFTED),
        t("expire", "期满", M.ACTIVE, M.EXPIRED),
    ],
)


def blacklist_period_problem(grounds: frozenset[str], extra_years: int) -> str | None:
    """None when `extra_years` is allowed for the grounds (第2条), else the refusal sentence."""
    if extra_years < 0 or extra_years > BLACKLIST_MAX_EXTRA_YEARS:
        return f"延长期限应为一至{BLACKLIST_MAX_EXTRA_YEARS}年（失信被执行人名单规定 第2条）"
    if extra_years == 0:
        return None
    fixed = grounds - {UNLIMITED_GROUND}
    if not fixed:
        return "仅因有履行能力而拒不履行纳入名单的，没有固定期限，不能延长（失信被执行人名单规定 第2条）"
    if AGGRAVATING_GROUND not in fixed and len(fixed) < 2:
        return "只有以暴力、威胁方法妨碍、抗拒执行或具有多项失信行为的，才能延长期限（失信被执行人名单规定 第2条）"
    return None


def blacklist_end(starts_on: dt.date, grounds: frozenset[str], extra_years: int) -> dt.date | None:
    """The last day on the list, or None (ground (一) only: until performed, 第10条)."""
    if not grounds - {UNLIMITED_GROUND}:
        return None
    years = BLACKLIST_BASE_YEARS + extra_years
    return add_months(starts_on, 12 * years) - dt.timedelta(days=1)


def ground_labels(grounds: list[str] | tuple[str, ...]) -> list[str]:
    return [BLACKLIST_GROUNDS[g] for g in grounds if g in BLACKLIST_GROUNDS]


# -- objections 执行异议 (第236条) and 案外人异议 (第238条) ----------------------------------------


class ObjectionKind(enum.StrEnum):
    ACT = "act"
    THIRD_PARTY = "third_party"


class ObjectionStatus(enum.StrEnum):
    FILED = "filed"
    UPHELD = "upheld"
    REJECTED = "rejected"
    REVIEWING = "reviewing"


DECIDE_DAYS = 15  # 第236条、第238条: 自收到书面异议之日起十五日内审查
REVIEW_DAYS = 10  # 第236条: 自裁定送达之日起十日内向上一级人民法院申请复议
SUIT_DAYS = 15  # 第238条: 自裁定送达之日起十五日内向人民法院提起诉讼
OBJECTION_BASIS = {
    ObjectionKind.ACT: "民事诉讼法 第236条",
    ObjectionKind.THIRD_PARTY: "民事诉讼法 第238条",
}
OBJECTION_KIND_LABELS = {ObjectionKind.ACT: "执行行为异议", ObjectionKind.THIRD_PARTY: "案外人异议"}


def may_review(context: object) -> bool:
    """Guard of `review`: only an objection to an enforcement act goes to 复议 (第236条); a
    third party's goes to 审判监督 or a suit (第238条), recorded outside this machine."""
    return context == ObjectionKind.ACT


OS = ObjectionStatus
OBJECTION: Machine[ObjectionStatus] = Machine(
    states={
        OS.FILED: "待审查",
        OS.UPHELD: "异议成立",
        OS.REJECTED: "异议驳回",
        OS.REVIEWING: "已申请复议",
    },
    refusal="该异议当前为“{state}”，不能{action}。",
    transitions=[
        t("uphold", "裁定异议成立", OS.FILED, OS.UPHELD),
        t("reject", "裁定驳回异议", OS.FILED, OS.REJECTED),
        t("review", "申请复议", (OS.UPHELD, OS.REJECTED), OS.REVIEWING, guard=may_review),
    ],
)

UPHELD_EFFECT = {
    ObjectionKind.ACT: "撤销或者改正该执行行为",
    ObjectionKind.THIRD_PARTY: "中止对该执行标的的执行",
}


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def remedy_sentence(kind: ObjectionKind, by: dt.date) -> str:
    """The notice of the remedy printed at the end of the ruling."""
    if kind is ObjectionKind.ACT:
        return (f"如不服本裁定，可以自本裁定送达之日起十日内向上一级人民法院申请复议"
                f"（民事诉讼法 第236条；按今日送达计算，至{_cn_date(by)}）。")  # fmt: skip
    return ("案外人、当事人对本裁定不服，认为原判决、裁定错误的，依照审判监督程序办理；与原判决、"
            f"裁定无关的，可以自本裁定送达之日起十五日内向人民法院提起诉讼（民事诉讼法 第238条；"
            f"按今日送达计算，至{_cn_date(by)}）。")  # fmt: skip


# -- 终本 re-search ---------------------------------------------------------------------------

RESEARCH_EVERY_MONTHS = 6  # 终本规定 第9条 (memory): 每六个月
RESEARCH_YEARS = 5  # 终本规定 第9条 (memory): 五年内
RESEARCH_ROUNDS = RESEARCH_YEARS * 12 // RESEARCH_EVERY_MONTHS  # 10


def research_due(closed_on: dt.date, round_: int) -> dt.date:
    """The day the `round_`-th re-search (1…10) falls due after a 终本 on `closed_on`."""
    if not 1 <= round_ <= RESEARCH_ROUNDS:
        raise ValueError("round out of range")
    return add_months(closed_on, RESEARCH_EVERY_MONTHS * round_)


#: Days after the fifth year during which a last round missed (worker down) is still made up.
RESEARCH_GRACE_DAYS = 30


def research_ends(closed_on: dt.date) -> dt.date:
    """The last day any re-search is run: five years after 终本, plus the grace days."""
    return add_months(closed_on, 12 * RESEARCH_YEARS) + dt.timedelta(days=RESEARCH_GRACE_DAYS)


def research_round_due(closed_on: dt.date, done: set[int], today: dt.date) -> int | None:
    """The earliest round due by `today` and not yet done, or None. Rounds missed while the
    worker was down are made up one a day, oldest first; nothing after five years (and the
    grace days)."""
    if today > research_ends(closed_on):
        return None
    for round_ in range(1, RESEARCH_ROUNDS + 1):
        if round_ in done:
            continue
        return round_ if research_due(closed_on, round_) <= today else None
    return None
