"""The case's stored due date (审限), recomputed from its recorded facts through cases.legal.
A module of its own because both the fee services (a small-claims case converted by a new claim)
and the time-limit services (extensions, excluded periods, procedure changes) recompute it."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from fating.cases import legal
from fating.cases.models import Case


def recompute_due(case: Case, *, as_of: date | None = None) -> legal.TimeLimitStatus:
    """Store the due date the rules give for the case's recorded facts."""
    status = legal.case_time_limit(case, as_of=as_of or timezone.localdate())
    case.due_on = status.due_on
    case.time_limit_basis = "；".join(status.articles)[:200]
    fields = ["due_on", "time_limit_basis", "updated_at"]
    if case.closed_on is not None:
        case.closed_in_time = case.closed_on <= case.due_on
        fields.append("closed_in_time")
    case.save(update_fields=fields)
    return status
