"""Network services at their edges: every refusal names its field in Chinese, nothing is half
written, and a liaison's access follows their post (issue 13: thin apps' tests)."""

from __future__ import annotations

import pytest

from fating.accounts.models import Membership, Role
from fating.core.audit import events_for
from fating.core.exceptions import FieldError, NotPermitted
from fating.network import services
from fating.network.models import Liaison, ServicePoint
from fating.testing import Network, ServicePointFactory, UserFactory

pytestmark = pytest.mark.django_db


def _point_fields(network: Network, changes: dict) -> dict[str, list[str]]:
    with pytest.raises(FieldError) as caught:
        services.update_service_point(
            actor=network.users["court_admin"], point=network.point, changes=changes
        )
    return caught.value.fields


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        (
            {"tribunal": 1, "areas": []},
            {"areas": ["该字段不可修改。"], "tribunal": ["该字段不可修改。"]},
        ),
        ({"name": "   "}, {"name": ["名称不能为空。"]}),
        ({"kind": "castle"}, {"kind": ["服务点类型无效。"]}),
        ({"latitude": "北纬三十六度"}, {"latitude": ["纬度必须是数字。"]}),
        ({"latitude": "60"}, {"latitude": ["纬度应在 3 至 54 之间。"]}),
        ({"opened_on": "2026-13-01"}, {"opened_on": ["启用日期格式无效。"]}),
    ],
)
def test_bad_point_changes_name_the_field_and_change_nothing(
    network: Network, changes: dict, fields: dict
) -> None:
    assert _point_fields(network, changes) == fields
    network.point.refresh_from_db()
    assert network.point.name == "甲村服务点"
    assert not events_for(network.point).exists()


def test_an_unchanged_value_is_not_recorded_as_a_change(network: Network) -> None:
    services.update_service_point(
        actor=network.users["court_admin"],
        point=network.point,
        changes={"name": "甲村服务点", "address": "村委会一楼"},
    )
    event = events_for(network.point).get()
    assert event.before == {"address": network.point.address}
    assert event.after == {"address": "村委会一楼"}


def test_the_other_courts_admin_may_not_touch_this_point(network: Network) -> None:
    with pytest.raises(NotPermitted):
        services.update_service_point(
            actor=network.users["other_admin"], point=network.point, changes={"name": "x"}
        )


def test_register_liaison_names_every_bad_field_at_once(network: Network) -> None:
    with pytest.raises(FieldError) as caught:
        services.register_liaison(
            actor=network.users["court_admin"], service_point=network.point, name=" ",
            kind="elder", phone="123",
        )  # fmt: skip
    assert set(caught.value.fields) == {"name", "kind", "phone"}
    assert caught.value.fields["name"] == ["姓名不能为空。"]
    assert Liaison.objects.filter(service_point=network.point).count() == 1


def test_register_liaison_is_for_the_points_own_court(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有本院管理员可以登记联络员"):
        services.register_liaison(
            actor=network.users["other_admin"], service_point=network.point, name="赵联络",
            kind=Liaison.Kind.GRID_WORKER,
        )  # fmt: skip


def test_register_liaison_without_an_account_grants_nothing(network: Network) -> None:
    liaison = services.register_liaison(
        actor=network.users["court_admin"], service_point=network.point, name=" 赵联络 ",
        kind=Liaison.Kind.GRID_WORKER,
    )  # fmt: skip
    assert liaison.name == "赵联络" and liaison.phone == ""
    event = events_for(liaison).get()
    assert event.action == "network.liaison.register"
    assert event.after["name"] == "赵联络"
    assert event.after["service_point_id"] == network.point.pk


def _liaison_with_account(network: Network) -> tuple[Liaison, object]:
    user = UserFactory(username="liaison-zhao")
    liaison = services.register_liaison(
        actor=network.users["court_admin"], service_point=network.point, name="赵联络",
        kind=Liaison.Kind.GRID_WORKER, user=user,
    )  # fmt: skip
    return liaison, user


def test_moving_a_liaison_moves_their_grant(network: Network) -> None:
    liaison, user = _liaison_with_account(network)
    new_point = ServicePointFactory(tribunal=network.tribunal, name="丙村服务点")
    services.update_liaison(
        actor=network.users["court_admin"], liaison=liaison, changes={"service_point": new_point}
    )
    active = Membership.objects.filter(user=user, role=Role.LIAISON, active=True)
    assert list(active.values_list("service_point", flat=True)) == [new_point.pk]
    event = events_for(liaison).filter(action="network.liaison.update").get()
    assert event.before == {"service_point_id": network.point.pk}
    # the account rides along so the live chat re-checks this person's rooms
    assert event.after == {"service_point_id": new_point.pk, "user": user.pk}


def test_back_on_duty_restores_the_grant(network: Network) -> None:
    liaison, user = _liaison_with_account(network)
    admin = network.users["court_admin"]
    services.update_liaison(actor=admin, liaison=liaison, changes={"active": False})
    assert not Membership.objects.filter(user=user, active=True).exists()
    services.update_liaison(actor=admin, liaison=liaison, changes={"active": True})
    assert Membership.objects.filter(user=user, role=Role.LIAISON, active=True).count() == 1


def test_a_liaison_cannot_be_moved_to_another_court(network: Network) -> None:
    with pytest.raises(FieldError) as caught:
        services.update_liaison(
            actor=network.users["court_admin"],
            liaison=network.liaison,
            changes={"service_point": network.other_point},
        )
    assert caught.value.fields == {"service_point": ["只能调往本院的服务点。"]}
    network.liaison.refresh_from_db()
    assert network.liaison.service_point == network.point


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"kind": "elder"}, "kind"),
        ({"phone": "12345"}, "phone"),
        ({"user": None}, "user"),
    ],
)
def test_bad_liaison_changes_name_the_field(network: Network, changes: dict, field: str) -> None:
    with pytest.raises(FieldError) as caught:
        services.update_liaison(
            actor=network.users["court_admin"], liaison=network.liaison, changes=changes
        )
    assert list(caught.value.fields) == [field]
    assert not events_for(network.liaison).exists()


def test_only_the_court_admin_updates_a_liaison(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有本院管理员可以修改联络员"):
        services.update_liaison(
            actor=network.users["judge"], liaison=network.liaison, changes={"name": "x"}
        )


def test_a_blank_phone_clears_it(network: Network) -> None:
    services.update_liaison(
        actor=network.users["court_admin"], liaison=network.liaison, changes={"phone": ""}
    )
    network.liaison.refresh_from_db()
    assert network.liaison.phone == ""
    assert ServicePoint.objects.get(pk=network.point.pk).liaisons.count() == 1
