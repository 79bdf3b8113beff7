"""Filling and marking the element table: who may do what (the case's access rule), bad input
refused by field with nothing written, a retried write recorded once, the page and the API."""

from __future__ import annotations

import pytest

from fating.cases.models import Case
from fating.cases.tests.factories import accepted_case, cause
from fating.core.audit import AuditEvent
from fating.core.exceptions import FieldError, NotPermitted
from fating.elements import selectors, services
from fating.elements.models import ElementAnswer, ElementFinding
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db

PERSONAS = [
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance",
    "party", "agent", "other_admin", "outsider", "cross",
]  # fmt: skip


@pytest.fixture
def case(network: Network) -> Case:
    """A 民间借贷 case filed by `party` (plaintiff); `agent` holds the defendant's account."""
    case = accepted_case(network)
    case.filing.parties.filter(role="defendant").update(user=network.users["agent"])
    return case


def _events(case: Case, action: str) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(case.pk)).count()


def test_each_side_fills_its_own_column(network: Network, case: Case) -> None:
    party, defendant = network.users["party"], network.users["agent"]
    assert (
        services.fill_elements(
            actor=party,
            case=case,
            side="plaintiff",
            answers={"principal": "100000", "due_on": "2025-06-01"},
        )
        == 2
    )
    services.fill_elements(
        actor=defendant, case=case, side="defendant", answers={"principal": "80000"}
    )
    with pytest.raises(NotPermitted):
        services.fill_elements(actor=party, case=case, side="defendant", answers={"principal": "1"})
    with pytest.raises(NotPermitted):
        services.fill_elements(
            actor=defendant, case=case, side="plaintiff", answers={"principal": "1"}
        )
    rows = {r.element.key: r for r in selectors.sheet(case).rows}
    assert (rows["principal"].plaintiff, rows["principal"].defendant) == ("100000.00", "80000.00")
    assert rows["principal"].suggested == "disputed"


def test_a_bad_answer_writes_nothing_and_names_the_field(network: Network, case: Case) -> None:
    party = network.users["party"]
    with pytest.raises(FieldError) as refusal:
        services.fill_elements(
            actor=party, case=case, side="plaintiff",
            answers={"principal": "100000", "due_on": "明年", "nonsense": "x"},
        )  # fmt: skip
    assert set(refusal.value.fields) == {"due_on", "nonsense"}
    assert not ElementAnswer.objects.filter(case=case).exists()
    with pytest.raises(FieldError) as refusal:
        services.fill_elements(actor=party, case=case, side="judge", answers={})
    assert "side" in refusal.value.fields


def test_the_same_answers_again_are_recorded_once(network: Network, case: Case) -> None:
    party = network.users["party"]
    for _ in range(2):
        services.fill_elements(actor=party, case=case, side="plaintiff", answers={"principal": "5"})
    assert ElementAnswer.objects.filter(case=case).count() == 1
    assert _events(case, "elements.answer.fill") == 1
    services.fill_elements(actor=party, case=case, side="plaintiff", answers={"principal": ""})
    assert ElementAnswer.objects.get(case=case).value == ""
    assert _events(case, "elements.answer.fill") == 2


def test_only_the_court_marks_and_the_focus_follows(network: Network, case: Case) -> None:
    judge = network.users["judge"]
    with pytest.raises(NotPermitted):
        services.mark_element(
            actor=network.users["party"], case=case, element="principal", finding="agreed"
        )
    services.mark_element(
        actor=judge, case=case, element="principal", finding="disputed", note="交付金额"
    )
    services.mark_element(
        actor=judge, case=case, element="principal", finding="disputed", note="交付金额"
    )
    services.mark_element(actor=judge, case=case, element="due_on", finding="agreed")
    assert _events(case, "elements.finding.mark") == 2
    assert [r.element.key for r in selectors.disputed_elements(case)] == ["principal"]
    with pytest.raises(FieldError) as refusal:
        services.mark_element(
            actor=judge, case=case, element="nope", finding="maybe", note="长" * 501
        )
    assert set(refusal.value.fields) == {"element", "finding", "note"}
    assert ElementFinding.objects.filter(case=case).count() == 2


def test_a_closed_case_and_a_cause_without_table_refuse(network: Network, case: Case) -> None:
    judge = network.users["judge"]
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    case.refresh_from_db()
    with pytest.raises(NotPermitted):
        services.mark_element(actor=judge, case=case, element="principal", finding="agreed")
    other = accepted_case(network)
    other.filing.cause = cause(name="名誉权纠纷", code="T9")
    other.filing.save(update_fields=["cause"])
    with pytest.raises(FieldError) as refusal:
        services.mark_element(actor=judge, case=other, element="principal", finding="agreed")
    assert "cause" in refusal.value.fields


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_follow_the_case_access_rule(network: Network, case: Case, persona: str) -> None:
    client = client_for(network.users[persona])
    case_status = client.get(f"/cases/{case.pk}/").status_code
    page = client.get(f"/elements/cases/{case.pk}/")
    assert page.status_code == case_status  # the same rule: 200 or 404
    fill = client.post(
        f"/elements/cases/{case.pk}/answers/", {"side": "plaintiff", "e_principal": "100"}
    )
    mark = client.post(
        f"/elements/cases/{case.pk}/findings/", {"element": "principal", "finding": "agreed"}
    )
    if case_status == 404:
        assert (fill.status_code, mark.status_code) == (404, 404)
        return
    may_fill = persona in ("judge", "clerk", "party")
    may_mark = persona in ("judge", "clerk")
    assert fill.status_code == (302 if may_fill else 403)
    assert mark.status_code == (302 if may_mark else 403)
    assert ElementAnswer.objects.filter(case=case).exists() == may_fill
    assert ElementFinding.objects.filter(case=case).exists() == may_mark


def test_the_tab_is_on_the_case_page_and_forms_are_labelled(network: Network, case: Case) -> None:
    html = client_for(network.users["judge"]).get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/elements/cases/{case.pk}/"' in html
    page = client_for(network.users["party"]).get(f"/elements/cases/{case.pk}/").content.decode()
    assert "要素表" in page and "出借本金（元）" in page and "民法典 第679条" in page
    assert "填写原告方要素" in page and "填写被告方要素" not in page


def test_a_refused_page_form_comes_back_with_the_field_named(network: Network, case: Case) -> None:
    response = client_for(network.users["party"]).post(
        f"/elements/cases/{case.pk}/answers/", {"side": "plaintiff", "e_principal": "很多"}
    )
    assert response.status_code == 400
    assert "出借本金（元）" in response.content.decode()
    assert not ElementAnswer.objects.exists()


def test_the_api_reads_fills_and_marks(network: Network, case: Case) -> None:
    party = client_for(network.users["party"])
    url = f"/api/v1/elements/cases/{case.pk}/"
    response = party.post(url + "answers/", {"side": "plaintiff", "answers": {"principal": "100"}},
                          content_type="application/json")  # fmt: skip
    assert response.status_code == 200
    body = party.get(url).json()
    assert body["cause"] == "民间借贷纠纷"
    assert next(e for e in body["elements"] if e["key"] == "principal")["plaintiff"] == "100.00"
    bad = party.post(url + "answers/", {"side": "plaintiff", "answers": {"principal": "x"}},
                     content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "principal" in bad.json()["error"]["fields"]
    assert party.post(url + "findings/", {"element": "principal", "finding": "agreed"},
                      content_type="application/json").status_code == 403  # fmt: skip
    judge = client_for(network.users["judge"])
    marked = judge.post(url + "findings/", {"element": "principal", "finding": "disputed"},
                        content_type="application/json")  # fmt: skip
    assert marked.json()["focus"] == ["principal"]
    assert client_for(network.users["other_admin"]).get(url).status_code == 404
    assert client_for(None).get(url).status_code in (401, 403)
