"""The permission matrix of user administration: every persona against every /users/ page and
/api/v1/accounts/ endpoint.

Only a court administrator manages users, and only those holding a grant in their court: other
people's users do not exist for them (404); a user they may see but not change (a superuser, or
for deactivation someone who also works in another court) answers 403; someone who administers
no court gets 403 on the lists and 404 on any user. `cross` (a clerk at court B, a liaison at
court A's point) administers nothing; as a target it belongs to both courts, and neither court
may deactivate it. `other_admin` is court B's administrator. Writes that a permitted persona may
make are sent with an empty body, so they answer 400 (the field named) and change nothing.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import transaction

from fating.accounts.models import Membership, Role
from fating.testing import Network, UserFactory, client_for, generic_route, routes_under

PERSONAS = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party",
            "agent", "other_admin", "cross", "outsider", "anonymous"]  # fmt: skip


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


PAGE_LIST = expect(403, 302, court_admin=200, other_admin=200)
A_ONLY = expect(404, 302, court_admin=200)
API_LIST = expect(403, 401, court_admin=200, other_admin=200)

# (name, method, url template, body, expectations)
MATRIX: list[tuple[str, str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("list page", "get", "/users/", None, PAGE_LIST),
    ("list page filtered", "get", "/users/?q=测试&role=judge&status=active", None, PAGE_LIST),
    ("create page", "get", "/users/new/", None, PAGE_LIST),
    ("create bad input", "post", "/users/new/", {"full_name": ""},
     expect(403, 302, court_admin=200, other_admin=200)),
    ("user page", "get", "/users/{judge}/", None, A_ONLY),
    ("cross user page", "get", "/users/{cross}/", None,
     expect(404, 302, court_admin=200, other_admin=200)),
    ("other court's user page", "get", "/users/{other_admin}/", None,
     expect(404, 302, other_admin=200)),
    ("superuser's page", "get", "/users/{boss}/", None, A_ONLY),
    ("grant add", "post", "/users/{judge}/grants/", {"role": ""}, expect(404, 302, court_admin=400)),
    ("grant add to superuser", "post", "/users/{boss}/grants/", {"role": ""},
     expect(404, 302, court_admin=403)),
    ("grant end", "post", "/users/{judge}/grants/{judge_grant}/end/", {"reason": ""},
     expect(404, 302, court_admin=400)),
    ("other court's grant end", "post", "/users/{cross}/grants/{cross_b_grant}/end/",
     {"reason": ""}, expect(404, 302, other_admin=400)),
    ("deactivate", "post", "/users/{clerk}/deactivate/", {"reason": ""},
     expect(404, 302, court_admin=400)),
    ("deactivate cross", "post", "/users/{cross}/deactivate/", {"reason": ""},
     expect(404, 302, court_admin=403, other_admin=403)),
    ("reactivate", "post", "/users/{clerk}/reactivate/", None, expect(404, 302, court_admin=400)),
    ("password", "post", "/users/{judge}/password/", {"method": "sms"},
     expect(404, 302, court_admin=302)),
    ("password of superuser", "post", "/users/{boss}/password/", {"method": "temporary"},
     expect(404, 302, court_admin=403)),
    ("api list", "get", "/api/v1/accounts/users/", None, API_LIST),
    ("api create", "post", "/api/v1/accounts/users/", {"full_name": ""},
     expect(403, 401, court_admin=400, other_admin=400)),
    ("api user", "get", "/api/v1/accounts/users/{judge}/", None, expect(404, 401, court_admin=200)),
    ("api other court's user", "get", "/api/v1/accounts/users/{other_admin}/", None,
     expect(404, 401, other_admin=200)),
    ("api grant add", "post", "/api/v1/accounts/users/{judge}/grants/", {"role": ""},
     expect(404, 401, court_admin=400)),
    ("api grant end", "post", "/api/v1/accounts/users/{judge}/grants/{judge_grant}/end/",
     {"reason": ""}, expect(404, 401, court_admin=400)),
    ("api deactivate", "post", "/api/v1/accounts/users/{clerk}/deactivate/", {"reason": ""},
     expect(404, 401, court_admin=400)),
    ("api deactivate cross", "post", "/api/v1/accounts/users/{cross}/deactivate/", {"reason": ""},
     expect(404, 401, court_admin=403, other_admin=403)),
    ("api reactivate", "post", "/api/v1/accounts/users/{clerk}/reactivate/", {},
     expect(404, 401, court_admin=400)),
    ("api password", "post", "/api/v1/accounts/users/{judge}/password/", {"method": "bogus"},
     expect(404, 401, court_admin=400)),
    ("api password of superuser", "post", "/api/v1/accounts/users/{boss}/password/",
     {"method": "temporary"}, expect(404, 401, court_admin=403)),
]  # fmt: skip


def _ids(network: Network) -> dict[str, int]:
    boss = UserFactory(is_superuser=True, username="boss")
    Membership.objects.create(user=boss, role=Role.JUDGE, court=network.court)
    users = network.users
    return {
        "judge": users["judge"].pk,
        "clerk": users["clerk"].pk,
        "cross": users["cross"].pk,
        "other_admin": users["other_admin"].pk,
        "boss": boss.pk,
        "judge_grant": Membership.objects.get(user=users["judge"]).pk,
        "cross_b_grant": Membership.objects.get(
            user=users["cross"], tribunal=network.other_tribunal
        ).pk,
    }


def _fill(text: str, ids: dict[str, int]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), text)


@pytest.mark.parametrize(
    ("name", "method", "url", "body", "table"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(
    network: Network, name: str, method: str, url: str, body: dict | None, table: dict[str, int]
) -> None:
    """Each persona in its own savepoint, rolled back after, so one persona's write never
    changes what the next one meets."""
    ids = _ids(network)
    target = _fill(url, ids)
    failures = []
    for persona in PERSONAS:
        with transaction.atomic():
            user = None if persona == "anonymous" else network.users[persona]
            client = client_for(user)
            if target.startswith("/api/"):
                response = getattr(client, method)(
                    target, data=body or {}, content_type="application/json"
                )
            else:
                response = getattr(client, method)(target, data=body or {})
            status = table[persona]
            if response.status_code != status:
                failures.append((persona, status, response.status_code, response.content[:200]))
            elif status == 302 and persona == "anonymous":
                assert response["Location"].startswith("/login/")
            elif target.startswith("/api/") and status >= 400:
                assert response.json()["error"]["status"] == status
            transaction.set_rollback(True)
    assert not failures, (name, failures)


def test_every_user_admin_route_is_in_the_matrix() -> None:
    """A new user-administration page or endpoint must be added to the matrix before it ships."""
    covered = {re.sub(r"\{\w+\}", "*", url.split("?")[0]) for _n, _m, url, _b, _t in MATRIX}
    routes = routes_under("/users/", "/api/v1/accounts/")
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing


def test_api_errors_name_the_field_in_chinese(network: Network) -> None:
    client = client_for(network.users["court_admin"])
    response = client.post(
        "/api/v1/accounts/users/",
        {"full_name": "赵六", "mobile": "1391234", "role": "liaison",
         "place": f"service_point:{network.other_point.pk}"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"place": ["所选地点不存在或不在您管理的法院内。"]}
    response = client.post(
        "/api/v1/accounts/users/",
        {"full_name": "赵六", "mobile": "1391234", "role": "liaison",
         "place": f"service_point:{network.point.pk}"},
        content_type="application/json",
    )  # fmt: skip
    assert response.json()["error"]["fields"] == {"mobile": ["手机号码应为11位，实为7位"]}
