"""The points' usage-frequency evaluation (ranking, export) and the 无讼村居 evaluation (criteria
from the data, thresholds as the court's data, the court confirming the title)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from fating.core.audit import AuditEvent
from fating.core.exceptions import FieldError, InvalidTransition
from fating.knowledge.models import VillageRules
from fating.liaison import measures, services
from fating.liaison.models import CriterionSetting, LogEntry, Rating, VillageEvaluation
from fating.testing import AreaFactory, LiaisonFactory, Network, ServicePointFactory, client_for

pytestmark = pytest.mark.django_db


def _entries(net: Network, point: Any, liaison: Any, n: int) -> list[LogEntry]:
    today = timezone.localdate()
    return [LogEntry.objects.create(liaison=liaison, service_point=point, kind="visit",
                                    occurred_on=today, notes="走访", created_by=net.users["liaison"])
            for _ in range(n)]  # fmt: skip


def test_points_are_ranked_within_the_court(network: Network) -> None:
    busy = network.point
    quiet = ServicePointFactory(tribunal=network.tribunal, name="乙村服务点")
    entries = _entries(network, busy, network.liaison, 6)
    _entries(network, quiet, LiaisonFactory(service_point=quiet), 2)
    Rating.objects.create(entry=entries[0], rated_by=network.users["party"], stars=4)
    today = timezone.localdate()
    rows = measures.point_rows(network.court, today.year, today.month)
    assert [r.point for r in rows][:2] == [busy, quiet] and [r.rank for r in rows][:2] == [1, 2]
    top = rows[0]
    assert top.counts["entries"] == 6 and top.activity == Decimal(6)
    assert top.satisfaction == Decimal("4.00") and top.ratings == 1
    assert network.other_point not in [r.point for r in rows]
    # governance reads people counts under 5 hidden, as on the dashboard
    assert (
        measures.shown(top, True)["ratings"] == "<5" and measures.shown(top, False)["ratings"] == 1
    )
    assert measures.shown(top, True)["entries"] == 6


def test_points_page_api_and_export(network: Network) -> None:
    _entries(network, network.point, network.liaison, 3)
    month = timezone.localdate().strftime("%Y-%m")
    for persona in ("court_admin", "judge", "clerk", "governance"):
        client = client_for(network.users[persona])
        assert client.get("/liaison/points/").status_code == 200, persona
        api = client.get(f"/api/v1/liaison/points/?court={network.court.pk}&month={month}")
        assert api.json()["points"][0]["name"] == network.point.name
    xlsx = client_for(network.users["governance"]).get(f"/liaison/points/export.xlsx?month={month}")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("排名", "服务点", "人民法庭")
    assert rows[2][1] == network.point.name and rows[2][3] == 3
    for persona in ("liaison", "mediator", "party", "outsider"):
        assert client_for(network.users[persona]).get("/liaison/points/").status_code == 404
    other = client_for(network.users["other_admin"])
    assert other.get(f"/liaison/points/?court={network.court.pk}").status_code == 404
    assert other.get(f"/api/v1/liaison/points/?court={network.court.pk}").status_code == 404
    admin = client_for(network.users["court_admin"])
    assert admin.get("/api/v1/liaison/points/?month=2026-13").status_code == 400
    assert admin.get("/api/v1/liaison/points/?court=x").status_code == 404


@pytest.fixture
def villages(network: Network) -> dict[str, Any]:
    township = AreaFactory(name="甲镇", level="township", parent=network.court.area)
    good = AreaFactory(name="和睦村", level="village", parent=township, population=2000)
    bare = AreaFactory(name="新开村", level="village", parent=township, population=None)
    network.point.areas.add(good)
    VillageRules.objects.create(service_point=network.point, title="和睦村村规民约",
                                status=VillageRules.Status.FILED)  # fmt: skip
    return {"good": good, "bare": bare}


def test_villages_are_evaluated_from_the_data(network: Network, villages: dict[str, Any]) -> None:
    year = timezone.localdate().year
    done = services.evaluate_villages(actor=network.users["clerk"], court=network.court, year=year)
    by_village = {e.village: e for e in done}
    good, bare = by_village[villages["good"]], by_village[villages["bare"]]
    assert good.passed and not bare.passed
    results = {r["key"]: r for r in bare.results}
    assert results["litigation_rate"]["value"] is None  # no population: not computed
    assert results["liaison"]["passed"] is False and results["village_rules"]["passed"] is False
    assert results["no_mass_dispute"]["passed"] is True
    # the court confirms the title only where every criterion is met
    judge = network.users["judge"]
    services.decide(actor=judge, evaluation=good, action="confirm")
    with pytest.raises(InvalidTransition):
        services.decide(actor=judge, evaluation=bare, action="confirm")
    with pytest.raises(FieldError):
        services.decide(actor=judge, evaluation=bare, action="decline", note="")
    services.decide(actor=judge, evaluation=bare, action="decline", note="无人口数据")
    # a recomputation keeps the decided title, reopens the declined one
    again = services.evaluate_villages(actor=judge, court=network.court, year=year)
    status = {e.village_id: e.status for e in again}
    assert status == {villages["good"].pk: "titled", villages["bare"].pk: "evaluated"}
    assert AuditEvent.objects.filter(action="liaison.evaluation.confirm").count() == 1


def test_thresholds_are_the_courts_data(network: Network, villages: dict[str, Any]) -> None:
    admin = network.users["court_admin"]
    client = client_for(admin)
    url = "/api/v1/liaison/villages/criteria/"
    for bad in (
        {"key": "village_share", "threshold": "1.5"},
        {"key": "liaison", "threshold": "1"},
        {"key": "litigation_rate", "threshold": "NaN"},
        {"key": "litigation_rate", "threshold": "-3"},
        {"key": "nope", "threshold": "1"},
    ):
        body = {"court": network.court.pk, **bad}
        assert client.post(url, body, content_type="application/json").status_code == 400, bad
    assert not CriterionSetting.objects.exists()
    ok = client.post(url, {"court": network.court.pk, "key": "litigation_rate", "threshold": "0"},
                     content_type="application/json")  # fmt: skip
    assert ok.status_code == 200
    judge = client_for(network.users["judge"])
    body = {"court": network.court.pk, "key": "litigation_rate", "threshold": "9"}
    assert judge.post(url, body, content_type="application/json").status_code == 403
    other = client_for(network.users["other_admin"])
    assert other.post(url, body, content_type="application/json").status_code == 404
    assert services.thresholds_of(network.court)["litigation_rate"] == Decimal(0)


def test_village_pages_and_api_matrix(network: Network, villages: dict[str, Any]) -> None:
    year = timezone.localdate().year
    clerk = client_for(network.users["clerk"])
    r = clerk.post("/api/v1/liaison/villages/evaluate/", {"court": network.court.pk, "year": year},
                   content_type="application/json", HTTP_IDEMPOTENCY_KEY="eval-1")  # fmt: skip
    assert r.status_code == 201 and r.json()["evaluated"] == 2
    assert clerk.post("/api/v1/liaison/villages/evaluate/", {"court": network.court.pk,
                      "year": 1999}, content_type="application/json").status_code == 400  # fmt: skip
    ev = VillageEvaluation.objects.get(village=villages["good"])
    expect = {
        "court_admin": 200,
        "judge": 200,
        "clerk": 200,
        "governance": 200,
        "liaison": 404,
        "mediator": 404,
        "party": 404,
        "other_admin": 404,
        "cross": 404,
        "outsider": 404,
    }
    for persona, status in expect.items():
        client = client_for(network.users[persona])
        assert client.get(f"/liaison/villages/{ev.pk}/").status_code == status, persona
        assert client.get(f"/api/v1/liaison/villages/{ev.pk}/").status_code == status, persona
    decide = {"court_admin": 200, "judge": 200, "clerk": 403, "governance": 403, "party": 404,
              "other_admin": 404}  # fmt: skip
    for persona, status in decide.items():
        VillageEvaluation.objects.filter(pk=ev.pk).update(status="evaluated")
        client = client_for(network.users[persona])
        r = client.post(f"/api/v1/liaison/villages/{ev.pk}/decide/", {"action": "confirm"},
                        content_type="application/json")  # fmt: skip
        assert r.status_code == status, (persona, r.content[:200])
    page = client_for(network.users["governance"]).get(f"/liaison/villages/?year={year}")
    assert page.status_code == 200 and "和睦村" in page.content.decode()
    assert "按现有数据评估" not in page.content.decode()  # governance reads, does not evaluate
    admin = client_for(network.users["court_admin"])
    assert "按现有数据评估" in admin.get("/liaison/villages/").content.decode()
    r = admin.post(f"/liaison/villages/{ev.pk}/decide/", {"action": "revoke", "note": ""})
    assert r.status_code == 400
