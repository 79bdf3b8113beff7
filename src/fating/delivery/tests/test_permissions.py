"""The permission matrix of service: every persona against every page and endpoint.

Managers of the matter (for a dispute: court staff, the mediator, the point's liaison) run
service; the recipient sees and signs for their own copy; the other party may view the matter
but not serve (403) and does not see the other side's service (404); everyone else gets 404.

The matter lives in court A. "other_admin" and "other_clerk" work only at court B (the "other
court" columns); "cross" is a clerk at court B and the liaison of the dispute's point at court A,
so it answers exactly as court A's liaison does.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from fating.accounts.models import Role
from fating.delivery import services
from fating.delivery.tests.factories import Served, served_in_app
from fating.testing import client_for, member, routes_under

MANAGERS = ["court_admin", "judge", "clerk", "mediator", "liaison"]
PERSONAS = [*MANAGERS, "applicant", "respondent", "governance", "party", "agent", "other_admin",
            "other_clerk", "cross", "outsider", "anonymous"]  # fmt: skip
ALL_USERS = [p for p in PERSONAS if p != "anonymous"]


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    for group, code in overrides.items():
        for persona in MANAGERS if group == "managers" else [group]:
            table[persona] = code
    return table


API = "/api/v1/delivery/"
MATRIX = [
    ("queue page", "get", "/delivery/", None, expect(200, 302)),
    ("inbox page", "get", "/delivery/inbox/", None, expect(200, 302)),
    ("inbox item page", "get", "/delivery/inbox/{service}/", None,
     expect(404, 302, managers=200, respondent=200)),
    ("service page", "get", "/delivery/{service}/", None,
     expect(404, 302, managers=200, respondent=200)),
    ("attempt form", "post", "/delivery/{service}/attempts/", {"channel": "notice"},
     expect(404, 302, managers=302, respondent=403)),
    ("outcome form", "post", "/delivery/attempts/{attempt}/outcome/",
     {"kind": "postal_signed", "occurred_at": "2026-01-01T10:00"},
     expect(404, 302, managers=302, respondent=403)),
    ("acknowledge form", "post", "/delivery/inbox/{eservice}/acknowledge/", None,
     expect(404, 302, managers=302, respondent=302)),
    ("paper copy form", "post", "/delivery/inbox/{eservice}/paper-copy/", {"note": "邮寄"},
     expect(404, 302, managers=302, respondent=302)),
    ("serve desk page", "get", "/delivery/serve/disputes.dispute/{dispute}/", None,
     expect(404, 302, managers=200, applicant=403, respondent=403)),
    ("recipients", "get", API + "recipients/disputes.dispute/{dispute}/", None,
     expect(404, 401, managers=200, applicant=403, respondent=403)),
    ("record consent", "post", API + "consents/",
     {"matter_type": "disputes.dispute", "matter_id": "{dispute}", "party_key": "{respondent_key}",
      "channel": "email", "address": "lisi@example.cn"},
     expect(404, 401, managers=201, respondent=201, applicant=403)),
    ("withdraw consent", "post", API + "consents/{consent}/withdraw/", None,
     expect(404, 401, managers=200, respondent=200, applicant=403)),
    ("service queue", "get", API + "services/", None, expect(200, 401)),
    ("serve", "post", API + "services/",
     {"document": "{document}", "party_key": "{applicant_key}", "channels": ["post"],
      "tracking_number": "EMS9"},
     expect(404, 401, managers=201, applicant=403, respondent=403)),
    ("service", "get", API + "services/{service}/", None,
     expect(404, 401, managers=200, respondent=200)),
    ("add attempt", "post", API + "services/{service}/attempts/", {"channel": "notice"},
     expect(404, 401, managers=201, respondent=403)),
    ("certificate", "post", API + "services/{service}/certificate/", None,
     expect(404, 401, managers=409, respondent=403)),
    ("outcome", "post", API + "attempts/{attempt}/outcome/",
     {"kind": "postal_signed", "occurred_at": "2026-01-01T10:00"},
     expect(404, 401, managers=201, respondent=403)),
    ("inbox", "get", API + "inbox/", None, expect(200, 401)),
    ("inbox document", "get", API + "inbox/{service}/document/", None,
     expect(404, 401, managers=200, respondent=200)),
    ("acknowledge", "post", API + "inbox/{service}/acknowledge/", None,
     expect(404, 401, managers=403, respondent=200)),
    ("paper copy", "post", API + "inbox/{eservice}/paper-copy/", {"note": "邮寄"},
     expect(404, 401, managers=201, respondent=201)),
]  # fmt: skip

for _name, _method, _url, _body, _table in MATRIX:
    _table["other_clerk"], _table["cross"] = _table["other_admin"], _table["liaison"]

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


def _ids(s: Served) -> dict[str, Any]:
    clerk = s.user("clerk")
    consent = services.record_consent(actor=clerk, matter=s.matter, party_key=s.key("respondent"),
                                      channel="sms", address="13700002222")  # fmt: skip
    service = services.serve_document(actor=clerk, document=s.document,
                                      party_key=s.key("respondent"), channels=["post"],
                                      tracking_number="EMS1")  # fmt: skip
    eservice = served_in_app(s)  # served electronically: its recipient may ask for paper
    return {"service": service.pk, "eservice": eservice.pk,
            "attempt": service.attempts.get().pk, "dispute": s.matter.pk,
            "consent": consent.pk, "document": s.document.pk,
            "respondent_key": s.key("respondent"), "applicant_key": s.key("applicant")}  # fmt: skip


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        for key, pk in ids.items():
            value = value.replace("{" + key + "}", str(pk))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(
    served: Served, name: str, method: str, url: str, body: Any, persona: str, status: int
) -> None:
    net = served.chat.world.net
    net.users["other_clerk"] = member(Role.CLERK, tribunal=net.other_tribunal)
    ids = _ids(served)
    client = client_for(None if persona == "anonymous" else served.user(persona))
    path = _fill(url, ids)
    if url.startswith("/api/") or body is None:
        kwargs = {"data": _fill(body, ids), "content_type": "application/json"} if body else {}
    else:
        kwargs = {"data": _fill(body, ids)}
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302 and persona == "anonymous":
        assert response["Location"].startswith("/login/")
    if url.startswith("/api/") and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_delivery_route_is_in_the_matrix() -> None:

    covered = {_generic(re.sub(r"\{\w+\}", "*", url)) for _, _, url, _, _ in MATRIX}
    owned = ("/delivery/", "/api/v1/delivery/")
    routes = routes_under(*owned)
    missing = [r for r in routes if _generic(r) not in covered]
    assert routes and not missing, missing


def _generic(route: str) -> str:
    route = re.sub(r"<[\w:]+>", "*", route).replace("disputes.dispute", "*")
    return route
