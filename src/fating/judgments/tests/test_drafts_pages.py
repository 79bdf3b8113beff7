"""The drafting pages: one step from the 文书与生效 tab, the split screen (左看右写), edits with
the field named on refusal, sign and issue back to the tab; model-litigation drafts."""

from __future__ import annotations

import pytest

from fating.cases.models import Case
from fating.cases.tests.factories import accepted_case
from fating.elements import services as elements
from fating.judgments import services
from fating.judgments.models import Adjudication, AdjudicationDraft
from fating.judgments.tests.factories import Judged
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def test_one_step_split_screen_edit_sign_issue(judged: Judged) -> None:
    judge = client_for(judged.user("judge"))
    tab = judge.get(f"/cases/{judged.case.pk}/effect/").content.decode()
    assert "从案件一键生成文书稿" in tab
    response = judge.post(f"/judgments/cases/{judged.case.pk}/drafts/", {"form": "judgment"})
    draft = AdjudicationDraft.objects.get()
    assert response.status_code == 302 and response.url == f"/judgments/drafts/{draft.pk}/"
    page = judge.get(response.url).content.decode()
    assert (
        'class="split"' in page and "卷宗" in page and "文书稿" in page and "诉讼费用负担" in page
    )
    url = f"/judgments/drafts/{draft.pk}/act/"
    bad = judge.post(url, {"action": "edit", "main_text": "", "granted_amount": "x"})
    assert bad.status_code == 400
    assert "裁判主文" in bad.content.decode() and "支持金额" in bad.content.decode()
    ok = judge.post(url, {"action": "edit", "main_text": "驳回原告的诉讼请求", "facts": "查明"})
    assert ok.status_code == 302
    assert AdjudicationDraft.objects.get().sections["main_text"] == ["驳回原告的诉讼请求"]
    assert judge.post(url, {"action": "sign"}).status_code == 302
    assert judge.post(url, {"action": "issue"}).status_code == 302
    assert Adjudication.objects.get().main_text == "驳回原告的诉讼请求"
    # The clerk sees the drafts on the tab but is offered no one-step form.
    clerk_tab = client_for(judged.user("clerk")).get(f"/cases/{judged.case.pk}/effect/")
    text = clerk_tab.content.decode()
    assert f"/judgments/drafts/{draft.pk}/" in text and "从案件一键生成文书稿" not in text
    party_tab = client_for(judged.user("party")).get(f"/cases/{judged.case.pk}/effect/").content
    assert f"/judgments/drafts/{draft.pk}/".encode() not in party_tab


def test_parallel_cases_get_drafts_once_the_lead_is_decided(judged: Judged) -> None:
    judge = judged.user("judge")
    lead = judged.case
    answers = {"agreement": "借条", "principal": "100", "repaid": "0"}
    elements.fill_elements(actor=judge, case=lead, side="plaintiff", answers=answers)
    elements.fill_elements(actor=judge, case=lead, side="defendant", answers=answers)
    elements.mark_element(actor=judge, case=lead, element="agreement", finding="agreed")
    others = []
    for _ in range(2):
        case = accepted_case(judged.network)
        Case.objects.filter(pk=case.pk).update(judge=judge)
        elements.fill_elements(actor=judge, case=case, side="plaintiff", answers=answers)
        elements.fill_elements(actor=judge, case=case, side="defendant", answers=answers)
        others.append(case)
    group = elements.create_litigation(actor=judge, lead=lead, cases=others, name="系列案")
    first = group.parallel_cases.get(case=others[0])
    elements.confirm_parallel(actor=judge, parallel=first)
    client = client_for(judge)
    url = f"/judgments/litigations/{group.pk}/drafts/"
    assert "尚未判决" in client.get(url).content.decode()
    assert client.post(url).status_code == 400  # the lead is not decided yet
    assert not AdjudicationDraft.objects.exists()
    lead_draft = services.create_draft(actor=judge, case=lead, form="table_judgment")
    services.sign_draft(actor=judge, draft=lead_draft)
    services.issue_draft(actor=judge, draft=lead_draft)
    assert client.post(url).status_code == 302
    made = AdjudicationDraft.objects.get(lead_case=lead)
    assert made.case == others[0] and made.status == "drafting"  # only the confirmed case
    assert lead.number in made.sections["reasoning"]
    assert client.post(url).status_code == 302  # a second click drafts nothing new
    assert AdjudicationDraft.objects.filter(lead_case=lead).count() == 1
    page = client.get(url).content.decode()
    assert f"/judgments/drafts/{made.pk}/" in page
