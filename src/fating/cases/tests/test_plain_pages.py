"""Plain language on the filing and case pages (issue 12): the timeline names events and people,
not codes and usernames; hashes and assignment reasons are for court staff; each action's
success message says what happened."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages

from fating.cases.done import DONE, done
from fating.cases.tests.factories import accepted_case, draft_filing
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


def _visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", "", html)
    return re.sub(r"(?s)<[^>]+>", " ", html)


def test_case_timeline_in_zh_hans_has_no_codes_or_usernames(network: Network) -> None:
    case = accepted_case(network)
    party, clerk = network.users["party"], network.users["clerk"]
    page = client_for(party).get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = _visible_text(page.content.decode())
    assert page.status_code == 200
    assert not re.search(r"\bcases\.[a-z_]+\.[a-z_]+", text)
    assert "创建立案申请" in text and "提交立案申请" in text and "受理立案" in text
    assert f"{clerk.display_name}（法官助理/书记员）" in text
    assert f" {party.username} " not in text or party.username == party.display_name


def test_assignment_reason_only_for_court_staff(network: Network) -> None:
    case = accepted_case(network)
    if not case.assignment_reason:
        pytest.skip("no assignment reason recorded for this case")
    party = client_for(network.users["party"]).get(f"/cases/{case.pk}/").content.decode()
    judge = client_for(network.users["judge"]).get(f"/cases/{case.pk}/").content.decode()
    assert case.assignment_reason not in party and "分案依据" not in party
    assert case.assignment_reason in judge and "分案依据" in judge


def test_filing_evidence_hash_only_for_court_staff(network: Network) -> None:
    filing = draft_filing(network)
    sha = filing.evidence.get(title="借条").sha256
    party = client_for(network.users["party"]).get(f"/cases/filings/{filing.pk}/")
    text = party.content.decode()
    assert party.status_code == 200 and "已核验" in text and sha[:12] not in text


def test_filing_step_success_message_is_specific(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    r = client_for(network.users["party"]).post(
        f"/cases/filings/{filing.pk}/act/",
        {"action": "claim", "text": "判令被告偿还借款", "amount": "1000"},
    )
    assert r.status_code == 302
    assert [str(m) for m in get_messages(r.wsgi_request)] == ["已添加诉讼请求。"]


def test_every_success_message_is_a_sentence_not_a_code() -> None:
    for name in DONE:
        text = done(
            name.removeprefix("entrust_"), prefix="entrust_" if name.startswith("entrust_") else ""
        )
        assert text.endswith("。") and "已保存" not in text and not re.search(r"[a-z]", text)
    assert done("no_such_action") == "已办理完毕。"
