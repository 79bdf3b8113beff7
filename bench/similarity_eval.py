"""Accuracy of similar-case ranking on the CAIL2019-SCM dev triplets.

For each triplet (A, B, C) the ranker scores B and C for query A; it is right when the gold answer
ranks higher (a tie counts as half). Two corpora are measured:

* ``triplet``: the index holds only B and C, as a two-document ``fating similar rank`` run would;
* ``pooled``: the index holds every distinct dev text (no labels), as a court's case base would,
  and only B and C are compared. IDF is then estimated from 220 texts instead of 2.

The fusion weights of the three views are chosen by 5-fold cross-validation; folds are grouped by
query text so that no query appears on both sides of a split. The element weights are fixed
legal priors and are not tuned here.

    .venv/bin/python bench/similarity_eval.py [--data PATH] [--folds 5]
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bm25s
import jieba

from fating.knowledge import rules
from fating.knowledge.similarity import RankingConfig, SimilarityIndex

jieba.setLogLevel(logging.WARNING)

DEFAULT_DATA = Path("/work/shared/data/eval/scm-dev.jsonl")
Triplet = dict[str, str]
# Pair scores per triplet: (score of B, score of C).
Scores = list[tuple[float, float]]


def load(path: Path) -> list[Triplet]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def accuracy(rows: list[Triplet], scores: Scores) -> float:
    right = 0.0
    for row, (sb, sc) in zip(rows, scores, strict=True):
        if sb == sc:
            right += 0.5
        else:
            right += ("B" if sb > sc else "C") == row["answer"]
    return right / len(rows) if rows else 0.0


def plain_bm25(rows: list[Triplet], pooled: bool) -> Scores:
    """The reference: jieba's default segmentation of the whole text, bm25s with defaults."""
    texts = sorted({row[k] for row in rows for k in "ABC"})
    toks = {t: jieba.lcut(t) for t in texts}
    out: Scores = []
    if pooled:
        pos = {t: i for i, t in enumerate(texts)}
        model = bm25s.BM25()
        model.index([toks[t] for t in texts], show_progress=False)
        for row in rows:
            s = model.get_scores(toks[row["A"]])
            out.append((float(s[pos[row["B"]]]), float(s[pos[row["C"]]])))
        return out
    for row in rows:
        model = bm25s.BM25()
        model.index([toks[row["B"]], toks[row["C"]]], show_progress=False)
        sb, sc = model.get_scores(toks[row["A"]])
        out.append((float(sb), float(sc)))
    return out


def engine(rows: list[Triplet], config: RankingConfig, pooled: bool) -> Scores:
    """The product's ranking: SimilarityIndex.score_ids, the same code path as the CLI."""
    out: Scores = []
    if pooled:
        texts = sorted({row[k] for row in rows for k in "ABC"})
        ids = {t: f"d{i}" for i, t in enumerate(texts)}
        index = SimilarityIndex(config).build((ids[t], t) for t in texts)
        for row in rows:
            hits = {
                h.id: h.score for h in index.score_ids(row["A"], [ids[row["B"]], ids[row["C"]]])
            }
            out.append((hits[ids[row["B"]]], hits[ids[row["C"]]]))
        return out
    for row in rows:
        index = SimilarityIndex(config).build({"B": row["B"], "C": row["C"]})
        hits = {h.id: h.score for h in index.score_ids(row["A"], ["B", "C"])}
        out.append((hits["B"], hits["C"]))
    return out


def cause_scoped(rows: list[Triplet], scores: Scores) -> tuple[Scores, int]:
    """The push's cause scope on top of the engine: each candidate's score times its affinity
    with the query's cause, as the push does for a case with no 案由 recorded (the query's cause
    guessed from its text: every cause it supports). Returns the scores and how many candidates the scope dropped."""
    out: Scores = []
    dropped = 0
    for row, (sb, sc) in zip(rows, scores, strict=True):
        query = rules.plausible_causes(row["A"])
        fb = rules.text_affinity(query, row["B"])
        fc = rules.text_affinity(query, row["C"])
        dropped += (fb == 0) + (fc == 0)
        out.append((sb * fb, sc * fc))
    return out, dropped


def view_scores(rows: list[Triplet], pooled: bool) -> dict[str, Scores]:
    """Each view alone (weight 1, others 0); the fused score is linear in these."""
    views = {
        "word": RankingConfig(word_weight=1, char_weight=0, element_weight=0),
        "char": RankingConfig(word_weight=0, char_weight=1, element_weight=0),
        "element": RankingConfig(word_weight=0, char_weight=0, element_weight=1),
    }
    return {name: engine(rows, cfg, pooled) for name, cfg in views.items()}


def fuse(views: dict[str, Scores], w: tuple[float, float, float]) -> Scores:
    word, char, elem = views["word"], views["char"], views["element"]
    return [
        (
            w[0] * a[0] + w[1] * b[0] + w[2] * c[0],
            w[0] * a[1] + w[1] * b[1] + w[2] * c[1],
        )
        for a, b, c in zip(word, char, elem, strict=True)
    ]


GRID = [
    w
    for w in itertools.product((0.0, 0.25, 0.5, 1.0), (0.0, 0.25, 0.5, 1.0), (0.0, 0.5, 1.0, 2.0))
    if any(w)
]


def cross_validate(
    rows: list[Triplet], views: dict[str, Scores], folds: int, seed: int = 13
) -> tuple[float, list[tuple[float, float, float]]]:
    """k-fold CV of the weight grid, folds grouped by query text. Returns accuracy and picks."""
    queries = sorted({row["A"] for row in rows})
    random.Random(seed).shuffle(queries)
    fold_of = {q: i % folds for i, q in enumerate(queries)}
    right = 0.0
    picks = []
    for f in range(folds):
        train = [i for i, r in enumerate(rows) if fold_of[r["A"]] != f]
        test = [i for i, r in enumerate(rows) if fold_of[r["A"]] == f]

        def acc_on(idx: list[int], w: tuple[float, float, float]) -> float:
            fused = fuse(views, w)
            return accuracy([rows[i] for i in idx], [fused[i] for i in idx])

        # Ties between grid points go to the smallest element weight, then the first listed.
        best = max(GRID, key=lambda w: (acc_on(train, w), -w[2]))
        picks.append(best)
        right += acc_on(test, best) * len(test)
    return right / len(rows), picks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="类案匹配准确率评测（CAIL2019-SCM 开发集）")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    rows = load(args.data)
    print(f"triplets: {len(rows)}  ({args.data})")
    started = time.perf_counter()

    report: list[tuple[str, float, float]] = []

    def both(name: str, fn: Callable[[bool], Scores]) -> None:
        report.append((name, accuracy(rows, fn(False)), accuracy(rows, fn(True))))

    both("plain jieba + BM25 (bm25s)", lambda pooled: plain_bm25(rows, pooled))
    default = RankingConfig()
    pooled_views = view_scores(rows, pooled=True)
    triplet_views = view_scores(rows, pooled=False)
    for name in ("word", "char", "element"):
        report.append(
            (
                f"engine view: {name} only",
                accuracy(rows, triplet_views[name]),
                accuracy(rows, pooled_views[name]),
            )
        )
    both("engine (default weights)", lambda pooled: engine(rows, default, pooled))
    scoped = {pooled: cause_scoped(rows, engine(rows, default, pooled)) for pooled in (False, True)}
    report.append(
        (
            f"engine + cause scope ({scoped[True][1]} dropped)",
            accuracy(rows, scoped[False][0]),
            accuracy(rows, scoped[True][0]),
        )
    )

    print(f"\n{'method':40} {'triplet':>8} {'pooled':>8}")
    for name, tri, pool in report:
        print(f"{name:40} {tri:8.3f} {pool:8.3f}")

    defaults = (default.word_weight, default.char_weight, default.element_weight)
    for label, views in (("triplet", triplet_views), ("pooled", pooled_views)):
        cv, picks = cross_validate(rows, views, args.folds)
        print(
            f"\n{args.folds}-fold CV ({label}), weights (word, char, element) picked per fold:"
            f" {picks}\n  CV accuracy: {cv:.3f}"
            f"   full-dev accuracy of defaults {defaults}: {accuracy(rows, fuse(views, defaults)):.3f}"
        )
    print(f"\nelapsed {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
