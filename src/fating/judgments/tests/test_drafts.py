"""Drafting in one step (文书一键生成): every form from the case, the fee burden from the fee
engine, the judge's edits checked, sign and issue through issue_adjudication, model litigation,
and refusals that write nothing."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from fating.core.audit import AuditEvent
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.elements import services as elements
from fating.judgments import rules, services
from fating.judgments.models import Adjudication, AdjudicationDraft
from fating.judgments.tests.factories import Judged

pytestmark = pytest.mark.django_db

ANSWERS = {"agreement": "借条", "principal": "80000", "repaid": "0"}
DEFENCE = {"agreement": "借条", "principal": "60000", "repaid": "0"}


def tried(judged: Judged) -> None:
    judge = judged.user("judge")
    case = judged.case
    elements.fill_elements(actor=judge, case=case, side="plaintiff", answers=ANSWERS)
    elements.fill_elements(actor=judge, case=case, side="defendant", answers=DEFENCE)
    elements.mark_element(actor=judge, case=case, element="agreement", finding="agreed")
    elements.mark_element(actor=judge, case=case, element="principal", finding="disputed",
                          note="转账记录证明实际交付80000元")  # fmt: skip


def draft(judged: Judged, form: str = "table_judgment") -> AdjudicationDraft:
    return services.create_draft(actor=judged.user("judge"), case=judged.case, form=form)


def test_a_table_judgment_in_one_step(judged: Judged) -> None:
    tried(judged)
    d = draft(judged)
    s = d.sections
    assert s["title"] == "民事判决书"
    assert [p["role"] for p in s["parties"]][:2] == ["原告", "被告"]
    rows = {e["key"]: e for e in s["elements"]}
    assert (
        rows["agreement"]["finding"] == "无争议"
        and rows["agreement"]["court_finding"] == "双方一致：借条"
    )
    assert rows["principal"]["finding"] == "有争议"
    assert rows["principal"]["court_finding"] == "转账记录证明实际交付80000元"
    assert "民法典 第667条、第668条" in s["articles"]
    assert "《中华人民共和国民事诉讼法》第六十七条" in s["articles"]
    assert s["main_text"] and s["claims"]
    assert "十五日内" in s["closing"]
    assert d.fee["final_fee"] and d.fee["defendant"] == d.fee["final_fee"]
    assert "由被告" in s["fee"]
    assert AuditEvent.objects.filter(action="judgments.draft.create").count() == 1


def test_the_fee_is_apportioned_by_the_amount_granted(judged: Judged) -> None:
    d = draft(judged, "judgment")
    claimed = Decimal(str(judged.case.filing.claimed_amount))
    d = services.update_draft(actor=judged.user("judge"), draft=d,
                              changes={"granted_amount": str(claimed / 2)})  # fmt: skip
    fee = Decimal(d.fee["final_fee"])
    assert Decimal(d.fee["defendant"]) == (fee / 2).quantize(Decimal("0.01"))
    assert Decimal(d.fee["plaintiff"]) + Decimal(d.fee["defendant"]) == fee
    assert "负担" in d.sections["fee"]


@pytest.mark.parametrize(
    ("form", "kind", "subkind", "words"),
    [
        ("mediation", "mediation", "", "签收后"),
        ("not_accepted", "ruling", "not_accepted", "十日内"),
        ("dismissed", "ruling", "dismissed", "十日内"),
        ("withdrawal", "ruling", "withdrawal", "送达后即发生法律效力"),
        ("jurisdiction", "ruling", "jurisdiction", "十日内"),
    ],
)
def test_every_form_is_drafted_signed_and_issued(
    judged: Judged, form: str, kind: str, subkind: str, words: str
) -> None:
    judge = judged.user("judge")
    d = draft(judged, form)
    assert words in d.sections["closing"]
    if form in ("not_accepted", "dismissed"):
        assert d.fee["final_fee"] == "0.00" and "不收取" in d.sections["fee"]
    if form == "withdrawal":
        assert d.fee["plaintiff"] == d.fee["final_fee"] and d.fee["halved"]
    if form == "jurisdiction":
        assert d.fee == {} and d.sections["fee"] == ""
    services.sign_draft(actor=judge, draft=d)
    adjudication = services.issue_draft(actor=judge, draft=d)
    assert (adjudication.kind, adjudication.subkind) == (kind, subkind)
    assert adjudication.document.kind == "drafted_adjudication"
    d.refresh_from_db()
    assert d.status == "issued" and d.adjudication_id == adjudication.pk


def test_edit_sign_issue_then_service_and_effect(judged: Judged) -> None:
    tried(judged)
    judge = judged.user("judge")
    d = draft(judged)
    d = services.update_draft(actor=judged.user("clerk"), draft=d, changes={
        "main_text": "被告于本判决生效之日起十日内偿还原告借款80000元\n驳回原告的其他诉讼请求",
        "reasoning": "本院认为，借款事实清楚。",
        "court_findings": {"principal": "实际交付80000元"},
    })  # fmt: skip
    assert d.sections["main_text"][1] == "驳回原告的其他诉讼请求"
    assert {e["key"]: e for e in d.sections["elements"]}["principal"][
        "court_finding"
    ] == "实际交付80000元"
    with pytest.raises(NotPermitted):
        services.sign_draft(actor=judged.user("clerk"), draft=d)
    services.sign_draft(actor=judge, draft=d)
    with pytest.raises(InvalidTransition):
        services.update_draft(actor=judge, draft=d, changes={"facts": "改"})
    adjudication = services.issue_draft(actor=judge, draft=d)
    judged.serve(adjudication, "plaintiff", "2025-09-26")
    judged.serve(adjudication, "defendant", "2025-09-30")
    adjudication.refresh_from_db()
    assert adjudication.effective_on.isoformat() == "2025-10-16"
    assert services.take_effect(adjudication_id=adjudication.pk)
    assert Adjudication.objects.get(pk=adjudication.pk).status == "effective"
    with pytest.raises(InvalidTransition):
        services.issue_draft(actor=judge, draft=d)


def test_every_field_is_read_back_from_docx_and_pdf(judged: Judged) -> None:
    tried(judged)
    judge = judged.user("judge")
    d = draft(judged)
    services.sign_draft(actor=judge, draft=d)
    adjudication = services.issue_draft(actor=judge, draft=d)
    doc = adjudication.document
    docx = Docx(io.BytesIO(doc.docx.read()))
    lines = [p.text for p in docx.paragraphs]
    cells = [c.text for t in docx.tables for r in t.rows for c in r.cells]
    pdf = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(doc.pdf.read())).pages)
    )
    s = d.sections
    case = judged.case
    expected = [case.court.name, case.number, s["title"], s["fee"], s["closing"],
                *[f"{p['role']}：{p['name']}。" for p in s["parties"]],
                *[f"{rules_cn(i)}、{t}" for i, t in enumerate(s["main_text"], 1)],
                *[f"{rules_cn(i)}、{t}" for i, t in enumerate(s["claims"], 1)]]  # fmt: skip
    for text in expected:
        assert text in lines, text
        assert re.sub(r"\s+", "", text) in pdf, text
    for e in s["elements"]:
        for key in ("element", "plaintiff", "defendant", "finding", "court_finding", "basis"):
            if e[key]:
                assert e[key] in cells, (key, e[key])
                assert re.sub(r"\s+", "", e[key]) in pdf, (key, e[key])
    joined = "、".join(s["articles"])
    assert any(joined in line for line in lines) and re.sub(r"\s+", "", joined) in pdf


def rules_cn(n: int) -> str:
    from fating.documents.rules import cn_number

    return cn_number(n)


def test_hostile_edits_are_refused_and_nothing_is_written(judged: Judged) -> None:
    d = draft(judged, "judgment")
    before = dict(d.sections)
    for changes, field in (
        ({"main_text": []}, "main_text"),
        ({"facts": "长" * 4001}, "facts"),
        ({"granted_amount": "-1"}, "granted_amount"),
        ({"granted_amount": "1.001"}, "granted_amount"),
        ({"title": "改标题"}, "title"),
        ({"court_findings": {"nope": "x"}}, "court_findings"),
        ({"articles": [1, 2]}, "articles"),
    ):
        with pytest.raises(FieldError) as info:
            services.update_draft(actor=judged.user("judge"), draft=d, changes=changes)
        assert field in info.value.fields
    d.refresh_from_db()
    assert d.sections == before
    assert AuditEvent.objects.filter(action="judgments.draft.edit").count() == 0


def test_only_the_case_s_judge_drafts_and_a_disputed_element_needs_a_finding(
    judged: Judged,
) -> None:
    with pytest.raises(NotPermitted):
        services.create_draft(actor=judged.user("clerk"), case=judged.case, form="judgment")
    judge = judged.user("judge")
    elements.fill_elements(actor=judge, case=judged.case, side="plaintiff", answers=ANSWERS)
    elements.mark_element(actor=judge, case=judged.case, element="repaid", finding="disputed")
    d = draft(judged)
    with pytest.raises(FieldError) as info:
        services.sign_draft(actor=judge, draft=d)
    assert "court_findings" in info.value.fields
    assert AdjudicationDraft.objects.get(pk=d.pk).status == "drafting"


def test_the_draft_machine() -> None:
    assert rules.DRAFT.allows("drafting", "sign") and not rules.DRAFT.allows("drafting", "issue")
    assert rules.DRAFT.allows("signed", "reopen")
