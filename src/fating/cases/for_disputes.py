"""The court side disputes asks for (fating.disputes.court_side), implemented over the cases
tables; plugged in from CasesConfig.ready()."""

from __future__ import annotations

from datetime import datetime

from fating.accounts.models import User
from fating.cases import selectors
from fating.cases.models import Filing
from fating.cases.services.acceptance import next_case_number
from fating.cases.services.from_dispute import draft_from_dispute
from fating.disputes.court_side import CourtSide, DisputeDraft
from fating.disputes.rules import CauseEntry
from fating.network.models import Court


def _causes(revision: str) -> tuple[CauseEntry, ...]:
    if not revision:
        return ()
    rows = selectors.causes(revision=revision).values_list("code", "name", "level")
    return tuple(CauseEntry(code, name, level) for code, name, level in rows)


def _cause(revision: str, code: str) -> CauseEntry | None:
    cause = selectors.cause_by_code(revision, code)
    return CauseEntry(cause.code, cause.name, cause.level) if cause else None


def _case_number(court: Court, type_code: str, year: int) -> tuple[int, str]:
    return next_case_number(court=court, type_code=type_code, year=year)


def _hearing_clash(judge: User, starts_at: datetime, ends_at: datetime) -> datetime | None:
    hearing = selectors.hearing_clash(judge, starts_at, ends_at)
    return hearing.starts_at if hearing is not None else None


def _draft_filing(draft: DisputeDraft) -> int:
    return draft_from_dispute(draft=draft).pk


def _sees_filing(user: User, filing_id: int) -> bool:
    return selectors.restrict(Filing.objects.filter(pk=filing_id), user, "view").exists()


def court_side() -> CourtSide:
    return CourtSide(
        cause_revision_on=selectors.cause_revision_on,
        causes=_causes,
        cause=_cause,
        next_case_number=_case_number,
        hearing_clash=_hearing_clash,
        draft_filing=_draft_filing,
        sees_filing=_sees_filing,
    )
