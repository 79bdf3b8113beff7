"""The permission matrix of sign-up and 实名核验: sign-up is for people without an account
(signed-in people go home); 实名核验 is the liaisons' page (`cross` is a liaison at court A's
point, so it may); everyone else 403."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fating.testing import Network, client_for, routes_under

PERSONAS = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party", "agent",
            "other_admin", "cross", "outsider", "anonymous"]  # fmt: skip


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    return {p: default for p in PERSONAS} | {"anonymous": anonymous} | overrides


MATRIX = [
    ("signup page", "get", "/people/signup/", None, expect(302, 200)),
    ("signup code page", "get", "/people/signup/code/", None, expect(404, 404)),
    ("verify page", "get", "/people/verify/", None, expect(403, 302, liaison=200, cross=200)),
    ("verify search", "get", "/people/verify/?q={mobile}", None,
     expect(403, 302, liaison=200, cross=200)),
    ("assisted signup", "get", "/people/assisted/", None, expect(403, 302, liaison=200, cross=200)),
    ("assisted code", "get", "/people/assisted/code/", None, expect(403, 302, liaison=404, cross=404)),
    ("representations page", "get", "/people/representations/", None, expect(200, 302)),
    ("court representations", "get", "/people/representations/court/", None,
     expect(403, 302, judge=200, clerk=200, court_admin=200, other_admin=200, cross=200)),
    ("letter", "get", "/people/representations/{rep}/letter/", None,
     expect(404, 302, party=200, agent=200, judge=200, clerk=200, court_admin=200)),
    # API
    ("api signup", "post", "/api/v1/people/signup/", {}, expect(400, 400)),
    ("api signup complete", "post", "/api/v1/people/signup/complete/", {"token": "x"},
     expect(400, 400)),
    ("api assisted", "post", "/api/v1/people/assisted-signups/", {}, expect(403, 401, liaison=400, cross=400)),
    ("api assisted complete", "post", "/api/v1/people/assisted-signups/complete/", {"token": "x"},
     expect(403, 401, liaison=400, cross=400)),
    ("api representations", "get", "/api/v1/people/representations/", None, expect(200, 401)),
    ("api representations post", "post", "/api/v1/people/representations/", {},
     expect(403, 401, agent=400)),
    ("api decide", "post", "/api/v1/people/representations/{rep}/decide/", {"confirm": True},
     expect(404, 401, party=200, clerk=200, judge=200, court_admin=200, agent=403)),
    ("api revoke", "post", "/api/v1/people/representations/{rep}/revoke/", None,
     expect(404, 401, party=200, clerk=200, judge=200, court_admin=200, agent=200)),
    ("decide", "post", "/people/representations/{rep}/decide/", {"decision": "confirm"},
     expect(404, 302, party=302, clerk=302, judge=302, court_admin=302, agent=403)),
    ("revoke", "post", "/people/representations/{rep}/revoke/", None,
     expect(404, 302, party=302, clerk=302, judge=302, court_admin=302, agent=302)),
]  # fmt: skip

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(
    network: Network, name: str, method: str, url: str, body: Any, persona: str, status: int
) -> None:
    client = client_for(None if persona == "anonymous" else network.users[persona])
    path = url.replace("{mobile}", network.users["party"].mobile)
    if "{rep}" in url:
        path = path.replace("{rep}", str(_representation(network).pk))
    if path.startswith("/api/") and method == "post":
        response = client.post(path, body or {}, content_type="application/json")
    else:
        response = getattr(client, method)(path, body or {})
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")


def _representation(network: Network) -> Any:
    """The agent's pending letter for the plaintiff (the party's account) of a case at court A."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fating.cases.tests.factories import accepted_case
    from fating.people import services

    case = accepted_case(network)
    case.filing.parties.filter(role="plaintiff").update(user=network.users["party"])
    letter = SimpleUploadedFile("委托书.pdf", b"%PDF-1.4 letter", "application/pdf")
    return services.propose_representation(actor=network.users["agent"], case_number=case.number,
                                           party_name="张三", scope="special",
                                           power_of_attorney=letter)  # fmt: skip


def test_every_people_route_is_in_the_matrix() -> None:
    covered = {re.sub(r"\{\w+\}", "*", re.sub(r"\?.*", "", url)) for _, _, url, _, _ in MATRIX}
    routes = routes_under("/people/", "/api/v1/people/")
    missing = [r for r in routes if re.sub(r"<[\w:]+>", "*", r) not in covered]
    assert routes and not missing, missing
