"""Who represents whom: an agent submits a 授权委托书 for a party of a case; the party (or the
court) confirms it; then, under 特别授权 only, the agent may pay the party's counterclaim fee
(民事诉讼法 第62条第2款) without an account linked to the defendant."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.cases import selectors as case_selectors
from fating.cases.services import fees, payments
from fating.cases.tests.factories import accepted_case
from fating.core.audit import AuditEvent
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.people import services
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("委托书.pdf", b"%PDF-1.4 power of attorney", "application/pdf")


def test_special_authority_lets_the_agent_pay_a_counterclaim(network: Network) -> None:
    agent, party, clerk = network.users["agent"], network.users["party"], network.users["clerk"]
    case = accepted_case(network)
    defendant = case.filing.parties.get(role="defendant")
    defendant.user = party
    defendant.save(update_fields=["user"])
    counterclaim = fees.record_counterclaim(actor=clerk, case=case, counterclaimant="李四",
                                            claims="返还押金", amount="5000")  # fmt: skip
    assert not case_selectors.can_pay_counterclaim(agent, case)

    with pytest.raises(FieldError) as caught:
        services.propose_representation(actor=agent, case_number="（2099）无此号", party_name="李四",
                                        scope="special", power_of_attorney=_letter())  # fmt: skip
    assert set(caught.value.fields) == {"case_number"}
    with pytest.raises(NotPermitted):
        services.propose_representation(actor=party, case_number=case.number, party_name="李四",
                                        scope="special", power_of_attorney=_letter())  # fmt: skip
    rep = services.propose_representation(actor=agent, case_number=case.number, party_name="李四",
                                          scope="special", power_of_attorney=_letter())  # fmt: skip
    assert not case_selectors.can_pay_counterclaim(agent, case)  # not confirmed yet
    with pytest.raises(NotPermitted):  # the agent cannot confirm their own letter
        services.decide_representation(actor=agent, representation=rep, confirm=True)
    with pytest.raises(NotVisible):
        services.decide_representation(actor=network.users["other_admin"], representation=rep,
                                       confirm=True)  # fmt: skip
    services.decide_representation(actor=party, representation=rep, confirm=True)
    assert case_selectors.can_pay_counterclaim(agent, case)
    payment = payments.create_counterclaim_payment(actor=agent, counterclaim=counterclaim)
    assert payment.pk
    with pytest.raises(InvalidTransition):
        services.decide_representation(actor=party, representation=rep, confirm=False)
    services.revoke_representation(actor=agent, representation=rep)
    assert not case_selectors.can_pay_counterclaim(agent, case)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="people.rep")] == [
        "people.representation.propose", "people.representation.confirm",
        "people.representation.revoke"]  # fmt: skip


def test_general_authority_does_not_reach_a_counterclaim(network: Network) -> None:
    agent, clerk = network.users["agent"], network.users["clerk"]
    case = accepted_case(network)
    rep = services.propose_representation(actor=agent, case_number=case.number, party_name="李四",
                                          scope="general", power_of_attorney=_letter())  # fmt: skip
    services.decide_representation(actor=clerk, representation=rep, confirm=True)  # the court
    assert not case_selectors.can_pay_counterclaim(agent, case)


def test_pages_of_agent_and_party(network: Network) -> None:
    agent, party = network.users["agent"], network.users["party"]
    case = accepted_case(network)
    case.filing.parties.filter(role="plaintiff").update(user=party)
    agent_client = client_for(agent)
    assert "我的委托" in agent_client.get("/").content.decode()
    response = agent_client.post("/people/representations/", {
        "case_number": case.number, "party_name": "张三", "scope": "special",
        "power_of_attorney": _letter()})  # fmt: skip
    assert response.status_code == 302
    party_client = client_for(party)
    assert "我的代理人" in party_client.get("/").content.decode()
    page = party_client.get("/people/representations/").content.decode()
    assert "特别授权" in page and "确认委托" in page
    rep = agent.representations.get()
    assert party_client.post(f"/people/representations/{rep.pk}/decide/",
                             {"decision": "confirm"}).status_code == 302  # fmt: skip
    assert "已确认" in agent_client.get("/people/representations/").content.decode()
    assert party_client.post("/people/representations/", {}).status_code == 403
