"""Grants, not merged roles: a role counts only at the place it is held (issue "Trust" §1).

"cross" is a clerk at court B and a liaison at court A. Before grants, a role held at one court
and a place held at another were merged; these tests pin that court A's filings and cases stay
closed to the clerk grant at B, that the clerk grant still works at B, and that every list page
answers as its API does.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from fating.accounts.models import Role
from fating.cases import selectors
from fating.cases.models import Case, Filing
from fating.cases.services import acceptance
from fating.cases.services import filing as filing_services
from fating.cases.tests.factories import accepted_case, current_cause, submitted_filing
from fating.core.exceptions import NotPermitted
from fating.testing import Network, client_for, member

PERSONAS = [
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party", "agent",
    "other_admin", "other_clerk", "cross", "outsider", "anonymous",
]  # fmt: skip


def court_b(network: Network) -> Network:
    """The same personas, with filings made at court B's tribunal."""
    return dataclasses.replace(network, court=network.other_court, tribunal=network.other_tribunal)


@pytest.fixture
def personas(network: Network) -> Network:
    network.users["other_clerk"] = member(Role.CLERK, tribunal=network.other_tribunal)
    return network


def test_cross_is_no_clerk_at_court_a(personas: Network) -> None:
    filing, case = submitted_filing(personas), accepted_case(personas)
    cross = client_for(personas.users["cross"])
    assert cross.get(f"/api/v1/cases/filings/{filing.pk}/").status_code == 404
    assert cross.post(f"/api/v1/cases/filings/{filing.pk}/refuse/", {"reasons": "重复起诉"},
                      content_type="application/json").status_code == 404  # fmt: skip
    assert cross.get(f"/api/v1/cases/cases/{case.pk}/").status_code == 404
    assert cross.get(f"/cases/{case.pk}/").status_code == 404
    assert not selectors.restrict(Filing.objects.all(), personas.users["cross"], "review").exists()
    assert not selectors.restrict(Case.objects.all(), personas.users["cross"], "manage").exists()


def test_cross_is_a_clerk_at_court_b(personas: Network) -> None:
    filing = submitted_filing(court_b(personas))
    cross = client_for(personas.users["cross"])
    assert cross.get(f"/api/v1/cases/filings/{filing.pk}/").status_code == 200
    queue = cross.get("/api/v1/cases/filings/review-queue/").json()
    assert [row["id"] for row in queue["results"]] == [filing.pk]
    response = cross.post(f"/api/v1/cases/filings/{filing.pk}/refuse/", {"reasons": "重复起诉"},
                          content_type="application/json")  # fmt: skip
    assert response.status_code == 200, response.content


def test_a_liaison_files_only_with_the_court_of_their_point(personas: Network) -> None:
    cross = personas.users["cross"]
    at_a = filing_services.create_filing(
        actor=cross, court=personas.court, filer_capacity="liaison", cause=current_cause()
    )
    assert at_a.court_id == personas.court.pk
    with pytest.raises(NotPermitted, match="服务点所属的法院"):
        filing_services.create_filing(
            actor=cross, court=personas.other_court, filer_capacity="liaison",
            cause=current_cause(),
        )  # fmt: skip


def test_other_court_staff_see_nothing_of_court_a(personas: Network) -> None:
    filing, case = submitted_filing(personas), accepted_case(personas)
    for persona in ("other_admin", "other_clerk"):
        user = personas.users[persona]
        assert not selectors.filings_for(user).filter(pk=filing.pk).exists(), persona
        assert not selectors.cases_for(user).filter(pk=case.pk).exists(), persona


def _linked(html: str, pattern: str) -> set[int]:
    return {int(pk) for pk in re.findall(pattern, html)}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("page", "api", "link"),
    [
        ("/cases/review/", "/api/v1/cases/filings/review-queue/", r'href="/cases/filings/(\d+)/"'),
        ("/cases/docket/", "/api/v1/cases/cases/docket/", r'href="/cases/(\d+)/"'),
    ],
)
def test_list_page_and_api_agree(
    personas: Network, persona: str, page: str, api: str, link: str
) -> None:
    """Same user, same list: the page and the API give the same status and the same rows."""
    submitted_filing(personas)
    submitted_filing(court_b(personas))
    accepted_case(personas)
    user = None if persona == "anonymous" else personas.users[persona]
    client = client_for(user)
    page_response, api_response = client.get(page), client.get(api)
    if user is None:
        assert (page_response.status_code, api_response.status_code) == (302, 401)
        return
    assert page_response.status_code == api_response.status_code == 200, persona
    rows = {row["id"] for row in api_response.json()["results"]}
    assert _linked(page_response.content.decode(), link) == rows, persona


def test_documents_and_service_follow_the_case_grants(personas: Network) -> None:
    """The documents registry and service ask cases' restrict: the clerk grant at B manages
    court B's case; at court A the liaison grant reads nothing and only serves in person."""
    from fating.delivery.selectors import may_serve_in_person
    from fating.documents.selectors import can_manage_matter, can_view_matter

    cross, other_clerk = personas.users["cross"], personas.users["other_clerk"]
    case_a = accepted_case(personas)
    case_b = acceptance.accept_filing(actor=other_clerk, filing=submitted_filing(court_b(personas)))
    assert not can_view_matter(cross, case_a)
    assert can_manage_matter(cross, case_b) and can_manage_matter(other_clerk, case_b)
    assert may_serve_in_person(cross, case_a)  # a liaison serves in their own court's villages
    assert not may_serve_in_person(other_clerk, case_a)
