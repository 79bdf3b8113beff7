"""Sign-up on a phone (ID number checked, SMS code, throttled), in-person verification by a
liaison at their point, the real-name status shown to the court; an audit event at each step."""

from __future__ import annotations

import re

import pytest

from fating.accounts.models import Role
from fating.accounts.services import TooManyRequests
from fating.core.audit import AuditEvent
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.models import OutboxMessage
from fating.people import rules, selectors, services
from fating.people.models import SignUp
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db
VALID_ID = "11010519491231002X"  # LEGAL-RULES F test vector
MOBILE = "13912345678"


def _code(signup: SignUp) -> str:
    body = OutboxMessage.objects.filter(channel="sms", address=signup.mobile).latest("pk").body
    found = re.search(r"\d{6}", body)
    assert found
    return found.group()


def test_rules_only_go_up() -> None:
    assert rules.raised(rules.UNVERIFIED, rules.SMS) == rules.SMS
    assert rules.raised(rules.IN_PERSON, rules.SMS) == rules.IN_PERSON


def test_signup_with_sms_code(network: Network) -> None:
    with pytest.raises(FieldError) as caught:
        services.start_signup(full_name="", mobile="123", id_number="110105194912310021",
                              address="1.1.1.1")  # fmt: skip
    assert set(caught.value.fields) == {"full_name", "mobile", "id_number"}
    signup = services.start_signup(full_name="王五", mobile=MOBILE, id_number=VALID_ID.lower(),
                                   address="1.1.1.1")  # fmt: skip
    assert signup.id_number == VALID_ID
    with pytest.raises(FieldError) as caught:
        services.complete_signup(signup=signup, code="000000" if _code(signup) != "000000"
                                 else "111111", password1="Fating-Test-9", password2="Fating-Test-9")  # fmt: skip
    assert set(caught.value.fields) == {"code"}
    user = services.complete_signup(signup=signup, code=_code(signup), password1="Fating-Test-9",
                                    password2="Fating-Test-9")  # fmt: skip
    assert user.mobile == MOBILE and user.check_password("Fating-Test-9")
    assert user.memberships.get().role == Role.PARTY
    assert selectors.status_of(user) == rules.SMS
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="people.")] == [
        "people.signup.start", "people.signup.complete"]  # fmt: skip
    with pytest.raises(FieldError):  # a registered number cannot sign up again
        services.start_signup(full_name="王五", mobile=MOBILE, id_number=VALID_ID, address="x")


def test_codes_are_throttled_per_number(network: Network) -> None:
    for _ in range(rules.CODES_PER_MOBILE):
        services.start_signup(full_name="赵六", mobile=MOBILE, id_number=VALID_ID, address="a")
    with pytest.raises(TooManyRequests):
        services.start_signup(full_name="赵六", mobile=MOBILE, id_number=VALID_ID, address="b")


def test_in_person_verification_by_the_points_liaison(network: Network) -> None:
    party, liaison = network.users["party"], network.users["liaison"]
    party.id_number = VALID_ID
    party.save(update_fields=["id_number"])
    assert selectors.status_of(party) == rules.UNVERIFIED
    with pytest.raises(NotPermitted):
        services.verify_in_person(actor=network.users["clerk"], person=party,
                                  service_point=network.point, id_number=VALID_ID)  # fmt: skip
    with pytest.raises(NotPermitted):  # not their point
        services.verify_in_person(actor=liaison, person=party, service_point=network.other_point,
                                  id_number=VALID_ID)  # fmt: skip
    with pytest.raises(FieldError):
        services.verify_in_person(actor=liaison, person=party, service_point=network.point,
                                  id_number="110105194912310011")  # fmt: skip
    real = services.verify_in_person(actor=liaison, person=party, service_point=network.point,
                                     id_number=VALID_ID)  # fmt: skip
    assert real.status == rules.IN_PERSON and real.verified_by == liaison
    assert AuditEvent.objects.filter(action="people.realname.verify").count() == 1
    assert selectors.find_person(liaison, party.mobile) == party
    assert selectors.find_person(liaison, "1390000") is None


def test_signup_pages_on_a_phone(network: Network) -> None:
    client = client_for(None)
    assert "当事人用手机注册" in client.get("/login/").content.decode()
    assert client.get("/people/signup/code/").status_code == 404  # no sign-up in this session
    response = client.post("/people/signup/", {"full_name": "王五", "mobile": MOBILE,
                                               "id_number": VALID_ID})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/people/signup/code/"
    signup = SignUp.objects.get()
    page = client.get("/people/signup/code/").content.decode()
    assert "139****5678" in page
    response = client.post("/people/signup/code/", {"code": _code(signup),
                                                    "password1": "Fating-Test-9",
                                                    "password2": "Fating-Test-9"})  # fmt: skip
    assert response.status_code == 302
    assert "消息" in client.get("/").content.decode()  # signed in, a party's home


def test_liaison_verify_page(network: Network) -> None:
    party = network.users["party"]
    party.id_number = VALID_ID
    party.save(update_fields=["id_number"])
    client = client_for(network.users["liaison"])
    assert "实名核验" in client.get("/").content.decode()
    page = client.get(f"/people/verify/?q={party.mobile}").content.decode()
    assert "未核验" in page and party.display_name in page
    response = client.post("/people/verify/", {"q": party.mobile, "id_number": VALID_ID,
                                               "service_point": network.point.pk})  # fmt: skip
    assert response.status_code == 302
    assert "现场核验" in client.get(f"/people/verify/?q={party.mobile}").content.decode()


def test_court_sees_the_real_name_status_of_a_party(network: Network) -> None:
    from fating.cases.tests.factories import submitted_filing

    party, liaison = network.users["party"], network.users["liaison"]
    filing = submitted_filing(network)
    filing.parties.filter(role="plaintiff").update(user=party)
    clerk = client_for(network.users["clerk"])
    assert "实名：未核验" in clerk.get(f"/cases/filings/{filing.pk}/").content.decode()
    party.id_number = VALID_ID
    party.save(update_fields=["id_number"])
    services.verify_in_person(actor=liaison, person=party, service_point=network.point,
                              id_number=VALID_ID)  # fmt: skip
    assert "实名：现场核验" in clerk.get(f"/cases/filings/{filing.pk}/").content.decode()
