"""Grants, not merged roles: "cross" (clerk at court B, liaison at court A) is court personnel
only at court B; at court A it is the liaison of one point (issue "Trust" §1)."""

from __future__ import annotations

from fating.knowledge import selectors
from fating.knowledge.models import OutreachOrder, Question, TypicalCase, VillageRules
from fating.testing import Network, client_for


def _pending(court, title: str) -> TypicalCase:
    return TypicalCase.objects.create(origin="court", status="pending", court=court, title=title,
                                      facts="李某借款未还。")  # fmt: skip


def test_cross_handles_court_b_questions_and_cases_only(network: Network) -> None:
    cross = network.users["cross"]
    asked_a = Question.objects.create(court=network.court, title="甲", text="甲院的问题？")
    asked_b = Question.objects.create(court=network.other_court, title="乙", text="乙院的问题？")
    case_a, case_b = _pending(network.court, "甲院案例"), _pending(network.other_court, "乙院案例")
    assert list(selectors.questions_to_handle(cross)) == [asked_b]
    assert list(selectors.cases_for_review(cross)) == [case_b]
    client = client_for(cross)
    assert client.get(f"/api/v1/knowledge/qa/{asked_a.pk}/").status_code == 404
    assert client.get(f"/knowledge/cases/{case_a.pk}/").status_code == 404
    assert client.get(f"/knowledge/cases/{case_b.pk}/").status_code == 200
    assert not selectors.is_court_personnel_of(cross, network.court.pk)
    assert selectors.is_court_personnel_of(cross, network.other_court.pk)


def test_cross_sees_court_a_network_rows_of_its_point_only(network: Network) -> None:
    cross = network.users["cross"]
    mine = VillageRules.objects.create(service_point=network.point, title="甲村村规民约")
    elsewhere = VillageRules.objects.create(service_point=network.other_point, title="乙村")
    order = OutreachOrder.objects.create(
        court=network.court, service_point=network.point, requester_kind="village",
        requester_name="甲村", kind="training", topic="法治讲堂", requested_by=network.users["liaison"],
    )  # fmt: skip
    # As a clerk at court B it sees court B's rules; as a liaison, its own point's at court A.
    assert set(selectors.village_rules_for(cross)) == {mine, elsewhere}
    assert list(selectors.orders_for(cross)) == [order]
    # Court A's orders are scheduled by court A's personnel, never by a liaison of A.
    assert not selectors.restrict(OutreachOrder.objects.all(), cross, "schedule").exists()
    assert not selectors.restrict(VillageRules.objects.filter(pk=mine.pk), cross, "review").exists()
    assert selectors.restrict(VillageRules.objects.filter(pk=mine.pk), cross, "revise").exists()
    assert selectors.restrict(
        VillageRules.objects.filter(pk=elsewhere.pk), cross, "review"
    ).exists()
