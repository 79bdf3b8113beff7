"""Every service that changes a counted record (a dispute, filing, case or judicial
confirmation) records an audit event that, after its commit, brings the analytics roll-up up to
date (fating.core.events → analytics.subscribers → tasks.sync_record, eager in the tests).

After each step the stored cells must equal a recomputation from the raw tables, and the
record's own contribution must be in the state the service left it in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.analytics import rollup
from fating.analytics.models import Contribution
from fating.cases.models import Case, Filing
from fating.cases.services import acceptance, hearings
from fating.cases.services import filing as filing_services
from fating.cases.tests.factories import draft_filing, submitted_filing
from fating.disputes import services as disputes
from fating.disputes.models import Dispute, JudicialConfirmation
from fating.disputes.tests.factories import World, in_village, reported, with_consent
from fating.testing import Network, member

pytestmark = pytest.mark.django_db

# Every service function that changes a counted record. A new one means adding it here and a
# step below that calls it (the last test fails until every name here has been walked).
COUNTED_SERVICES = frozenset({
    "disputes.report_dispute", "disputes.start_mediation", "disputes.escalate",
    "disputes.delegate", "disputes.respond_to_delegation", "disputes.fail_delegation",
    "disputes.expire_delegations", "disputes.refer_to_filing", "disputes.withdraw",
    "disputes.sign_agreement", "disputes.mediator_sign", "disputes.record_payment",
    "disputes.apply_for_confirmation", "disputes.accept_confirmation",
    "disputes.decide_confirmation",
    "cases.create_filing", "cases.update_filing", "cases.add_party", "cases.remove_party",
    "cases.submit_filing", "cases.request_correction", "cases.resubmit_filing",
    "cases.withdraw_filing", "cases.refuse_filing", "cases.forward_filing", "cases.accept_filing",
    "cases.draft_from_dispute", "cases.close_case",
})  # fmt: skip


@pytest.fixture
def step(django_capture_on_commit_callbacks: Any) -> Iterator[Callable[..., Any]]:
    """Run one service as a request would (its commit publishes its event), then check the
    roll-up against a recomputation."""

    def run(name: str | None, call: Callable[[], Any]) -> Any:
        # name None: setting the scene through services walked elsewhere.
        assert name is None or name in COUNTED_SERVICES, f"{name} is not in COUNTED_SERVICES"
        with django_capture_on_commit_callbacks(execute=True):
            result = call()
        assert rollup.consistent(), f"roll-up out of date after {name}"
        return result

    yield run


def walked_within(name: str) -> None:
    """`name` ran inside the step before (called by the service that step walked)."""
    assert name in COUNTED_SERVICES


def _state(measure: str, pk: int) -> str | None:
    row = Contribution.objects.filter(measure=measure, source_id=pk).first()
    return row.state if row else None


def _agree(world: World, dispute: Dispute, step: Callable[..., Any]) -> Any:
    mediator = world.net.users["mediator"]
    respondent = dispute.parties.get(role="respondent")
    applicant = dispute.parties.get(role="applicant")
    today = timezone.localdate()
    agreement = disputes.draft_agreement(
        actor=mediator, dispute=dispute, facts="李四向张三借款五万元未还。", terms="李四归还借款五万元。",
        performance="银行转账", deadline=today + timedelta(days=10),
        instalments=[disputes.InstalmentInput(respondent.pk, today + timedelta(days=10), "50000")],
    )  # fmt: skip
    step("disputes.sign_agreement", lambda: disputes.sign_agreement(
        actor=world.applicant_user, agreement=agreement, party=applicant))  # fmt: skip
    step("disputes.sign_agreement", lambda: disputes.sign_agreement(
        actor=mediator, agreement=agreement, party=respondent,
        paper=SimpleUploadedFile("签字.pdf", b"%PDF-1.4 signed", "application/pdf")))  # fmt: skip
    step(
        "disputes.mediator_sign",
        lambda: disputes.mediator_sign(actor=mediator, agreement=agreement),
    )
    agreement.refresh_from_db()
    return agreement


def test_dispute_services_keep_the_rollup_current(world: World, step: Any) -> None:
    net = world.net
    dispute = step("disputes.report_dispute", lambda: reported(world))
    assert _state("dispute", dispute.pk) == Dispute.Status.REPORTED
    with_consent(world, dispute)
    dispute = step("disputes.start_mediation", lambda: disputes.start_mediation(
        actor=net.users["liaison"], dispute=dispute, tier="village",
        organisation=net.organisation, mediator=net.mediator))  # fmt: skip
    assert _state("dispute", dispute.pk) == Dispute.Status.VILLAGE
    dispute = step("disputes.escalate", lambda: disputes.escalate(
        actor=net.users["mediator"], dispute=dispute, reason="村调未果"))  # fmt: skip
    assert _state("dispute", dispute.pk) == Dispute.Status.JOINT
    agreement = _agree(world, dispute, step)
    assert _state("dispute", dispute.pk) == Dispute.Status.AGREED
    step("disputes.apply_for_confirmation", lambda: disputes.apply_for_confirmation(
        actor=world.applicant_user, agreement=agreement))  # fmt: skip
    confirmation = step("disputes.apply_for_confirmation", lambda: disputes.apply_for_confirmation(
        actor=world.respondent_user, agreement=agreement))  # fmt: skip
    assert _state("confirmation", confirmation.pk) == confirmation.status
    confirmation = step("disputes.accept_confirmation", lambda: disputes.accept_confirmation(
        actor=net.users["judge"], confirmation=confirmation))  # fmt: skip
    assert _state("confirmation", confirmation.pk) == confirmation.status
    confirmation = step("disputes.decide_confirmation", lambda: disputes.decide_confirmation(
        actor=net.users["judge"], confirmation=confirmation, confirm=True))  # fmt: skip
    assert _state("confirmation", confirmation.pk) == JudicialConfirmation.Status.CONFIRMED
    assert _state("dispute", dispute.pk) == Dispute.Status.RESOLVED


def test_performance_resolves_in_the_rollup(world: World, step: Any) -> None:
    dispute = step(None, lambda: in_village(world))
    agreement = _agree(world, dispute, step)
    instalment = agreement.instalments.get()
    step("disputes.record_payment", lambda: disputes.record_payment(
        actor=world.applicant_user, instalment=instalment, amount="50000",
        paid_on=timezone.localdate()))  # fmt: skip
    assert _state("dispute", dispute.pk) == Dispute.Status.RESOLVED


def test_delegations_and_endings_keep_the_rollup_current(world: World, step: Any) -> None:
    net = world.net
    dispute = with_consent(world, reported(world))
    delegation = step("disputes.delegate", lambda: disputes.delegate(
        actor=net.users["judge"], dispute=dispute, organisation=net.invited_organisation))  # fmt: skip
    assert _state("dispute", dispute.pk) == Dispute.Status.DELEGATED
    delegation = step("disputes.respond_to_delegation", lambda: disputes.respond_to_delegation(
        actor=world.invited_mediator, delegation=delegation, accept=True))  # fmt: skip
    step("disputes.fail_delegation", lambda: disputes.fail_delegation(
        actor=world.invited_mediator, delegation=delegation, reason="双方分歧过大"))  # fmt: skip
    assert _state("dispute", dispute.pk) == Dispute.Status.JOINT
    step("disputes.withdraw", lambda: disputes.withdraw(
        actor=world.applicant_user, dispute=dispute, reason="已自行和解"))  # fmt: skip
    assert _state("dispute", dispute.pk) == Dispute.Status.WITHDRAWN

    other = step(None, lambda: with_consent(world, reported(world)))
    step(None, lambda: disputes.delegate(
        actor=net.users["judge"], dispute=other, organisation=net.invited_organisation))  # fmt: skip
    later = timezone.now() + timedelta(days=8)
    step("disputes.expire_delegations", lambda: disputes.expire_delegations(now=later))
    assert _state("dispute", other.pk) != Dispute.Status.DELEGATED


def test_referral_counts_the_dispute_and_its_filing(world: World, step: Any) -> None:
    dispute = step(None, lambda: in_village(world))
    step("disputes.refer_to_filing", lambda: disputes.refer_to_filing(
        actor=world.applicant_user, dispute=dispute, reason="对方拒绝调解"))  # fmt: skip
    # refer_to_filing drafts the filing through cases' draft_from_dispute:
    walked_within("cases.draft_from_dispute")
    assert _state("dispute", dispute.pk) == Dispute.Status.REFERRED
    assert Filing.objects.filter(source_dispute_id=dispute.pk).exists()


def test_filing_services_keep_the_rollup_current(network: Network, step: Any) -> None:
    party, clerk = network.users["party"], network.users["clerk"]
    filing = step("cases.create_filing", lambda: draft_filing(network, complete=False))
    assert _state("filing", filing.pk) is None  # a draft is not counted
    step("cases.update_filing", lambda: filing_services.update_filing(
        actor=party, filing=filing, changes={"facts": "被告借款到期未还。"}))  # fmt: skip
    filing = step(None, lambda: draft_filing(network))
    extra = step("cases.add_party", lambda: filing_services.add_party(
        actor=party, filing=filing, role="defendant", kind="natural", name="王二",
        address="甲县丙村"))  # fmt: skip
    step("cases.remove_party", lambda: filing_services.remove_party(actor=party, party=extra))
    filing = step("cases.submit_filing", lambda: filing_services.submit_filing(
        actor=party, filing=filing))  # fmt: skip
    assert _state("filing", filing.pk) == Filing.Status.SUBMITTED
    filing = step("cases.request_correction", lambda: filing_services.request_correction(
        actor=clerk, filing=filing, items=["身份证复印件"],
        due_on=timezone.localdate() + timedelta(days=10)))  # fmt: skip
    assert _state("filing", filing.pk) == Filing.Status.CORRECTION_REQUESTED
    filing = step("cases.resubmit_filing", lambda: filing_services.resubmit_filing(
        actor=party, filing=filing))  # fmt: skip
    assert _state("filing", filing.pk) == Filing.Status.RESUBMITTED
    case = step("cases.accept_filing", lambda: acceptance.accept_filing(actor=clerk, filing=filing))
    assert _state("filing", filing.pk) == Filing.Status.ACCEPTED
    assert _state("case", case.pk) == "open"
    step("cases.close_case", lambda: hearings.close_case(
        actor=clerk, case=case, closure=Case.Closure.WITHDRAWAL))  # fmt: skip
    assert _state("case", case.pk) == Case.Closure.WITHDRAWAL

    withdrawn = step(None, lambda: submitted_filing(network))
    step("cases.withdraw_filing", lambda: filing_services.withdraw_filing(
        actor=party, filing=withdrawn))  # fmt: skip
    assert _state("filing", withdrawn.pk) == Filing.Status.WITHDRAWN

    other_clerk = member("clerk", court=network.other_court)
    crossing = step(None, lambda: submitted_filing(network, received_by=network.other_court))
    step("cases.forward_filing", lambda: filing_services.forward_filing(
        actor=other_clerk, filing=crossing))  # fmt: skip
    step("cases.refuse_filing", lambda: filing_services.refuse_filing(
        actor=clerk, filing=crossing, reasons="重复起诉"))  # fmt: skip
    assert _state("filing", crossing.pk) == Filing.Status.REFUSED


def test_every_counted_service_is_walked() -> None:
    # Each listed service has a step above (read from this file, so it holds under any test
    # distribution); the steps themselves check the roll-up.
    import re
    from pathlib import Path

    source = Path(__file__).read_text(encoding="utf-8")
    walked = set(re.findall(r'step\(\s*"([\w.]+)"', source))
    walked |= set(re.findall(r'walked_within\("([\w.]+)"\)', source))
    assert walked == COUNTED_SERVICES
