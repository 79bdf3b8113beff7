"""The civil causes-of-action catalogue as disputes see it: the cases app's `CauseOfAction`
table (loaded by `fating load_causes`), read through its selectors so there is one catalogue.

A cause code means nothing without its revision: the 2025 revision is current from 2026-01-01;
older matters keep their 2020 cause (LEGAL-RULES.md C).
"""

from __future__ import annotations

from datetime import date

from fating.cases import selectors as cases_selectors
from fating.disputes.rules import CauseEntry


def revision_on(day: date) -> str:
    """The revision in force on `day`."""
    return cases_selectors.cause_revision_on(day)


def catalogue(revision: str) -> tuple[CauseEntry, ...]:
    """Every entry of `revision` in the order of the regulation (empty until it is loaded)."""
    if not revision:
        return ()
    rows = cases_selectors.causes(revision=revision).values_list("code", "name", "level")
    return tuple(CauseEntry(code, name, level) for code, name, level in rows)


def lookup(revision: str, code: str) -> CauseEntry | None:
    cause = cases_selectors.cause_by_code(revision, code)
    return CauseEntry(cause.code, cause.name, cause.level) if cause else None
