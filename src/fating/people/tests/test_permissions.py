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
    response = getattr(client, method)(path)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")


def test_every_people_route_is_in_the_matrix() -> None:
    covered = {re.sub(r"\?.*", "", url) for _, _, url, _, _ in MATRIX}
    routes = routes_under("/people/", "/api/v1/people/")
    missing = [r for r in routes if re.sub(r"<[\w:]+>", "*", r) not in covered]
    assert routes and not missing, missing
