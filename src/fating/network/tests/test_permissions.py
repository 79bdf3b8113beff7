"""The permission matrix: every persona against every network page and endpoint.

Outsiders to an object get 404; people who may see it but not change it get 403; anonymous
visitors are sent to the login page (pages) or get 401 (API).

`cross` (a clerk at court B, a liaison at court A's point) is staff in both courts: on court A's
network it is court A's liaison (reads, never edits); `other_admin` is the other court's column.
"""

from __future__ import annotations

import re

import pytest

from fating.testing import Network, client_for, generic_route, routes_under

STAFF_A = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance"]
PUBLIC = ["party", "agent"]
PERSONAS = [*STAFF_A, *PUBLIC, "other_admin", "cross", "outsider", "anonymous"]


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    for group, code in overrides.items():
        members = {"staff_a": STAFF_A, "public": PUBLIC}.get(group, [group])
        for persona in members:
            table[persona] = code
    table["cross"] = table["liaison"]
    return table


# (name, method, url template, body, expectations). Order of overrides matters: later wins.
MATRIX = [
    ("home", "get", "/", None, expect(200, 302)),
    ("map page", "get", "/network/map/", None, expect(200, 302)),
    ("points page", "get", "/network/points/", None, expect(200, 302)),
    # options are filtered by the access rule, so every signed-in person gets 200 (maybe empty)
    ("picker options", "get", "/network/pick/{pick_kind}/", None, expect(200, 302)),
    ("point page", "get", "/network/points/{point}/", None,
     expect(200, 302, other_admin=404, outsider=404)),
    ("inactive point page", "get", "/network/points/{inactive_point}/", None,
     expect(404, 302, staff_a=200)),
    ("point edit page", "get", "/network/points/{point}/edit/", None,
     expect(403, 302, court_admin=200, other_admin=404, outsider=404)),
    ("liaisons page", "get", "/network/liaisons/", None,
     expect(200, 302, public=403, outsider=403)),
    ("mediators page", "get", "/network/mediators/", None, expect(200, 302)),
    ("organisations page", "get", "/network/organisations/", None, expect(200, 302)),
    ("me", "get", "/api/v1/me/", None, expect(200, 401)),
    ("token", "post", "/api/v1/auth/token/", {"username": "nobody", "password": "x"},
     expect(400, 400)),
    ("schema", "get", "/api/schema/", None, expect(200, 401)),
    ("areas", "get", "/api/v1/network/areas/", None, expect(200, 401)),
    ("courts", "get", "/api/v1/network/courts/", None, expect(200, 401)),
    ("court", "get", "/api/v1/network/courts/{court}/", None,
     expect(200, 401, other_admin=404, outsider=404)),
    ("area", "get", "/api/v1/network/areas/{area}/", None, expect(200, 401)),
    ("tribunal", "get", "/api/v1/network/tribunals/{tribunal}/", None,
     expect(200, 401, other_admin=404, outsider=404)),
    ("tribunals", "get", "/api/v1/network/tribunals/", None, expect(200, 401)),
    ("map data", "get", "/api/v1/network/map/", None, expect(200, 401)),
    ("points list", "get", "/api/v1/network/service-points/", None, expect(200, 401)),
    ("point", "get", "/api/v1/network/service-points/{point}/", None,
     expect(200, 401, other_admin=404, outsider=404)),
    ("inactive point", "get", "/api/v1/network/service-points/{inactive_point}/", None,
     expect(404, 401, staff_a=200)),
    ("point update", "patch", "/api/v1/network/service-points/{point}/", {"name": "甲村E+服务点"},
     expect(403, 401, court_admin=200, other_admin=404, outsider=404)),
    ("liaisons list", "get", "/api/v1/network/liaisons/", None,
     expect(200, 401, public=403, outsider=403)),
    ("liaison", "get", "/api/v1/network/liaisons/{liaison}/", None,
     expect(200, 401, public=403, outsider=403, other_admin=404)),
    ("liaison update", "patch", "/api/v1/network/liaisons/{liaison}/", {"phone": "13912345678"},
     expect(403, 401, court_admin=200, other_admin=404)),
    ("liaison create", "post", "/api/v1/network/liaisons/",
     {"name": "新联络员", "kind": "grid_worker", "service_point": "{point}", "phone": "13712345678"},
     expect(403, 401, court_admin=201, other_admin=400)),
    ("mediators list", "get", "/api/v1/network/mediators/", None, expect(200, 401)),
    ("mediator", "get", "/api/v1/network/mediators/{mediator}/", None,
     expect(200, 401, public=404, other_admin=404, outsider=404)),
    ("organisations list", "get", "/api/v1/network/organisations/", None, expect(200, 401)),
    ("organisation", "get", "/api/v1/network/organisations/{organisation}/", None,
     expect(200, 401, public=404, other_admin=404, outsider=404)),
    ("invited organisation", "get", "/api/v1/network/organisations/{invited_organisation}/", None,
     expect(200, 401, other_admin=404, outsider=404)),
    # keeping the network: only that court's administrator; another court's admin 404 on its rows
    ("admin hub", "get", "/network/admin/", None, expect(403, 302, court_admin=200, other_admin=200)),
    ("admin import page", "get", "/network/admin/import/", None,
     expect(403, 302, court_admin=200, other_admin=200)),
    ("admin import template", "get", "/network/admin/import/template.xlsx", None,
     expect(403, 302, court_admin=200, other_admin=200)),
    ("admin list", "get", "/network/admin/{k_points}/", None,
     expect(403, 302, court_admin=200, other_admin=200)),
    ("admin create page", "get", "/network/admin/{k_tribunals}/new/", None,
     expect(403, 302, court_admin=200, other_admin=200)),
    ("admin create court page", "get", "/network/admin/{k_courts}/new/", None, expect(403, 302)),
    ("admin edit point", "get", "/network/admin/{k_points}/{point}/edit/", None,
     expect(403, 302, court_admin=200, other_admin=404)),
    ("admin edit area", "get", "/network/admin/{k_areas}/{area}/edit/", None,
     expect(403, 302, court_admin=200)),
    ("admin close point", "get", "/network/admin/{k_points}/{point}/close/", None,
     expect(403, 302, court_admin=200, other_admin=404)),
    ("admin training", "get", "/network/admin/liaisons/{liaison}/training/", None,
     expect(403, 302, court_admin=200, other_admin=404)),
    ("api area population", "post", "/api/v1/network/areas/{area}/population/",
     {"year": 2024, "population": 1000}, expect(403, 401, court_admin=200)),
    ("api court create", "post", "/api/v1/network/courts/",
     {"name": "丙县人民法院", "code": "鲁0399", "area_code": "370399", "area_name": "丙县"},
     expect(403, 401)),
    ("api court close", "post", "/api/v1/network/courts/{court}/close/", {},
     expect(403, 401, court_admin=200, other_admin=404, outsider=404)),
    ("api tribunal create", "post", "/api/v1/network/tribunals/",
     {"court": "{court}", "name": "新法庭", "kind": "urban"}, expect(403, 401, court_admin=201)),
    ("api tribunal close", "post", "/api/v1/network/tribunals/{tribunal}/close/", {},
     expect(403, 401, court_admin=400, other_admin=404, outsider=404)),
    ("api point close", "post", "/api/v1/network/service-points/{point}/close/", {},
     expect(403, 401, court_admin=200, other_admin=404, outsider=404)),
    ("api liaison close", "post", "/api/v1/network/liaisons/{liaison}/close/", {},
     expect(403, 401, court_admin=200, other_admin=404)),
    ("api liaison training", "post", "/api/v1/network/liaisons/{liaison}/trainings/",
     {"held_on": "2024-01-01", "topic": "诉前调解流程", "hours": "2"},
     expect(403, 401, court_admin=201, other_admin=404)),
    ("api organisation close", "post", "/api/v1/network/organisations/{organisation}/close/", {},
     expect(403, 401, court_admin=400, public=404, other_admin=404, outsider=404)),
    ("api mediator create", "post", "/api/v1/network/mediators/",
     {"organisation": "{organisation}", "name": "新调解员", "kind": "peoples"},
     expect(403, 401, court_admin=201)),
    ("api mediator close", "post", "/api/v1/network/mediators/{mediator}/close/", {},
     expect(403, 401, court_admin=200, public=404, other_admin=404, outsider=404)),
    ("api import", "post", "/api/v1/network/import/", {"court": "鲁0321"},
     expect(403, 401, court_admin=400, other_admin=400)),
]  # fmt: skip

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


def _fill(value: object, network: Network) -> object:
    ids = {
        "point": network.point.pk,
        "court": network.court.pk,
        "area": network.court.area_id,
        "tribunal": network.tribunal.pk,
        "inactive_point": network.inactive_point.pk,
        "liaison": network.liaison.pk,
        "mediator": network.mediator.pk,
        "organisation": network.organisation.pk,
        "invited_organisation": network.invited_organisation.pk,
        "pick_kind": "mediator",
        "k_points": "points",
        "k_areas": "areas",
        "k_tribunals": "tribunals",
        "k_courts": "courts",
        "k_mediators": "mediators",
        "k_liaisons": "liaisons",
        "k_orgs": "organisations",
    }
    if isinstance(value, str):
        for key, pk in ids.items():
            if value == "{" + key + "}":
                return pk
            value = value.replace("{" + key + "}", str(pk))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, network) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(
    network: Network, name: str, method: str, url: str, body: dict | None, persona: str, status: int
) -> None:
    user = None if persona == "anonymous" else network.users[persona]
    client = client_for(user)
    kwargs = {"data": _fill(body, network), "content_type": "application/json"} if body else {}
    response = getattr(client, method)(_fill(url, network), **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302:
        assert response["Location"].startswith("/login/")
    if url.startswith("/api/v1/") and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_network_route_is_in_the_matrix() -> None:
    """A new network or account page or endpoint must be added to the matrix before it ships."""

    covered = {re.sub(r"\{\w+\}", "*", url) for _, _, url, _, _ in MATRIX}
    owned = ("/network/", "/api/v1/network/", "/api/v1/me/", "/api/v1/auth/")
    routes = routes_under(*owned)
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing


def test_cross_court_persona_reads_both_networks_and_edits_neither(network: Network) -> None:
    cross = client_for(network.users["cross"])
    names = {p["name"] for p in cross.get("/api/v1/network/service-points/").json()["results"]}
    assert {network.point.name, network.other_point.name} <= names
    for point in (network.point, network.other_point):
        url = f"/api/v1/network/service-points/{point.pk}/"
        assert (
            cross.patch(url, {"name": "改名"}, content_type="application/json").status_code == 403
        )
    # Court A's own clerk does not see court B's network.
    clerk = client_for(network.users["clerk"])
    assert clerk.get(f"/api/v1/network/service-points/{network.other_point.pk}/").status_code == 404
