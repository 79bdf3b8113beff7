"""The demo's court cases: one at each stage, in the right court, on each login's pages, with
numbers, fees, rooms, documents and services made by the services (the audit chain verifies)."""

from __future__ import annotations

import pytest

from fating.accounts.models import User
from fating.cases.models import Case, Entrustment, Hearing
from fating.conversations.models import Room
from fating.core.audit import verify_chain
from fating.delivery.models import Service
from fating.demo.cases import STAGES, seed_cases
from fating.demo.county import seed_county, seed_neighbour
from fating.demo.disputes import seed_disputes
from fating.demo.plan import COURT_CODE, NEIGHBOUR_COURT_CODE, build_county
from fating.disputes.tests.factories import causes_2025  # noqa: F401  (fixture)
from fating.documents.models import Document
from fating.testing import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("causes_2025")]


@pytest.fixture
def demo() -> dict[str, Case]:
    seed_county(build_county(seed=20261125))
    seed_disputes()
    cases = seed_cases()
    seed_neighbour(20261125)
    return cases


def test_one_case_at_each_stage_in_the_first_court(demo: dict[str, Case]) -> None:
    assert list(demo) == list(STAGES)
    judge = User.objects.get(username="judge")
    for case in demo.values():
        assert case.court.code == COURT_CODE and case.judge == judge
        assert case.number == f"（{case.year}）{COURT_CODE}民初{case.seq}号"
        assert case.fee_amount > 0 and case.fee_breakdown
    # Numbers from the sequence: consecutive, none repeated.
    assert sorted(c.seq for c in demo.values()) == list(
        range(demo["awaiting_payment"].seq, demo["awaiting_payment"].seq + len(STAGES))
    )
    assert demo["awaiting_payment"].fee_status == Case.FeeStatus.UNPAID
    assert all(demo[s].fee_status == Case.FeeStatus.PAID for s in STAGES[1:])
    # The accepted case's only session so far is its online 庭前会议 (hearing date to follow).
    meeting = demo["accepted"].hearings.get()
    assert meeting.mode == Hearing.Mode.ONLINE and meeting.trial_room.kind == "pretrial"
    assert demo["scheduled"].hearings.get().status == Hearing.Status.SCHEDULED
    assert demo["entrusted"].entrustments.get().status == Entrustment.Status.MEDIATING
    assert demo["heard"].hearings.get().status == Hearing.Status.HELD
    closed = demo["closed"]
    assert closed.status == Case.Status.CLOSED and closed.closure == Case.Closure.MEDIATION
    assert all(demo[s].status == Case.Status.OPEN for s in STAGES[:-1])
    assert not Case.objects.filter(court__code=NEIGHBOUR_COURT_CODE).exists()
    assert verify_chain() is None


def test_every_case_has_its_room_documents_and_services(demo: dict[str, Case]) -> None:
    for case in demo.values():
        room = Room.objects.get(matter_type__model="case", matter_id=case.pk)
        assert room.messages.filter(kind="text").count() >= 2
    served = {"awaiting_payment": "acceptance_notice", "accepted": "acceptance_notice",
              "scheduled": "summons"}  # fmt: skip
    for stage, kind in served.items():
        documents = Document.objects.filter(
            matter_type__model="case", matter_id=demo[stage].pk, kind=kind
        )
        assert documents.exists(), stage
        service = Service.objects.get(document__in=documents, recipient_user__username="party")
        assert service.attempts.exists()


def test_each_login_sees_the_cases_on_its_pages(demo: dict[str, Case]) -> None:
    open_numbers = [c.number for s, c in demo.items() if s != "closed"]
    pages = {
        "judge": ["/cases/docket/", "/cases/"],
        "clerk": ["/cases/"],
        "party": ["/cases/"],
        "party2": ["/cases/"],
        "admin": ["/cases/"],
    }
    for login, urls in pages.items():
        client = client_for(User.objects.get(username=login))
        assert client.get("/").status_code == 200
        for url in urls:
            page = client.get(url).content.decode()
            expected = [demo["awaiting_payment"].number] if login == "party2" else open_numbers
            for number in expected:
                assert number in page, (login, url, number)
    judge = client_for(User.objects.get(username="judge"))
    for case in demo.values():
        page = judge.get(f"/cases/{case.pk}/")
        assert page.status_code == 200 and case.number in page.content.decode()
    # The other court sees none of them.
    page = client_for(User.objects.get(username="lc_clerk")).get("/cases/").content.decode()
    assert not any(c.number in page for c in demo.values())


def test_the_agent_represents_the_party_and_the_party_has_messages(demo: dict[str, Case]) -> None:
    from fating.accounts.models import User
    from fating.cases import selectors as case_selectors
    from fating.demo.people import seed_people
    from fating.inbox.selectors import unread_count
    from fating.people.models import Representation

    assert seed_people(demo) == 1
    rep = Representation.objects.get()
    assert (rep.agent.username, rep.scope, rep.status) == ("agent", "special", "confirmed")
    assert rep.party.user.username == "party"
    # The party's inbox holds the court's messages (written by the services the seeding ran).
    assert unread_count(User.objects.get(username="party")) > 0
    assert not case_selectors.can_pay_counterclaim(rep.agent, demo["scheduled"])  # a plaintiff
