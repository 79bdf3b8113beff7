"""类案及法条推送: the typical cases most similar to a dispute and the articles most relevant to it.

The disputes and cases apps call `push_for_text` with what they know of the matter (the facts as
reported, the claims, and when known the cause of action) and render `knowledge/_push_panel.html`
with the result as ``push``. Each item says why it was pushed: the shared legal elements (amount,
interest band, IOU, guarantee, …) and key terms for cases; the shared terms and the cause-specific
statute for articles.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
from django.db.models import Q
from django.urls import reverse

from fating.knowledge import rules
from fating.knowledge.models import Article, TypicalCase
from fating.knowledge.search import library_index, published_cases, query_terms
from fating.knowledge.similarity.tokenize import legal_terms, tokenize

#: How much a cause-specific statute's score is multiplied by (民间借贷 → 民间借贷规定).
CAUSE_BOOST = 1.8
_MAX_TERMS = 6


@dataclass(frozen=True)
class PushedCase:
    """A similar typical case and why: shared legal elements and key terms."""

    id: int
    title: str
    cause: str
    topic: str
    summary: str
    url: str
    score: float
    elements: list[dict[str, str]]
    terms: list[str]


@dataclass(frozen=True)
class PushedArticle:
    """A relevant article and why: the terms it shares with the matter, and the cause rule."""

    id: int
    law: str
    label: str
    text: str
    url: str
    score: float
    terms: list[str]
    reason: str


@dataclass(frozen=True)
class PushResult:
    """What `push_for_text` returns; `as_dict()` is the API's JSON."""

    cause: str
    cases: list[PushedCase] = field(default_factory=list)
    articles: list[PushedArticle] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __bool__(self) -> bool:
        return bool(self.cases or self.articles)


def push_for_text(
    text: str, *, k_cases: int = 5, k_articles: int = 5, cause: str = ""
) -> PushResult:
    """The `k_cases` most similar published cases and `k_articles` most relevant current articles.

    `cause` (a 案由 such as "民间借贷纠纷") is used when given; otherwise it is guessed from the
    text's keywords. Articles of the statutes that govern the cause are boosted.
    """
    text = (text or "").strip()
    if not text:
        return PushResult(cause="")
    entry = rules.statutes_for_cause(cause) if cause else None
    entry = entry or rules.detect_cause(text)
    index = library_index()
    return PushResult(
        cause=cause or (entry.cause if entry else ""),
        cases=_cases(text, k_cases, index) if k_cases > 0 else [],
        articles=_articles(text, k_articles, index, entry) if k_articles > 0 else [],
    )


def _cases(text: str, k: int, index) -> list[PushedCase]:
    similar = index.similar_cases()
    if not len(similar):
        return []
    hits = similar.search(text, k, explain=True)
    objs = published_cases().in_bulk([int(h.id) for h in hits])
    out = []
    for hit in hits:
        case: TypicalCase | None = objs.get(int(hit.id))
        if case is None or hit.score <= 0:
            continue
        why = hit.explanation.as_dict() if hit.explanation else {"elements": [], "terms": []}
        out.append(
            PushedCase(
                id=case.pk,
                title=case.title,
                cause=case.cause,
                topic=case.get_topic_display(),
                summary=_cut(case.holding or case.facts, 120),
                url=reverse("knowledge:case", args=[case.pk]),
                score=round(float(hit.score), 4),
                elements=_shown_elements(why["elements"]),  # type: ignore[arg-type]
                terms=list(why["terms"])[:_MAX_TERMS],  # type: ignore[arg-type]
            )
        )
    return out


_ABSENT = ("无", "否", "未", "不")


def _shown_elements(elements: list[dict[str, str]]) -> list[dict[str, str]]:
    """Elements worth showing as a reason: shared absences ("无担保", "夫妻共同债务：否") help the
    ranking of lending cases but explain nothing to a reader, least of all in other causes."""
    return [e for e in elements if not str(e.get("value", "")).startswith(_ABSENT)]


def _boost(index, entry: rules.CauseStatutes | None) -> tuple[np.ndarray | None, set[int]]:
    if entry is None or not index.articles.ids:
        return None, set()
    condition = Q()
    for name in entry.laws:
        condition |= Q(law__title__contains=name)
    for chapter in entry.chapters:
        condition |= Q(chapter__contains=chapter)
    if not condition:
        return None, set()
    boosted = set(
        Article.objects.filter(condition, law__is_current=True).values_list("pk", flat=True)
    )
    factor = np.ones(len(index.articles.ids), dtype=np.float32)
    for pk in boosted:
        row = index.article_rows.get(pk)
        if row is not None:
            factor[row] = CAUSE_BOOST
    return factor, boosted


def _articles(text: str, k: int, index, entry: rules.CauseStatutes | None) -> list[PushedArticle]:
    factor, boosted = _boost(index, entry)
    ranked = index.articles.rank(text, k, boost=factor)
    objs = Article.objects.select_related("law").in_bulk([pk for pk, _ in ranked])
    words = tokenize(text)
    legal = legal_terms()
    idf = index.articles.idf
    out = []
    for pk, score in ranked:
        article = objs.get(pk)
        if article is None:
            continue
        shared = {w for w in words if w in article.text}
        terms = sorted(shared, key=lambda w: (w not in legal, -idf.get(w, 0.0), w))[:_MAX_TERMS]
        out.append(
            PushedArticle(
                id=article.pk,
                law=article.law.short_name,
                label=article.label,
                text=_cut(article.text, 200),
                url=reverse("knowledge:article", args=[article.pk]),
                score=round(score, 4),
                terms=terms,
                reason=entry.reason if entry and pk in boosted else "",
            )
        )
    return out


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


__all__ = ["PushResult", "PushedArticle", "PushedCase", "push_for_text", "query_terms"]
