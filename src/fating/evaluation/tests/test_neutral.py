"""中立评估: appointed with every party's consent (an invited mediator or a retired judge), the
opinion written by the evaluator (a non-binding document the parties see), acknowledged by each
party; counted; who sees and does what; hostile input; retried POSTs."""

from __future__ import annotations

import json

import pytest

from fating.accounts.models import Membership, Role
from fating.cases.services import mediation
from fating.cases.tests.factories import accepted_case
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.disputes.models import Dispute, DisputeParty
from fating.disputes.tests.factories import World, in_village, world  # noqa: F401
from fating.evaluation import selectors, services
from fating.evaluation.models import NeutralEvaluation
from fating.network.models import Mediator
from fating.testing import MediatorFactory, UserFactory, client_for

pytestmark = pytest.mark.django_db

PERSONAS = [
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance",
    "party", "agent", "other_admin", "outsider", "cross",
]  # fmt: skip
QUESTIONS = "借款是否已经归还\n利息约定是否有效"


@pytest.fixture
def dispute(world: World) -> Dispute:  # noqa: F811
    """In village mediation by `mediator`; `party` holds the applicant's account, `agent` the
    respondent's."""
    d = in_village(world)
    users = world.net.users
    d.parties.filter(role=DisputeParty.Role.APPLICANT).update(user=users["party"])
    d.parties.filter(role=DisputeParty.Role.RESPONDENT).update(user=users["agent"])
    return d


@pytest.fixture
def retired(world: World) -> Mediator:  # noqa: F811
    user = UserFactory(username="retired-judge")
    Membership.objects.create(user=user, role=Role.MEDIATOR,
                              organisation=world.net.invited_organisation)  # fmt: skip
    return MediatorFactory(organisation=world.net.invited_organisation, name="周退休", user=user,
                           kind=Mediator.Kind.INVITED, is_retired_judge=True)  # fmt: skip


def _appoint(world: World, dispute: Dispute, retired: Mediator) -> NeutralEvaluation:  # noqa: F811
    return services.appoint(
        actor=world.net.users["mediator"], dispute=dispute, evaluator=retired.pk,
        questions=QUESTIONS, party_ids=list(dispute.parties.values_list("pk", flat=True)),
        consent_note="2026年5月6日调解时双方口头同意，记入笔录",
    )  # fmt: skip


def test_appoint_issue_acknowledge_and_count(world: World, dispute: Dispute,  # noqa: F811
                                             retired: Mediator) -> None:  # fmt: skip
    e = _appoint(world, dispute, retired)
    assert e.status == "appointed" and e.acknowledgements.count() == 2
    with pytest.raises(NotPermitted):  # only the evaluator writes the opinion
        services.issue(actor=world.net.users["mediator"], evaluation=e, opinion="x",
                       likely_outcome="y")  # fmt: skip
    e = services.issue(actor=retired.user, evaluation=e,
                       opinion="借条真实，被申请人未举证已还款。",
                       likely_outcome="法院较可能支持偿还借款五万元")  # fmt: skip
    assert e.status == "issued" and e.document is not None
    assert e.document.context["evaluator_kind"] == "退休法官"
    page = client_for(world.net.users["party"]).get(f"/evaluation/neutral/{e.pk}/").content
    assert "不具有约束力" in page.decode() and "我已阅知" in page.decode()
    assert (
        client_for(world.net.users["party"]).get(f"/documents/{e.document_id}/").status_code == 200
    )
    services.acknowledge(actor=world.net.users["party"], evaluation=e)
    with pytest.raises(InvalidTransition):
        services.acknowledge(actor=world.net.users["party"], evaluation=e)
    e = services.acknowledge(actor=world.net.users["agent"], evaluation=e)
    assert e.status == "acknowledged"
    assert selectors.counts([dispute.court_id]) == {"evaluations": 1, "settled": 0, "rate": 0.0}
    Dispute.objects.filter(pk=dispute.pk).update(status="agreed")
    assert selectors.counts([dispute.court_id])["settled"] == 1


def test_consent_of_all_and_a_qualified_evaluator(world: World, dispute: Dispute,  # noqa: F811
                                                  retired: Mediator) -> None:  # fmt: skip
    first = dispute.parties.order_by("pk").first()
    with pytest.raises(FieldError) as refusal:
        services.appoint(actor=world.net.users["mediator"], dispute=dispute,
                         evaluator=world.net.mediator.pk, questions="", party_ids=[first.pk],
                         consent_note="")  # fmt: skip
    assert set(refusal.value.fields) == {"evaluator", "questions", "party_ids", "consent_note"}
    with pytest.raises(NotPermitted):
        services.appoint(actor=world.net.users["liaison"], dispute=dispute, evaluator=retired.pk,
                         questions=QUESTIONS, party_ids=[], consent_note="x")  # fmt: skip
    assert NeutralEvaluation.objects.count() == 0


def test_a_case_in_entrusted_mediation(world: World, retired: Mediator) -> None:  # noqa: F811
    net = world.net
    case = accepted_case(net)
    entrustment = mediation.entrust(actor=net.users["clerk"], case=case,
                                    organisation=net.invited_organisation)  # fmt: skip
    ids = list(case.filing.parties.values_list("pk", flat=True))
    with pytest.raises(FieldError) as refusal:
        services.appoint(actor=net.users["clerk"], case=case, evaluator=retired.pk,
                         questions=QUESTIONS, party_ids=ids, consent_note="书面同意")  # fmt: skip
    assert "case" in refusal.value.fields  # not yet mediating
    mediation.accept(actor=world.invited_mediator, entrustment=entrustment)
    e = services.appoint(actor=net.users["clerk"], case=case, evaluator=retired.pk,
                         questions=QUESTIONS, party_ids=ids, consent_note="书面同意")  # fmt: skip
    assert e.court_id == case.court_id
    tab = client_for(net.users["clerk"]).get(f"/evaluation/cases/{case.pk}/").content.decode()
    assert retired.name in tab


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_and_writes(world: World, dispute: Dispute, retired: Mediator,  # noqa: F811
                             persona: str) -> None:  # fmt: skip
    e = _appoint(world, dispute, retired)
    client = client_for(world.net.users[persona])
    # The dispute's readers: its parties, court staff, the assigned mediator, the point's
    # liaison (and `cross`, a liaison at this point); governance sees counts only.
    sees = persona in ("party", "agent", "judge", "clerk", "court_admin", "mediator",
                       "liaison", "cross")  # fmt: skip
    manages = persona in ("judge", "clerk", "court_admin", "mediator")
    assert client.get(f"/evaluation/neutral/{e.pk}/").status_code == (200 if sees else 404)
    assert client.get(f"/api/v1/evaluation/neutral/{e.pk}/").status_code == (200 if sees else 404)
    response = client.post(f"/evaluation/neutral/{e.pk}/opinion/",
                           {"opinion": "意见", "likely_outcome": "结果"})  # fmt: skip
    assert response.status_code == (403 if sees else 404)
    response = client.post(f"/evaluation/neutral/{e.pk}/withdraw/", {"note": "撤回"})
    assert response.status_code == (302 if manages else 403 if sees else 404)
    page = client.get(f"/disputes/{dispute.pk}/")
    if page.status_code == 200:
        link = f'href="/evaluation/disputes/{dispute.pk}/"' in page.content.decode()
        assert link == (persona in ("judge", "clerk", "court_admin", "mediator")) or (
            link and persona in ("party", "agent", "liaison", "cross")
        )


def test_the_evaluator_writes_through_the_api_once(world: World, dispute: Dispute,  # noqa: F811
                                                   retired: Mediator) -> None:  # fmt: skip
    mediator = client_for(world.net.users["mediator"])
    body = {"dispute": dispute.pk, "evaluator": retired.pk, "questions": ["借款是否已还"],
            "party_ids": list(dispute.parties.values_list("pk", flat=True)),
            "consent_note": "双方书面同意"}  # fmt: skip
    for _ in range(2):
        response = mediator.post("/api/v1/evaluation/neutral/", json.dumps(body),
                                 content_type="application/json", HTTP_IDEMPOTENCY_KEY="ne-1")  # fmt: skip
        assert response.status_code == 201
    assert NeutralEvaluation.objects.count() == 1
    bad = mediator.post("/api/v1/evaluation/neutral/", json.dumps({**body, "party_ids": "all"}),
                        content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and NeutralEvaluation.objects.count() == 1
    pk = response.json()["id"]
    evaluator = client_for(retired.user)
    opinion = json.dumps({"opinion": "借条真实。", "likely_outcome": "支持还款"})
    for _ in range(2):
        answer = evaluator.post(f"/api/v1/evaluation/neutral/{pk}/opinion/", opinion,
                                content_type="application/json", HTTP_IDEMPOTENCY_KEY="op-1")  # fmt: skip
        assert answer.status_code == 200 and answer.json()["binding"] is False
    page = mediator.get(f"/evaluation/disputes/{dispute.pk}/").content.decode()
    assert "周退休" in page
