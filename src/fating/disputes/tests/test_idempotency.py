"""A retried dispute report writes one dispute: the API honours Idempotency-Key and the report
page carries a hidden key (fating.core.idempotency)."""

from __future__ import annotations

import json
import re

import pytest

from fating.disputes.models import Dispute
from fating.disputes.tests.factories import World
from fating.disputes.tests.test_api_journeys import REPORT
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def _report(client: object, body: dict, key: str) -> object:
    return client.post(  # type: ignore[attr-defined]
        "/api/v1/disputes/", data=json.dumps(body), content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )  # fmt: skip


def test_a_retried_report_is_one_dispute_and_the_same_answer(world: World) -> None:
    liaison = client_for(world.net.users["liaison"])
    first = _report(liaison, REPORT, "report-1")
    again = _report(liaison, REPORT, "report-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert Dispute.objects.count() == 1


def test_the_same_key_for_another_report_is_422(world: World) -> None:
    liaison = client_for(world.net.users["liaison"])
    _report(liaison, REPORT, "report-1")
    response = _report(liaison, {**REPORT, "title": "另一起纠纷"}, "report-1")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Dispute.objects.count() == 1


def test_a_double_submitted_report_form_writes_once(world: World) -> None:
    liaison = client_for(world.net.users["liaison"])
    html = liaison.get("/disputes/report/").content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', html)
    assert key, "the report form carries no idempotency key"
    form = {
        "title": "张三与李四民间借贷纠纷", "description": "李四向张三借款五万元，到期未还。", "cause_code": "108.3",
        "amount": "50000", "people_involved": "2", "urgency": "normal",
        "a_kind": "person", "a_name": "张三", "a_mobile": "13711111111",
        "r_kind": "person", "r_name": "李四", "idempotency_key": key.group(1),
    }  # fmt: skip
    first = liaison.post("/disputes/report/", form)
    assert first.status_code == 302, first.content.decode()[:2000]
    again = liaison.post("/disputes/report/", form)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Dispute.objects.count() == 1
