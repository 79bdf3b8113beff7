"""The court's page of letters of authority awaiting confirmation, the sign-up and representation
API, and a liaison signing a villager up at their point (现场核验)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.core.audit import AuditEvent
from fating.core.models import OutboxMessage
from fating.people import rules, selectors, services
from fating.people.models import Representation, SignUp
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db
VALID_ID = "11010519491231002X"
MOBILE = "13912345678"
PASSWORD = "Fating-Test-9"


@pytest.fixture(autouse=True)
def _media(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def _code(mobile: str) -> str:
    body = OutboxMessage.objects.filter(channel="sms", address=mobile).latest("pk").body
    found = re.search(r"\d{6}", body)
    assert found
    return found.group()


def _case(network: Network):  # type: ignore[no-untyped-def]
    from fating.cases.tests.factories import accepted_case

    case = accepted_case(network)
    case.filing.parties.filter(role="plaintiff").update(user=network.users["party"])
    return case


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("委托书.pdf", b"%PDF-1.4 letter", "application/pdf")


def test_court_page_lists_pending_letters_and_confirms(network: Network) -> None:
    case = _case(network)
    rep = services.propose_representation(actor=network.users["agent"], case_number=case.number,
                                          party_name="张三", scope="special",
                                          power_of_attorney=_letter())  # fmt: skip
    clerk = client_for(network.users["clerk"])
    page = clerk.get("/people/representations/court/").content.decode()
    assert case.number in page and "确认委托" in page
    assert clerk.get(f"/people/representations/{rep.pk}/letter/").status_code == 200
    outsider_page = client_for(network.users["other_admin"]).get("/people/representations/court/")
    assert case.number not in outsider_page.content.decode()
    response = clerk.post(f"/people/representations/{rep.pk}/decide/",
                          {"decision": "confirm", "back": "court"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/people/representations/court/"
    rep.refresh_from_db()
    assert rep.status == "confirmed" and rep.decided_by == network.users["clerk"]
    assert case.number not in clerk.get("/people/representations/court/").content.decode()


def test_home_links_reach_the_court_page(network: Network) -> None:
    for persona in ("judge", "clerk"):
        home = client_for(network.users[persona]).get("/").content.decode()
        assert "/people/representations/court/" in home and "/contact/" in home


def test_api_signup_start_and_complete(network: Network) -> None:
    client = client_for(None)
    response = client.post("/api/v1/people/signup/", {"full_name": "王五", "mobile": MOBILE,
                                                      "id_number": VALID_ID}, content_type="application/json")  # fmt: skip
    assert response.status_code == 201, response.content
    token = response.json()["token"]
    bad = client.post("/api/v1/people/signup/complete/", {"token": token + "x", "code": "1",
                      "password1": PASSWORD, "password2": PASSWORD}, content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "token" in bad.json()["error"]["fields"]
    done = client.post("/api/v1/people/signup/complete/", {"token": token, "code": _code(MOBILE),
                       "password1": PASSWORD, "password2": PASSWORD}, content_type="application/json")  # fmt: skip
    assert done.status_code == 201 and done.json()["real_name"] == rules.SMS
    again = client.post("/api/v1/people/signup/complete/", {"token": token, "code": _code(MOBILE),
                        "password1": PASSWORD, "password2": PASSWORD}, content_type="application/json")  # fmt: skip
    assert again.status_code == 404


def test_api_signup_is_throttled_like_the_page(network: Network) -> None:
    client = client_for(None)
    statuses = [
        client.post(
            "/api/v1/people/signup/",
            {"full_name": "王五", "mobile": MOBILE, "id_number": VALID_ID},
            content_type="application/json",
        ).status_code
        for _ in range(rules.CODES_PER_MOBILE + 1)
    ]
    assert statuses == [201] * rules.CODES_PER_MOBILE + [429]


@pytest.mark.parametrize("body", [
    {"full_name": "", "mobile": MOBILE, "id_number": VALID_ID},
    {"full_name": "王五", "mobile": "123", "id_number": VALID_ID},
    {"full_name": "王五", "mobile": MOBILE, "id_number": "110105194912310021"},
    {"full_name": ["王五"], "mobile": {"a": 1}, "id_number": None},
])  # fmt: skip
def test_api_signup_hostile_input(network: Network, body: dict) -> None:
    response = client_for(None).post(
        "/api/v1/people/signup/", body, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["error"]["fields"]
    assert not SignUp.objects.exists()


def test_liaison_signs_a_villager_up_in_person(network: Network) -> None:
    liaison = client_for(network.users["liaison"])
    response = liaison.post("/people/assisted/", {"full_name": "李大爷", "mobile": MOBILE,
                                                  "id_number": VALID_ID, "service_point": network.point.pk,
                                                  "checked": "on"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/people/assisted/code/"
    # another liaison cannot finish it
    other = client_for(network.users["cross"])
    assert other.get("/people/assisted/code/").status_code == 404
    response = liaison.post("/people/assisted/code/", {"code": _code(MOBILE), "password1": PASSWORD,
                                                       "password2": PASSWORD})  # fmt: skip
    assert response.status_code == 302
    signup = SignUp.objects.get()
    user = signup.user
    assert user is not None and user.check_password(PASSWORD)
    assert selectors.status_of(user) == rules.IN_PERSON
    assert user.real_name.verified_by == network.users["liaison"]
    assert user.real_name.service_point == network.point
    assert list(AuditEvent.objects.filter(action__startswith="people.signup").values_list("action", flat=True)) == [
        "people.signup.assist", "people.signup.complete_assisted"]  # fmt: skip
    # the liaison stays signed in as themselves
    assert liaison.get("/people/assisted/").status_code == 200


def test_liaison_may_not_sign_up_at_another_point(network: Network) -> None:
    response = client_for(network.users["liaison"]).post(
        "/api/v1/people/assisted-signups/",
        {
            "full_name": "李大爷",
            "mobile": MOBILE,
            "id_number": VALID_ID,
            "service_point": network.other_point.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 403 and not SignUp.objects.exists()


def test_api_assisted_signup(network: Network) -> None:
    liaison = client_for(network.users["liaison"])
    body = {
        "full_name": "李大爷",
        "mobile": MOBILE,
        "id_number": VALID_ID,
        "service_point": network.point.pk,
    }
    first = liaison.post("/api/v1/people/assisted-signups/", body, content_type="application/json",
                         HTTP_IDEMPOTENCY_KEY="a-1")  # fmt: skip
    again = liaison.post("/api/v1/people/assisted-signups/", body, content_type="application/json",
                         HTTP_IDEMPOTENCY_KEY="a-1")  # fmt: skip
    assert (first.status_code, again.status_code) == (201, 201) and SignUp.objects.count() == 1
    token = first.json()["token"]
    by_party = client_for(network.users["party"]).post("/api/v1/people/assisted-signups/complete/", {
        "token": token, "code": _code(MOBILE), "password1": PASSWORD, "password2": PASSWORD},
        content_type="application/json")  # fmt: skip
    assert by_party.status_code == 403
    anonymous = client_for(None).post("/api/v1/people/signup/complete/", {
        "token": token, "code": _code(MOBILE), "password1": PASSWORD, "password2": PASSWORD},
        content_type="application/json")  # fmt: skip
    assert anonymous.status_code == 404  # an assisted sign-up is finished by its liaison only
    done = liaison.post("/api/v1/people/assisted-signups/complete/", {
        "token": token, "code": _code(MOBILE), "password1": PASSWORD, "password2": PASSWORD},
        content_type="application/json")  # fmt: skip
    assert done.status_code == 201 and done.json()["real_name"] == rules.IN_PERSON


def test_api_representation_propose_decide_revoke(network: Network) -> None:
    case = _case(network)
    agent = client_for(network.users["agent"])
    body = {"case_number": case.number, "party_name": "张三", "scope": "general"}
    first = agent.post("/api/v1/people/representations/", {**body, "power_of_attorney": _letter()},
                       HTTP_IDEMPOTENCY_KEY="r-1")  # fmt: skip
    assert first.status_code == 201, first.content
    rep_id = first.json()["id"]
    bad = agent.post("/api/v1/people/representations/", {**body, "scope": "everything"})
    assert bad.status_code == 400 and "scope" in bad.json()["error"]["fields"]
    assert Representation.objects.count() == 1
    pending = (
        client_for(network.users["judge"]).get("/api/v1/people/representations/?pending=1").json()
    )
    assert [r["id"] for r in pending] == [rep_id]
    hostile = client_for(network.users["judge"]).post(f"/api/v1/people/representations/{rep_id}/decide/",
                                                      {"confirm": "yes"}, content_type="application/json")  # fmt: skip
    assert hostile.status_code == 400
    ok = client_for(network.users["judge"]).post(f"/api/v1/people/representations/{rep_id}/decide/",
                                                 {"confirm": False}, content_type="application/json")  # fmt: skip
    assert ok.status_code == 200 and ok.json()["status"] == "refused"
    again = client_for(network.users["judge"]).post(f"/api/v1/people/representations/{rep_id}/revoke/",
                                                    content_type="application/json")  # fmt: skip
    assert again.status_code == 409
