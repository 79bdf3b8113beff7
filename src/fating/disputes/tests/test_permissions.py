"""Permission matrix: every persona against every dispute page and endpoint.

A party sees only their disputes, a liaison their point's, a mediator what is assigned, a judge
their tribunal's, a governance officer only aggregates; outsiders get 404 and those who may see
but not act get 403.

`cross` is a clerk at court B and a liaison at court A's point: on court A's disputes it is that
point's liaison, never a clerk (statistics: its own court B's). `other_admin` is the other court's
column."""

from __future__ import annotations

import re

import pytest

from fating.disputes.tests.factories import APPLICANT_ID, World, in_village
from fating.network.models import Area
from fating.testing import AreaFactory, client_for, generic_route, routes_under

COURT = ["court_admin", "judge", "clerk"]
PERSONAS = [
    *COURT, "liaison", "mediator", "governance", "applicant", "respondent", "agent",
    "invited_mediator", "other_admin", "cross", "outsider", "anonymous",
]  # fmt: skip
CAN_SEE = [*COURT, "liaison", "mediator", "applicant", "respondent"]


def expect(default: int, anonymous: int, **overrides: int | list[str]) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table["anonymous"] = anonymous
    groups = {"court": COURT, "can_see": CAN_SEE}
    for key, code in overrides.items():
        for persona in groups.get(key, [key]):
            table[persona] = code
    if "cross" not in overrides:
        table["cross"] = table["liaison"]
    return table


REPORT = {
    "title": "王五与赵六相邻通行纠纷",
    "description": "赵六在通往王五家的小路上堆放柴草，阻碍通行，协商未果。",
    "cause_code": "",
    "cause_free_text": "相邻通行",
    "area": "{village}",
    "parties": [
        {
            "role": "applicant",
            "kind": "person",
            "name": "王五",
            "mobile": "13600001111",
            "id_number": APPLICANT_ID,
        },
        {"role": "respondent", "kind": "person", "name": "赵六"},
    ],
}

MATRIX = [
    ("list page", "get", "/disputes/", None, expect(200, 302, governance=302)),
    ("report page", "get", "/disputes/report/", None,
     expect(200, 302, mediator=403, governance=403, outsider=403, invited_mediator=403)),
    ("suggest", "get", "/disputes/suggest/?description=借钱不还写了借条", None, expect(200, 302)),
    ("queue page", "get", "/disputes/queue/", None, expect(200, 302)),
    ("statistics page", "get", "/disputes/statistics/", None,
     expect(403, 302, court=200, governance=200, other_admin=200, cross=200)),
    ("detail page", "get", "/disputes/{dispute}/", None, expect(404, 302, can_see=200)),
    ("act page", "post", "/disputes/{dispute}/act/escalate/", {"reason": "村调未果"},
     expect(404, 302, court=302, liaison=302, mediator=302, applicant=403, respondent=403)),
    ("api list", "get", "/api/v1/disputes/", None, expect(200, 401)),
    ("api report", "post", "/api/v1/disputes/", REPORT,
     expect(403, 401, court=201, liaison=201, applicant=201, respondent=201, agent=201, other_admin=201)),
    ("api detail", "get", "/api/v1/disputes/{dispute}/", None, expect(404, 401, can_see=200)),
    ("api action", "post", "/api/v1/disputes/{dispute}/actions/escalate/", {"reason": "村调未果"},
     expect(404, 401, court=200, liaison=200, mediator=200, applicant=403, respondent=403)),
    ("api timeline", "get", "/api/v1/disputes/{dispute}/timeline/", None, expect(404, 401, can_see=200)),
    ("api suggest", "get", "/api/v1/disputes/suggest-causes/?text=物业费", None, expect(200, 401)),
    ("api queue", "get", "/api/v1/disputes/queue/", None, expect(200, 401)),
    ("api statistics", "get", "/api/v1/disputes/statistics/", None,
     expect(403, 401, court=200, governance=200, other_admin=200, cross=200)),
    # 部门联动: the dispute handed to a 派出所 (whose officers are test_departments.py's matrix);
    # its hand-over is read by whoever sees the dispute on the handing side
    ("department queue", "get", "/disputes/departments/", None, expect(200, 302)),
    ("referral page", "get", "/disputes/departments/{referral}/", None,
     expect(404, 302, can_see=200)),
    ("referral act", "post", "/disputes/departments/{referral}/answer/", {"accept": "1"},
     expect(404, 302, court=403, liaison=403, mediator=403, applicant=403, respondent=403)),
    ("api department queue", "get", "/api/v1/disputes/departments/", None, expect(200, 401)),
    ("api referral", "get", "/api/v1/disputes/departments/{referral}/", None,
     expect(404, 401, can_see=200)),
    ("api referral action", "post", "/api/v1/disputes/departments/{referral}/actions/answer/",
     {"accept": True},
     expect(404, 401, court=403, liaison=403, mediator=403, applicant=403, respondent=403)),
]  # fmt: skip

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


def _fill(value: object, ids: dict[str, int]) -> object:
    if isinstance(value, str):
        for key, pk in ids.items():
            if value == "{" + key + "}":
                return pk
            value = value.replace("{" + key + "}", str(pk))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(world: World, name: str, method: str, url: str, body: dict | None,
                           persona: str, status: int) -> None:  # fmt: skip
    township = AreaFactory(level=Area.Level.TOWNSHIP, parent=world.net.court.area, name="甲镇")
    village = AreaFactory(level=Area.Level.VILLAGE, parent=township, name="乙村")
    world.net.tribunal.areas.add(township)
    other_township = AreaFactory(level=Area.Level.TOWNSHIP, parent=world.net.other_court.area)
    world.net.other_point.tribunal.areas.add(other_township)
    if persona == "other_admin" and name == "api report":
        village = AreaFactory(level=Area.Level.VILLAGE, parent=other_township, name="丙村")
    dispute = in_village(world)
    ids = {"dispute": dispute.pk, "village": village.pk}
    if "{referral}" in url:
        from fating.disputes import services
        from fating.network.models import Department

        police = Department.objects.create(court=world.net.court, name="甲镇派出所",
                                           kind="police_station")  # fmt: skip
        ids["referral"] = services.hand_to_department(
            actor=world.net.users["liaison"],
            dispute=dispute,
            department=police,
            request="请协助调处",
        ).pk
    user = None if persona == "anonymous" else world.user(persona)
    client = client_for(user)
    kwargs = {"data": _fill(body, ids), "content_type": "application/json"} if body else {}
    if body and not url.startswith("/api/"):
        kwargs = {"data": _fill(body, ids)}
    response = getattr(client, method)(_fill(url, ids), **kwargs)
    assert response.status_code == status, (name, persona, response.content[:400])
    if url.startswith("/api/") and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_dispute_route_is_in_the_matrix() -> None:
    covered = {
        generic_route(re.sub(r"\{\w+\}", "*", url)).split("?")[0] for _, _, url, _, _ in MATRIX
    }
    covered = {re.sub(r"/act/escalate/$", "/act/*/", c) for c in covered}
    covered = {re.sub(r"/actions/(escalate|answer)/$", "/actions/*/", c) for c in covered}
    covered = {re.sub(r"/departments/\*/answer/$", "/departments/*/*/", c) for c in covered}
    routes = routes_under("/disputes/", "/api/v1/disputes/")
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing


@pytest.mark.django_db
def test_a_clerk_at_court_b_is_only_a_liaison_at_court_a(world: World) -> None:
    """The merged scope made `cross` a clerk of court A's tribunal: it saw every dispute of the
    tribunal and could delegate them. Now only its point's disputes, as their liaison."""
    from fating.disputes import services
    from fating.disputes.tests.factories import dispute_input

    township = AreaFactory(level=Area.Level.TOWNSHIP, parent=world.net.court.area, name="甲镇")
    village = AreaFactory(level=Area.Level.VILLAGE, parent=township, name="丁村")
    world.net.tribunal.areas.add(township)
    at_point = in_village(world)
    # Reported by the court itself, at the tribunal but at no service point.
    at_tribunal = services.report_dispute(
        actor=world.net.users["clerk"],
        data=dispute_input(title="王某与赵某民间借贷纠纷", area_id=village.pk),
    )
    assert at_tribunal.service_point_id is None and at_tribunal.tribunal_id == world.net.tribunal.pk
    cross = client_for(world.user("cross"))
    assert (
        client_for(world.user("clerk")).get(f"/api/v1/disputes/{at_tribunal.pk}/").status_code
        == 200
    )
    assert cross.get(f"/api/v1/disputes/{at_tribunal.pk}/").status_code == 404
    assert cross.get(f"/disputes/{at_tribunal.pk}/").status_code == 404
    listed = {d["id"] for d in cross.get("/api/v1/disputes/").json()["results"]}
    assert at_point.pk in listed and at_tribunal.pk not in listed
    delegate = cross.post(f"/api/v1/disputes/{at_point.pk}/actions/delegate/",
                          {"organisation": world.net.invited_organisation.pk},
                          content_type="application/json")  # fmt: skip
    assert delegate.status_code == 403
    # Its statistics are court B's, where it is a clerk, not court A's.
    assert cross.get("/api/v1/disputes/statistics/").json()["reported"] == 0


@pytest.mark.django_db
def test_a_judge_at_court_b_is_not_a_judge_of_court_a(world: World) -> None:
    """A clerk of court A's tribunal who is also a judge at court B: the merged scope paired the
    judge role with court A's tribunal and let it guide (and accept confirmations) there."""
    from fating.accounts.models import Membership, Role
    from fating.disputes import selectors

    dispute = in_village(world)
    clerk = world.user("clerk")
    Membership.objects.create(user=clerk, role=Role.JUDGE, tribunal=world.net.other_tribunal)
    assert selectors.is_court_staff(clerk, dispute)
    assert not selectors.is_judge(clerk, dispute)
    guidance = client_for(clerk).post(f"/api/v1/disputes/{dispute.pk}/actions/guidance/",
                                      {"text": "参照类案调解"}, content_type="application/json")  # fmt: skip
    assert guidance.status_code == 403
