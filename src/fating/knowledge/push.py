"""类案及法条推送: the typical cases most similar to a dispute and the articles most relevant to it.

The disputes and cases apps call `push_for_text` with what they know of the matter (the facts as
reported, the claims, and when known the cause of action) and render `knowledge/_push_panel.html`
with the result as ``push``. Each item says why it was pushed: the shared legal elements (amount,
interest band, IOU, guarantee, …) and key terms for cases; the shared terms and the cause-specific
statute for articles. A known cause of action scopes everything: only the articles mapped to it
(data/cause_scope.json), only cases of the same or a sibling cause, only its own features as reasons.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache

import numpy as np
from django.db.models import Q
from django.urls import reverse

from fating.knowledge import rules
from fating.knowledge.models import Article, TypicalCase
from fating.knowledge.search import library_index, published_cases, query_terms
from fating.knowledge.similarity.elements import SPEC_BY_KEY
from fating.knowledge.similarity.tokenize import legal_terms, tokenize

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
    text's keywords. A known cause scopes the push (data/cause_scope.json): articles only from
    the statutes mapped to it, cases only of the same or a sibling cause, reason chips only from
    the cause's own features.
    """
    text = (text or "").strip()
    if not text:
        return PushResult(cause="")
    # A dispute's page pushes on every view of it by court staff, and the answer changes only
    # with the text or the library: remembered per library version (the index's own key).
    return _push_for(library_index().version, text, k_cases, k_articles, cause)


@lru_cache(maxsize=512)
def _push_for(
    version: tuple[int, str], text: str, k_cases: int, k_articles: int, cause: str
) -> PushResult:
    mapped = rules.statutes_for_cause(cause) if cause else None
    # The statutes of an unmapped cause come from what the text suggests; its cases and reason
    # chips only from the cause itself.
    entry = mapped or rules.detect_cause(text)
    causes: tuple[rules.CauseStatutes, ...]
    if cause:
        causes = (mapped or rules.CauseStatutes(cause, ()),)
    else:
        causes = rules.plausible_causes(text)
    # Should the library move between the two reads, the answer is the newer one, remembered
    # under the older version, which no later call asks for.
    index = library_index()
    return PushResult(
        cause=cause or (entry.cause if entry else ""),
        cases=_cases(text, k_cases, index, causes) if k_cases > 0 else [],
        articles=_articles(text, k_articles, index, entry) if k_articles > 0 else [],
    )


_case_texts: tuple[object, dict[str, tuple[str, str]]] | None = None


def _cases_by_cause(index) -> dict[str, tuple[str, str]]:
    """Published case id → (its recorded 案由, its title and facts). Cached per library version."""
    global _case_texts
    if _case_texts is not None and _case_texts[0] == index.version:
        return _case_texts[1]
    rows = published_cases().values_list("pk", "title", "cause", "facts")
    texts = {str(pk): (cause, f"{title}\n{facts}") for pk, title, cause, facts in rows}
    _case_texts = (index.version, texts)
    return texts


def _affinity(causes: tuple[rules.CauseStatutes, ...], case_cause: str, text: str) -> float:
    if case_cause:
        return max(rules.case_affinity(e.cause, case_cause) for e in causes)
    return rules.text_affinity(causes, text)


def _cases(text: str, k: int, index, causes: tuple[rules.CauseStatutes, ...]) -> list[PushedCase]:
    """Cases of the matter's causes (one when given, every plausible one when guessed), ranked
    by similarity times affinity; the reason chips only from the likeliest cause's features."""
    similar = index.similar_cases()
    if not len(similar):
        return []
    if causes:
        affinity = {
            pk: _affinity(causes, case_cause, case_text)
            for pk, (case_cause, case_text) in _cases_by_cause(index).items()
        }
        indexed = set(similar.ids)
        allowed = [pk for pk, a in affinity.items() if a > 0 and pk in indexed]
        scored = [
            (hit.score * affinity[hit.id], hit)
            for hit in similar.score_ids(text, allowed, explain=True)
        ]
        scored.sort(key=lambda item: -item[0])
        hits = [(score, hit) for score, hit in scored[:k]]
    else:
        hits = [(hit.score, hit) for hit in similar.search(text, k, explain=True)]
    features = causes[0].features if causes else frozenset()
    objs = published_cases().in_bulk([int(h.id) for _, h in hits])
    out = []
    for score, hit in hits:
        case: TypicalCase | None = objs.get(int(hit.id))
        if case is None or score <= 0:
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
                score=round(float(score), 4),
                elements=_shown_elements(why["elements"], features),  # type: ignore[arg-type]
                terms=list(why["terms"])[:_MAX_TERMS],  # type: ignore[arg-type]
            )
        )
    return out


_ABSENT = ("无", "否", "未", "不")
_LABEL_KEYS = {spec.label: key for key, spec in SPEC_BY_KEY.items()}


def _shown_elements(
    elements: list[dict[str, str]], features: frozenset[str] | None = None
) -> list[dict[str, str]]:
    """Elements worth showing as a reason: only the features of the matter's cause (a 民间借贷
    feature never explains a neighbours' dispute), and no shared absences ("无担保", "夫妻共同债务：
    否", "到庭", "单笔") — they help the ranking of lending cases but explain nothing to a reader."""
    out = []
    for e in elements:
        key = _LABEL_KEYS.get(str(e.get("element", "")), "")
        spec = SPEC_BY_KEY.get(key)
        value = str(e.get("value", ""))
        if features is not None and key not in features:
            continue
        if value.startswith(_ABSENT) or (spec is not None and value == spec.absent_value):
            continue
        out.append(e)
    return out


_scopes: dict[tuple[object, rules.CauseStatutes], tuple[np.ndarray, list[int]]] = {}


def _scope(index, entry: rules.CauseStatutes | None) -> tuple[np.ndarray | None, list[int]]:
    """A 0/1 mask over the article rows: 1 for the articles mapped to the cause. None (no
    scope) when the cause is unknown or maps no statute. Kept per library version: every page
    of a case of the same cause asks for the same mask."""
    if entry is None or not entry.statutes or not index.articles.ids:
        return None, []
    key = (index.version, entry)
    if key not in _scopes:
        if len(_scopes) > 256:  # a new library version leaves the old masks behind
            _scopes.clear()
        _scopes[key] = _compute_scope(index, entry)
    return _scopes[key]


def _compute_scope(index, entry: rules.CauseStatutes) -> tuple[np.ndarray, list[int]]:
    condition = Q()
    for statute in entry.statutes:
        condition |= (
            Q(law__title=statute.law)
            if statute.exact_title
            else Q(law__title__contains=statute.law)
        )
    rows = (
        Article.objects.filter(condition, law__is_current=True)
        .values_list("pk", "law__title", "number")
        .order_by("law__title", "position")
    )
    mask = np.zeros(len(index.articles.ids), dtype=np.float32)
    allowed = []
    for pk, title, number in rows:
        row = index.article_rows.get(pk)
        if row is not None and entry.covers(title, number):
            mask[row] = 1.0
            allowed.append(pk)
    return mask, allowed


def _articles(text: str, k: int, index, entry: rules.CauseStatutes | None) -> list[PushedArticle]:
    mask, allowed = _scope(index, entry)
    ranked = index.articles.rank(text, k, boost=mask)
    if mask is not None and len(ranked) < k:
        # The cause's own articles are relevant even when they share no word with the text.
        seen = {pk for pk, _ in ranked}
        ranked += [(pk, 0.0) for pk in allowed if pk not in seen][: k - len(ranked)]
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
                reason=entry.reason if mask is not None and entry else "",
            )
        )
    return out


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


__all__ = ["PushResult", "PushedArticle", "PushedCase", "push_for_text", "query_terms"]
