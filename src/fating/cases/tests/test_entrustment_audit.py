"""The case's due date moves when an entrustment is extended or ends: both are audit events."""

from __future__ import annotations

import pytest

from fating.cases.models import Case
from fating.cases.services import mediation
from fating.cases.tests.test_entrustment import _accepted, _all_parties, case, invitee  # noqa: F401
from fating.core.audit import events_for, verify_chain
from fating.testing import Network

pytestmark = pytest.mark.django_db


def test_extension_records_the_case_due_date_from_to(
    network: Network,
    case: Case,  # noqa: F811
    invitee,  # noqa: F811
) -> None:
    due = case.due_on
    e = _accepted(network, case, invitee)
    e = mediation.extend(
        actor=invitee, entrustment=e, days=10, party_ids=_all_parties(case), consent_note="同意"
    )
    case.refresh_from_db()
    event = events_for(e).get(action="cases.entrustment.extend")
    assert event.before["case_due_on"] == due.isoformat()
    assert event.after["case_due_on"] == case.due_on.isoformat() != due.isoformat()


def test_ending_inside_the_base_period_records_the_settled_exclusion(
    network: Network,
    case: Case,  # noqa: F811
    invitee,  # noqa: F811
) -> None:
    e = _accepted(network, case, invitee)
    e = mediation.extend(
        actor=invitee, entrustment=e, days=10, party_ids=_all_parties(case), consent_note="同意"
    )
    case.refresh_from_db()
    extended_due = case.due_on
    mediation.conclude(actor=invitee, entrustment=e, succeeded=True)
    case.refresh_from_db()
    event = events_for(case).get(action="cases.time_limit.exclusion_settle")
    assert event.actor == invitee
    assert event.before["due_on"] == extended_due.isoformat() and event.before["period"]
    assert event.after["due_on"] == case.due_on.isoformat() and event.after["period"] is None
    assert case.due_on < extended_due
    assert verify_chain() is None


def test_ending_inside_the_extension_records_the_end_day(
    network: Network,
    case: Case,  # noqa: F811
    invitee,  # noqa: F811
) -> None:
    e = _accepted(network, case, invitee, days_ago=18)
    e = mediation.extend(
        actor=invitee, entrustment=e, days=10, party_ids=_all_parties(case), consent_note="同意"
    )
    mediation.conclude(actor=invitee, entrustment=e, succeeded=True)
    event = events_for(case).get(action="cases.time_limit.exclusion_settle")
    e.excluded_period.refresh_from_db()
    assert event.after["end"] == e.excluded_period.end.isoformat()
    assert event.before["end"] != event.after["end"]
