"""User administration services: each action, its audit event, its guard rails."""

from __future__ import annotations

import pytest
from django.test import Client
from knox.models import AuthToken

from fating.accounts import rules, services_users
from fating.accounts.models import Membership, Role, User
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.models import AuditEvent, OneTimeCode
from fating.testing import PASSWORD, Network, UserFactory, client_for, member

VALID_ID = "11010519491231002X"


def last_event(action: str) -> AuditEvent:
    event = AuditEvent.objects.filter(action=action).order_by("-seq").first()
    assert event is not None, action
    return event


def test_rules_place_kinds_and_temporary_passwords() -> None:
    assert rules.is_grantable("judge", "tribunal")
    assert rules.is_grantable("judge", "court")
    assert not rules.is_grantable("liaison", "court")
    assert not rules.is_grantable("party", "court")
    passwords = {rules.temporary_password() for _ in range(50)}
    assert len(passwords) == 50
    for p in passwords:
        assert len(p) == rules.TEMPORARY_PASSWORD_LENGTH
        assert any(c.isdigit() for c in p) and any(c.islower() for c in p)
        assert any(c.isupper() for c in p) and not set(p) & set("0O1lI")


def test_create_user_with_a_grant_and_a_temporary_password(network: Network) -> None:
    admin = network.users["court_admin"]
    user, password = services_users.create_user(
        actor=admin, full_name="赵六", mobile="139 1234 5678", id_number=VALID_ID.lower(),
        role=Role.LIAISON, place=network.point,
    )  # fmt: skip
    assert user.username == user.mobile == "13912345678"
    assert user.id_number == VALID_ID
    assert user.must_change_password and user.check_password(password)
    grant = Membership.objects.get(user=user)
    assert (grant.role, grant.service_point, grant.active) == (Role.LIAISON, network.point, True)
    event = last_event("accounts.user.create")
    assert event.actor == admin and event.object_id == str(user.pk)
    assert event.after["court"] == network.court.pk and password not in str(event.after)


def test_create_user_names_each_bad_field_in_chinese(network: Network) -> None:
    admin = network.users["court_admin"]
    existing = network.users["judge"].mobile
    with pytest.raises(FieldError) as exc:
        services_users.create_user(
            actor=admin, full_name="", mobile=existing, id_number="110105194912310021",
            role="party", place=network.point,
        )  # fmt: skip
    fields = exc.value.fields
    assert fields["full_name"] == ["请输入姓名。"]
    assert fields["mobile"] == ["该手机号码已被其他账号使用。"]
    assert fields["id_number"] == ["公民身份号码校验位错误"]
    assert fields["role"] == ["请选择可授予的角色。"]
    with pytest.raises(FieldError) as exc:
        services_users.create_user(
            actor=admin, full_name="赵六", mobile="12345", role=Role.LIAISON, place=network.court
        )
    assert exc.value.fields["mobile"] == ["手机号码应为11位，实为5位"]
    assert exc.value.fields["place"] == ["“便民联络员”只能在服务点授予。"]
    assert not User.objects.filter(full_name="赵六").exists()


def test_no_grant_outside_the_admins_court(network: Network) -> None:
    with pytest.raises(FieldError) as exc:
        services_users.create_user(
            actor=network.users["court_admin"], full_name="赵六", mobile="13912345678",
            role=Role.LIAISON, place=network.other_point,
        )  # fmt: skip
    assert exc.value.fields == {"place": ["所选地点不在您管理的法院内。"]}
    with pytest.raises(FieldError):
        services_users.add_grant(
            actor=network.users["court_admin"], user=network.users["judge"],
            role=Role.COURT_ADMIN, place=network.other_court,
        )  # fmt: skip


def test_add_grant_and_no_duplicate(network: Network) -> None:
    admin = network.users["court_admin"]
    judge = network.users["judge"]
    grant = services_users.add_grant(actor=admin, user=judge, role=Role.CLERK, place=network.court)
    assert grant.court == network.court and grant.active
    assert last_event("accounts.grant.add").after["role"] == Role.CLERK
    with pytest.raises(FieldError) as exc:
        services_users.add_grant(actor=admin, user=judge, role=Role.CLERK, place=network.court)
    assert exc.value.fields == {"role": ["该用户在此处已拥有该身份。"]}
    # An admin cannot make themselves court admin twice either.
    with pytest.raises(FieldError):
        services_users.add_grant(
            actor=admin, user=admin, role=Role.COURT_ADMIN, place=network.court
        )


def test_end_grant_revokes_tokens_and_sessions(network: Network) -> None:
    admin = network.users["court_admin"]
    judge = network.users["judge"]
    browser = client_for(judge)
    assert browser.get("/").status_code == 200
    token, _secret = AuthToken.objects.create(user=judge)
    grant = Membership.objects.get(user=judge)
    with pytest.raises(FieldError) as exc:
        services_users.end_grant(actor=admin, grant=grant, reason=" ")
    assert exc.value.fields == {"reason": ["请填写结束身份的原因。"]}
    services_users.end_grant(actor=admin, grant=grant, reason="调离本院")
    grant.refresh_from_db()
    assert not grant.active
    assert not AuthToken.objects.filter(pk=token.pk).exists()
    assert browser.get("/").status_code == 302  # the session ended
    event = last_event("accounts.grant.end")
    assert event.after["note"] == "调离本院" and event.after["tokens_revoked"] == 1
    # Restoring the grant reuses the row.
    again = services_users.add_grant(
        actor=admin, user=judge, role=Role.JUDGE, place=network.tribunal
    )
    assert again.pk == grant.pk and again.active


def test_the_court_keeps_one_admin(network: Network) -> None:
    admin = network.users["court_admin"]
    own = Membership.objects.get(user=admin)
    with pytest.raises(NotPermitted, match="至少要保留一名法院管理员"):
        services_users.end_grant(actor=admin, grant=own, reason="交接")
    second = member(Role.COURT_ADMIN, court=network.court)
    services_users.end_grant(actor=second, grant=own, reason="交接")
    with pytest.raises(NotPermitted):
        services_users.deactivate_user(actor=admin, user=second, reason="离职")


def test_other_courts_and_superusers_are_out_of_reach(network: Network) -> None:
    admin = network.users["court_admin"]
    with pytest.raises(NotVisible):
        services_users.issue_temporary_password(actor=admin, user=network.users["other_admin"])
    boss = UserFactory(is_superuser=True)
    Membership.objects.create(user=boss, role=Role.JUDGE, court=network.court)
    with pytest.raises(NotPermitted):
        services_users.issue_temporary_password(actor=admin, user=boss)
    with pytest.raises(NotPermitted):
        services_users.end_grant(actor=admin, grant=boss.memberships.get(), reason="x")


def test_cross_court_person_is_managed_per_court(network: Network) -> None:
    admin = network.users["court_admin"]
    cross = network.users["cross"]
    with pytest.raises(NotPermitted, match="其他法院仍有身份"):
        services_users.deactivate_user(actor=admin, user=cross, reason="离职")
    liaison_grant = Membership.objects.get(user=cross, service_point=network.point)
    clerk_grant = Membership.objects.get(user=cross, tribunal=network.other_tribunal)
    with pytest.raises(NotVisible):
        services_users.end_grant(actor=admin, grant=clerk_grant, reason="x")
    services_users.end_grant(actor=admin, grant=liaison_grant, reason="不再担任联络员")
    clerk_grant.refresh_from_db()
    assert clerk_grant.active
    # Still this court's to see (it held a grant here), still not this court's to deactivate.
    with pytest.raises(NotPermitted):
        services_users.deactivate_user(actor=admin, user=cross, reason="离职")


def test_deactivate_and_reactivate(network: Network) -> None:
    admin = network.users["court_admin"]
    clerk = network.users["clerk"]
    AuthToken.objects.create(user=clerk)
    with pytest.raises(NotPermitted, match="不能停用自己的账号"):
        services_users.deactivate_user(actor=admin, user=admin, reason="x")
    services_users.deactivate_user(actor=admin, user=clerk, reason="离职")
    clerk.refresh_from_db()
    assert not clerk.is_active and not AuthToken.objects.filter(user=clerk).exists()
    assert last_event("accounts.user.deactivate").after["note"] == "离职"
    assert not Client().login(username=clerk.username, password=PASSWORD)
    services_users.reactivate_user(actor=admin, user=clerk)
    clerk.refresh_from_db()
    assert clerk.is_active and last_event("accounts.user.reactivate").actor == admin


def test_temporary_password_forces_a_change(network: Network) -> None:
    admin = network.users["court_admin"]
    mediator = network.users["mediator"]
    AuthToken.objects.create(user=mediator)
    password = services_users.issue_temporary_password(actor=admin, user=mediator)
    mediator.refresh_from_db()
    assert mediator.must_change_password and mediator.check_password(password)
    assert not AuthToken.objects.filter(user=mediator).exists()
    assert last_event("accounts.password.temporary").after["tokens_revoked"] == 1
    browser = Client()
    browser.force_login(mediator)
    response = browser.get("/disputes/")
    assert response.status_code == 302 and response["Location"] == "/password/change/"
    token = browser.post(
        "/api/v1/auth/token/", {"username": mediator.username, "password": password},
        content_type="application/json",
    )  # fmt: skip
    assert token.status_code == 403
    changed = browser.post("/password/change/", {
        "old_password": password, "new_password1": "Brand-New-Passw0rd!",
        "new_password2": "Brand-New-Passw0rd!",
    })  # fmt: skip
    assert changed.status_code == 302
    mediator.refresh_from_db()
    assert not mediator.must_change_password
    assert browser.get("/disputes/").status_code == 200


def test_sms_reset_code_reuses_the_self_service_reset(network: Network) -> None:
    admin = network.users["court_admin"]
    liaison = network.users["liaison"]
    services_users.send_password_reset_code(actor=admin, user=liaison)
    assert OneTimeCode.objects.filter(mobile=liaison.mobile).count() == 1
    assert last_event("accounts.password.reset_code").actor == admin
    User.objects.filter(pk=liaison.pk).update(mobile=None)
    liaison.refresh_from_db()
    with pytest.raises(FieldError) as exc:
        services_users.send_password_reset_code(actor=admin, user=liaison)
    assert exc.value.fields == {"mobile": ["该用户没有登记手机号码，请改用临时密码。"]}


def test_non_admins_manage_nobody(network: Network) -> None:
    for persona in ("judge", "clerk", "liaison", "governance", "party", "cross", "outsider"):
        with pytest.raises(NotVisible):
            services_users.issue_temporary_password(
                actor=network.users[persona], user=network.users["mediator"]
            )


def test_a_superuser_manages_every_court_but_not_other_superusers(network: Network) -> None:
    root = UserFactory(is_superuser=True)
    other = network.users["other_admin"]
    password = services_users.issue_temporary_password(actor=root, user=other)
    other.refresh_from_db()
    assert other.check_password(password)
    services_users.add_grant(actor=root, user=other, role=Role.JUDGE, place=network.tribunal)
    peer = UserFactory(is_superuser=True)
    Membership.objects.create(user=peer, role=Role.JUDGE, court=network.court)
    with pytest.raises(NotPermitted):
        services_users.deactivate_user(actor=root, user=peer, reason="x")
