"""The 文书与生效 tab: the judge issues from it, the deadlines show, a party appeals from it, and a
refused form comes back on the tab with the field named."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fating.judgments.models import Adjudication
from fating.judgments.tests.factories import Judged
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def test_issue_serve_and_appeal_through_the_tab(judged: Judged) -> None:
    url = f"/cases/{judged.case.pk}/effect/"
    judge = client_for(judged.user("judge"))
    page = judge.get(url).content.decode()
    assert "签发裁判文书" in page and "文书与生效" in page
    refused = judge.post(f"/judgments/cases/{judged.case.pk}/issue/", {"kind": "judgment"})
    assert refused.status_code == 400 and "裁判主文" in refused.content.decode()
    done = judge.post(
        f"/judgments/cases/{judged.case.pk}/issue/",
        {"kind": "judgment", "main_text": "被告偿还原告借款80000元。\n驳回原告其他诉讼请求。"},
    )
    assert done.status_code == 302 and done["Location"] == url
    adjudication = Adjudication.objects.get(case=judged.case)
    assert adjudication.document.context["main_text"][1] == "驳回原告其他诉讼请求。"
    today = timezone.localdate().isoformat()
    judged.serve(adjudication, "plaintiff", today)
    party = client_for(judged.user("party"))
    page = party.get(url).content.decode()
    deadline = adjudication.parties.get(party__role="plaintiff").appeal_deadline
    assert deadline is not None and deadline.isoformat() in page
    assert "尚未送达" in page and "递交上诉状" in page and "签发裁判文书" not in page
    filed = party.post(f"/judgments/{adjudication.pk}/act/",
                       {"action": "appeal", "grounds": "借款已部分归还。"})  # fmt: skip
    assert filed.status_code == 302
    adjudication.refresh_from_db()
    assert adjudication.status == "appealed" and adjudication.appeals.count() == 1
    clerk_page = client_for(judged.user("clerk")).get(url).content.decode()
    assert "登记连同案卷移送上级法院" in clerk_page
