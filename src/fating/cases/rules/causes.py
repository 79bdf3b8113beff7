"""The revisions of the 案由 catalogue (民事案件案由规定) and the days each applies to. Pure: the
selectors pick the revision in force from these dates, the loader reads their files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Revision:
    """A revision of the catalogue and the days it applies to (LEGAL-RULES §C)."""

    name: str
    filename: str
    valid_from: date
    valid_to: date | None
    source: str


# 2020: 法〔2020〕346号, in force 2021-01-01; replaced by 2025: 法〔2025〕226号, in force 2026-01-01.
REVISIONS: tuple[Revision, ...] = (
    Revision(
        "2020", "civil-causes-2020.json", date(2021, 1, 1), date(2025, 12, 31), "法〔2020〕346号"
    ),
    Revision("2025", "civil-causes-2025.json", date(2026, 1, 1), None, "法〔2025〕226号"),
)
