"""Preservation in suit and before suit: fees, deadlines and 财保 numbers; only the applicant and
the court see an application (the respondent never); security; rulings once; pages and API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fating.cases.models import Case
from fating.cases.tests.factories import accepted_case
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.preservation import selectors, services
from fating.preservation.models import PreservationApplication
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db

PERSONAS = [
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance",
    "party", "agent", "other_admin", "outsider", "cross",
]  # fmt: skip
FORM = {"respondent_name": "李四", "amount": "300000", "property_description": "被告在农商行的存款"}


@pytest.fixture
def case(network: Network) -> Case:
    """Filed by `party` (plaintiff); `agent` holds the defendant's account."""
    case = accepted_case(network)
    case.filing.parties.filter(role="defendant").update(user=network.users["agent"])
    return case


def _apply(network: Network, case: Case, **kw: object) -> PreservationApplication:
    return services.apply(actor=network.users["party"], kind="in_suit", case=case,
                          **{**FORM, **kw})  # type: ignore[arg-type]  # fmt: skip


def test_in_suit_fee_and_deadline(network: Network, case: Case) -> None:
    a = _apply(network, case)
    # 30 + (100,000 − 1,000) × 1% + 200,000 × 0.5% = 2,020 (LEGAL-RULES worked example 9).
    assert a.fee == Decimal("2020.00") and a.number == ""
    assert a.ruling_due_on is not None and a.ruling_due_at is None
    urgent = _apply(network, case, urgent=True)
    assert urgent.ruling_due_at is not None and "第103条" in urgent.deadline_basis


def test_pre_suit_numbers_are_gapless_and_need_security(network: Network) -> None:
    party, judge = network.users["party"], network.users["judge"]
    first = services.apply(actor=party, kind="pre_suit", court=network.court, **FORM)
    second = services.apply(actor=party, kind="pre_suit", court=network.court, **FORM)
    assert "财保1号" in first.number and "财保2号" in second.number
    with pytest.raises(FieldError) as refusal:
        services.decide(actor=judge, application=first, grant=True)
    assert "security_given_on" in refusal.value.fields
    with pytest.raises(FieldError):  # more than the amount to preserve
        services.order_security(actor=judge, application=first, amount="300000.01")
    services.order_security(actor=judge, application=first, amount="300000")
    services.record_security(actor=network.users["clerk"], application=first)
    granted = services.decide(actor=judge, application=first, grant=True)
    assert granted.status == "granted" and granted.sue_by is not None
    with pytest.raises(InvalidTransition):
        services.decide(actor=judge, application=granted, grant=False, note="重复")
    services.release(actor=judge, application=granted, note="申请人未在三十日内起诉")


def test_in_suit_security_at_most_30_percent(network: Network, case: Case) -> None:
    a = _apply(network, case)
    with pytest.raises(FieldError) as refusal:
        services.order_security(actor=network.users["judge"], application=a, amount="90000.01")
    assert "90000.00" in refusal.value.fields["security_amount"][0]
    services.order_security(actor=network.users["judge"], application=a, amount="90000")


def test_bad_input_names_fields_and_writes_nothing(network: Network, case: Case) -> None:
    with pytest.raises(FieldError) as refusal:
        services.apply(actor=network.users["party"], kind="in_suit", case=case,
                       respondent_name="", amount="-5", property_description="")  # fmt: skip
    assert set(refusal.value.fields) == {"respondent_name", "amount", "property_description"}
    with pytest.raises(NotPermitted):  # the defendant cannot apply in the plaintiff's name
        services.apply(actor=network.users["agent"], kind="in_suit", case=case, **FORM)
    with pytest.raises(FieldError):
        services.decide(actor=network.users["judge"], application=_apply(network, case),
                        grant=False, note="")  # fmt: skip
    assert PreservationApplication.objects.count() == 1


def test_the_respondent_never_sees_it(network: Network, case: Case) -> None:
    a = _apply(network, case)
    assert not selectors.applications_for(network.users["agent"]).exists()
    page = client_for(network.users["agent"]).get(f"/preservation/cases/{case.pk}/")
    assert page.status_code == 200 and "李四" not in page.content.decode()
    assert client_for(network.users["agent"]).get(f"/preservation/{a.pk}/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_and_decides(network: Network, case: Case, persona: str) -> None:
    a = _apply(network, case)
    client = client_for(network.users[persona])
    sees = persona in ("party", "judge", "clerk")
    decides = persona == "judge"
    assert client.get(f"/preservation/{a.pk}/").status_code == (200 if sees else 404)
    assert client.get(f"/api/v1/preservation/applications/{a.pk}/").status_code == (
        200 if sees else 404
    )
    assert client.get("/preservation/").status_code == 200
    response = client.post(f"/preservation/{a.pk}/decision/", {"grant": "yes"})
    assert response.status_code == (302 if decides else 403 if sees else 404)
    a.refresh_from_db()
    assert (a.status == "granted") == decides


def test_the_pages_from_the_case_tab_to_the_ruling(network: Network, case: Case) -> None:
    party, judge = client_for(network.users["party"]), client_for(network.users["judge"])
    tab = party.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/preservation/cases/{case.pk}/"' in tab
    bad = party.post(f"/preservation/cases/{case.pk}/", {**FORM, "amount": "很多"})
    assert bad.status_code == 400 and "请求保全数额" in bad.content.decode()
    done = party.post(f"/preservation/cases/{case.pk}/", {**FORM, "urgent": "on"})
    assert done.status_code == 302
    a = PreservationApplication.objects.get()
    queue = judge.get("/preservation/").content.decode()
    assert "待裁定" in queue and f"/preservation/{a.pk}/" in queue
    assert (
        judge.post(f"/preservation/{a.pk}/security-order/", {"security_amount": "1"}).status_code
        == 302
    )
    refused = judge.post(f"/preservation/{a.pk}/decision/", {"grant": "yes"})
    assert refused.status_code == 400 and "尚未提供担保" in refused.content.decode()
    assert (
        client_for(network.users["clerk"]).post(f"/preservation/{a.pk}/security/").status_code
        == 302
    )
    assert judge.post(f"/preservation/{a.pk}/decision/", {"grant": "yes"}).status_code == 302
    assert "裁定保全" in party.get(f"/preservation/{a.pk}/").content.decode()


def test_the_api_files_once_per_key(network: Network, case: Case) -> None:
    party = client_for(network.users["party"])
    body = {"kind": "pre_suit", "court": network.court.pk, **FORM}
    first = party.post("/api/v1/preservation/applications/", body,
                       content_type="application/json", HTTP_IDEMPOTENCY_KEY="p-1")  # fmt: skip
    again = party.post("/api/v1/preservation/applications/", body,
                       content_type="application/json", HTTP_IDEMPOTENCY_KEY="p-1")  # fmt: skip
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert PreservationApplication.objects.count() == 1
    bad = party.post("/api/v1/preservation/applications/", {**body, "court": "x"},
                     content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "court" in bad.json()["error"]["fields"]
    judge = client_for(network.users["judge"])
    pk = first.json()["id"]
    assert judge.post(f"/api/v1/preservation/applications/{pk}/decision/", {"grant": "no"},
                      content_type="application/json").status_code == 400  # fmt: skip
    refused = judge.post(f"/api/v1/preservation/applications/{pk}/decision/",
                         {"grant": False, "note": "无紧急情况"}, content_type="application/json")  # fmt: skip
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
