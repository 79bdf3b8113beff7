"""Pure rules of the knowledge app: topics of the typical-case library, the statutes that go with
a cause of action, and the small state machines of publication, Q&A, 点单 orders and village rules.

No Django import: tested without a database.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
# Cause of action → the statutes that govern it and the legal features that may explain a similar
# case (data/cause_scope.json, each statute cited there). A dispute's push is scoped by its cause:
# articles only from its statutes, cases only of the same or a sibling cause, and reason chips only
# from the cause's own features — a feature of 民间借贷 never explains a neighbours' dispute.

DATA_DIR = Path(__file__).resolve().parent / "data"
#: The 案由 catalogue shipped with the cases app (民事案件案由规定, 2020 and 2025 revisions).
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "cases" / "data"
CATALOGUE_FILES = ("civil-causes-2025.json", "civil-causes-2020.json")


@dataclass(frozen=True)
class StatuteRange:
    """Articles ``first``–``last`` of a law (the whole law when both are None)."""

    law: str
    first: int | None = None
    last: int | None = None
    cite: str = ""

    @property
    def exact_title(self) -> bool:
        """A law named with 中华人民共和国 is matched by its exact title, others as a substring."""
        return self.law.startswith("中华人民共和国")

    def covers(self, title: str, number: int) -> bool:
        if (title != self.law) if self.exact_title else (self.law not in title):
            return False
        if self.first is None or self.last is None:
            return True
        return self.first <= number <= self.last


@dataclass(frozen=True)
class CauseStatutes:
    cause: str
    keywords: tuple[str, ...]
    also: tuple[str, ...] = ()
    statutes: tuple[StatuteRange, ...] = ()
    features: frozenset[str] = frozenset()
    reason: str = ""

    def covers(self, title: str, number: int) -> bool:
        """Whether article ``number`` of the law titled ``title`` governs this cause."""
        return any(s.covers(title, number) for s in self.statutes)


def _load_scope(path: Path) -> tuple[CauseStatutes, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    named = {"lending": frozenset(data["lending_features"])}
    out = []
    for row in data["causes"]:
        features = row.get("features", [])
        out.append(
            CauseStatutes(
                cause=row["cause"],
                keywords=tuple(row["keywords"]),
                also=tuple(row.get("also", ())),
                statutes=tuple(
                    StatuteRange(s["law"], s.get("from"), s.get("to"), s.get("cite", ""))
                    for s in row["statutes"]
                ),
                features=named[features] if isinstance(features, str) else frozenset(features),
                reason=row.get("reason", ""),
            )
        )
    return tuple(out)


CAUSE_STATUTES: tuple[CauseStatutes, ...] = _load_scope(DATA_DIR / "cause_scope.json")
_BY_CAUSE = {name: e for e in CAUSE_STATUTES for name in (e.cause, *e.also)}


@lru_cache(maxsize=1)
def cause_groups() -> frozenset[str]:
    """Names of the catalogue's parts and groups (levels 1–2: 合同纠纷, 所有权纠纷, …)."""
    groups: set[str] = set()
    for filename in CATALOGUE_FILES:
        path = CATALOGUE_DIR / filename
        if path.is_file():
            rows = json.loads(path.read_text(encoding="utf-8"))
            groups.update(row["name"] for row in rows if row["level"] <= 2)
    return frozenset(groups)


@lru_cache(maxsize=1)
def cause_parents() -> dict[str, str]:
    """Cause name → parent name over both catalogue revisions (2025 wins where they differ)."""
    parents: dict[str, str] = {}
    for filename in CATALOGUE_FILES:
        path = CATALOGUE_DIR / filename
        if not path.is_file():
            continue
        rows = json.loads(path.read_text(encoding="utf-8"))
        names = {row["code"]: row["name"] for row in rows}
        for row in rows:
            if row["parent"] and row["level"] >= 2:
                parents.setdefault(row["name"], names[row["parent"]])
    return parents


def cause_lineage(cause: str) -> list[str]:
    """The cause and its ancestors up to its group (相邻通行纠纷 → 相邻关系纠纷 → 所有权纠纷)."""
    parents = cause_parents()
    lineage = [cause]
    while lineage[-1] in parents and len(lineage) < 5:
        parent = parents[lineage[-1]]
        if parent in lineage or parent.endswith("部分"):
            break
        lineage.append(parent)
    return lineage


def statutes_for_cause(cause: str) -> CauseStatutes | None:
    """The scope entry for a cause name: its own, else its nearest listed ancestor's in the
    catalogue, else (for short or colloquial names like "民间借贷") by name and keywords."""
    cause = (cause or "").strip()
    if not cause:
        return None
    for name in cause_lineage(cause):
        if name in _BY_CAUSE:
            return _BY_CAUSE[name]
    for entry in CAUSE_STATUTES:
        if entry.cause.startswith(cause.removesuffix("纠纷")):
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


def case_affinity(query_cause: str, case_cause: str) -> float:
    """How far a case of ``case_cause`` may be pushed for a matter of ``query_cause``:
    1.0 for the same cause (or the same scope entry), ``SIBLING_FACTOR`` for a sibling in the
    catalogue (same parent), 0.0 otherwise — the case is not pushed. An unknown query cause
    scopes nothing (1.0)."""
    if not query_cause:
        return 1.0
    if not case_cause:
        return 0.0
    if query_cause == case_cause:
        return 1.0
    mine, theirs = statutes_for_cause(query_cause), statutes_for_cause(case_cause)
    if mine is not None and mine is theirs:
        return 1.0
    # Siblings share a numbered parent cause; a whole group (合同纠纷) is too wide to count.
    groups = cause_groups()
    a, b = cause_lineage(query_cause), cause_lineage(case_cause)
    shared = {a[1]} & {b[1]} if len(a) > 1 and len(b) > 1 else set()
    if case_cause in a[1:2]:
        shared.add(case_cause)  # the case is of the matter's parent cause
    if query_cause in b[1:2]:
        shared.add(query_cause)
    if shared - groups:
        return SIBLING_FACTOR
    return 0.0


def _supported(entry: CauseStatutes, text: str, best: int) -> bool:
    hits = sum(text.count(word) for word in entry.keywords)
    return hits >= 2 and 2 * hits >= best


def plausible_causes(text: str) -> tuple[CauseStatutes, ...]:
    """Every cause the text supports about as well as the likeliest one: its keywords occur at
    least twice and at least half as often (a lending judgment between spouses talks of 离婚 and
    借款 alike). The likeliest comes first; empty when no cause is supported."""
    best = max(sum(text.count(word) for word in e.keywords) for e in CAUSE_STATUTES)
    found = [e for e in CAUSE_STATUTES if _supported(e, text, best)]
    top = detect_cause(text)
    return tuple(sorted(found, key=lambda e: e is not top))


def text_affinity(entries: tuple[CauseStatutes, ...], text: str) -> float:
    """`case_affinity` for a case with no recorded cause, from its text: 1.0 when the text
    supports one of the matter's ``entries`` (see `plausible_causes`), else 0.0. No scope (1.0)
    when the matter's cause is unknown (no entries)."""
    if not entries:
        return 1.0
    best = max(sum(text.count(word) for word in e.keywords) for e in CAUSE_STATUTES)
    return 1.0 if any(_supported(e, text, best) for e in entries) else 0.0


#: A sibling cause's case (相邻通行纠纷 for a 相邻采光、日照纠纷 matter) ranks below same-cause ones.
SIBLING_FACTOR = 0.6


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
