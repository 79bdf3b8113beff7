"""Random sequences of real service calls keep the dispute's invariants (Hypothesis).

Each example starts from a freshly reported dispute (inside a savepoint that is rolled back), tries
a random sequence of use cases as the people who would try them, and checks after every step
that refusals change nothing and that what happened is consistent with the state machine."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fating.core.audit import events_for, verify_chain
from fating.core.exceptions import DomainError
from fating.disputes import rules, services
from fating.disputes.models import Agreement, Delegation, Dispute
from fating.disputes.tests.factories import World, reported, with_consent

pytestmark = pytest.mark.django_db

STEPS = ["start_village", "start_joint", "escalate", "delegate", "accept", "fail", "expire",
         "agree", "refer", "withdraw", "consent"]  # fmt: skip


def _paper() -> SimpleUploadedFile:
    return SimpleUploadedFile("签字.pdf", b"%PDF-1.4 signed", "application/pdf")


def _step(world: World, dispute: Dispute, step: str) -> None:
    net = world.net
    liaison, mediator, judge = net.users["liaison"], net.users["mediator"], net.users["judge"]
    if step == "consent":
        with_consent(world, dispute)
    elif step in ("start_village", "start_joint"):
        services.start_mediation(actor=liaison, dispute=dispute, tier=step.removeprefix("start_"),
                                 organisation=net.organisation, mediator=net.mediator)  # fmt: skip
    elif step == "escalate":
        services.escalate(actor=mediator, dispute=dispute, reason="村调未果")
    elif step == "delegate":
        services.delegate(actor=judge, dispute=dispute, organisation=net.invited_organisation)
    elif step in ("accept", "fail"):
        delegation = dispute.delegations.exclude(
            status__in=["declined", "failed", "expired", "succeeded"]
        ).first()
        if delegation is None:
            raise DomainError("没有进行中的委派。")
        if step == "accept":
            services.respond_to_delegation(
                actor=world.invited_mediator, delegation=delegation, accept=True
            )
        else:
            services.fail_delegation(
                actor=world.invited_mediator, delegation=delegation, reason="未达成一致"
            )
    elif step == "expire":
        services.expire_delegations(now=timezone.now() + timedelta(days=45))
    elif step == "agree":
        actor = world.invited_mediator if dispute.status == "delegated" else mediator
        agreement = services.draft_agreement(
            actor=actor, dispute=dispute, facts="双方对借款事实无争议，同意分期归还。", terms="李四归还张三五万元。",
            performance="银行转账", deadline=timezone.localdate() + timedelta(days=30),
        )  # fmt: skip
        for party in dispute.parties.all():
            services.sign_agreement(actor=actor, agreement=agreement, party=party, paper=_paper())
        services.mediator_sign(actor=actor, agreement=agreement)
    elif step == "refer":
        services.refer_to_filing(actor=liaison, dispute=dispute, reason="调解不成")
    elif step == "withdraw":
        services.withdraw(actor=liaison, dispute=dispute, reason="当事人撤回")


def _check(dispute: Dispute) -> None:
    dispute.refresh_from_db()
    status = rules.Status(dispute.status)
    assert (dispute.closed_at is not None) == (status in rules.FINAL)
    moves = (
        events_for(dispute)
        .filter(action__startswith="disputes.dispute.")
        .exclude(action="disputes.dispute.report")
    )
    trail = [e.after["status"] for e in moves]
    states = [rules.Status.REPORTED.value, *trail]
    for before, after in itertools.pairwise(states):
        assert any(edge[:2] == (before, after) for edge in rules.DISPUTE.edges()), (
            before,
            after,
        )
    assert states[-1] == status
    if status in (rules.Status.AGREED, rules.Status.RESOLVED):
        assert dispute.agreements.filter(
            status__in=["effective", "performed", "defaulted"]
        ).exists()
    live = dispute.delegations.filter(
        status__in=[Delegation.Status.PENDING, Delegation.Status.ACCEPTED]
    )
    assert live.count() <= (1 if status == rules.Status.DELEGATED else 0)
    assert (
        Agreement.objects.filter(dispute=dispute, status="effective", effective_at=None).count()
        == 0
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=10))
def test_random_service_sequences_keep_invariants(world: World, steps: list[str]) -> None:
    with transaction.atomic():
        dispute = reported(world)
        for step in steps:
            before = (Dispute.objects.get(pk=dispute.pk).status, events_for(dispute).count())
            try:
                with transaction.atomic():
                    _step(world, Dispute.objects.get(pk=dispute.pk), step)
            except DomainError:
                after = (Dispute.objects.get(pk=dispute.pk).status, events_for(dispute).count())
                assert after == before, (step, before, after)  # a refusal changes nothing
            _check(dispute)
        assert verify_chain() is None
        transaction.set_rollback(True)


def test_withdrawal_ends_a_pending_delegation(world: World) -> None:
    """Found by the property test above: withdrawing while 委派 was pending left it live."""
    dispute = reported(world)
    with_consent(world, dispute)
    services.delegate(actor=world.net.users["judge"], dispute=dispute,
                      organisation=world.net.invited_organisation)  # fmt: skip
    services.withdraw(actor=world.net.users["liaison"], dispute=dispute, reason="当事人撤回")
    delegation = dispute.delegations.get()
    assert delegation.status == Delegation.Status.WITHDRAWN
    assert delegation.ended_at is not None and delegation.end_reason == "当事人撤回"
    _check(dispute)
