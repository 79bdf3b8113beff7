"""申请强制执行 in one step from a defaulted, judicially confirmed mediation agreement."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.core.exceptions import InvalidTransition, NotPermitted
from fating.disputes import services as disputes
from fating.disputes.models import Agreement
from fating.disputes.tests.factories import World, in_village, world  # noqa: F401 (fixture)
from fating.enforcement import services

pytestmark = pytest.mark.django_db


def _confirmed_agreement(world: World) -> Agreement:  # noqa: F811
    net, mediator = world.net, world.net.users["mediator"]
    dispute = in_village(world)
    today = timezone.localdate()
    respondent = dispute.parties.get(role="respondent")
    agreement = disputes.draft_agreement(
        actor=mediator, dispute=dispute, facts="李四向张三借款五万元未还。", terms="李四分两期归还五万元。",
        performance="银行转账", deadline=today + timedelta(days=40),
        instalments=[disputes.InstalmentInput(respondent.pk, today + timedelta(days=10), "20000"),
                     disputes.InstalmentInput(respondent.pk, today + timedelta(days=40), "30000")],
    )  # fmt: skip
    disputes.sign_agreement(actor=world.applicant_user, agreement=agreement,
                            party=dispute.parties.get(role="applicant"))  # fmt: skip
    disputes.sign_agreement(actor=mediator, agreement=agreement, party=respondent,
                            paper=SimpleUploadedFile("签字.pdf", b"%PDF-1.4 signed", "application/pdf"))  # fmt: skip
    disputes.mediator_sign(actor=mediator, agreement=agreement)
    agreement.refresh_from_db()
    confirmation = disputes.apply_for_confirmation(actor=world.applicant_user, agreement=agreement)
    confirmation = disputes.apply_for_confirmation(actor=world.respondent_user, agreement=agreement)
    confirmation = disputes.accept_confirmation(actor=net.users["judge"], confirmation=confirmation)
    disputes.decide_confirmation(actor=net.users["judge"], confirmation=confirmation, confirm=True)
    return agreement


def test_apply_in_one_step_from_a_defaulted_agreement(world: World) -> None:  # noqa: F811
    agreement = _confirmed_agreement(world)
    with pytest.raises(InvalidTransition, match="未被认定逾期"):
        services.apply_from_agreement(actor=world.applicant_user, agreement=agreement)
    disputes.check_defaults(today=timezone.localdate() + timedelta(days=11))
    agreement.refresh_from_db()
    with pytest.raises(NotPermitted):
        services.apply_from_agreement(actor=world.respondent_user, agreement=agreement)
    case = services.apply_from_agreement(
        actor=world.applicant_user, agreement=agreement, bank_account="6222000000000001"
    )
    assert case.case_number.endswith("执1号") and case.source_kind == "mediation_ruling"
    assert case.amount == Decimal("50000") and case.fee == Decimal("650.00")
    assert case.performance_last_day == timezone.localdate() + timedelta(days=40)
    assert case.court == world.net.court
    roles = {p.role: p for p in case.parties.all()}
    assert roles["applicant"].user == world.applicant_user
    assert roles["applicant"].bank_account == "6222000000000001"
    assert roles["respondent"].name == "李四"
    with pytest.raises(InvalidTransition, match="已申请"):
        services.apply_from_agreement(actor=world.applicant_user, agreement=agreement)


def test_the_creditor_applies_from_the_dispute_page(world: World) -> None:  # noqa: F811
    from fating.enforcement.models import EnforcementCase
    from fating.testing import client_for

    agreement = _confirmed_agreement(world)
    disputes.check_defaults(today=timezone.localdate() + timedelta(days=11))
    url, door = f"/disputes/{agreement.dispute_id}/", f"/enforcement/apply/{agreement.pk}/"
    creditor = client_for(world.applicant_user)
    assert door in creditor.get(url).content.decode()
    assert door not in client_for(world.respondent_user).get(url).content.decode()
    assert door not in client_for(world.net.users["judge"]).get(url).content.decode()
    assert client_for(world.respondent_user).get(door).status_code == 404
    assert "50000" in creditor.get(door).content.decode()
    response = creditor.post(door, {"bank_account": "6222000000000001"})
    case = EnforcementCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/enforcement/{case.pk}/"
    assert creditor.get(door)["Location"] == f"/enforcement/{case.pk}/"  # the door now leads to it
    assert case.case_number in creditor.get("/enforcement/").content.decode()
