"""The API: issue with Idempotency-Key, detail with deadlines, hostile input → 4xx, nothing written."""

from __future__ import annotations

import json

import pytest

from fating.judgments.models import Adjudication, Appeal
from fating.judgments.tests.factories import Judged
from fating.testing import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/judgments/adjudications/"


def test_issue_replays_and_detail_shows_the_periods(judged: Judged) -> None:
    judge = client_for(judged.user("judge"))
    body = json.dumps({"case": judged.case.pk, "kind": "ruling", "subkind": "dismissed",
                       "main_text": ["驳回原告张三的起诉。"]})  # fmt: skip
    first = judge.post(URL, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = judge.post(URL, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201 and again.json() == first.json()
    assert Adjudication.objects.count() == 1
    pk = first.json()["id"]
    a = Adjudication.objects.get(pk=pk)
    judged.serve(a, "plaintiff", "2025-09-22")
    detail = client_for(judged.user("party")).get(f"{URL}{pk}/").json()
    assert detail["document_type"] == "ruling"
    assert [p["appeal_deadline"] for p in detail["parties"]] == ["2025-10-09", None]
    assert "民事诉讼法 第157条" in detail["legal_basis"]


@pytest.mark.parametrize(
    "body",
    [
        {"case": "x", "kind": "judgment", "main_text": "驳回"},
        {"case": 10**15, "kind": "judgment", "main_text": "驳回"},
        {"kind": "judgment", "main_text": "驳回"},
        {"case": "{case}", "kind": ["judgment"], "main_text": "驳回"},
        {"case": "{case}", "kind": "judgment", "main_text": {"a": 1}},
        {"case": "{case}", "kind": "judgment", "main_text": "驳" * 5000},
        {"case": "{case}", "kind": "judgment", "main_text": "驳回", "foreign_parties": ["x"]},
        {"case": "{case}", "kind": "judgment", "main_text": "驳回", "foreign_parties": [999999]},
        {"case": "{case}", "kind": "ruling", "subkind": "nonsense", "main_text": "驳回"},
        {"case": "{case}", "kind": "judgment", "title": "题" * 100, "main_text": "驳回"},
    ],
)
def test_hostile_input_is_refused_and_writes_nothing(judged: Judged, body: dict) -> None:
    text = json.dumps(body).replace('"{case}"', str(judged.case.pk))
    response = client_for(judged.user("judge")).post(URL, text, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content
    assert not Adjudication.objects.exists()


def test_hostile_appeal_is_refused(judged: Judged) -> None:
    a = judged.issue()
    party = client_for(judged.user("party"))
    for body in ({"grounds": 5}, {"grounds": "不服", "appealed_amount": "-1"},
                 {"grounds": "不服", "appealed_amount": {"x": 1}}, {"grounds": "不服", "filed_on": "2025-13-01"},
                 {"grounds": "不服", "party_id": True}):  # fmt: skip
        response = party.post(
            f"{URL}{a.pk}/appeals/", json.dumps(body), content_type="application/json"
        )
        assert 400 <= response.status_code < 500, (body, response.content)
    assert not Appeal.objects.exists()
