"""Signing in by username or mobile, throttling, logout, and a home page per role."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from fating.accounts.models import Role
from fating.testing import PASSWORD, Network, UserFactory, client_for

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = PASSWORD):
    return client.post("/login/", {"username": username, "password": password})


def test_login_by_username_and_by_mobile() -> None:
    user = UserFactory(username="wangfang", mobile="13912340000")
    response = _login(Client(), "wangfang")
    assert response.status_code == 302 and response["Location"] == "/"
    response = _login(Client(), "13912340000")
    assert response.status_code == 302
    assert Client().login(username="13912340000", password=PASSWORD)
    assert user.check_password(PASSWORD)


def test_wrong_password_gets_a_chinese_error() -> None:
    UserFactory(username="wangfang")
    response = _login(Client(), "wangfang", "wrong")
    assert response.status_code == 200
    assert "用户名（或手机号码）或密码不正确。" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_is_throttled_after_repeated_failures() -> None:
    UserFactory(username="wangfang")
    client = Client()
    for _ in range(3):
        _login(client, "wangfang", "wrong")
    response = _login(client, "wangfang")  # even the right password is refused while locked
    assert response.status_code == 429
    assert "登录失败次数过多，请 15 分钟后再试。" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_token_endpoint_shares_the_throttle() -> None:
    UserFactory(username="wangfang")
    client = Client()
    for _ in range(2):
        client.post("/api/v1/auth/token/", {"username": "wangfang", "password": "bad"})
    _login(client, "wangfang", "bad")  # the page and the API count together
    response = client.post("/api/v1/auth/token/", {"username": "wangfang", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["error"] == {
        "status": 429,
        "code": "throttled",
        "message": "登录失败次数过多，请 15 分钟后再试。",
        "fields": {},
    }


def test_token_authenticates_the_api() -> None:
    UserFactory(username="wangfang")
    token = (
        Client()
        .post("/api/v1/auth/token/", {"username": "wangfang", "password": PASSWORD})
        .json()["token"]
    )
    response = Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert response.json()["username"] == "wangfang"


def test_missing_fields_are_named() -> None:
    response = Client().post("/api/v1/auth/token/", {"username": "", "password": ""})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"username": ["请输入用户名或手机号码。"]}


def test_open_redirect_is_refused() -> None:
    UserFactory(username="wangfang")
    response = Client().post(
        "/login/?next=https://evil.example/", {"username": "wangfang", "password": PASSWORD}
    )
    assert response["Location"] == "/"


def test_logout_requires_post_and_ends_the_session(network: Network) -> None:
    client = client_for(network.users["judge"])
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    ("persona", "role_label", "link"),
    [
        ("court_admin", "法院管理员", "/network/liaisons/"),
        ("judge", "法官", "/network/mediators/"),
        ("clerk", "法官助理/书记员", "/network/points/"),
        ("liaison", "便民联络员", "/network/map/"),
        ("mediator", "调解员", "/network/organisations/"),
        ("governance", "综治干部", "/network/map/"),
        ("party", "当事人", "/network/points/"),
        ("agent", "代理人/律师", "/network/mediators/"),
    ],
)
def test_home_page_per_role(network: Network, persona: str, role_label: str, link: str) -> None:
    html = client_for(network.users[persona]).get("/").content.decode()
    assert f"当前身份：{role_label}" in html
    assert f'href="{link}"' in html


def test_user_without_role_is_told_so(network: Network) -> None:
    html = client_for(network.users["outsider"]).get("/").content.decode()
    assert "尚未分配角色" in html


def test_me_lists_memberships(network: Network) -> None:
    data = client_for(network.users["liaison"]).get("/api/v1/me/").json()
    assert data["primary_role"] == Role.LIAISON
    assert data["memberships"][0]["place"] == "甲村服务点"
