"""The permission matrix of the notification centre: a message is its recipient's alone (404 to
everyone else, whatever their grants, `cross` and the other court's admin included); the list,
mark-all and preferences are each person's own (200 for everyone signed in)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fating.core.notify import notify
from fating.testing import Network, client_for, routes_under

PERSONAS = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party", "agent",
            "other_admin", "cross", "outsider", "anonymous"]  # fmt: skip


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    return {p: default for p in PERSONAS} | {"anonymous": anonymous} | overrides


API = "/api/v1/inbox/"
MATRIX = [
    ("inbox page", "get", "/inbox/", None, expect(200, 302)),
    ("message page", "get", "/inbox/{message}/", None, expect(404, 302, party=200)),
    ("read all form", "post", "/inbox/read-all/", None, expect(302, 302)),
    ("preferences page", "get", "/inbox/preferences/", None, expect(200, 302)),
    ("preferences form", "post", "/inbox/preferences/", {"kind": "deadline.near", "in_app": "on"},
     expect(302, 302)),
    ("messages", "get", API, None, expect(200, 401)),
    ("message", "get", API + "{message}/", None, expect(404, 401, party=200)),
    ("read", "post", API + "{message}/read/", None, expect(404, 401, party=200)),
    ("read all", "post", API + "read-all/", None, expect(200, 401)),
    ("preferences", "get", API + "preferences/", None, expect(200, 401)),
    ("set preference", "post", API + "preferences/", {"kind": "deadline.near", "in_app": True},
     expect(200, 401)),
    ("mandatory off", "post", API + "preferences/",
     {"kind": "hearing.scheduled", "in_app": True, "sms": False}, expect(400, 401)),
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
    (message,) = notify(
        dedupe_key="m:1", subject="开庭通知", body="正文", user=network.users["party"]
    )
    client = client_for(None if persona == "anonymous" else network.users[persona])
    path = url.replace("{message}", str(message.pk))
    if url.startswith("/api/"):
        kwargs: dict[str, Any] = {"data": body, "content_type": "application/json"} if body else {}
    else:
        kwargs = {"data": body} if body else {}
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")
    if url.startswith("/api/") and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_inbox_route_is_in_the_matrix() -> None:
    covered = {re.sub(r"\{\w+\}", "*", url) for _, _, url, _, _ in MATRIX}
    routes = routes_under("/inbox/", API)
    missing = [r for r in routes if re.sub(r"<[\w:]+>", "*", r) not in covered]
    assert routes and not missing, missing
