"""Changing one's password, and resetting it by an SMS code to the registered mobile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from fating.core.models import AuditEvent, OneTimeCode
from fating.testing import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "Another-Passw0rd!"
SENT = "如该手机号码已在本平台登记，验证码已发送，10 分钟内有效。"


@pytest.fixture(autouse=True)
def sms_file(tmp_path: Path, settings) -> Path:
    """The SMS sandbox (core.notify.FileSmsSender) writes here."""
    path = tmp_path / "sms.jsonl"
    settings.FATING_SMS_FILE = path
    cache.clear()  # the reset throttle counts in the cache
    return path


@pytest.fixture
def user():
    return UserFactory(username="wangfang", mobile="13912340000")


def signed_in(user) -> Client:
    client = Client()
    assert client.post("/login/", {"username": user.username, "password": PASSWORD}).status_code
    return client


def change(client: Client, old: str = PASSWORD, new1: str = NEW, new2: str = NEW):
    return client.post(
        "/password/change/", {"old_password": old, "new_password1": new1, "new_password2": new2}
    )


@pytest.fixture
def forgot(django_capture_on_commit_callbacks):
    """Ask for a reset code; the SMS leaves through the outbox once the transaction commits."""

    def ask(mobile: str, client: Client | None = None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or Client()).post("/password/forgot/", {"mobile": mobile}, **kwargs)

    return ask


def codes_sent(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r["mobile"], re.search(r"验证码 (\d{6})", r["text"]).group(1)) for r in lines]


# --- change ---------------------------------------------------------------------------------


def test_change_keeps_this_session_and_ends_the_others(user) -> None:
    here, elsewhere = signed_in(user), signed_in(user)
    response = change(here)
    assert response.status_code == 302 and response["Location"] == "/"
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302  # sent to the login page
    user.refresh_from_db()
    assert user.check_password(NEW)
    event = AuditEvent.objects.get(action="accounts.password.change")
    assert event.object_id == str(user.pk)


def test_change_needs_the_old_password(user) -> None:
    response = change(signed_in(user), old="wrong")
    assert response.status_code == 200
    assert "原密码不正确。" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("new1", "new2", "message"),
    [
        (NEW, NEW + "x", "两次输入的新密码不一致。"),
        ("12345678", "12345678", "这个密码太常见了。"),
        ("84920175", "84920175", "密码只包含数字。"),
    ],
)
def test_change_applies_djangos_validators(user, new1: str, new2: str, message: str) -> None:
    response = change(signed_in(user), new1=new1, new2=new2)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_change_page_needs_sign_in_and_is_linked_from_every_page(user) -> None:
    assert Client().get("/password/change/").status_code == 302
    html = signed_in(user).get("/").content.decode()
    assert 'href="/password/change/"' in html


# --- reset by SMS ---------------------------------------------------------------------------


def test_reset_by_sms_end_to_end(user, sms_file: Path, forgot) -> None:
    tokens = Client().post("/api/v1/auth/token/", {"username": "wangfang", "password": PASSWORD})
    token = tokens.json()["token"]
    client = Client()
    assert "忘记密码" in client.get("/login/").content.decode()
    response = forgot("13912340000", client, follow=True)
    assert SENT in response.content.decode()
    assert response.redirect_chain[-1][0] == "/password/reset/"
    [(mobile, code)] = codes_sent(sms_file)
    assert mobile == "13912340000"
    response = client.post(
        "/password/reset/",
        {"mobile": mobile, "code": code, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302 and response["Location"] == "/login/"
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    assert Client().post("/login/", {"username": mobile, "password": NEW}).status_code == 302
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"accounts.password.reset_code", "accounts.password.reset"} <= actions
    # A code works once.
    response = client.post(
        "/password/reset/",
        {"mobile": mobile, "code": code, "new_password1": NEW, "new_password2": NEW},
    )
    assert "验证码已过期或不存在，请重新获取。" in response.content.decode()


def test_an_unregistered_mobile_gets_the_same_answers(user, sms_file: Path, forgot) -> None:
    client = Client()
    answers = []
    for mobile in ("13912340000", "13700000000"):
        response = forgot(mobile, client, follow=True)
        answers.append((response.status_code, SENT in response.content.decode()))
    assert answers[0] == answers[1] == (200, True)
    assert [m for m, _code in codes_sent(sms_file)] == ["13912340000"]
    response = client.post(
        "/password/reset/",
        {"mobile": "13700000000", "code": "123456", "new_password1": NEW, "new_password2": NEW},
    )
    assert "验证码已过期或不存在，请重新获取。" in response.content.decode()


def test_a_wrong_code_is_refused_and_counted(user, sms_file: Path, forgot) -> None:
    forgot("13912340000")
    [(_mobile, code)] = codes_sent(sms_file)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    response = Client().post(
        "/password/reset/",
        {"mobile": "13912340000", "code": wrong, "new_password1": NEW, "new_password2": NEW},
    )
    assert "验证码不正确。" in response.content.decode()
    assert OneTimeCode.objects.get().attempts == 1
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_weak_new_password_does_not_spend_the_code(user, sms_file: Path, forgot) -> None:
    forgot("13912340000")
    [(_mobile, code)] = codes_sent(sms_file)
    response = Client().post(
        "/password/reset/",
        {
            "mobile": "13912340000",
            "code": code,
            "new_password1": "84920175",
            "new_password2": "84920175",
        },
    )
    assert "密码只包含数字。" in response.content.decode()
    assert OneTimeCode.objects.get().used_at is None


def test_asking_for_codes_is_throttled_alike_for_any_number(user, sms_file: Path, forgot) -> None:
    for mobile in ("13912340000", "13700000000"):
        statuses = [forgot(mobile, Client(REMOTE_ADDR=f"10.1.0.{n}")) for n in range(4)]
        assert [r.status_code for r in statuses] == [302, 302, 302, 429]
        assert "获取验证码过于频繁，请一小时后再试。" in statuses[-1].content.decode()
    assert len(codes_sent(sms_file)) == 3


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_reset_lifts_a_sign_in_lock(user, sms_file: Path, forgot) -> None:
    for _ in range(3):
        Client().post("/login/", {"username": "wangfang", "password": "wrong"})
    assert (
        Client().post("/login/", {"username": "wangfang", "password": PASSWORD}).status_code == 429
    )
    forgot("13912340000")
    [(_mobile, code)] = codes_sent(sms_file)
    Client().post(
        "/password/reset/",
        {"mobile": "13912340000", "code": code, "new_password1": NEW, "new_password2": NEW},
    )
    assert Client().post("/login/", {"username": "wangfang", "password": NEW}).status_code == 302


def test_a_malformed_mobile_is_named() -> None:
    response = Client().post("/password/forgot/", {"mobile": "12345"})
    assert "请输入 11 位手机号码。" in response.content.decode()
