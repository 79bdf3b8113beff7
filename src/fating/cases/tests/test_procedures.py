"""Special procedures (issue 15 part C): divorce pre-filing with cooling-off, and the lawyer's
investigation order — the pure rules, then the services end to end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.cases import selectors_procedures as proc
from fating.cases.models import Case, DivorcePreFiling, Evidence, InvestigationOrder
from fating.cases.rules import procedures as rules
from fating.cases.services import divorce, investigation
from fating.cases.tests.factories import VALID_ID, accepted_case, cause
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import AuditEvent
from fating.testing import Network

# --------------------------------------------------------------------------------------------
# Pure rules


def test_cooling_off_needs_both_consents_and_at_most_three_months() -> None:
    assert rules.DIVORCE.allows("prefiled", "cool", (True, True))
    assert not rules.DIVORCE.allows("prefiled", "cool", (True, False))
    assert not rules.DIVORCE.allows("prefiled", "cool", None)
    assert rules.cooling_off_end(date(2026, 11, 30), 3) == date(2027, 2, 28)
    with pytest.raises(ValueError):
        rules.cooling_off_end(date(2026, 1, 1), 4)
    assert rules.days_left(date(2026, 3, 1), date(2026, 2, 27)) == 2


def test_seed_counts_give_the_seed_rate() -> None:
    # 辽宁: 251 pre-filed, 116 filed, 53.8% withdrawn or reconciled.
    counts = rules.divorce_counts(["filed"] * 116 + ["withdrawn"] * 35 + ["reconciled"] * 100)
    assert (counts.prefiled, counts.filed, counts.pending) == (251, 116, 0)
    assert counts.withdrawn_or_reconciled_rate == 0.5378
    assert rules.divorce_counts([]).withdrawn_or_reconciled_rate is None


def test_order_number_and_validity() -> None:
    assert rules.format_order_number(2026, "鲁0399", 3) == "（2026）鲁0399调查令3号"
    assert rules.validity_error(15) is None
    assert rules.validity_error(0) and rules.validity_error(31)
    assert rules.INVESTIGATION.allowed_names("applied") == ["issue", "refuse"]
    assert rules.INVESTIGATION.allowed_names("issued") == ["answer"]


# --------------------------------------------------------------------------------------------
# Divorce services


def _prefile(network: Network, **overrides: object) -> DivorcePreFiling:
    values = {
        "actor": network.users["party"], "court": network.court,
        "applicant_name": "王芳", "applicant_id_number": VALID_ID, "applicant_address": "甲县甲村",
        "respondent_name": "李强", "respondent_address": "甲县乙村", "facts": "婚后常因琐事争吵。",
        "applicant_mobile": "13812345678",
    }  # fmt: skip
    values.update(overrides)
    return divorce.prefile(**values)  # type: ignore[arg-type]


def test_prefile_validates_and_records_one_event(network: Network) -> None:
    with pytest.raises(FieldError) as caught:
        _prefile(network, applicant_id_number="123", respondent_name="", applicant_mobile="1")
    assert set(caught.value.fields) == {
        "applicant_id_number",
        "respondent_name",
        "applicant_mobile",
    }
    assert not DivorcePreFiling.objects.exists()
    with pytest.raises(NotPermitted):
        _prefile(network, actor=network.users["clerk"])
    prefiling = _prefile(network)
    assert prefiling.status == "prefiled"
    assert AuditEvent.objects.filter(action="cases.divorce.prefile").count() == 1


def test_cooling_off_then_reconcile_and_counts(network: Network) -> None:
    clerk, judge = network.users["clerk"], network.users["judge"]
    prefiling = _prefile(network)
    with pytest.raises(FieldError) as caught:
        divorce.set_cooling_off(actor=clerk, prefiling=prefiling, months=4,
                                applicant_consents=True, respondent_consents=False)  # fmt: skip
    assert set(caught.value.fields) == {"months", "consent"}
    with pytest.raises(NotPermitted):
        divorce.set_cooling_off(actor=network.users["party"], prefiling=prefiling, months=1,
                                applicant_consents=True, respondent_consents=True)  # fmt: skip
    with pytest.raises(InvalidTransition):  # a return visit belongs to the cooling-off
        divorce.record_visit(actor=judge, prefiling=prefiling, note="电话回访")
    divorce.record_mediation(actor=judge, prefiling=prefiling, note="家事调解员背对背调解")
    prefiling = divorce.set_cooling_off(
        actor=judge, prefiling=prefiling, months=3, applicant_consents=True,
        respondent_consents=True, consent_note="双方当面同意",
    )  # fmt: skip
    today = timezone.localdate()
    assert prefiling.status == "cooling" and prefiling.cooling_from == today
    assert prefiling.cooling_until == rules.cooling_off_end(today, 3)
    queue = proc.cooling_queue(judge, today=today)
    assert queue == [(prefiling, (prefiling.cooling_until - today).days)]
    assert proc.cooling_queue(network.users["cross"], today=today) == []
    divorce.record_visit(actor=judge, prefiling=prefiling, note="双方关系缓和")
    prefiling = divorce.reconcile(actor=judge, prefiling=prefiling, note="双方和好")
    assert prefiling.status == "reconciled" and prefiling.case is None
    with pytest.raises(InvalidTransition):
        divorce.withdraw(actor=network.users["party"], prefiling=prefiling)
    second = _prefile(network)
    divorce.withdraw(actor=network.users["party"], prefiling=second, note="不再离婚")
    _prefile(network)
    counts = proc.divorce_counts(network.court, today, today)
    assert counts.as_dict() == {
        "prefiled": 3, "filed": 0, "withdrawn": 1, "reconciled": 1, "pending": 1,
        "withdrawn_or_reconciled_rate": 0.6667,
    }  # fmt: skip
    assert proc.divorce_counts(network.court, today + timedelta(days=1), None).prefiled == 0
    assert proc.divorce_counts(network.other_court, None, None).prefiled == 0


def test_file_formally_registers_a_real_case(network: Network) -> None:
    clerk = network.users["clerk"]
    prefiling = _prefile(network)
    with pytest.raises(FieldError):  # no 离婚纠纷 in the catalogue yet: nothing written
        divorce.file_formally(actor=clerk, prefiling=prefiling)
    prefiling.refresh_from_db()
    assert prefiling.status == "prefiled" and not Case.objects.exists()
    cause(name="离婚纠纷", code="T14", revision="2025")
    cause(name="离婚纠纷", code="T14", revision="2020")
    case = divorce.file_formally(actor=clerk, prefiling=prefiling, procedure="simple")
    prefiling.refresh_from_db()
    assert prefiling.status == "filed" and prefiling.case == case
    assert case.number.startswith(f"（{case.year}）鲁0321民初") and case.seq == 1
    assert case.filing.fee_kind == "divorce" and case.filing.cause.name == "离婚纠纷"
    assert [p.role for p in case.filing.parties.order_by("pk")] == ["plaintiff", "defendant"]
    assert case.filing.parties.get(role="plaintiff").user == network.users["party"]
    assert case.accepted_on == timezone.localdate()
    assert proc.divorce_counts(network.court, None, None).filed == 1


# --------------------------------------------------------------------------------------------
# Investigation order


def _agent_case(network: Network) -> Case:
    return accepted_case(network, filer=network.users["agent"], capacity="agent")


def test_only_the_cases_agent_applies(network: Network) -> None:
    case = _agent_case(network)
    party_case = accepted_case(network)
    with pytest.raises(NotPermitted):
        investigation.apply(actor=network.users["agent"], case=party_case, holder="甲银行",
                            items="流水", reasons="银行不对律师开放")  # fmt: skip
    with pytest.raises(NotPermitted):
        investigation.apply(actor=network.users["judge"], case=case, holder="甲银行",
                            items="流水", reasons="银行不对律师开放")  # fmt: skip
    with pytest.raises(FieldError) as caught:
        investigation.apply(actor=network.users["agent"], case=case, holder="", items="",
                            reasons="")  # fmt: skip
    assert set(caught.value.fields) == {"holder", "items", "reasons"}


def test_issue_number_validity_answer_and_counts(network: Network) -> None:
    agent, judge, clerk = network.users["agent"], network.users["judge"], network.users["clerk"]
    case = _agent_case(network)
    first = investigation.apply(actor=agent, case=case, holder="甲县农商银行",
                                items="被告2025年银行流水", reasons="涉及个人隐私，律师无权查询")  # fmt: skip
    second = investigation.apply(actor=agent, case=case, holder="甲县不动产登记中心",
                                 items="房产登记", reasons="国家机关保存")  # fmt: skip
    third = investigation.apply(actor=agent, case=case, holder="丙公司", items="与本案无关的合同",
                                reasons="对方不给")  # fmt: skip
    with pytest.raises(NotPermitted):  # clerks do not issue; judges do
        investigation.issue(actor=clerk, order=first)
    with pytest.raises(FieldError):
        investigation.issue(actor=judge, order=first, validity_days=45)
    first = investigation.issue(actor=judge, order=first, validity_days=15)
    refused = investigation.refuse(actor=judge, order=third, reason="与待证事实无关")
    second = investigation.issue(actor=judge, order=second, validity_days=10, scope="房产登记簿")
    year = timezone.localdate().year
    assert first.number == f"（{year}）鲁0321调查令1号"
    assert second.number == f"（{year}）鲁0321调查令2号"  # gapless: the refusal took no number
    assert refused.status == "refused" and refused.number == ""
    assert first.valid_until >= first.issued_on + timedelta(days=15)
    assert second.scope == "房产登记簿" and first.scope == first.items
    with pytest.raises(NotPermitted):
        investigation.record_answer(actor=judge, order=first, answer="provided")
    with pytest.raises(FieldError) as caught:
        investigation.record_answer(actor=agent, order=first, answer="provided")
    assert set(caught.value.fields) == {"file"}
    late = first.valid_until + timedelta(days=1)
    with pytest.raises(FieldError):
        investigation.record_answer(actor=agent, order=second, answer="refused", note="x",
                                    answered_on=late)  # fmt: skip
    upload = SimpleUploadedFile("流水.pdf", b"%PDF-1.4 statement", "application/pdf")
    first = investigation.record_answer(actor=agent, order=first, answer="provided", file=upload,
                                        title="银行流水")  # fmt: skip
    assert first.status == "answered"
    evidence = Evidence.objects.get(pk=first.answer_evidence_id)
    assert evidence.filing == case.filing and evidence.title == "银行流水" and evidence.sha256
    investigation.record_answer(actor=agent, order=second, answer="refused", note="称需单位介绍信")
    counts = proc.investigation_counts(network.court, None, None).as_dict()
    assert counts == {"applied": 3, "issued": 2, "answered": 1, "holder_refused": 1}
    # Visibility: who sees the case sees its orders; the other court's staff do not.
    with pytest.raises(NotVisible):
        proc.order_for(network.users["other_admin"], first.pk)
    assert proc.order_for(clerk, first.pk) == first
    assert InvestigationOrder.objects.count() == 3


def test_the_issued_order_is_generated_as_a_document(network: Network) -> None:
    from fating.cases.services import documents as case_documents

    agent, judge = network.users["agent"], network.users["judge"]
    case = _agent_case(network)
    order = investigation.apply(actor=agent, case=case, holder="甲县农商银行", items="流水",
                                reasons="个人隐私")  # fmt: skip
    with pytest.raises(InvalidTransition):  # not issued yet: no number to print
        case_documents.investigation_order(actor=judge, order=order)
    order = investigation.issue(actor=judge, order=order)
    with pytest.raises(NotPermitted):
        case_documents.investigation_order(actor=network.users["clerk"], order=order)
    document = case_documents.investigation_order(actor=judge, order=order)
    assert document.kind == "investigation_order"
    assert document.context["number"] == order.number
    assert document.context["principal"] == "张三" and document.context["holder"] == "甲县农商银行"


def test_api_prefile_honours_idempotency_key_and_refuses_hostile_input(network: Network) -> None:
    from fating.testing import client_for

    client = client_for(network.users["party"])
    body = {
        "court": network.court.pk, "applicant_name": "王芳", "applicant_id_number": VALID_ID,
        "applicant_address": "甲村", "respondent_name": "李强", "respondent_address": "乙村",
        "facts": "感情不和",
    }  # fmt: skip
    url = "/api/v1/cases/divorce-prefilings/"
    first = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and DivorcePreFiling.objects.count() == 1
    for hostile in ({**body, "court": 2**40}, {**body, "facts": "x" * 5000},
                    {**body, "court": 999999}, {**body, "applicant_id_number": "<script>"}):  # fmt: skip
        response = client.post(url, hostile, content_type="application/json")
        assert response.status_code == 400, (hostile, response.content[:200])
    assert DivorcePreFiling.objects.count() == 1
