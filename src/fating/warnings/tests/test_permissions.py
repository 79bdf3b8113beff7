"""The permission matrix: every persona against every warnings and analytics page and endpoint.

Outsiders to an object get 404; people who may see it but not do this get 403; anonymous
visitors are sent to the login page (pages) or get 401 (API). Only the court's judges issue a
judicial suggestion (a judge on a new warning gets 409: consult first); court staff record the
department's reply; governance officers read both.

`cross` is a clerk at court B and a liaison at court A: on court A's warnings it is exactly a
liaison (it was once a clerk everywhere, and read and closed court A's warnings); where its
clerk grant at B counts (rules list, dashboard of its own court) it reads like court B's staff.
`other_admin` is the other court's column.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from fating.testing import Network, client_for, generic_route, routes_under
from fating.warnings import detection
from fating.warnings.models import Action, EarlyWarning
from fating.warnings.tests.factories import dispute, places

COURT = ["court_admin", "judge", "clerk"]
STAFF_A = [*COURT, "liaison", "mediator", "governance"]
PERSONAS = [*STAFF_A, "party", "agent", "other_admin", "cross", "outsider", "anonymous"]
NON_READERS = ["liaison", "mediator", "party", "agent", "outsider"]


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    groups = {"court": COURT, "nonreaders": NON_READERS, "public": ["party", "agent", "outsider"]}
    for group, code in overrides.items():
        for persona in groups.get(group, [group]):
            table[persona] = code
    # On court A's objects the cross-court persona is court A's liaison, unless a row says more.
    if "cross" not in overrides:
        table["cross"] = table["liaison"]
    return table


ASSESS = {"participants": [{"name": "王法官", "unit": "court"}], "notes": "研判"}
SUGGEST = {"department": "住建局", "findings": "f", "suggestions": ["s"], "reply_due_on": "{due}"}
SUGGEST_FORM = {
    "department": "住建局",
    "findings": "f",
    "suggestions": "s",
    "reply_due_on": "{due}",
}
INCIDENT = {"title": "聚集", "description": "工地门口", "service_point": "{point}"}
# (name, method, url, body, expectations). Later overrides win.
MATRIX = [
    ("warnings page", "get", "/warnings/", None, expect(200, 302, mediator=403, public=403)),
    ("warning page", "get", "/warnings/{warning}/", None,
     expect(404, 302, court=200, governance=200)),
    ("warnings list", "get", "/api/v1/warnings/", None, expect(200, 401, mediator=403, public=403)),
    ("warning", "get", "/api/v1/warnings/{warning}/", None, expect(404, 401, court=200, governance=200)),
    ("assess", "post", "/api/v1/warnings/{warning}/assess/", ASSESS,
     expect(404, 401, court=201, governance=201)),
    ("act", "post", "/api/v1/warnings/{warning}/act/", {"kind": "joint_mediation", "description": "联调"},
     expect(404, 401, court=409, governance=403)),
    ("suggest", "post", "/api/v1/warnings/{warning}/suggest/", SUGGEST,
     expect(404, 401, court=403, judge=409, governance=403)),
    ("reply", "post", "/api/v1/warnings/{warning}/actions/{action}/reply/", {"reply": "已整改"},
     expect(404, 401, court=200, governance=403)),
    ("suggest page", "post", "/warnings/{warning}/suggest/", SUGGEST_FORM,
     expect(404, 302, court=403, judge=409, governance=403)),
    ("reply page", "post", "/warnings/{warning}/actions/{action}/reply/", {"reply": "已整改"},
     expect(404, 302, court=302, governance=403)),
    ("close", "post", "/api/v1/warnings/{warning}/close/", {"note": "已处置"},
     expect(404, 401, court=200, governance=403)),
    ("incident", "post", "/api/v1/warnings/incidents/", INCIDENT,
     expect(403, 401, court=201, liaison=201, other_admin=400)),
    ("rules", "get", "/api/v1/warnings/rules/", None, expect(200, 401, nonreaders=403, cross=200)),
    ("rule", "get", "/api/v1/warnings/rules/{rule}/", None, expect(200, 401, nonreaders=404, other_admin=404)),
    ("rule update", "patch", "/api/v1/warnings/rules/{rule}/", {"min_people": 50},
     expect(403, 401, court_admin=200, nonreaders=404, other_admin=404)),
    ("dashboard page", "get", "/analytics/", None, expect(200, 302, nonreaders=403, cross=200)),
    ("excel export", "get", "/analytics/export.xlsx", None, expect(200, 302, nonreaders=403, cross=200)),
    ("indicators page", "get", "/analytics/indicators/", None, expect(200, 302, nonreaders=403, cross=200)),
    ("indicators page township", "get", "/analytics/indicators/?area={township}", None,
     expect(200, 302, nonreaders=403, other_admin=404, cross=404)),
    ("monthly report", "post", "/analytics/reports/", {"month": "2026-03"},
     expect(303, 302, nonreaders=403, cross=303)),
    ("report status", "get", "/analytics/reports/{report}/", None, expect(404, 302, court=200)),
    ("report download", "get", "/analytics/reports/{report}/download/", None,
     expect(404, 302, court=200)),
    ("dashboard", "get", "/api/v1/analytics/dashboard/", None, expect(200, 401, nonreaders=403, cross=200)),
    ("dashboard township", "get", "/api/v1/analytics/dashboard/?area={township}", None,
     expect(200, 401, nonreaders=403, other_admin=404, cross=404)),
    ("map", "get", "/api/v1/analytics/map/", None, expect(200, 401, nonreaders=403, cross=200)),
    ("charts", "get", "/api/v1/analytics/charts/", None, expect(200, 401, nonreaders=403, cross=200)),
    ("indicators", "get", "/api/v1/analytics/indicators/", None, expect(200, 401, nonreaders=403, cross=200)),
    ("indicators township", "get", "/api/v1/analytics/indicators/?area={township}", None,
     expect(200, 401, nonreaders=403, other_admin=404, cross=404)),
]  # fmt: skip

CASES = [
    pytest.param(name, method, url, body, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, table in MATRIX
    for persona in PERSONAS
]


@pytest.fixture
def ids(network: Network, settings, tmp_path) -> dict[str, object]:
    from django.core.files.base import ContentFile

    from fating.analytics.models import MonthlyReport

    settings.MEDIA_ROOT = tmp_path
    report = MonthlyReport(
        court=network.court, month=date(2026, 3, 1), suppressed=False, status="ready"
    )  # court staff's figures: governance gets its own
    report.file.save("monthly.pdf", ContentFile(b"%PDF-1.4 test"))
    where = places(network)
    detection.scan_dispute(dispute(network, area=where.village, people=60).pk)
    warning = EarlyWarning.objects.get()
    action = Action.objects.create(warning=warning, kind="judicial_suggestion", status="awaiting_reply",
                                   description="建议", department="住建局",
                                   recorded_by=network.users["judge"])  # fmt: skip
    return {"warning": warning.pk, "action": action.pk, "rule": warning.rule_id,
            "point": network.point.pk, "township": where.township.pk, "report": report.pk,
            "due": (timezone.localdate() + timedelta(days=30)).isoformat()}  # fmt: skip


def _fill(value: object, ids: dict[str, object]) -> object:
    if isinstance(value, str):
        for key, v in ids.items():
            if value == "{" + key + "}" and key != "due":
                return v
            value = value.replace("{" + key + "}", str(v))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("name", "method", "url", "body", "persona", "status"), CASES)
def test_permission_matrix(network: Network, ids, name, method, url, body, persona, status) -> None:
    user = None if persona == "anonymous" else network.users[persona]
    api = url.startswith("/api/v1/")
    kwargs = {"data": _fill(body, ids)} if body else {}
    if body and api:
        kwargs["content_type"] = "application/json"
    response = getattr(client_for(user), method)(_fill(url, ids), **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302:
        # Anonymous visitors go to the login page; a page form that worked returns to the warning.
        expected = "/login/" if persona == "anonymous" else _fill("/warnings/{warning}/", ids)
        assert str(response["Location"]).startswith(str(expected)), response["Location"]
    if api and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_warnings_and_analytics_route_is_in_the_matrix() -> None:

    covered = {re.sub(r"\{\w+\}", "*", url.split("?")[0]) for _, _, url, _, _ in MATRIX}
    owned = ("/warnings/", "/analytics/", "/api/v1/warnings/", "/api/v1/analytics/")
    routes = routes_under(*owned)
    missing = [r for r in routes if generic_route(r) not in covered]
    assert len(routes) == 24 and not missing, (routes, missing)


def test_cross_court_clerk_cannot_read_or_close_the_other_courts_warnings(
    network: Network, ids
) -> None:
    """The reported leak: a clerk at court B who is a liaison at court A read and closed court A's
    warnings (200). Its clerk grant counts only at court B."""
    cross = client_for(network.users["cross"])
    warning = ids["warning"]
    assert cross.get(f"/api/v1/warnings/{warning}/").status_code == 404
    assert cross.get(f"/warnings/{warning}/").status_code == 404
    closed = cross.post(f"/api/v1/warnings/{warning}/close/", {"note": "已处置"},
                        content_type="application/json")  # fmt: skip
    assert closed.status_code == 404
    assert cross.post(f"/warnings/{warning}/", {"op": "close", "note": "x"}).status_code == 404
    assert warning not in [w["id"] for w in cross.get("/api/v1/warnings/").json()]
    assert EarlyWarning.objects.get(pk=warning).status == "new"


def test_cross_court_persona_is_a_liaison_at_a_and_a_clerk_at_b(network: Network, ids) -> None:
    cross = client_for(network.users["cross"])
    flagged = cross.post("/api/v1/warnings/incidents/",
                         {"title": "聚集", "description": "村委会门口", "service_point": network.point.pk},
                         content_type="application/json")  # fmt: skip
    assert flagged.status_code == 201
    own = flagged.json()["id"]
    # As court A's liaison it sees the incident it flagged, but may not handle it.
    assert own in [w["id"] for w in cross.get("/api/v1/warnings/").json()]
    assert cross.get(f"/api/v1/warnings/{own}/").status_code == 200
    assert cross.get(f"/warnings/{own}/").status_code == 200
    closed = cross.post(
        f"/api/v1/warnings/{own}/close/", {"note": "x"}, content_type="application/json"
    )
    assert closed.status_code == 403
    # As court B's clerk it handles court B's warnings.
    at_b = cross.post("/api/v1/warnings/incidents/",
                      {"title": "堵路", "description": "乙村", "service_point": network.other_point.pk},
                      content_type="application/json")  # fmt: skip
    assert at_b.status_code == 201
    other = at_b.json()["id"]
    closed = cross.post(f"/api/v1/warnings/{other}/close/", {"note": "已处置"},
                        content_type="application/json")  # fmt: skip
    assert closed.status_code == 200
    # And court A's own clerk does not see court B's warning.
    assert client_for(network.users["clerk"]).get(f"/api/v1/warnings/{other}/").status_code == 404
