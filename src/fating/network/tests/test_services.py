"""Network changes: validation with field-named Chinese errors, audit events, nothing half-written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fating.accounts.models import Membership
from fating.core.audit import events_for, verify_chain
from fating.core.exceptions import FieldError, NotPermitted
from fating.network import services
from fating.network.models import Liaison
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


def test_update_records_before_and_after(network: Network) -> None:
    admin = network.users["court_admin"]
    services.update_service_point(
        actor=admin, point=network.point, changes={"name": "甲村E+服务点", "latitude": "36.9"}
    )
    network.point.refresh_from_db()
    assert network.point.name == "甲村E+服务点"
    assert network.point.latitude == Decimal("36.900000")
    event = events_for(network.point).get()
    assert event.action == "network.service_point.update"
    assert event.actor == admin
    assert event.before == {"name": "甲村服务点", "latitude": "36.850000"}
    assert event.after == {"name": "甲村E+服务点", "latitude": "36.900000"}
    assert verify_chain() is None


def test_coordinates_outside_china_are_refused_and_nothing_changes(network: Network) -> None:
    with pytest.raises(FieldError) as caught:
        services.update_service_point(
            actor=network.users["court_admin"],
            point=network.point,
            changes={"name": "新名称", "longitude": "18.05"},
        )
    assert caught.value.fields == {"longitude": ["经度应在 73 至 136 之间。"]}
    network.point.refresh_from_db()
    assert network.point.name == "甲村服务点"
    assert not events_for(network.point).exists()


def test_paired_officer_must_belong_to_the_court(network: Network) -> None:
    admin = network.users["court_admin"]
    with pytest.raises(FieldError, match="对口联络干警必须是本院的法官或法官助理"):
        services.update_service_point(
            actor=admin, point=network.point, changes={"paired_officer": network.users["liaison"]}
        )
    services.update_service_point(
        actor=admin, point=network.point, changes={"paired_officer": network.users["judge"]}
    )
    network.point.refresh_from_db()
    assert network.point.paired_officer == network.users["judge"]


def test_only_the_court_admin_may_change_the_network(network: Network) -> None:
    with pytest.raises(NotPermitted):
        services.update_service_point(
            actor=network.users["judge"], point=network.point, changes={"name": "x"}
        )


def test_register_liaison_validates_phone_and_grants_membership(network: Network) -> None:
    admin = network.users["court_admin"]
    with pytest.raises(FieldError) as caught:
        services.register_liaison(
            actor=admin, service_point=network.point, name="", kind="nonsense", phone="123"
        )
    assert set(caught.value.fields) == {"name", "kind", "phone"}
    assert caught.value.fields["phone"] == ["手机号码应为11位，实为3位"]
    user = network.users["outsider"]
    liaison = services.register_liaison(
        actor=admin,
        service_point=network.point,
        name="赵网格",
        kind=Liaison.Kind.GRID_WORKER,
        phone="+86 139-1234-5678",
        user=user,
    )
    assert liaison.phone == "13912345678"
    assert Membership.objects.filter(
        user=user, role="liaison", service_point=network.point
    ).exists()
    assert events_for(liaison).get().action == "network.liaison.register"


def test_taking_a_liaison_off_duty_revokes_their_access(network: Network) -> None:
    user = network.users["liaison"]
    assert client_for(user).get(f"/network/points/{network.point.pk}/").status_code == 200
    services.update_liaison(
        actor=network.users["court_admin"], liaison=network.liaison, changes={"active": False}
    )
    assert not Membership.objects.filter(user=user, active=True).exists()
    assert client_for(user).get(f"/network/points/{network.point.pk}/").status_code == 404


def test_api_error_shape_names_the_field(network: Network) -> None:
    response = client_for(network.users["court_admin"]).patch(
        f"/api/v1/network/service-points/{network.point.pk}/",
        data={"latitude": "99"},
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"] == {"latitude": ["纬度应在 3 至 54 之间。"]}


def test_edit_page_saves_through_the_service(network: Network) -> None:
    client = client_for(network.users["court_admin"])
    url = f"/network/points/{network.point.pk}/edit/"
    form = {
        "name": "甲村E+服务点",
        "kind": "village",
        "address": "甲村村委会",
        "longitude": "118.05",
        "latitude": "36.85",
        "paired_officer": "",
        "opened_on": "2024-01-01",
        "active": "on",
    }
    bad = client.post(url, {**form, "latitude": "80"})
    assert bad.status_code == 200 and "纬度应在 3 至 54 之间。" in bad.content.decode()
    assert client.post(url, form).status_code == 302
    network.point.refresh_from_db()
    assert network.point.name == "甲村E+服务点"
    assert events_for(network.point).count() == 1
