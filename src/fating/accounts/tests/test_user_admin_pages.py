"""The court administrator's user pages, as a flow: from the home tile to creating a user, who
then signs in with the temporary password and must change it; granting, ending a grant,
resetting a password, deactivating. Plus the list's query count and its labels in Chinese."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fating.accounts.models import Membership, Role, User
from fating.core.models import AuditEvent
from fating.testing import Network, client_for, member

LABEL_TAGS = {"th", "dt", "label", "button", "h1", "h2", "option", "title"}


class _Labels(HTMLParser):
    """The text of headings, labels, buttons and options: what the page itself says."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in LABEL_TAGS and data.strip():
            self.texts.append(data.strip())


def english_labels(html: str) -> list[str]:
    parser = _Labels()
    parser.feed(html)
    return [t for t in parser.texts if re.search(r"[A-Za-z]{3,}", t)]


def test_admin_creates_a_user_who_must_change_the_password(network: Network) -> None:
    admin = client_for(network.users["court_admin"])
    home = admin.get("/").content.decode()
    assert 'href="/users/"' in home and "用户管理" in home
    form = admin.get("/users/new/")
    assert form.status_code == 200 and not english_labels(form.content.decode())
    assert network.other_point.name not in form.content.decode()  # pickers: my court only
    response = admin.post("/users/new/", {
        "full_name": "孙七", "mobile": "13712345678", "id_number": "",
        "role": Role.LIAISON, "place": f"service_point:{network.point.pk}",
        "idempotency_key": "create-sun-qi",
    })  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    password = re.search(r'<strong class="secret">([^<]+)</strong>', page).group(1)  # type: ignore[union-attr]
    user = User.objects.get(mobile="13712345678")
    # The form sent twice (a double click) creates one user and shows the same answer.
    again = admin.post("/users/new/", {
        "full_name": "孙七", "mobile": "13712345678", "id_number": "",
        "role": Role.LIAISON, "place": f"service_point:{network.point.pk}",
        "idempotency_key": "create-sun-qi",
    })  # fmt: skip
    assert again["Idempotent-Replayed"] == "true"
    assert User.objects.filter(mobile="13712345678").count() == 1

    listing = admin.get("/users/", {"q": "孙七"}).content.decode()
    assert f'href="/users/{user.pk}/"' in listing and "待修改临时密码" in listing
    assert not english_labels(listing)

    newcomer = Client()
    login = newcomer.post("/login/", {"username": "13712345678", "password": password})
    assert login.status_code == 302
    assert newcomer.get("/disputes/")["Location"] == "/password/change/"
    assert "临时密码" in newcomer.get("/password/change/").content.decode()
    changed = newcomer.post("/password/change/", {
        "old_password": password, "new_password1": "Sun-Qi-2026-pw", "new_password2": "Sun-Qi-2026-pw",
    })  # fmt: skip
    assert changed.status_code == 302
    assert newcomer.get("/").status_code == 200


def test_user_page_grants_ends_resets_and_deactivates(network: Network) -> None:
    admin = client_for(network.users["court_admin"])
    judge = network.users["judge"]
    page = admin.get(f"/users/{judge.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and not english_labels(html)
    assert network.tribunal.name in html and "停用账号" in html

    bad = admin.post(f"/users/{judge.pk}/grants/", {"role": Role.LIAISON, "place": ""})
    assert bad.status_code == 400 and "地点：请选择授予身份的地点。" in bad.content.decode()
    added = admin.post(
        f"/users/{judge.pk}/grants/", {"role": Role.CLERK, "place": f"court:{network.court.pk}"}
    )
    assert added.status_code == 302
    grant = Membership.objects.get(user=judge, role=Role.CLERK)
    ended = admin.post(f"/users/{judge.pk}/grants/{grant.pk}/end/", {"reason": "不再兼任"})
    assert ended.status_code == 302
    grant.refresh_from_db()
    assert not grant.active

    issued = admin.post(f"/users/{judge.pk}/password/", {"method": "temporary"})
    assert issued.status_code == 200 and 'class="secret"' in issued.content.decode()
    assert issued["Cache-Control"].startswith(("max-age=0", "private", "no-cache"))

    gone = admin.post(f"/users/{judge.pk}/deactivate/", {"reason": "调离"})
    assert gone.status_code == 302
    judge.refresh_from_db()
    assert not judge.is_active
    timeline = admin.get(f"/users/{judge.pk}/").content.decode()
    for label in ("授予身份", "结束身份", "签发临时密码", "停用账号"):
        assert label in timeline
    assert "不再兼任" in timeline and "调离" in timeline
    assert admin.post(f"/users/{judge.pk}/reactivate/").status_code == 302
    judge.refresh_from_db()
    assert judge.is_active


def test_cross_user_page_offers_only_this_courts_grants(network: Network) -> None:
    admin = client_for(network.users["court_admin"])
    cross = network.users["cross"]
    html = admin.get(f"/users/{cross.pk}/").content.decode()
    assert network.point.name in html
    assert network.other_tribunal.name not in html  # court B's grant is B's business
    assert "该用户在其他法院仍有身份" in html
    # Court B's administrator ends B's grant; court A's page does not show that event.
    other = client_for(network.users["other_admin"])
    b_grant = Membership.objects.get(user=cross, tribunal=network.other_tribunal)
    assert (
        other.post(
            f"/users/{cross.pk}/grants/{b_grant.pk}/end/", {"reason": "乙院调岗"}
        ).status_code
        == 302
    )
    assert AuditEvent.objects.filter(action="accounts.grant.end").exists()
    assert "乙院调岗" not in admin.get(f"/users/{cross.pk}/").content.decode()
    assert "乙院调岗" in other.get(f"/users/{cross.pk}/").content.decode()


def test_list_query_count_does_not_grow_with_the_page(network: Network) -> None:
    admin = client_for(network.users["court_admin"])
    admin.get("/users/")  # warm caches (session, scope)
    with CaptureQueriesContext(connection) as few:
        assert admin.get("/users/").status_code == 200
    for _ in range(12):
        u = member(Role.LIAISON, service_point=network.point)
        Membership.objects.create(user=u, role=Role.MEDIATOR, organisation=network.organisation)
    with CaptureQueriesContext(connection) as many:
        assert admin.get("/users/").status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_api_create_is_idempotent_and_shows_the_password_once(network: Network) -> None:
    admin = client_for(network.users["court_admin"])
    body = {"full_name": "周八", "mobile": "13612345678", "role": "judge",
            "place": f"tribunal:{network.tribunal.pk}"}  # fmt: skip
    first = admin.post("/api/v1/accounts/users/", body, content_type="application/json",
                       headers={"Idempotency-Key": "k-1"})  # fmt: skip
    assert first.status_code == 201
    data = first.json()
    assert data["temporary_password"] and data["must_change_password"] is True
    assert data["grants"][0]["place_type"] == "tribunal"
    replay = admin.post("/api/v1/accounts/users/", body, content_type="application/json",
                        headers={"Idempotency-Key": "k-1"})  # fmt: skip
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert User.objects.filter(mobile="13612345678").count() == 1
    detail = admin.get(f"/api/v1/accounts/users/{data['id']}/").json()
    assert "temporary_password" not in detail
    listing = admin.get("/api/v1/accounts/users/", {"role": "judge"}).json()
    assert data["id"] in [u["id"] for u in listing["results"]]


def test_api_schema_documents_the_user_endpoints(network: Network) -> None:
    schema = client_for(network.users["court_admin"]).get("/api/schema/?format=json").json()
    paths = schema["paths"]
    assert "/api/v1/accounts/users/" in paths
    post = paths["/api/v1/accounts/users/"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in post["parameters"])
    for suffix in ("grants/", "grants/{grant_pk}/end/", "deactivate/", "reactivate/", "password/"):
        assert f"/api/v1/accounts/users/{{id}}/{suffix}" in paths or (
            f"/api/v1/accounts/users/{{pk}}/{suffix}" in paths
        ), suffix
