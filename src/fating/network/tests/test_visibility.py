"""What each persona sees inside the lists, beyond the status codes of the matrix."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fating.testing import Network, ServicePointFactory, client_for

pytestmark = pytest.mark.django_db


def _names(response) -> set[str]:
    return {row["name"] for row in response.json()["results"]}


def test_parties_see_the_public_directory_only(network: Network) -> None:
    client = client_for(network.users["party"])
    points = _names(client.get("/api/v1/network/service-points/"))
    assert "甲村服务点" in points and "已撤销服务点" not in points
    mediators = client.get("/api/v1/network/mediators/").json()["results"]
    assert [m["name"] for m in mediators] == ["李特邀"]
    assert mediators[0]["phone"] == "139****0001"
    assert _names(client.get("/api/v1/network/organisations/")) == {"甲县律师调解工作室"}


def test_staff_see_their_own_court_with_contacts(network: Network) -> None:
    client = client_for(network.users["judge"])
    assert _names(client.get("/api/v1/network/liaisons/")) == {"张联络"}
    mediators = client.get("/api/v1/network/mediators/").json()["results"]
    assert {m["phone"] for m in mediators} == {"13900000001"}
    assert "乙村服务点" not in _names(client.get("/api/v1/network/service-points/"))


def test_other_courts_admin_sees_only_their_court(network: Network) -> None:
    client = client_for(network.users["other_admin"])
    assert _names(client.get("/api/v1/network/service-points/")) == {"乙村服务点"}
    assert _names(client.get("/api/v1/network/liaisons/")) == {"乙联络"}


def test_search_filters_directories(network: Network) -> None:
    client = client_for(network.users["court_admin"])
    html = client.get("/network/mediators/?q=王调解").content.decode()
    assert "王调解" in html and "李特邀" not in html
    fragment = client.get("/network/points/?q=撤销", HTTP_HX_REQUEST="true").content.decode()
    assert "已撤销服务点" in fragment and "<html" not in fragment


def test_party_does_not_see_liaison_phones_on_point_page(network: Network) -> None:
    html = client_for(network.users["party"]).get(f"/network/points/{network.point.pk}/")
    assert "13900000002" not in html.content.decode()
    html = client_for(network.users["liaison"]).get(f"/network/points/{network.point.pk}/")
    assert "13900000002" in html.content.decode()


def test_point_list_query_count_does_not_grow_with_page_size(network: Network) -> None:
    for _ in range(12):
        ServicePointFactory(tribunal=network.tribunal)
    client = client_for(network.users["court_admin"])
    counts = []
    for limit in (2, 12):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/v1/network/service-points/?limit={limit}").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_map_data_has_outlines_and_points(network: Network) -> None:
    data = client_for(network.users["liaison"]).get("/api/v1/network/map/").json()
    assert {p["name"] for p in data["points"]} == {"甲村服务点"}
    assert {k["value"] for k in data["kinds"]} >= {"village", "governance_centre"}
