"""Full-text search over the library: jieba (legal dictionary) + BM25 (bm25s), with highlighting.

The index lives in process memory and is built on first use. Every search reads the library stamp
(one indexed query); when an import or a publication has moved it, the index is rebuilt, so all
processes see new data without a restart. The similar-case index for the push service hangs off
the same snapshot and is built only when first asked for.

Two BM25 views are summed: jieba words (legal terms kept whole) and character bigrams, which
catch what segmentation splits differently in a short query ("欠钱不还" vs "欠款").
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fating.knowledge.models import Article, LibraryStamp, TypicalCase
from fating.knowledge.similarity import RankingConfig, SimilarityIndex
from fating.knowledge.similarity.tokenize import char_ngrams, tokenize

# bm25s logs every index build at DEBUG/INFO; the library rebuilds after each import.
logging.getLogger("bm25s").setLevel(logging.WARNING)

BIGRAM_WEIGHT = 0.3
SNIPPET_CHARS = 160


@dataclass
class _Bm25:
    """One BM25 view over a list of token lists."""

    model: bm25s.BM25 | None
    vocab: dict[str, int]
    size: int

    @classmethod
    def build(cls, docs: list[list[str]]) -> _Bm25:
        if not docs:
            return cls(None, {}, 0)
        # bm25s drops empty rows; a placeholder keeps row numbers aligned with ids.
        docs = [d if d else ["\u3000"] for d in docs]
        model = bm25s.BM25()
        model.index(docs, show_progress=False)
        return cls(model, model.vocab_dict, len(docs))

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        ids = [self.vocab[t] for t in dict.fromkeys(tokens) if t in self.vocab]
        if self.model is None or not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.model.get_scores(ids), dtype=np.float32)


@dataclass
class _View:
    """Words and bigrams of one document collection, and the ids of its rows."""

    ids: list[int]
    words: _Bm25
    grams: _Bm25
    idf: dict[str, float]

    @classmethod
    def build(cls, rows: list[tuple[int, str]]) -> _View:
        words = [tokenize(text) for _, text in rows]
        grams = [char_ngrams(text) for _, text in rows]
        df: Counter[str] = Counter()
        for doc in words:
            df.update(set(doc))
        n = max(len(rows), 1)
        idf = {t: float(np.log1p((n - c + 0.5) / (c + 0.5))) for t, c in df.items()}
        return cls([pk for pk, _ in rows], _Bm25.build(words), _Bm25.build(grams), idf)

    def rank(
        self, query: str, k: int, *, boost: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        if not self.ids:
            return []
        total = self.words.scores(tokenize(query)) + BIGRAM_WEIGHT * self.grams.scores(
            char_ngrams(query)
        )
        if boost is not None:
            total = total * boost
        order = np.argsort(-total, kind="stable")[:k]
        return [(self.ids[i], float(total[i])) for i in order if total[i] > 0]


@dataclass
class LibraryIndex:
    """A snapshot of the searchable library at one stamp version."""

    version: tuple[int, str]
    articles: _View
    cases: _View
    article_rows: dict[int, int]
    _similar: SimilarityIndex | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def similar_cases(self) -> SimilarityIndex:
        """SimilarityIndex over published cases' title and facts (built on first use)."""
        with self._lock:
            if self._similar is None:
                docs = {
                    str(pk): f"{title}\n{facts}"
                    for pk, title, facts in published_cases().values_list("pk", "title", "facts")
                }
                self._similar = SimilarityIndex(RankingConfig()).build(docs)
            return self._similar


def published_cases():
    return TypicalCase.objects.filter(status=TypicalCase.Status.PUBLISHED)


def _article_text(law_name: str, chapter: str, text: str) -> str:
    return f"{law_name} {chapter}\n{text}"


def _build(version: tuple[int, str]) -> LibraryIndex:
    article_rows: list[tuple[int, str]] = []
    qs = Article.objects.filter(law__is_current=True).select_related("law").order_by("pk")
    for a in qs.iterator(chunk_size=2000):
        article_rows.append((a.pk, _article_text(a.law.short_name, a.chapter, a.text)))
    case_rows = [
        (pk, f"{title}\n{cause}\n{headline}\n{keywords}\n{facts}\n{holding}")
        for pk, title, cause, headline, keywords, facts, holding in published_cases()
        .order_by("pk")
        .values_list("pk", "title", "cause", "headline", "keywords", "facts", "holding")
    ]
    articles = _View.build(article_rows)
    return LibraryIndex(
        version=version,
        articles=articles,
        cases=_View.build(case_rows),
        article_rows={pk: i for i, pk in enumerate(articles.ids)},
    )


_index: LibraryIndex | None = None
_build_lock = threading.Lock()


def current_version() -> tuple[int, str]:
    row = LibraryStamp.objects.filter(pk=1).values_list("version", "token").first()
    return (row[0], row[1]) if row else (0, "")


def library_index() -> LibraryIndex:
    """The process's index, rebuilt when the library stamp has moved since it was built."""
    global _index
    version = current_version()
    index = _index
    if index is not None and index.version == version:
        return index
    with _build_lock:
        if _index is None or _index.version != version:
            _index = _build(version)
        return _index


def reset_index() -> None:
    """Forget the process's index (tests that rebuild the database in one process)."""
    global _index
    with _build_lock:
        _index = None


# ---------------------------------------------------------------------------------------------
# Results and highlighting


@dataclass(frozen=True)
class Hit:
    """One search result: the object, its score and the highlighted snippet."""

    obj: Article | TypicalCase
    score: float
    snippet: SafeString
    terms: tuple[str, ...]


def query_terms(query: str) -> list[str]:
    """Words to highlight: the query's jieba tokens, longest first, plus its CJK runs."""
    words = set(tokenize(query))
    words |= {run for run in re.findall(r"[\u4e00-\u9fff]{2,}", query) if len(run) <= 8}
    return sorted(words, key=lambda w: (-len(w), w))


def highlight(text: str, terms: Sequence[str], *, window: int | None = None) -> SafeString:
    """`text` HTML-escaped with each term wrapped in <mark>; cut to `window` chars around the
    first match when given (an ellipsis marks the cut)."""
    terms = [t for t in terms if t]
    pattern = re.compile("|".join(re.escape(t) for t in terms)) if terms else None
    if window is not None and len(text) > window:
        first = pattern.search(text) if pattern else None
        start = max(0, (first.start() if first else 0) - window // 4)
        end = min(len(text), start + window)
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped


def _matched(text: str, terms: Sequence[str]) -> tuple[str, ...]:
    return tuple(t for t in terms if t in text)


def search_articles(query: str, *, k: int = 20) -> list[Hit]:
    """Current-version articles best matching `query`, best first."""
    query = (query or "").strip()
    if not query:
        return []
    ranked = library_index().articles.rank(query, k)
    objs = Article.objects.select_related("law").in_bulk([pk for pk, _ in ranked])
    terms = query_terms(query)
    hits = []
    for pk, score in ranked:
        a = objs.get(pk)
        if a is None:  # deleted since the index was built
            continue
        hits.append(
            Hit(a, score, highlight(a.text, terms, window=SNIPPET_CHARS), _matched(a.text, terms))
        )
    return hits


def search_cases(query: str, *, k: int = 20) -> list[Hit]:
    """Published typical cases best matching `query`, best first."""
    query = (query or "").strip()
    if not query:
        return []
    ranked = library_index().cases.rank(query, k)
    objs = published_cases().in_bulk([pk for pk, _ in ranked])
    terms = query_terms(query)
    hits = []
    for pk, score in ranked:
        c = objs.get(pk)
        if c is None:
            continue
        text = c.holding or c.facts
        hits.append(
            Hit(c, score, highlight(text, terms, window=SNIPPET_CHARS), _matched(text, terms))
        )
    return hits
