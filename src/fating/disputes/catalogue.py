"""The civil causes-of-action catalogue as disputes see it: the cases app's `CauseOfAction`
table (loaded by `fating load_causes`), asked through the court side (fating.disputes.court_side)
so there is one catalogue and disputes does not import cases.

A cause code means nothing without its revision: the 2025 revision is current from 2026-01-01;
older matters keep their 2020 cause (LEGAL-RULES.md C).
"""

from __future__ import annotations

from datetime import date

from fating.disputes.court_side import court_side
from fating.disputes.rules import CauseEntry


def revision_on(day: date) -> str:
    """The revision in force on `day`."""
    return court_side().cause_revision_on(day)


def catalogue(revision: str) -> tuple[CauseEntry, ...]:
    """Every entry of `revision` in the order of the regulation (empty until it is loaded)."""
    if not revision:
        return ()
    return court_side().causes(revision)


def lookup(revision: str, code: str) -> CauseEntry | None:
    return court_side().cause(revision, code)
