"""Project, employer and housing-estate names captured at intake (群体性 detection groups by
them): through the service, the API and the report page, validated and shown on the page."""

from __future__ import annotations

import pytest

from fating.core.audit import events_for
from fating.core.exceptions import FieldError
from fating.disputes import services
from fating.disputes.models import Dispute
from fating.disputes.tests.factories import (
    APPLICANT_MOBILE,
    RESPONDENT_MOBILE,
    World,
    dispute_input,
    reported,
)
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def test_names_are_stored_with_spaces_collapsed_and_audited(world: World) -> None:
    dispute = reported(world, project_name="  青禾锦绣城 二期 ", employer_name="",
                       housing_estate="锦绣花园　小区")  # fmt: skip
    assert (dispute.project_name, dispute.employer_name, dispute.housing_estate) == (
        "青禾锦绣城 二期", "", "锦绣花园 小区",
    )  # fmt: skip
    after = events_for(dispute).get().after
    assert after["project_name"] == "青禾锦绣城 二期" and after["housing_estate"] == "锦绣花园 小区"


def test_names_must_mean_something_and_fit(world: World) -> None:
    bad = dispute_input(project_name="（ ）", employer_name="某" * 101, housing_estate="——")
    with pytest.raises(FieldError) as caught:
        services.report_dispute(actor=world.net.users["liaison"], data=bad)
    assert caught.value.fields == {
        "project_name": ["请填写有效的项目名称，或留空。"],
        "employer_name": ["用工单位不能超过 100 字。"],
        "housing_estate": ["请填写有效的小区名称，或留空。"],
    }
    assert not Dispute.objects.exists()


def test_api_accepts_and_returns_the_names(world: World) -> None:
    body = {
        "title": "王五与某劳务公司追索劳动报酬纠纷", "description": "包工头失联，工地拖欠三个月工钱。",
        "cause_free_text": "欠工钱", "employer_name": "青禾建工集团有限公司",
        "project_name": "青禾锦绣城二期",
        "parties": [
            {"role": "applicant", "kind": "person", "name": "王五", "mobile": APPLICANT_MOBILE},
            {"role": "respondent", "kind": "person", "name": "赵六", "mobile": RESPONDENT_MOBILE},
        ],
    }  # fmt: skip
    liaison = client_for(world.net.users["liaison"])
    r = liaison.post("/api/v1/disputes/", body, content_type="application/json")
    assert r.status_code == 201, r.content
    data = liaison.get(f"/api/v1/disputes/{r.json()['id']}/").json()
    assert data["employer_name"] == "青禾建工集团有限公司" and data["housing_estate"] == ""
    assert data["project_name"] == "青禾锦绣城二期"
    bad = liaison.post("/api/v1/disputes/", {**body, "housing_estate": "……"},
                       content_type="application/json")  # fmt: skip
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["housing_estate"] == ["请填写有效的小区名称，或留空。"]


def test_report_page_captures_the_estate_and_the_dispute_page_shows_it(world: World) -> None:
    liaison = client_for(world.net.users["liaison"])
    page = liaison.get("/disputes/report/").content.decode()
    assert 'name="housing_estate"' in page and "小区名称" in page and "用工单位" in page
    form = {
        "title": "孙某与某物业公司物业服务合同纠纷", "description": "物业以欠费为由停止供暖，家中老人受冻。",
        "cause_code": "", "cause_free_text": "物业", "people_involved": "2", "urgency": "normal",
        "housing_estate": "锦绣花园小区", "project_name": "", "employer_name": "",
        "a_kind": "person", "a_name": "孙某", "a_mobile": APPLICANT_MOBILE, "a_id_number": "",
        "a_address": "", "r_kind": "organisation", "r_name": "某物业公司", "r_mobile": "",
        "r_id_number": "", "r_address": "",
    }  # fmt: skip
    response = liaison.post("/disputes/report/", form)
    assert response.status_code == 302, response.content.decode()[:500]
    dispute = Dispute.objects.get()
    assert dispute.housing_estate == "锦绣花园小区"
    shown = liaison.get(f"/disputes/{dispute.pk}/").content.decode()
    assert "小区名称" in shown and "锦绣花园小区" in shown and "用工单位" not in shown
    bad = liaison.post("/disputes/report/", {**form, "housing_estate": "、、"})
    assert bad.status_code == 400 and "请填写有效的小区名称，或留空。" in bad.content.decode()
