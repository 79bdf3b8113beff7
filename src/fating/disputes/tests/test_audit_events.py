"""Legally significant changes in disputes each leave an audit event with from → to."""

from __future__ import annotations

import pytest

from fating.core.audit import events_for, verify_chain
from fating.disputes import services
from fating.disputes.models import Delegation, Dispute
from fating.disputes.tests.factories import World, reported, with_consent
from fating.disputes.tests.test_flows import _agree

pytestmark = pytest.mark.django_db


def _delegated(world: World) -> tuple[Dispute, Delegation]:
    dispute = with_consent(world, reported(world))
    delegation = services.delegate(
        actor=world.net.users["judge"], dispute=dispute, organisation=world.net.invited_organisation
    )
    dispute.refresh_from_db()
    return dispute, delegation


def test_delegation_records_its_acceptance_deadline(world: World) -> None:
    _dispute, delegation = _delegated(world)
    event = events_for(delegation).get(action="disputes.delegation.create")
    assert event.after["status"] == "pending"
    assert event.after["accept_by"] == delegation.accept_by.isoformat()
    assert event.actor == world.net.users["judge"]


def test_withdrawal_records_each_delegation_it_ends(world: World) -> None:
    dispute, delegation = _delegated(world)
    services.withdraw(actor=world.net.users["liaison"], dispute=dispute, reason="当事人撤回")
    delegation.refresh_from_db()
    assert delegation.status == Delegation.Status.WITHDRAWN
    event = events_for(delegation).get(action="disputes.delegation.withdraw")
    assert event.before == {"status": "pending", "ended_at": None}
    assert event.after["status"] == "withdrawn" and event.after["reason"] == "当事人撤回"
    assert verify_chain() is None


def test_agreement_taking_effect_is_an_event(world: World) -> None:
    from fating.disputes.tests.factories import in_village

    agreement = _agree(world, in_village(world))
    event = events_for(agreement).get(action="disputes.agreement.effective")
    assert event.before == {"status": "draft", "effective_at": None}
    assert event.after["status"] == "effective" and event.after["effective_at"]
    assert event.actor == world.net.users["mediator"]


def test_delegated_agreement_records_the_delegation_succeeded(world: World) -> None:
    dispute, delegation = _delegated(world)
    services.respond_to_delegation(actor=world.invited_mediator, delegation=delegation, accept=True)
    dispute.refresh_from_db()
    mediator = world.net.users["mediator"]
    world.net.users["mediator"] = world.invited_mediator  # the delegated mediator drafts and signs
    try:
        _agree(world, dispute)
    finally:
        world.net.users["mediator"] = mediator
    event = events_for(delegation).get(action="disputes.delegation.succeed")
    assert (event.before["status"], event.after["status"]) == ("accepted", "succeeded")
    assert verify_chain() is None
