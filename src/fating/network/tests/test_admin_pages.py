"""The network admin's pages and API writes: labelled forms, Chinese errors, closing keeps the
row, a create with the same Idempotency-Key runs once."""

from __future__ import annotations

import pytest

from fating.core.models import AuditEvent
from fating.network.models import Area, Liaison, Mediator, ServicePoint, Tribunal
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


def test_admin_creates_edits_and_closes_through_the_pages(network: Network) -> None:
    client = client_for(network.users["court_admin"])
    assert "/network/admin/" in client.get("/").content.decode()
    form = client.get("/network/admin/tribunals/new/").content.decode()
    assert '<label for="id_name">' in form and "法庭类型" in form
    # Errors come back on the form, in Chinese, and nothing is written.
    bad = client.post("/network/admin/tribunals/new/", {"court": network.court.pk, "name": "",
                                                         "kind": "rural", "phone": "x" * 30})  # fmt: skip
    assert bad.status_code == 200 and "field-error" in bad.content.decode()
    assert not Tribunal.objects.filter(name="").exists()
    made = client.post("/network/admin/tribunals/new/",
                       {"court": network.court.pk, "name": "城关人民法庭", "kind": "urban",
                        "areas": [network.court.area_id]})  # fmt: skip
    assert made.status_code == 302
    tribunal = Tribunal.objects.get(name="城关人民法庭")
    assert tribunal.kind == "urban" and list(tribunal.areas.all()) == [network.court.area]
    listing = client.get("/network/admin/tribunals/").content.decode()
    assert "城关人民法庭" in listing and "城区法庭" in listing

    edit_url = f"/network/admin/tribunals/{tribunal.pk}/edit/"
    edited = client.post(edit_url, {"name": "城关法庭", "kind": "circuit", "address": "",
                                    "phone": ""})  # fmt: skip
    assert edited.status_code == 302
    tribunal.refresh_from_db()
    assert (tribunal.name, tribunal.kind) == ("城关法庭", "circuit")

    # The point still open under the old tribunal blocks closing it, with the reason shown.
    refused = client.post(f"/network/admin/tribunals/{network.tribunal.pk}/close/")
    assert refused.status_code == 200 and "服务点" in refused.content.decode()
    assert client.post(f"/network/admin/tribunals/{tribunal.pk}/close/").status_code == 302
    assert Tribunal.objects.filter(pk=tribunal.pk, active=False).exists()

    # Areas: a village under a township, and its population for a year.
    town = Area.objects.create(code="999000100", name="甲镇", level="township",
                               parent=network.court.area)  # fmt: skip
    assert client.post("/network/admin/areas/new/", {"parent": town.pk, "code": "999000100201",
                       "level": "village", "name": "甲村", "year": 2024,
                       "headcount": 1200}).status_code == 302  # fmt: skip
    village = Area.objects.get(code="999000100201")
    assert (village.population, village.population_year) == (1200, 2024)

    # Departments of 部门联动.
    assert client.post("/network/admin/departments/new/", {"court": network.court.pk,
                       "name": "甲镇司法所", "kind": "justice_office"}).status_code == 302  # fmt: skip
    assert "甲镇司法所" in client.get("/network/admin/departments/").content.decode()

    # Mediator flags and liaison training.
    mediator_url = f"/network/admin/mediators/{network.mediator.pk}/edit/"
    assert client.post(mediator_url, {"organisation": network.organisation.pk, "name": "王调解",
                       "kind": "peoples", "phone": "", "is_gold": "on"}).status_code == 302  # fmt: skip
    assert Mediator.objects.get(pk=network.mediator.pk).is_gold
    training = f"/network/admin/liaisons/{network.liaison.pk}/training/"
    assert client.post(training, {"held_on": "2024-05-01", "topic": "送达协助",
                                  "hours": "1.5"}).status_code == 302  # fmt: skip
    assert "送达协助" in client.get(training).content.decode()
    assert client.post(f"/network/admin/liaisons/{network.liaison.pk}/close/").status_code == 302
    assert not Liaison.objects.get(pk=network.liaison.pk).active


def test_other_courts_rows_are_not_offered_or_accepted(network: Network) -> None:
    client = client_for(network.users["court_admin"])
    page = client.get("/network/admin/points/new/").content.decode()
    assert network.tribunal.name in page and "乙镇人民法庭" not in page
    response = client.post("/network/admin/points/new/", {
        "tribunal": network.other_tribunal.pk, "name": "越界点", "kind": "village",
        "longitude": "117", "latitude": "36", "opened_on": "2024-01-01"})  # fmt: skip
    assert response.status_code == 200
    assert not ServicePoint.objects.filter(name="越界点").exists()


def test_api_create_honours_the_idempotency_key(network: Network) -> None:
    client = client_for(network.users["court_admin"])
    body = {"organisation": network.organisation.pk, "name": "周调解", "kind": "peoples",
            "is_retired_judge": True}  # fmt: skip
    first = client.post("/api/v1/network/mediators/", body, content_type="application/json",
                        headers={"Idempotency-Key": "k-1"})  # fmt: skip
    again = client.post("/api/v1/network/mediators/", body, content_type="application/json",
                        headers={"Idempotency-Key": "k-1"})  # fmt: skip
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert Mediator.objects.filter(name="周调解", is_retired_judge=True).count() == 1
    assert AuditEvent.objects.filter(action="network.mediator.create").count() == 1
    bad = client.post("/api/v1/network/mediators/", {**body, "kind": "wizard"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "kind" in bad.json()["error"]["fields"]
