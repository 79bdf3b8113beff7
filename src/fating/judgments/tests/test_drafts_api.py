"""The drafts API: create from the case with Idempotency-Key (one write), PATCH sections with
fields named in Chinese (hostile input → 400, nothing written), sign and issue."""

from __future__ import annotations

import json

import pytest

from fating.judgments.models import Adjudication, AdjudicationDraft
from fating.judgments.tests.factories import Judged
from fating.testing import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/judgments/drafts/"


def _post(client, url: str, body: object = None, key: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, json.dumps(body or {}), content_type="application/json", **extra)


def test_create_edit_sign_issue_once_each(judged: Judged) -> None:
    judge = client_for(judged.user("judge"))
    body = {"case": judged.case.pk, "form": "judgment"}
    first = _post(judge, URL, body, "d-1")
    again = _post(judge, URL, body, "d-1")
    assert first.status_code == 201 and again.json() == first.json()
    assert AdjudicationDraft.objects.count() == 1
    pk = first.json()["id"]
    assert first.json()["sections"]["parties"][0]["role"] == "原告"
    patched = judge.patch(f"{URL}{pk}/", json.dumps({"reasoning": "本院认为，事实清楚。",
                                                      "main_text": ["驳回原告的诉讼请求"]}),
                          content_type="application/json")  # fmt: skip
    assert patched.status_code == 200 and patched.json()["sections"]["main_text"] == [
        "驳回原告的诉讼请求"
    ]
    assert _post(judge, f"{URL}{pk}/sign/", key="s-1").json()["status"] == "signed"
    issued = _post(judge, f"{URL}{pk}/issue/", key="i-1")
    replay = _post(judge, f"{URL}{pk}/issue/", key="i-1")
    assert issued.status_code == 201 and replay.json() == issued.json()
    assert Adjudication.objects.count() == 1
    assert _post(judge, f"{URL}{pk}/issue/", key="i-2").status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"main_text": []}, "main_text"),
        ({"facts": 5}, "facts"),
        ({"granted_amount": "abc"}, "granted_amount"),
        ({"granted_amount": True}, "granted_amount"),
        ({"court_findings": ["x"]}, "court_findings"),
        ({"sections": {"x": 1}}, "sections"),
        ({"articles": "x" * 4001}, "articles"),
    ],
)
def test_hostile_patches_are_refused_naming_the_field(
    judged: Judged, body: dict[str, object], field: str
) -> None:
    judge = client_for(judged.user("judge"))
    pk = _post(judge, URL, {"case": judged.case.pk, "form": "judgment"}).json()["id"]
    before = AdjudicationDraft.objects.get(pk=pk).sections
    response = judge.patch(f"{URL}{pk}/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in json.dumps(response.json(), ensure_ascii=False)
    assert AdjudicationDraft.objects.get(pk=pk).sections == before


@pytest.mark.parametrize(
    "body",
    [{"case": "x", "form": "judgment"}, {"case": "{case}", "form": "nope"},
     {"case": "{case}", "form": ["judgment"]}, {"form": "judgment"}],
)  # fmt: skip
def test_hostile_creates_write_nothing(judged: Judged, body: dict[str, object]) -> None:
    judge = client_for(judged.user("judge"))
    filled = {k: (judged.case.pk if v == "{case}" else v) for k, v in body.items()}
    assert _post(judge, URL, filled).status_code in (400, 404)
    assert not AdjudicationDraft.objects.exists()
