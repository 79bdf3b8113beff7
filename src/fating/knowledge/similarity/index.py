"""SimilarityIndex: rank indexed judgments by how similar they are to a query judgment.

The score of a candidate is a weighted sum of three views of the facts:

* word BM25 over jieba tokens of the fact section (legal user dictionary, boilerplate removed);
* character-bigram BM25 over the same text, which survives segmentation mistakes;
* legal-element agreement (guarantee, IOU vs contract, delivery, interest band, spouse, ...).

BM25 scores have no fixed scale, so each is divided by the query's score against itself: the
result reads as "the share of the query's own evidence this document matches", comparable across
queries and with the element score in [0, 1]. Element agreement is costly in Python, so it is
computed only for the best ``candidates`` documents by the lexical views (two-stage ranking).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np

from .elements import Profile, default_weights, element_similarity, extract_elements
from .facts import fact_text, split_sections
from .tokenize import char_ngrams, legal_terms, tokenize


@dataclass(frozen=True)
class RankingConfig:
    """Weights of the three views and BM25 parameters.

    The view weights are the median of the per-fold picks of 5-fold cross-validation on the
    CAIL2019-SCM dev split, pooled corpus (see
    ``bench/similarity_eval.py``); the element weights inside ``element_weights`` are legal priors,
    not tuned.
    """

    word_weight: float = 0.25
    char_weight: float = 0.25
    element_weight: float = 1.0
    k1: float = 1.5
    b: float = 0.75
    candidates: int = 300
    element_weights: Mapping[str, float] = field(default_factory=default_weights)


@dataclass(frozen=True)
class Explanation:
    """Why a case was ranked: the legal elements and key terms it shares with the query."""

    elements: list[tuple[str, str]]
    terms: list[str]
    element_score: float
    lexical_score: float

    def as_dict(self) -> dict[str, object]:
        return {
            "elements": [{"element": label, "value": value} for label, value in self.elements],
            "terms": self.terms,
            "element_score": round(self.element_score, 4),
            "lexical_score": round(self.lexical_score, 4),
        }


@dataclass(frozen=True)
class SearchHit:
    """One ranked document."""

    id: str
    score: float
    explanation: Explanation | None = None


@dataclass
class _View:
    """One BM25 view (words or character bigrams) with what is needed to normalise scores."""

    model: bm25s.BM25
    vocab: dict[str, int]
    idf: np.ndarray
    avgdl: float

    @classmethod
    def build(cls, docs: list[list[str]], k1: float, b: float) -> _View:
        # An empty document would make bm25s drop the row; a placeholder keeps ids aligned.
        docs = [d if d else ["\u3000"] for d in docs]
        model = bm25s.BM25(k1=k1, b=b)
        model.index(docs, show_progress=False)
        vocab: dict[str, int] = model.vocab_dict
        df = np.zeros(len(vocab), dtype=np.float64)
        for doc in docs:
            for tok in set(doc):
                df[vocab[tok]] += 1
        n = len(docs)
        # bm25s "lucene" idf, reproduced so the query's self-score uses the same scale.
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        return cls(model, vocab, idf, float(np.mean([len(d) for d in docs])))

    def scores(self, tokens: list[str], k1: float, b: float) -> np.ndarray:
        """BM25 of every document divided by the query's score against itself."""
        num_docs = int(self.model.scores["num_docs"])
        counts = Counter(t for t in tokens if t in self.vocab)
        if not counts:
            return np.zeros(num_docs, dtype=np.float32)
        ids = [self.vocab[t] for t in counts]
        raw = self.model.get_scores(ids)
        tf = np.fromiter(counts.values(), dtype=np.float64)
        norm = 1 - b + b * len(tokens) / self.avgdl
        # bm25s' "lucene" variant has no (k1 + 1) factor in the numerator; neither does this.
        self_score = float(np.sum(self.idf[ids] * tf / (tf + k1 * norm)))
        return raw / self_score if self_score > 0 else raw


@dataclass
class _Query:
    words: list[str]
    grams: list[str]
    profile: Profile


class SimilarityIndex:
    """An in-memory index of case texts for similar-case ranking (类案推送).

    >>> index = SimilarityIndex()
    >>> index.build({"c1": "被告向原告借款5万元，出具借条……", "c2": "……"})
    >>> hits = index.search("张某向李某借款3万元，有借条，未还款", k=10)
    >>> hits[0].id, hits[0].explanation.elements
    """

    def __init__(self, config: RankingConfig | None = None) -> None:
        self.config = config or RankingConfig()
        self.ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._profiles: list[Profile] = []
        self._words: _View | None = None
        self._grams: _View | None = None
        # Unique word ids per document (CSR), kept only to explain shared key terms.
        self._term_ptr = np.zeros(1, dtype=np.int64)
        self._term_ids = np.zeros(0, dtype=np.int32)

    def __len__(self) -> int:
        return len(self.ids)

    def build(self, docs: Mapping[str, str] | Iterable[tuple[str, str]]) -> SimilarityIndex:
        """Index ``docs`` (id → text, or (id, text) pairs), replacing any previous content.

        Raises ValueError on a duplicate id, since two texts under one id make results ambiguous.
        """
        pairs = list(docs.items()) if isinstance(docs, Mapping) else list(docs)
        ids: list[str] = []
        pos: dict[str, int] = {}
        words: list[list[str]] = []
        grams: list[list[str]] = []
        profiles: list[Profile] = []
        # Element profiles repeat a lot (a few values per key); sharing identical ones cuts the
        # index's memory by several hundred MiB at 100,000 documents.
        shared_profiles: dict[tuple[tuple[str, frozenset[str]], ...], Profile] = {}
        for doc_id, text in pairs:
            if doc_id in pos:
                raise ValueError(f"重复的文书 id：{doc_id}")
            pos[doc_id] = len(ids)
            ids.append(doc_id)
            query = self._prepare(text)
            words.append(query.words)
            grams.append(query.grams)
            key = tuple(sorted(query.profile.items()))
            profiles.append(shared_profiles.setdefault(key, query.profile))
        cfg = self.config
        self.ids, self._pos, self._profiles = ids, pos, profiles
        if not ids:
            self._words = self._grams = None
            return self
        self._words = _View.build(words, cfg.k1, cfg.b)
        self._grams = _View.build(grams, cfg.k1, cfg.b)
        vocab = self._words.vocab
        ptr = np.zeros(len(words) + 1, dtype=np.int64)
        chunks: list[np.ndarray] = []
        for i, doc in enumerate(words):
            uniq = np.unique(np.fromiter((vocab[t] for t in doc), dtype=np.int32, count=len(doc)))
            chunks.append(uniq)
            ptr[i + 1] = ptr[i] + len(uniq)
        self._term_ptr = ptr
        self._term_ids = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
        return self

    def _prepare(self, text: str) -> _Query:
        # Documents and queries go through the same pipeline, splitting the text only once.
        sections = split_sections(text)
        facts = fact_text(text, sections)
        return _Query(
            tokenize(facts, normalized=True),
            char_ngrams(facts, normalized=True),
            extract_elements(text, sections),
        )

    def _lexical(self, query: _Query) -> np.ndarray:
        cfg = self.config
        if self._words is None or self._grams is None:
            raise RuntimeError("索引尚未建立")
        total = np.zeros(len(self.ids), dtype=np.float64)
        if cfg.word_weight:
            total += cfg.word_weight * self._words.scores(query.words, cfg.k1, cfg.b)
        if cfg.char_weight:
            total += cfg.char_weight * self._grams.scores(query.grams, cfg.k1, cfg.b)
        return total

    def _rank(
        self, query: _Query, lexical: np.ndarray, rows: np.ndarray, k: int, explain: bool
    ) -> list[SearchHit]:
        cfg = self.config
        scored: list[tuple[float, int, float, list[tuple[str, str]]]] = []
        for row in rows.tolist():
            elem, shared = element_similarity(
                query.profile, self._profiles[row], cfg.element_weights
            )
            score = float(lexical[row]) + cfg.element_weight * elem
            scored.append((score, row, elem, shared))
        # Ties keep index order so results are deterministic.
        scored.sort(key=lambda item: (-item[0], item[1]))
        hits = []
        for score, row, elem, shared in scored[:k]:
            explanation = None
            if explain:
                explanation = Explanation(
                    elements=shared,
                    terms=self._shared_terms(query.words, row),
                    element_score=elem,
                    lexical_score=float(lexical[row]),
                )
            hits.append(SearchHit(self.ids[row], score, explanation))
        return hits

    def search(self, text: str, k: int = 30, *, explain: bool = False) -> list[SearchHit]:
        """The ``k`` indexed documents most similar to ``text``, best first."""
        if k < 1:
            raise ValueError("k 必须为正整数")
        if not self.ids:
            return []
        query = self._prepare(text)
        lexical = self._lexical(query)
        depth = min(len(self.ids), max(self.config.candidates, k))
        if depth < len(self.ids):
            rows = np.argpartition(-lexical, depth - 1)[:depth]
        else:
            rows = np.arange(len(self.ids))
        return self._rank(query, lexical, np.sort(rows), k, explain)

    def score_ids(self, text: str, ids: Sequence[str], *, explain: bool = False) -> list[SearchHit]:
        """Rank only the given indexed documents against ``text`` (same scores as ``search``)."""
        if not ids:
            return []
        query = self._prepare(text)
        lexical = self._lexical(query)
        try:
            rows = np.array(sorted({self._pos[i] for i in ids}), dtype=np.int64)
        except KeyError as exc:
            raise KeyError(f"索引中没有该文书：{exc.args[0]}") from None
        return self._rank(query, lexical, rows, len(rows), explain)

    def _shared_terms(self, query_words: list[str], row: int, limit: int = 8) -> list[str]:
        """Query words also present in the document: legal terms first, then rarest first."""
        if self._words is None:
            raise RuntimeError("索引尚未建立")
        vocab = self._words.vocab
        doc_terms = set(self._term_ids[self._term_ptr[row] : self._term_ptr[row + 1]].tolist())
        seen: dict[str, float] = {}
        for word in query_words:
            tid = vocab.get(word)
            if tid is not None and tid in doc_terms and word not in seen:
                seen[word] = float(self._words.idf[tid])
        legal = legal_terms()
        ranked = sorted(seen.items(), key=lambda item: (item[0] not in legal, -item[1], item[0]))
        return [word for word, _ in ranked[:limit]]
