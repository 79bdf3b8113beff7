"""What disputes asks of the court's case side, plugged in by the cases app at start-up.

Cases sits above disputes (a case may come from a dispute, so cases imports disputes); disputes
must not import cases back. The few things a dispute needs from the court side — the causes
catalogue, a 民特 case number, a judge's hearings, a filing draft when mediation fails — are
declared here as plain functions over plain data, and `fating.cases.apps` plugs in the
implementations (`plug_in`). Nothing here touches the cases tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from fating.disputes.rules import CauseEntry

if TYPE_CHECKING:
    from fating.accounts.models import User
    from fating.network.models import Court, Tribunal


@dataclass
class PartyDraft:
    role: str  # applicant | respondent
    kind: str  # person | organisation
    name: str
    id_number: str = ""
    credit_code: str = ""
    mobile: str = ""
    address: str = ""
    user: User | None = None


@dataclass
class AttachmentDraft:
    title: str
    name: str
    content: bytes
    sha256: str


@dataclass
class DisputeDraft:
    """What a failed mediation carries over to a filing draft (诉讼兜底), as plain data."""

    source_dispute_id: int
    reference: str
    court: Court
    tribunal: Tribunal
    filer: User
    filer_capacity: str  # party | liaison
    facts: str
    cause_revision: str = ""
    cause_code: str = ""
    amount: Decimal | None = None
    consent_note: str = ""
    parties: list[PartyDraft] = field(default_factory=list)
    attachments: list[AttachmentDraft] = field(default_factory=list)


@dataclass(frozen=True)
class CourtSide:
    # The 案由 revision in force on a day, every entry of a revision, and one entry.
    cause_revision_on: Callable[[date], str]
    causes: Callable[[str], tuple[CauseEntry, ...]]
    cause: Callable[[str, str], CauseEntry | None]
    # (sequence, case number) for a court, a type code (e.g. 民特) and a year.
    next_case_number: Callable[[Court, str, int], tuple[int, str]]
    # The start of a scheduled hearing of the judge overlapping the time, if any.
    hearing_clash: Callable[[User, datetime, datetime], datetime | None]
    # Create the filing draft; returns its id.
    draft_filing: Callable[[DisputeDraft], int]
    # Whether the person may open the filing (the dispute page links it only then).
    sees_filing: Callable[[User, int], bool]


_court_side: CourtSide | None = None


def plug_in(side: CourtSide) -> None:
    """Called once from the cases app's ready()."""
    global _court_side
    _court_side = side


def court_side() -> CourtSide:
    if _court_side is None:
        raise ImproperlyConfigured("fating.cases is not installed: disputes has no court side.")
    return _court_side


__all__ = [
    "AttachmentDraft",
    "CourtSide",
    "DisputeDraft",
    "PartyDraft",
    "court_side",
    "plug_in",
]
