"""Inputs that cannot break the court: the outside tester's probes of POST /api/v1/disputes/.

Each refused report answers 400 naming the field, writes nothing, and leaves the court's list,
detail and timeline answering 200.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from fating.disputes.models import Dispute, DisputeParty
from fating.disputes.tests.factories import APPLICANT_ID, RESPONDENT_MOBILE, World
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def report(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "张三与李四民间借贷纠纷",
        "description": "李四向张三借款五万元，写有借条，到期未还。",
        "cause_code": "108.3",
        "service_point": world.net.point.pk,
        "amount": "50000",
        "parties": [
            {"role": "applicant", "kind": "person", "name": "张三", "is_reporter": True},
            {"role": "respondent", "kind": "person", "name": "李四", "mobile": RESPONDENT_MOBILE},
        ],
    }
    body.update(overrides)
    return body


def post(world: World, body: dict[str, Any] | str) -> Any:
    party = client_for(world.applicant_user)
    data = body if isinstance(body, str) else json.dumps(body)
    return party.post("/api/v1/disputes/", data=data, content_type="application/json")


def assert_refused(world: World, response: Any, field: str, message: str | None = None) -> None:
    assert response.status_code == 400, response.content.decode()[:300]
    error = response.json()["error"]
    assert field in error["fields"], error
    if message is not None:
        assert error["fields"][field] == [message]
    assert not Dispute.objects.exists()
    assert not DisputeParty.objects.exists()


def assert_court_still_reads(world: World) -> None:
    ok = post(world, report(world))
    assert ok.status_code == 201, ok.content.decode()[:300]
    pk = ok.json()["id"]
    judge = client_for(world.net.users["judge"])
    for url in ("/api/v1/disputes/", f"/api/v1/disputes/{pk}/", f"/api/v1/disputes/{pk}/timeline/"):
        assert judge.get(url).status_code == 200, url
    assert judge.get(f"/disputes/{pk}/").status_code == 200


MAX = "争议金额不能超过 999,999,999,999.99 元。"


@pytest.mark.parametrize(
    ("raw_amount", "message"),
    [
        ('"99999999999999999999"', MAX),
        ("99999999999999999999", MAX),
        ("1e400", "争议金额必须是有限的数字。"),
        ('"1e400"', "争议金额必须是数字，如“50000”或“50000.50”。"),
        ('"NaN"', "争议金额必须是数字，如“50000”或“50000.50”。"),
        ('"Infinity"', "争议金额必须是数字，如“50000”或“50000.50”。"),
        ('"0.001"', "争议金额最多精确到分（两位小数）。"),
        ("0.001", "争议金额最多精确到分（两位小数）。"),
        ('"-1"', "争议金额不能为负数。"),
        ("-0.01", "争议金额不能为负数。"),
        ("true", "争议金额必须是数字，不能是 true/false。"),
    ],
)
def test_bad_amounts_are_400_and_write_nothing(world: World, raw_amount: str, message: str) -> None:
    body = json.dumps(report(world, amount="__AMOUNT__")).replace('"__AMOUNT__"', raw_amount)
    assert_refused(world, post(world, body), "amount", message)
    assert_court_still_reads(world)


def test_json_nan_and_infinity_constants_are_400(world: World) -> None:
    for constant in ("NaN", "Infinity", "-Infinity"):
        body = json.dumps(report(world, amount="__AMOUNT__")).replace('"__AMOUNT__"', constant)
        response = post(world, body)
        assert response.status_code == 400
    assert not Dispute.objects.exists()


def test_amount_is_never_rounded(world: World) -> None:
    response = post(world, report(world, amount="1234.50"))
    assert response.status_code == 201
    assert response.json()["amount"] == "1234.50"
    assert Dispute.objects.get().amount == pytest.approx(1234.5)


def test_blank_amount_is_no_amount(world: World) -> None:
    response = post(world, report(world, amount=""))
    assert response.status_code == 201
    assert Dispute.objects.get().amount is None


@pytest.mark.parametrize("people", [0, -1, 10**20, 1_000_001, "1e20", True])
def test_people_involved_bounded(world: World, people: Any) -> None:
    assert_refused(world, post(world, report(world, people_involved=people)), "people_involved")


def test_people_involved_upper_bound_is_accepted(world: World) -> None:
    assert post(world, report(world, people_involved=1_000_000)).status_code == 201


LONG = "长" * 10_000


@pytest.mark.parametrize(
    "field",
    ["title", "cause_free_text", "department", "project_name", "employer_name", "housing_estate",
     "cause_code", "urgency"],
)  # fmt: skip
def test_long_dispute_text_is_400(world: World, field: str) -> None:
    assert_refused(world, post(world, report(world, **{field: LONG})), field)


@pytest.mark.parametrize("field", ["name", "address", "mobile", "id_number", "credit_code"])
def test_long_party_text_is_400(world: World, field: str) -> None:
    body = report(world)
    body["parties"][1][field] = LONG
    assert_refused(world, post(world, body), f"parties.1.{field}")


def test_service_refuses_long_text_too(world: World) -> None:
    """The service is the single entry: it checks the columns itself, whatever the caller."""
    from fating.core.exceptions import FieldError
    from fating.disputes import services
    from fating.disputes.tests.factories import dispute_input, party_input

    parties = party_input()
    parties[1].address = LONG
    with pytest.raises(FieldError) as caught:
        services.report_dispute(
            actor=world.net.users["liaison"], data=dispute_input(parties=parties, department=LONG)
        )
    assert caught.value.fields == {
        "parties.1.address": ["住所不能超过 200 个字（现为 10000 个）。"],
        "department": ["移送部门不能超过 60 个字（现为 10000 个）。"],
    }
    assert not Dispute.objects.exists()


def test_same_person_twice_is_refused(world: World) -> None:
    body = report(world)
    body["parties"][0]["id_number"] = APPLICANT_ID
    body["parties"].append(
        {"role": "applicant", "kind": "person", "name": "张三（重复）", "id_number": APPLICANT_ID}
    )
    assert_refused(
        world, post(world, body), "parties.2.id_number",
        "与第 1 位当事人是同一人，请勿重复填写。",
    )  # fmt: skip


def test_applicant_cannot_be_respondent(world: World) -> None:
    body = report(world)
    body["parties"][0]["id_number"] = APPLICANT_ID
    body["parties"][1]["id_number"] = APPLICANT_ID
    assert_refused(
        world, post(world, body), "parties.1.id_number",
        "同一人不能既是申请人又是被申请人（与第 1 位当事人相同）。",
    )  # fmt: skip


def test_same_account_on_both_sides_is_refused(world: World) -> None:
    body = report(world)
    body["parties"][0]["mobile"] = RESPONDENT_MOBILE  # both mobiles belong to the user 李四
    assert_refused(world, post(world, body), "parties.1.mobile")


def test_form_and_api_agree_on_the_amount(world: World) -> None:
    """The report page refuses the same values with the same words."""
    liaison = client_for(world.net.users["liaison"])
    page = liaison.get("/disputes/report/")
    assert page.status_code == 200
    form = {
        "title": "张三与李四民间借贷纠纷", "description": "李四向张三借款五万元，写有借条，到期未还。",
        "cause_code": "108.3", "people_involved": "2", "urgency": "normal",
        "area": str(world.net.point.areas.first().pk) if world.net.point.areas.exists() else "",
        "a_kind": "person", "a_name": "张三", "r_kind": "person", "r_name": "李四",
        "amount": "99999999999999999999",
    }  # fmt: skip
    response = liaison.post("/disputes/report/", form)
    assert response.status_code == 400
    assert MAX in response.content.decode()
    assert not Dispute.objects.exists()
