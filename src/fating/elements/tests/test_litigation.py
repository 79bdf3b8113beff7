"""Model litigation (示范诉讼): a lead case's findings carried to parallel cases case by case,
by the judge; who may do what; refusals write nothing; a retried create writes once."""

from __future__ import annotations

import pytest

from fating.cases.models import Case
from fating.cases.tests.factories import accepted_case, cause
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.elements import services
from fating.elements.models import ElementFinding, ModelLitigation, ParallelCase
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db

PERSONAS = [
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance",
    "party", "agent", "other_admin", "outsider", "cross",
]  # fmt: skip
ANSWERS = {"agreement": "借条", "principal": "100", "repaid": "0"}
DEFENCE = {"agreement": "借条", "principal": "80", "repaid": "0"}


@pytest.fixture
def lead(network: Network) -> Case:
    case = accepted_case(network)
    judge = network.users["judge"]
    services.fill_elements(actor=judge, case=case, side="plaintiff", answers=ANSWERS)
    services.fill_elements(actor=judge, case=case, side="defendant", answers=DEFENCE)
    services.mark_element(actor=judge, case=case, element="agreement", finding="agreed")
    services.mark_element(actor=judge, case=case, element="principal", finding="disputed",
                          note="实际交付80元")  # fmt: skip
    return case


@pytest.fixture
def parallel(network: Network) -> list[Case]:
    judge = network.users["judge"]
    out = []
    for defence in (DEFENCE, {**DEFENCE, "principal": "50"}):
        case = accepted_case(network)
        services.fill_elements(actor=judge, case=case, side="plaintiff", answers=ANSWERS)
        services.fill_elements(actor=judge, case=case, side="defendant", answers=defence)
        out.append(case)
    return out


def _group(network: Network, lead: Case, parallel: list[Case]) -> ModelLitigation:
    return services.create_litigation(
        actor=network.users["judge"], lead=lead, cases=parallel, name="借款系列案"
    )


def test_the_judge_confirms_each_parallel_case(
    network: Network, lead: Case, parallel: list[Case]
) -> None:
    group = _group(network, lead, parallel)
    first, second = group.parallel_cases.order_by("pk")
    services.confirm_parallel(actor=network.users["judge"], parallel=first)
    found = dict(ElementFinding.objects.filter(case=parallel[0]).values_list("element", "finding"))
    assert found == {"agreement": "agreed", "principal": "disputed"}
    note = ElementFinding.objects.get(case=parallel[0], element="principal").note
    assert lead.number in note and "实际交付80元" in note
    first.refresh_from_db()
    assert (first.status, first.applied) == ("confirmed", 2)
    with pytest.raises(InvalidTransition):
        services.confirm_parallel(actor=network.users["judge"], parallel=first)
    # The second case's principal differs from the lead's: only the agreed element carries.
    services.confirm_parallel(actor=network.users["clerk"], parallel=second)
    assert dict(
        ElementFinding.objects.filter(case=parallel[1]).values_list("element", "finding")
    ) == {"agreement": "agreed"}


def test_a_group_takes_only_open_cases_of_the_lead_s_court_and_cause(
    network: Network, lead: Case, parallel: list[Case]
) -> None:
    judge = network.users["judge"]
    other_cause = accepted_case(network)
    other_cause.filing.cause = cause(name="买卖合同纠纷", code="T8")
    other_cause.filing.save(update_fields=["cause"])
    closed = accepted_case(network)
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    for bad in (other_cause, closed, lead):
        with pytest.raises(FieldError) as refusal:
            services.create_litigation(actor=judge, lead=lead, cases=[parallel[0], bad], name="x")
        assert "cases" in refusal.value.fields
    with pytest.raises(FieldError) as refusal:
        services.create_litigation(actor=judge, lead=lead, cases=[], name="")
    assert set(refusal.value.fields) == {"cases", "name"}
    with pytest.raises(NotPermitted):
        services.create_litigation(
            actor=network.users["party"], lead=lead, cases=parallel, name="x"
        )
    assert not ModelLitigation.objects.exists() and not ParallelCase.objects.exists()
    _group(network, lead, parallel[:1])
    with pytest.raises(FieldError):  # already in a group
        services.create_litigation(actor=judge, lead=parallel[1], cases=parallel[:1], name="y")


def test_excluding_needs_a_reason_and_happens_once(
    network: Network, lead: Case, parallel: list[Case]
) -> None:
    group = _group(network, lead, parallel)
    member = group.parallel_cases.first()
    assert member is not None
    with pytest.raises(FieldError):
        services.exclude_parallel(actor=network.users["judge"], parallel=member, reason=" ")
    services.exclude_parallel(actor=network.users["judge"], parallel=member, reason="借款方式不同")
    member.refresh_from_db()
    assert member.status == "excluded"
    with pytest.raises(InvalidTransition):
        services.confirm_parallel(actor=network.users["judge"], parallel=member)


def test_the_pages_from_lead_to_confirmation(
    network: Network, lead: Case, parallel: list[Case]
) -> None:
    judge = client_for(network.users["judge"])
    tab = judge.get(f"/elements/cases/{lead.pk}/").content.decode()
    assert f"/elements/litigations/new/{lead.pk}/" in tab
    page = judge.get(f"/elements/litigations/new/{lead.pk}/").content.decode()
    assert all(c.number in page for c in parallel)
    refused = judge.post(f"/elements/litigations/new/{lead.pk}/", {"name": "借款系列案"})
    assert refused.status_code == 400 and "平行案件" in refused.content.decode()
    response = judge.post(f"/elements/litigations/new/{lead.pk}/",
                          {"name": "借款系列案", "cases": [c.pk for c in parallel]})  # fmt: skip
    assert response.status_code == 302
    group = ModelLitigation.objects.get()
    detail = judge.get(response["Location"]).content.decode()
    assert "确认参照" in detail and "与示范案件争议相同" in detail
    member = group.parallel_cases.order_by("pk").first()
    assert member is not None
    confirm = f"/elements/litigations/{group.pk}/cases/{member.pk}/confirm/"
    assert judge.post(confirm).status_code == 302
    again = judge.post(confirm)
    assert again.status_code == 400 and "已确认参照" in again.content.decode()
    assert "借款系列案" in judge.get("/elements/litigations/").content.decode()
    home = judge.get("/").content.decode()
    assert 'href="/elements/litigations/"' in home


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_those_who_manage_the_lead_see_and_act(
    network: Network, lead: Case, parallel: list[Case], persona: str
) -> None:
    group = _group(network, lead, parallel)
    member = group.parallel_cases.order_by("pk").first()
    assert member is not None
    client = client_for(network.users[persona])
    manages = persona in ("judge", "clerk")
    listing = client.get("/elements/litigations/")
    assert listing.status_code == 200
    assert ("借款系列案" in listing.content.decode()) == manages
    assert client.get(f"/elements/litigations/{group.pk}/").status_code == (200 if manages else 404)
    api = client.get(f"/api/v1/elements/litigations/{group.pk}/")
    assert api.status_code == (200 if manages else 404)
    confirm = client.post(f"/elements/litigations/{group.pk}/cases/{member.pk}/confirm/")
    assert confirm.status_code == (302 if manages else 404)
    new = client.get(f"/elements/litigations/new/{parallel[1].pk}/")
    sees_case = client.get(f"/cases/{parallel[1].pk}/").status_code == 200
    assert new.status_code == (200 if manages else 403 if sees_case else 404)
    member.refresh_from_db()
    assert (member.status == "confirmed") == manages


def test_the_api_creates_once_per_key_and_refuses_by_field(
    network: Network, lead: Case, parallel: list[Case]
) -> None:
    judge = client_for(network.users["judge"])
    body = {"name": "借款系列案", "lead": lead.pk, "cases": [c.pk for c in parallel]}
    first = judge.post("/api/v1/elements/litigations/", body, content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip
    again = judge.post("/api/v1/elements/litigations/", body, content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY="k-1")  # fmt: skip
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and ModelLitigation.objects.count() == 1
    bad = judge.post("/api/v1/elements/litigations/", {"name": "x", "lead": lead.pk, "cases": "1"},
                     content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "cases" in bad.json()["error"]["fields"]
    member = first.json()["parallel_cases"][0]
    assert member["proposals"][0]["element"] == "agreement"
    done = judge.post(f"/api/v1/elements/litigations/{first.json()['id']}/cases/{member['id']}/exclude/",
                      {"reason": "另行审理"}, content_type="application/json")  # fmt: skip
    assert done.status_code == 200 and done.json()["parallel_cases"][0]["status"] == "excluded"
