"""Pure rules of the knowledge app: topics of the typical-case library, the statutes that go with
a cause of action, and the small state machines of publication, Q&A, 点单 orders and village rules.

No Django import: tested without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Topics of the public typical-case library (普法 by topic). The list follows the disputes that
# grassroots tribunals meet most (DESIGN.md §2 item 8; issue 7 "typical-case library by topic").
# A case takes the first topic whose keywords occur in its title, cause or facts; the order puts
# the specific before the general (土地承包 before 合同).


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    keywords: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "land", "土地承包", ("土地承包", "承包经营", "承包地", "宅基地", "土地经营权", "承包合同")
    ),
    Topic("election", "换届选举", ("换届", "选举", "村民委员会选举", "选民")),
    Topic(
        "family",
        "婚姻家庭",
        ("离婚", "婚姻", "彩礼", "抚养", "赡养", "继承", "遗嘱", "家庭暴力", "夫妻", "收养"),
    ),
    Topic("neighbour", "邻里纠纷", ("相邻", "邻里", "通行", "排水", "采光", "通风", "宅基")),
    Topic("property", "物业", ("物业", "业主", "小区")),
    Topic(
        "labour",
        "劳务",
        ("劳务", "劳动", "加班", "工资", "工伤", "用人单位", "劳动者", "包工头", "雇佣"),
    ),
    Topic("lending", "民间借贷", ("借款", "借贷", "借条", "欠条", "利息")),
    Topic("traffic", "交通事故", ("交通事故", "机动车", "驾驶")),
    Topic("consumer", "消费维权", ("消费者", "购物", "网购", "网络购物", "商家", "买卖合同")),
    Topic("administrative", "行政协议", ("行政协议", "征收", "拆迁", "补偿安置", "人民政府")),
    Topic("other", "其他", ()),
)
TOPIC_LABELS: dict[str, str] = {t.key: t.label for t in TOPICS}


def classify_topic(*texts: str) -> str:
    """The topic key of a case from its title, cause and facts (earlier texts weigh more).

    Each text is tried in turn, so a title that names 土地承包 decides even when the facts also
    mention 工资. Callers pass the most telling text first (title, then folder, cause, facts).
    """
    for text in texts:
        if not text:
            continue
        for topic in TOPICS:
            if any(word in text for word in topic.keywords):
                return topic.key
    return "other"


# ---------------------------------------------------------------------------------------------
# Cause of action → statutes that govern it. A dispute of that cause has these articles boosted
# in the statute push. The law names are matched against Law.title (substring), the chapters
# against Article.chapter; each entry cites why.


@dataclass(frozen=True)
class CauseStatutes:
    cause: str
    keywords: tuple[str, ...]
    laws: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    reason: str = ""


CAUSE_STATUTES: tuple[CauseStatutes, ...] = (
    CauseStatutes(
        "民间借贷纠纷",
        ("民间借贷", "借款", "借条", "欠条", "借贷", "出借"),
        laws=("审理民间借贷案件适用法律若干问题的规定",),
        # 民法典 第十二章 借款合同 (第667–680条) and 第十三章 保证合同 (guarantors).
        chapters=("借款合同", "保证合同"),
        reason="民间借贷纠纷适用民法典借款合同章及《民间借贷规定》",
    ),
    CauseStatutes(
        "农村土地承包合同纠纷",
        ("土地承包", "承包地", "承包经营", "土地经营权", "流转"),
        laws=("农村土地承包法", "涉及农村土地承包纠纷案件", "农村土地承包经营纠纷调解仲裁法"),
        chapters=("土地承包经营权",),
        reason="土地承包纠纷适用农村土地承包法及相关司法解释",
    ),
    CauseStatutes(
        "离婚纠纷",
        ("离婚", "夫妻", "婚姻", "抚养", "彩礼", "婚后"),
        laws=("婚姻家庭编的解释", "涉彩礼纠纷", "反家庭暴力法"),
        chapters=("离婚", "结婚", "家庭关系"),
        reason="婚姻家庭纠纷适用民法典婚姻家庭编及其司法解释",
    ),
    CauseStatutes(
        "物业服务合同纠纷",
        ("物业", "物业费", "业主"),
        laws=("审理物业服务纠纷案件",),
        chapters=("物业服务合同", "业主的建筑物区分所有权"),
        reason="物业纠纷适用民法典物业服务合同章及物业服务纠纷解释",
    ),
    CauseStatutes(
        "劳务合同纠纷",
        ("劳务", "工资", "工钱", "加班", "劳动报酬", "用工", "工伤"),
        laws=("劳动合同法", "劳动法", "劳动争议调解仲裁法", "审理劳动争议案件"),
        reason="劳务、劳动报酬纠纷适用劳动合同法、劳动法及劳动争议解释",
    ),
    CauseStatutes(
        "相邻关系纠纷",
        ("相邻", "通行", "排水", "采光", "滴水", "邻居", "宅基地"),
        chapters=("相邻关系",),
        reason="相邻关系纠纷适用民法典物权编相邻关系章",
    ),
    CauseStatutes(
        "机动车交通事故责任纠纷",
        ("交通事故", "机动车", "撞", "交强险"),
        laws=("道路交通事故损害赔偿案件", "人身损害赔偿案件"),
        chapters=("机动车交通事故责任",),
        reason="交通事故纠纷适用民法典侵权责任编及道路交通事故损害赔偿解释",
    ),
    CauseStatutes(
        "房屋租赁合同纠纷",
        ("租赁", "房租", "租金", "出租", "承租"),
        laws=("城镇房屋租赁合同纠纷案件",),
        chapters=("租赁合同",),
        reason="租赁纠纷适用民法典租赁合同章及房屋租赁合同解释",
    ),
    CauseStatutes(
        "买卖合同纠纷",
        ("买卖", "货款", "购买", "出卖"),
        laws=("审理买卖合同纠纷案件",),
        chapters=("买卖合同",),
        reason="买卖合同纠纷适用民法典买卖合同章及买卖合同解释",
    ),
    CauseStatutes(
        "继承纠纷",
        ("继承", "遗嘱", "遗产", "遗赠"),
        laws=("继承编的解释",),
        chapters=("法定继承", "遗嘱继承和遗赠", "遗产的处理"),
        reason="继承纠纷适用民法典继承编及其司法解释",
    ),
)


def statutes_for_cause(cause: str) -> CauseStatutes | None:
    """The statute entry for a cause name ("民间借贷纠纷", "民间借贷", "借款合同纠纷" …)."""
    cause = (cause or "").strip()
    if not cause:
        return None
    for entry in CAUSE_STATUTES:
        if cause == entry.cause or entry.cause.startswith(cause.removesuffix("纠纷")):
            return entry
    for entry in CAUSE_STATUTES:
        if any(word in cause for word in entry.keywords):
            return entry
    return None


def detect_cause(text: str) -> CauseStatutes | None:
    """The cause whose keywords occur most often in ``text`` (ties: the earlier entry)."""
    best: tuple[int, int] = (0, 0)
    found: CauseStatutes | None = None
    for i, entry in enumerate(CAUSE_STATUTES):
        hits = sum(text.count(word) for word in entry.keywords)
        if hits and (hits, -i) > best:
            best, found = (hits, -i), entry
    return found


# A case name ends with its cause: "高某诉某农业有限公司农村土地承包合同案".
_CASE_SUFFIX = re.compile(r"(?:一案|案)$")


def cause_from_title(title: str, known: frozenset[str] | set[str]) -> str:
    """The longest known cause name the case name ends with, normalised to end in 纠纷."""
    stem = _CASE_SUFFIX.sub("", title.strip())
    for n in range(min(len(stem), 14), 1, -1):
        tail = stem[-n:]
        if tail in known:
            return tail if tail.endswith("纠纷") else f"{tail}纠纷"
    return ""


# ---------------------------------------------------------------------------------------------
# State machines. Each maps a state to the states it may move to.

#: A court's own case on its way into the public library (法释〔2016〕19号: anonymised first).
PUBLICATION_FLOW: dict[str, frozenset[str]] = {
    "pending": frozenset({"published", "rejected"}),
    "rejected": frozenset(),
    "published": frozenset({"withdrawn"}),
    "withdrawn": frozenset(),
}

#: 你问我答: a resident asks, a judge answers, another look (review) publishes it.
QUESTION_FLOW: dict[str, frozenset[str]] = {
    "asked": frozenset({"answered", "closed"}),
    "answered": frozenset({"published", "asked"}),  # sent back: the answer needs rework
    "published": frozenset({"closed"}),
    "closed": frozenset(),
}

#: 点单 orders: requested → scheduled → delivered (or cancelled before delivery).
ORDER_FLOW: dict[str, frozenset[str]] = {
    "requested": frozenset({"scheduled", "cancelled"}),
    "scheduled": frozenset({"delivered", "scheduled", "cancelled"}),  # rescheduling allowed
    "delivered": frozenset(),
    "cancelled": frozenset(),
}

#: 乡规民约: submitted → reviewed (comments) → revised (new version) → reviewed … → filed.
VILLAGE_RULES_FLOW: dict[str, frozenset[str]] = {
    "submitted": frozenset({"reviewed", "filed"}),
    "reviewed": frozenset({"submitted"}),  # the village submits a revised version
    "filed": frozenset(),
}


def can_move(flow: dict[str, frozenset[str]], current: str, target: str) -> bool:
    return target in flow.get(current, frozenset())


def rate_limit_exceeded(recent_count: int, *, limit: int) -> bool:
    """Public forms (你问我答) take at most ``limit`` submissions per address per window."""
    return recent_count >= limit
