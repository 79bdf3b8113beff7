"""API tokens (django-rest-knox): they expire, can be revoked, and die with a password change."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from knox.models import AuthToken

from fating.core.models import AuditEvent
from fating.testing import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="wangfang")


def obtain(username: str = "wangfang") -> dict:
    response = Client().post("/api/v1/auth/token/", {"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.content
    return response.json()


def me(token: str):
    return Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")


def test_a_token_is_issued_with_its_expiry_and_works(user) -> None:
    data = obtain()
    assert set(data) == {"token", "expiry"}
    assert me(data["token"]).status_code == 200
    record = AuthToken.objects.get(user=user)
    assert record.digest != data["token"]  # only a digest is stored
    assert timedelta(days=29, hours=23) < record.expiry - timezone.now() <= timedelta(days=30)
    assert AuditEvent.objects.filter(action="accounts.token.issue", object_id=str(user.pk)).exists()


@override_settings(FATING_TOKEN_TTL_DAYS=2)
def test_the_lifetime_is_a_setting(user) -> None:
    obtain()
    left = AuthToken.objects.get(user=user).expiry - timezone.now()
    assert timedelta(days=1, hours=23) < left <= timedelta(days=2)


def test_an_expired_token_is_refused(user) -> None:
    token = obtain()["token"]
    later = timezone.now() + timedelta(days=30, seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = me(token)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert not AuthToken.objects.filter(user=user).exists()


def test_a_token_is_good_the_day_before_it_expires(user) -> None:
    token = obtain()["token"]
    later = timezone.now() + timedelta(days=29)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert me(token).status_code == 200


def test_delete_revokes_the_callers_token_only(user) -> None:
    first, second = obtain()["token"], obtain()["token"]
    response = Client().delete("/api/v1/auth/token/", HTTP_AUTHORIZATION=f"Token {first}")
    assert response.status_code == 204
    assert me(first).status_code == 401
    assert me(second).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.token.revoke").count() == 1


def test_delete_without_a_token_is_401(user) -> None:
    response = Client().delete("/api/v1/auth/token/")
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_a_body_that_is_not_an_object_is_a_400_not_a_500() -> None:
    response = Client().post("/api/v1/auth/token/", "[]", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400 and response.json()["error"]["message"]


def test_a_password_change_revokes_every_token(user) -> None:
    token = obtain()["token"]
    client = Client()
    client.force_login(user)
    response = client.post(
        "/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Another-Passw0rd!",
            "new_password2": "Another-Passw0rd!",
        },
    )
    assert response.status_code == 302
    assert me(token).status_code == 401
    assert not AuthToken.objects.filter(user=user).exists()


def test_a_call_reads_the_presented_token_only_and_old_tokens_go_at_the_next_issue(user) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from knox.settings import CONSTANTS

    old, current = obtain()["token"], obtain()["token"]
    old_key = old[: CONSTANTS.TOKEN_KEY_LENGTH]
    AuthToken.objects.filter(token_key=old_key).update(expiry=timezone.now() - timedelta(days=1))
    with CaptureQueriesContext(connection) as queries:
        assert me(current).status_code == 200
    token_reads = [q["sql"] for q in queries if '"knox_authtoken"' in q["sql"]]
    assert len(token_reads) == 1 and '"token_key"' in token_reads[0].split("WHERE")[1]
    assert AuthToken.objects.filter(user=user).count() == 2  # the expired one is not read here
    assert me(old).status_code == 401  # never accepted, and deleted when presented
    assert AuthToken.objects.filter(user=user).count() == 1
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(days=1))
    obtain()
    assert AuthToken.objects.filter(user=user).count() == 1  # issuing removes the expired
