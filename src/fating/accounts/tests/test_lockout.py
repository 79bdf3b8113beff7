"""Login throttling (django-axes): per (address, account) and per account, never per address.

The probes of issue 11 §4: made-up names from one address lock no one out; a username and a
mobile number are one account; X-Forwarded-For counts only when a trusted proxy sent it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.utils import timezone

from fating.accounts.lockout import UNKNOWN_PREFIX
from fating.testing import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "登录失败次数过多，请 15 分钟后再试。"
WRONG = "用户名（或手机号码）或密码不正确。"


@pytest.fixture
def judge():
    return UserFactory(username="judge_li", mobile="13900001111")


def page_login(login: str, password: str, *, address: str = "10.0.0.1", **headers: str):
    return Client(REMOTE_ADDR=address, **headers).post(
        "/login/", {"username": login, "password": password}
    )


def api_login(login: str, password: str, *, address: str = "10.0.0.1", **headers: str):
    return Client(REMOTE_ADDR=address, **headers).post(
        "/api/v1/auth/token/", {"username": login, "password": password}
    )


def test_made_up_names_from_one_address_do_not_lock_out_the_judge(judge) -> None:
    for n in range(25):
        response = page_login(f"nobody{n}", "guess")
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    response = page_login("judge_li", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert api_login("judge_li", PASSWORD).status_code == 200


def test_made_up_names_are_counted_per_address_and_name(judge) -> None:
    for _ in range(5):
        page_login("nobody", "guess")
    assert AccessAttempt.objects.get().username == f"{UNKNOWN_PREFIX}nobody"
    assert LOCKED in page_login("nobody", "guess").content.decode()
    # The same name from another address is a fresh count; a real account is untouched.
    assert WRONG in page_login("nobody", "guess", address="10.0.0.2").content.decode()
    assert page_login("judge_li", PASSWORD).status_code == 302


def test_username_and_mobile_count_as_one_account(judge) -> None:
    for _ in range(3):
        page_login("judge_li", "wrong")
    for _ in range(2):
        api_login("13900001111", "wrong")
    assert AccessAttempt.objects.get().username == "judge_li"
    # Locked at this address however the account is named, by page and by API.
    response = page_login("13900001111", PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert api_login("judge_li", PASSWORD).status_code == 429
    # The judge signs in from another address all the same.
    assert page_login("judge_li", PASSWORD, address="10.0.0.2").status_code == 302


@override_settings(LOGIN_ACCOUNT_MAX_FAILURES=10)
def test_ten_failures_by_username_then_mobile_lock_the_account(judge) -> None:
    for _ in range(5):
        page_login("judge_li", "wrong", address="10.0.0.1")
    for _ in range(5):
        api_login("13900001111", "wrong", address="10.0.0.2")
    # A third address never failed, but the account has: 5 + 5 by its two names.
    response = page_login("judge_li", PASSWORD, address="10.0.0.3")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert api_login("13900001111", PASSWORD, address="10.0.0.3").status_code == 429


@override_settings(LOGIN_ACCOUNT_MAX_FAILURES=10)
def test_a_flood_from_one_address_never_locks_the_account_elsewhere(judge) -> None:
    other = UserFactory(username="clerk_wang")
    for _ in range(40):
        page_login("judge_li", "wrong", address="10.0.0.66")
    assert page_login("judge_li", PASSWORD, address="10.0.0.66").status_code == 429
    # Refused attempts are not counted: the lock ends 15 minutes after the fifth failure.
    assert AccessAttempt.objects.get().failures_since_start == 5
    assert page_login("judge_li", PASSWORD, address="10.0.0.2").status_code == 302
    assert page_login(other.username, PASSWORD, address="10.0.0.66").status_code == 302


def test_a_right_password_clears_the_count_for_that_address(judge) -> None:
    for _ in range(4):
        page_login("judge_li", "wrong")
    assert page_login("judge_li", PASSWORD).status_code == 302
    for _ in range(4):
        page_login("judge_li", "wrong")
    assert page_login("judge_li", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(judge) -> None:
    for _ in range(5):
        page_login("judge_li", "wrong")
    assert page_login("judge_li", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert page_login("judge_li", PASSWORD).status_code == 302


def test_forwarded_for_is_ignored_from_an_untrusted_peer(judge) -> None:
    for n in range(5):
        page_login("judge_li", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    # Changing the header does not escape the lock: the peer's own address is the client.
    response = page_login("judge_li", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "10.0.0.1"


@override_settings(FATING_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_forwarded_for_names_the_client_behind_a_trusted_proxy(judge) -> None:
    for _ in range(5):
        page_login("judge_li", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert page_login("judge_li", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Another person behind the same proxy is not locked out of the judge's account.
    response = page_login("judge_li", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
