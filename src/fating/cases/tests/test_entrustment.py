"""委托调解 of a filed case: invited roster, 3 working days to accept, 15/7 days from acceptance,
extension only with every party's consent and only the extension left out of 审限, reminders,
automatic return, closure by mediation."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from fating.accounts.models import Membership, Role
from fating.cases import legal
from fating.cases.models import Case, Entrustment, ExcludedPeriod
from fating.cases.services import hearings, mediation
from fating.cases.tests.factories import case_on
from fating.core.calendar import days, period_end
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import OutboxMessage
from fating.network.models import Mediator
from fating.testing import Network, UserFactory, client_for


@pytest.fixture
def invitee(network: Network):
    """A user of the invited organisation, linked to its invited mediator."""
    user = UserFactory(username="invited-mediator")
    Membership.objects.create(
        user=user, role=Role.MEDIATOR, organisation=network.invited_organisation
    )
    Mediator.objects.filter(organisation=network.invited_organisation).update(user=user)
    return user


@pytest.fixture
def case(network: Network) -> Case:
    return case_on(network, accepted_on=timezone.localdate(), procedure="ordinary")


def _entrust(network: Network, case: Case) -> Entrustment:
    return mediation.entrust(
        actor=network.users["clerk"], case=case, organisation=network.invited_organisation
    )


def _accepted(network: Network, case: Case, invitee, days_ago: int = 0) -> Entrustment:
    e = mediation.accept(actor=invitee, entrustment=_entrust(network, case))
    if days_ago:
        at = e.accepted_at - timedelta(days=days_ago)
        Entrustment.objects.filter(pk=e.pk).update(
            accepted_at=at, due_at=e.due_at - timedelta(days=days_ago)
        )
        e.refresh_from_db()
    return e


def _all_parties(case: Case) -> list[int]:
    return list(case.filing.parties.values_list("pk", flat=True))


def test_only_the_invited_roster(network: Network, case: Case) -> None:
    with pytest.raises(FieldError) as err:
        mediation.entrust(
            actor=network.users["clerk"], case=case, organisation=network.organisation
        )
    assert err.value.fields == {"organisation": ["只能委托本院特邀调解名册中的调解组织。"]}


def test_peoples_mediator_cannot_be_entrusted(network: Network, case: Case) -> None:
    with pytest.raises(FieldError) as err:
        mediation.entrust(
            actor=network.users["clerk"], case=case,
            organisation=network.invited_organisation, mediator=network.mediator,
        )  # fmt: skip
    assert err.value.fields == {"mediator": ["只能委托该组织在册的特邀调解员。"]}


def test_party_cannot_entrust(network: Network, case: Case) -> None:
    with pytest.raises(NotPermitted, match=r"^只有本院的法官、法官助理可以办理该案件。$"):
        mediation.entrust(
            actor=network.users["party"], case=case, organisation=network.invited_organisation
        )


def test_offer_gives_three_working_days_and_notifies(network: Network, case: Case, invitee) -> None:
    e = _entrust(network, case)
    assert e.status == "offered"
    assert e.kind == "post_filing_ordinary"
    assert e.respond_by == legal.add_working_days(timezone.localdate(), 3)
    assert OutboxMessage.objects.filter(
        recipient=invitee, dedupe_key__startswith=f"cases.entrustment:{e.pk}:offered"
    ).exists()


def test_simple_procedure_gets_seven_days(network: Network, invitee) -> None:
    simple = case_on(network, accepted_on=timezone.localdate(), procedure="small_claims")
    e = mediation.accept(actor=invitee, entrustment=_entrust(network, simple))
    assert e.kind == "post_filing_simple"
    # 7 days on the court calendar (在线调解规则 第24条; 民事诉讼法 第85条).
    accepted = timezone.localtime(e.accepted_at).date()
    assert timezone.localtime(e.due_at).date() == period_end(accepted, days(7)).end


def test_clock_runs_from_acceptance_fifteen_days(network: Network, case: Case, invitee) -> None:
    e = mediation.accept(actor=invitee, entrustment=_entrust(network, case))
    assert e.status == "mediating"
    accepted = timezone.localtime(e.accepted_at).date()
    assert timezone.localtime(e.due_at).date() == period_end(accepted, days(15)).end


def test_base_period_counts_in_time_limit(network: Network, case: Case, invitee) -> None:
    due = case.due_on
    mediation.accept(actor=invitee, entrustment=_entrust(network, case))
    case.refresh_from_db()
    assert case.due_on == due
    assert not ExcludedPeriod.objects.filter(case=case).exists()


def test_only_the_invitee_answers(network: Network, case: Case, invitee) -> None:
    e = _entrust(network, case)
    with pytest.raises(NotPermitted, match=r"^只有受托的特邀调解组织或调解员可以接受或拒绝委托。$"):
        mediation.accept(actor=network.users["mediator"], entrustment=e)


def test_late_acceptance_is_refused(network: Network, case: Case, invitee) -> None:
    e = _entrust(network, case)
    Entrustment.objects.filter(pk=e.pk).update(respond_by=timezone.localdate() - timedelta(days=1))
    with pytest.raises(InvalidTransition, match=r"^已超过三个工作日的确认期限，不能再接受。$"):
        mediation.accept(actor=invitee, entrustment=e)


def test_decline_needs_reasons_and_frees_the_case(network: Network, case: Case, invitee) -> None:
    e = _entrust(network, case)
    with pytest.raises(FieldError) as err:
        mediation.decline(actor=invitee, entrustment=e, reasons=" ")
    assert err.value.fields == {"reasons": ["不予接受的，请写明理由。"]}
    e = mediation.decline(actor=invitee, entrustment=e, reasons="超出本组织调解范围")
    assert (e.status, e.decline_reasons) == ("declined", "超出本组织调解范围")
    assert _entrust(network, case).status == "offered"


def test_one_live_entrustment_per_case(network: Network, case: Case, invitee) -> None:
    _entrust(network, case)
    with pytest.raises(InvalidTransition, match=r"^该案已有进行中的委托调解。$"):
        _entrust(network, case)


def test_extension_needs_every_party(network: Network, case: Case, invitee) -> None:
    e = _accepted(network, case, invitee)
    plaintiff = case.filing.parties.get(role="plaintiff")
    with pytest.raises(FieldError) as err:
        mediation.extend(
            actor=invitee, entrustment=e, days=10, party_ids=[plaintiff.pk], consent_note="电话确认"
        )
    assert err.value.fields == {"party_ids": ["延长调解期限须经各方当事人同意，尚未同意：李四。"]}


def test_extension_is_left_out_of_the_time_limit(network: Network, case: Case, invitee) -> None:
    due = case.due_on
    e = _accepted(network, case, invitee)
    e = mediation.extend(
        actor=invitee, entrustment=e, days=10, party_ids=_all_parties(case), consent_note="线上确认"
    )
    accepted = timezone.localtime(e.accepted_at).date()
    assert timezone.localtime(e.due_at).date() == period_end(accepted, days(25)).end
    period = e.excluded_period
    # The span left out of 审限 holds exactly the 10 agreed days, on nominal dates.
    assert (period.kind, period.start, period.end) == (
        "mediation_extension", accepted + timedelta(days=15), accepted + timedelta(days=25),
    )  # fmt: skip
    case.refresh_from_db()
    assert case.due_on == legal.case_time_limit(case, as_of=timezone.localdate()).due_on
    assert case.due_on > due
    status = legal.case_time_limit(case, as_of=timezone.localdate())
    assert status.excluded_days == 10


def test_success_within_base_period_excludes_nothing(network: Network, case: Case, invitee) -> None:
    due = case.due_on
    e = _accepted(network, case, invitee)
    e = mediation.extend(
        actor=invitee, entrustment=e, days=10, party_ids=_all_parties(case), consent_note="同意"
    )
    e = mediation.conclude(actor=invitee, entrustment=e, succeeded=True)
    assert e.status == "succeeded"
    assert e.excluded_period is None
    case.refresh_from_db()
    assert case.due_on == due


def test_success_inside_extension_keeps_days_used(network: Network, case: Case, invitee) -> None:
    e = _accepted(network, case, invitee, days_ago=18)  # day 18: 3 days into the extension
    e = mediation.extend(
        actor=invitee, entrustment=e, days=10, party_ids=_all_parties(case), consent_note="同意"
    )
    e = mediation.conclude(actor=invitee, entrustment=e, succeeded=True)
    e.excluded_period.refresh_from_db()
    assert (e.excluded_period.end - e.excluded_period.start).days == 3


def test_failure_needs_a_reason(network: Network, case: Case, invitee) -> None:
    e = _accepted(network, case, invitee)
    with pytest.raises(FieldError) as err:
        mediation.conclude(actor=invitee, entrustment=e, succeeded=False)
    assert err.value.fields == {"note": ["调解不成的，请简要说明原因。"]}
    assert (
        mediation.conclude(actor=invitee, entrustment=e, succeeded=False, note="差距大").status
        == "failed"
    )


def test_success_then_case_closes_by_mediation_with_fee_halved(
    network: Network, case: Case, invitee
) -> None:
    e = _accepted(network, case, invitee)
    mediation.conclude(actor=invitee, entrustment=e, succeeded=True)
    closed = hearings.close_case(
        actor=network.users["clerk"], case=case, closure="mediation", plaintiff_share=Decimal("0")
    )
    assert closed.closure == "mediation"
    assert closed.final_fee == (case.fee_amount / 2).quantize(Decimal("0.01"))


def test_expiry_returns_the_case_automatically(network: Network, case: Case, invitee) -> None:
    e = _accepted(network, case, invitee)
    counts = mediation.expire_entrustments(now=e.due_at + timedelta(seconds=1))
    e.refresh_from_db()
    assert counts["returned"] == 1
    assert e.status == "returned"
    assert OutboxMessage.objects.filter(
        recipient=network.users["judge"],
        dedupe_key__startswith=f"cases.entrustment:{e.pk}:returned",
    ).exists()


def test_expiry_after_extension_keeps_the_whole_extension(
    network: Network, case: Case, invitee
) -> None:
    e = _accepted(network, case, invitee)
    e = mediation.extend(
        actor=invitee, entrustment=e, days=5, party_ids=_all_parties(case), consent_note="同意"
    )
    mediation.expire_entrustments(now=e.due_at + timedelta(seconds=1))
    e.refresh_from_db()
    assert e.status == "returned"
    assert (e.excluded_period.end - e.excluded_period.start).days == 5


def test_unanswered_offer_lapses(network: Network, case: Case, invitee) -> None:
    e = _entrust(network, case)
    later = timezone.now() + timedelta(days=10)
    assert mediation.expire_entrustments(now=later)["lapsed"] == 1
    e.refresh_from_db()
    assert e.status == "lapsed"


def test_reminders_once_per_threshold(network: Network, case: Case, invitee) -> None:
    e = _accepted(network, case, invitee)
    nine_before = e.due_at - timedelta(days=6, hours=12)
    assert mediation.expire_entrustments(now=nine_before)["reminded"] == 1
    assert mediation.expire_entrustments(now=nine_before)["reminded"] == 0
    e.refresh_from_db()
    assert e.reminders_sent == [7]


def test_cases_tick_runs_mediation(network: Network, case: Case, invitee, capsys) -> None:
    _entrust(network, case)
    call_command("cases_tick")
    assert "entrustments lapsed=0 returned=0 reminded=0" in capsys.readouterr().out


# --------------------------------------------------------------------------------------------
# Pages and API


def test_invitee_sees_the_entrustment_but_not_the_case(
    network: Network, case: Case, invitee
) -> None:
    e = _entrust(network, case)
    client = client_for(invitee)
    assert client.get(f"/cases/entrustments/{e.pk}/").status_code == 200
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get("/api/v1/cases/entrustments/").json()[0]["id"] == e.pk


def test_accept_through_the_api(network: Network, case: Case, invitee) -> None:
    e = _entrust(network, case)
    response = client_for(invitee).post(f"/api/v1/cases/entrustments/{e.pk}/accept/")
    assert response.status_code == 200
    assert response.json()["status"] == "mediating"


def test_entrust_page_flow(network: Network, case: Case, invitee) -> None:
    client = client_for(network.users["clerk"])
    response = client.post(
        f"/cases/{case.pk}/entrust/", {"organisation": network.invited_organisation.pk}
    )
    e = Entrustment.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == f"/cases/entrustments/{e.pk}/"
    response = client_for(invitee).post(f"/cases/entrustments/{e.pk}/act/", {"action": "decline"})
    assert response.status_code == 400
    assert "理由：不予接受的，请写明理由。" in response.content.decode()


def test_api_extend_error_shape(network: Network, case: Case, invitee) -> None:
    e = _accepted(network, case, invitee)
    response = client_for(network.users["clerk"]).post(
        f"/api/v1/cases/entrustments/{e.pk}/extend/",
        {"days": 5, "party_ids": [], "consent_note": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["party_ids"] == [
        "延长调解期限须经各方当事人同意，尚未同意：张三、李四。"
    ]


def test_closed_case_entrustment_is_left_alone(network: Network, case: Case, invitee) -> None:
    e = _accepted(network, case, invitee)
    hearings.close_case(
        actor=network.users["clerk"], case=case, closure="withdrawal", plaintiff_share=Decimal("0")
    )
    assert mediation.expire_entrustments(now=e.due_at + timedelta(days=1))["returned"] == 0
