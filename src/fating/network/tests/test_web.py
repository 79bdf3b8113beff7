"""Network pages and API beyond the status matrix: what the directories filter and show, what a
write through the API leaves behind, and the map's extent (issue 13: thin apps' tests)."""

from __future__ import annotations

import pytest

from fating.accounts.models import Membership, Role
from fating.core.audit import events_for
from fating.network.models import Liaison, ServicePoint
from fating.testing import Network, ServicePointFactory, UserFactory, client_for

pytestmark = pytest.mark.django_db

POINTS_API = "/api/v1/network/service-points/"
LIAISONS_API = "/api/v1/network/liaisons/"


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_points_page_filters_by_kind_and_tribunal(network: Network) -> None:
    ServicePointFactory(tribunal=network.tribunal, name="甲镇综治中心", kind="governance_centre")
    client = client_for(network.users["court_admin"])
    html = client.get("/network/points/?kind=governance_centre").content.decode()
    assert "甲镇综治中心" in html and "甲村服务点" not in html
    html = client.get(f"/network/points/?tribunal={network.tribunal.pk}&q=甲村").content.decode()
    assert "甲村服务点" in html and "甲镇综治中心" not in html


def test_the_directory_page_wraps_the_results_and_htmx_gets_only_them(network: Network) -> None:
    client = client_for(network.users["judge"])
    full = client.get("/network/liaisons/").content.decode()
    assert "<html" in full and "张联络" in full and "13900000002" in full
    fragment = client.get("/network/liaisons/?q=张", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "张联络" in fragment


def test_organisations_page_lists_court_invited_first(network: Network) -> None:
    html = client_for(network.users["court_admin"]).get("/network/organisations/").content.decode()
    assert html.index("甲县律师调解工作室") < html.index("甲村调委会")


def test_point_page_offers_editing_to_the_court_admin_only(network: Network) -> None:
    edit = f"/network/points/{network.point.pk}/edit/"
    admin_html = client_for(network.users["court_admin"]).get(
        f"/network/points/{network.point.pk}/"
    )
    judge_html = client_for(network.users["judge"]).get(f"/network/points/{network.point.pk}/")
    assert edit in admin_html.content.decode()
    assert edit not in judge_html.content.decode()


def test_edit_page_offers_only_this_courts_officers(network: Network) -> None:
    html = client_for(network.users["court_admin"]).get(f"/network/points/{network.point.pk}/edit/")
    options = html.context["form"].fields["paired_officer"].queryset
    assert network.users["judge"] in options
    assert network.users["liaison"] not in options
    assert network.users["cross"] not in options  # a clerk, but at the other court


def test_api_point_update_is_recorded_and_a_move_to_another_tribunal_is_refused(
    network: Network,
) -> None:
    client = client_for(network.users["court_admin"])
    refused = client.patch(
        f"{POINTS_API}{network.point.pk}/",
        data={"name": "甲村E+服务点", "tribunal": network.other_tribunal.pk},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "tribunal" in refused.json()["error"]["fields"]
    network.point.refresh_from_db()
    assert network.point.name == "甲村服务点"  # nothing written
    response = client.patch(
        f"{POINTS_API}{network.point.pk}/", data={"name": "甲村E+服务点"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["name"] == "甲村E+服务点"
    network.point.refresh_from_db()
    assert network.point.tribunal == network.tribunal
    assert events_for(network.point).get().after == {"name": "甲村E+服务点"}


def test_api_points_filter_by_kind_and_search(network: Network) -> None:
    ServicePointFactory(tribunal=network.tribunal, name="甲镇综治中心", kind="governance_centre")
    client = client_for(network.users["judge"])
    assert _names(client.get(f"{POINTS_API}?kind=governance_centre")) == ["甲镇综治中心"]
    assert set(_names(client.get(f"{POINTS_API}?q=甲村"))) == {"甲村服务点"}


def test_api_point_names_its_paired_officer(network: Network) -> None:
    ServicePoint.objects.filter(pk=network.point.pk).update(paired_officer=network.users["judge"])
    row = client_for(network.users["party"]).get(f"{POINTS_API}{network.point.pk}/").json()
    assert row["paired_officer_name"] == network.users["judge"].display_name
    assert row["tribunal_name"] == "甲镇人民法庭"


def test_api_liaison_create_names_a_bad_phone(network: Network) -> None:
    response = client_for(network.users["court_admin"]).post(
        LIAISONS_API,
        data={"name": "新联络员", "kind": "grid_worker", "service_point": network.point.pk,
              "phone": "12345"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"phone"}
    assert not Liaison.objects.filter(name="新联络员").exists()


def test_api_liaison_create_is_recorded(network: Network) -> None:
    response = client_for(network.users["court_admin"]).post(
        LIAISONS_API,
        data={"name": "新联络员", "kind": "grid_worker", "service_point": network.point.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    liaison = Liaison.objects.get(pk=response.json()["id"])
    assert events_for(liaison).get().action == "network.liaison.register"


def test_api_liaison_at_an_unseen_point_answers_as_if_it_did_not_exist(network: Network) -> None:
    response = client_for(network.users["other_admin"]).post(
        LIAISONS_API,
        data={"name": "新联络员", "kind": "grid_worker", "service_point": network.point.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"service_point"}


def test_api_liaison_taken_off_duty_loses_access(network: Network) -> None:
    liaison_user = network.users["liaison"]
    response = client_for(network.users["court_admin"]).patch(
        f"{LIAISONS_API}{network.liaison.pk}/",
        data={"active": False},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert not Membership.objects.filter(user=liaison_user, active=True).exists()
    assert client_for(liaison_user).get(LIAISONS_API).status_code == 403


def test_api_search_over_liaisons_and_mediators(network: Network) -> None:
    client = client_for(network.users["court_admin"])
    assert _names(client.get(f"{LIAISONS_API}?q=甲村")) == ["张联络"]
    assert _names(client.get("/api/v1/network/mediators/?q=律师")) == ["李特邀"]
    assert _names(client.get("/api/v1/network/organisations/?q=调委会")) == ["甲村调委会"]


def test_api_masks_organisation_phones_for_the_public(network: Network) -> None:
    url = f"/api/v1/network/organisations/{network.invited_organisation.pk}/"
    assert client_for(network.users["party"]).get(url).json()["phone"] == "139****0000"
    assert client_for(network.users["judge"]).get(url).json()["phone"] == "13900000000"


def test_map_covers_each_readers_own_courts(network: Network) -> None:
    def points(user) -> set[str]:
        return {p["name"] for p in client_for(user).get("/api/v1/network/map/").json()["points"]}

    assert points(network.users["other_admin"]) == {"乙村服务点"}
    assert points(network.users["cross"]) == {"甲村服务点", "乙村服务点"}
    # The public map shows every court's active points, never a closed one.
    assert points(network.users["party"]) == {"甲村服务点", "乙村服务点"}
    assert points(UserFactory(username="nobody")) == set()


def test_map_page_embeds_the_same_data(network: Network) -> None:
    response = client_for(network.users["liaison"]).get("/network/map/")
    assert response.status_code == 200
    assert [p["name"] for p in response.context["map_data"]["points"]] == ["甲村服务点"]


def test_a_court_admin_holding_two_courts_edits_both(network: Network) -> None:
    admin = network.users["court_admin"]
    Membership.objects.create(user=admin, role=Role.COURT_ADMIN, court=network.other_court)
    client = client_for(admin)
    for point in (network.point, network.other_point):
        response = client.patch(
            f"{POINTS_API}{point.pk}/", data={"address": "新址"}, content_type="application/json"
        )
        assert response.status_code == 200
