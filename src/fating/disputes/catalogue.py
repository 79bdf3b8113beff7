"""The civil causes-of-action catalogue, read from the JSON shipped in fating/cases/data/.

A cause code means nothing without its revision: the 2025 revision is current from 2026-01-01;
older matters keep their 2020 cause (LEGAL-RULES.md C).
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from fating.disputes.rules import CauseEntry

DATA_DIR = Path(__file__).resolve().parent.parent / "cases" / "data"
REVISIONS = {"2020": date(2021, 1, 1), "2025": date(2026, 1, 1)}


def revision_on(day: date) -> str:
    """The revision in force on `day`."""
    current = "2020"
    for revision, start in sorted(REVISIONS.items(), key=lambda kv: kv[1]):
        if day >= start:
            current = revision
    return current


@cache
def catalogue(revision: str) -> tuple[CauseEntry, ...]:
    if revision not in REVISIONS:
        raise ValueError(f"unknown causes revision {revision!r}")
    rows = json.loads((DATA_DIR / f"civil-causes-{revision}.json").read_text(encoding="utf-8"))
    return tuple(CauseEntry(r["code"], r["name"], r["level"]) for r in rows)


def lookup(revision: str, code: str) -> CauseEntry | None:
    return next((c for c in catalogue(revision) if c.code == code), None)
