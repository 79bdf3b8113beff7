"""The permission matrix of 约见法官 and 12368, pages and API, for every persona: the meeting is
the party's at court A's point, routed to court A's judge; the call is court A's, routed to that
judge. `cross` (a clerk at court B, a liaison at court A's point) and court B's administrator see
neither (404); a liaison or party may not log calls (403)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from fating.contact.tests import factories
from fating.testing import Network, client_for, routes_under

PERSONAS = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party", "agent",
            "other_admin", "cross", "outsider", "anonymous"]  # fmt: skip
FUTURE = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT09:30")
STAFF = {"court_admin": 200, "judge": 200, "clerk": 200, "other_admin": 200, "cross": 200}


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    return {p: default for p in PERSONAS} | {"anonymous": anonymous} | overrides


SEE_MEETING = {"party": 200, "judge": 200, "clerk": 200, "court_admin": 200}
SEE_CALL = {"judge": 200, "clerk": 200, "court_admin": 200}
MAY_REQUEST = {"party": 200, "agent": 200, "liaison": 200, "cross": 200}
MATRIX = [
    # pages
    ("meetings", "get", "/contact/meetings/", None, expect(200, 302)),
    ("meeting new", "get", "/contact/meetings/new/", None, expect(403, 302, **MAY_REQUEST)),
    ("meeting", "get", "/contact/meetings/{m}/", None, expect(404, 302, **SEE_MEETING)),
    ("accept", "post", "/contact/meetings/{m}/accept/", {"scheduled_at": FUTURE},
     expect(404, 302, judge=302, clerk=403, court_admin=403, party=403)),
    ("withdraw", "post", "/contact/meetings/{m}/withdraw/", None,
     expect(404, 302, party=302, judge=403, clerk=403, court_admin=403)),
    ("route", "post", "/contact/meetings/{m}/route/", {"judge": "{judge}"},
     expect(404, 302, judge=302, clerk=302, court_admin=403, party=403)),
    ("unknown step", "post", "/contact/meetings/{m}/explode/", None, expect(404, 302)),
    ("calls", "get", "/contact/calls/", None, expect(403, 302, **STAFF)),
    ("call new", "get", "/contact/calls/new/", None, expect(403, 302, **STAFF)),
    ("figures", "get", "/contact/calls/figures/", None, expect(403, 302, **STAFF)),
    ("call", "get", "/contact/calls/{c}/", None, expect(404, 302, **SEE_CALL)),
    ("answer", "post", "/contact/calls/{c}/answer/", {"answer": "已答复"},
     expect(404, 302, judge=302, clerk=403, court_admin=403)),
    ("route call", "post", "/contact/calls/{c}/route/", {"tribunal": "{tribunal}"},
     expect(404, 302, judge=302, clerk=302, court_admin=302)),
    # API
    ("api meetings", "get", "/api/v1/contact/meetings/", None, expect(200, 401)),
    ("api meeting create", "post", "/api/v1/contact/meetings/",
     {"service_point": "{point}", "mode": "online", "topic": "t", "preferred_times": "p",
      "for_name": "李", "for_mobile": "13800001111"},
     expect(403, 401, party=201, agent=201, liaison=201, cross=201)),
    ("api meeting", "get", "/api/v1/contact/meetings/{m}/", None, expect(404, 401, **SEE_MEETING)),
    ("api accept", "post", "/api/v1/contact/meetings/{m}/accept/", {"scheduled_at": FUTURE},
     expect(404, 401, judge=200, clerk=403, court_admin=403, party=403)),
    ("api decline", "post", "/api/v1/contact/meetings/{m}/decline/", {"reason": "不便"},
     expect(404, 401, judge=200, clerk=403, court_admin=403, party=403)),
    ("api complete", "post", "/api/v1/contact/meetings/{m}/complete/", {"record": "r"},
     expect(404, 401, judge=409, clerk=403, court_admin=403, party=403)),
    ("api withdraw", "post", "/api/v1/contact/meetings/{m}/withdraw/", None,
     expect(404, 401, party=200, judge=403, clerk=403, court_admin=403)),
    ("api route", "post", "/api/v1/contact/meetings/{m}/route/", {"judge": "{judge}"},
     expect(404, 401, judge=200, clerk=200, court_admin=403, party=403)),
    ("api calls", "get", "/api/v1/contact/calls/", None, expect(403, 401, **STAFF)),
    ("api call create", "post", "/api/v1/contact/calls/",
     {"caller_name": "王", "caller_number": "13800001111", "topic": "t", "category": "consult",
      "tribunal": "{tribunal}", "court": "{court}"},
     expect(403, 401, judge=201, clerk=201, court_admin=201, other_admin=400, cross=400)),
    ("api figures", "get", "/api/v1/contact/calls/figures/", None, expect(403, 401, **STAFF)),
    ("api call", "get", "/api/v1/contact/calls/{c}/", None, expect(404, 401, **SEE_CALL)),
    ("api answer", "post", "/api/v1/contact/calls/{c}/answer/", {"answer": "已答复"},
     expect(404, 401, judge=200, clerk=403, court_admin=403)),
    ("api route call", "post", "/api/v1/contact/calls/{c}/route/", {"tribunal": "{tribunal}"},
     expect(404, 401, judge=200, clerk=200, court_admin=200)),
]  # fmt: skip

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    return ids.get(value, value) if isinstance(value, str) else value


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(
    network: Network, name: str, method: str, url: str, body: Any, persona: str, status: int
) -> None:
    m = factories.meeting(network)
    c = factories.call(network)
    ids = {"{judge}": network.users["judge"].pk, "{tribunal}": network.tribunal.pk,
           "{point}": network.point.pk, "{court}": network.court.pk}  # fmt: skip
    client = client_for(None if persona == "anonymous" else network.users[persona])
    path = url.replace("{m}", str(m.pk)).replace("{c}", str(c.pk))
    data = {k: _fill(v, ids) for k, v in (body or {}).items()}
    if path.startswith("/api/") and method == "post":
        response = client.post(path, data, content_type="application/json")
    else:
        response = getattr(client, method)(path, data)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")


def test_every_contact_route_is_in_the_matrix() -> None:
    covered = {re.sub(r"\{\w+\}", "*", url) for _, _, url, _, _ in MATRIX}
    covered |= {
        re.sub(r"^(/contact/\w+/\*/)\w+/$", r"\1*/", url) for url in covered
    }  # the page steps
    routes = routes_under("/contact/", "/api/v1/contact/")
    missing = [r for r in routes if re.sub(r"<[\w:]+>", "*", r) not in covered]
    assert routes and not missing, missing
