"""鉴定 in a case: apply, grant with the fee, commission (委托书 into the dossier, the period out of
审限), the report into the dossier (审限 runs again), objections and the appraiser's appearance;
who sees and does what; hostile input; retried POSTs."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from fating.cases.models import Case
from fating.cases.services.due_dates import recompute_due
from fating.cases.tests.factories import accepted_case, pdf
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import OutboxMessage
from fating.documents.models import DossierEntry
from fating.evaluation import reminders, services
from fating.evaluation.models import Appraisal
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db

PERSONAS = [
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance",
    "party", "agent", "other_admin", "outsider", "cross",
]  # fmt: skip
FORM = {"matters": "借条上“李四”签名是否为李四本人书写", "purpose": "查明借条真实性"}


@pytest.fixture
def case(network: Network) -> Case:
    """Filed by `party` (plaintiff); `agent` holds the defendant's account; `judge` tries it."""
    case = accepted_case(network)
    case.filing.parties.filter(role="defendant").update(user=network.users["agent"])
    Case.objects.filter(pk=case.pk).update(judge=network.users["judge"])
    case.refresh_from_db()
    return case


def _commissioned(network: Network, case: Case) -> Appraisal:
    judge, clerk = network.users["judge"], network.users["clerk"]
    a = services.apply(actor=network.users["party"], case=case, **FORM)
    a = services.decide(actor=judge, appraisal=a, grant=True, fee="3000")
    a = services.record_fee(actor=clerk, appraisal=a)
    return services.commission(actor=judge, appraisal=a, institution="甲县司法鉴定中心",
                               chosen_by="agreement", report_days=30)  # fmt: skip


def test_the_appraisal_period_is_out_of_the_time_limit(network: Network, case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(accepted_on=timezone.localdate() - timedelta(days=30))
    case.refresh_from_db()
    due_before = recompute_due(case).due_on
    a = _commissioned(network, case)
    assert a.status == "commissioned" and a.report_due_on is not None
    assert a.commission_document is not None
    assert a.commission_document.context["institution"] == "甲县司法鉴定中心"
    period = a.excluded_period
    assert period is not None and period.kind == "appraisal" and period.end is None
    # Twenty days ago: the period from then to today's receipt stays out of 审限.
    start = timezone.localdate() - timedelta(days=20)
    Appraisal.objects.filter(pk=a.pk).update(commissioned_on=start)
    type(period).objects.filter(pk=period.pk).update(start=start)
    a.refresh_from_db()
    a = services.receive_report(actor=network.users["clerk"], appraisal=a,
                                upload=pdf("鉴定书.pdf"), summary="签名系李四本人书写")  # fmt: skip
    case.refresh_from_db()
    assert a.status == "reported" and a.excluded_period.end == timezone.localdate()
    assert case.due_on == due_before + timedelta(days=20)
    entries = DossierEntry.objects.filter(dossier__matter_id=case.pk)
    titles = set(entries.values_list("title", flat=True))
    assert "鉴定书（甲县司法鉴定中心）" in titles and any("鉴定委托书" in t for t in titles)
    assert a.report_entry.category == "evidence"
    limits = client_for(network.users["judge"]).get(f"/cases/{case.pk}/limits/").content.decode()
    assert "鉴定期间" in limits
    objection = services.object_to(actor=network.users["agent"], appraisal=a, text="笔迹样本不足")
    assert objection.party_name
    a = services.summon(actor=network.users["judge"], appraisal=a,
                        on=timezone.localdate() + timedelta(days=7))  # fmt: skip
    assert a.status == "appearance"


def test_fee_first_and_the_court_appoints_on_its_own_motion(network: Network, case: Case) -> None:
    judge = network.users["judge"]
    a = services.apply(actor=network.users["party"], case=case, **FORM)
    a = services.decide(actor=judge, appraisal=a, grant=True, fee="3000")
    with pytest.raises(FieldError) as refusal:  # 证据规定 第31条: no fee, no commission
        services.commission(actor=judge, appraisal=a, institution="某中心", chosen_by="court",
                            report_days=30)  # fmt: skip
    assert "fee_paid_on" in refusal.value.fields
    abandoned = services.abandon(actor=judge, appraisal=a, note="逾期未预交鉴定费用")
    assert abandoned.status == "abandoned"
    own = services.order_ex_officio(actor=judge, case=case, note="涉及身份关系", **FORM)
    with pytest.raises(FieldError) as refusal:
        services.commission(actor=judge, appraisal=own, institution="某中心",
                            chosen_by="agreement", report_days=30)  # fmt: skip
    assert "chosen_by" in refusal.value.fields
    done = services.commission(actor=judge, appraisal=own, institution="某中心",
                               chosen_by="court", report_days=30)  # fmt: skip
    assert done.status == "commissioned" and done.fee is None
    with pytest.raises(InvalidTransition):
        services.decide(actor=judge, appraisal=done, grant=True, fee="1")


def test_hostile_input_names_fields_and_writes_nothing(network: Network, case: Case) -> None:
    with pytest.raises(FieldError) as refusal:
        services.apply(actor=network.users["party"], case=case, matters="", purpose="x" * 501)
    assert set(refusal.value.fields) == {"matters", "purpose"}
    with pytest.raises(NotPermitted):
        services.apply(actor=network.users["clerk"], case=case, **FORM)
    a = services.apply(actor=network.users["party"], case=case, **FORM)
    for fee in ("-1", "很多", "1e9", ""):
        with pytest.raises(FieldError):
            services.decide(actor=network.users["judge"], appraisal=a, grant=True, fee=fee)
    with pytest.raises(FieldError):
        services.decide(actor=network.users["judge"], appraisal=a, grant=False, note="")
    a.refresh_from_db()
    assert a.status == "applied" and Appraisal.objects.count() == 1
    judge = client_for(network.users["judge"])
    for body in ({"grant": "yes"}, {"grant": True, "fee": {"x": 1}}, {"grant": True, "fee": "0"}):
        response = judge.post(f"/api/v1/evaluation/appraisals/{a.pk}/decision/",
                              json.dumps(body), content_type="application/json")  # fmt: skip
        assert response.status_code == 400, body
    a.refresh_from_db()
    assert a.status == "applied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_and_decides(network: Network, case: Case, persona: str) -> None:
    a = services.apply(actor=network.users["party"], case=case, **FORM)
    client = client_for(network.users[persona])
    sees = persona in ("party", "agent", "judge", "clerk", "court_admin")
    decides = persona == "judge"
    assert client.get(f"/evaluation/appraisals/{a.pk}/").status_code == (200 if sees else 404)
    api = client.get(f"/api/v1/evaluation/appraisals/{a.pk}/")
    assert api.status_code == (200 if sees else 404)
    assert client.get("/evaluation/").status_code == 200
    response = client.post(f"/evaluation/appraisals/{a.pk}/decision/",
                           {"grant": "yes", "fee": "3000"})  # fmt: skip
    assert response.status_code == (302 if decides else 403 if sees else 404)
    a.refresh_from_db()
    assert (a.status == "granted") == decides


def test_pages_from_the_case_tab_to_the_report(network: Network, case: Case) -> None:
    party, judge = client_for(network.users["party"]), client_for(network.users["judge"])
    clerk = client_for(network.users["clerk"])
    overview = party.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/evaluation/cases/{case.pk}/"' in overview
    tab = party.get(f"/evaluation/cases/{case.pk}/").content.decode()
    assert "申请鉴定" in tab and "依职权委托鉴定" not in tab
    assert "依职权委托鉴定" in judge.get(f"/evaluation/cases/{case.pk}/").content.decode()
    bad = party.post(f"/evaluation/cases/{case.pk}/", {"form": "apply", "matters": ""})
    assert bad.status_code == 400 and "鉴定事项" in bad.content.decode()
    assert party.post(f"/evaluation/cases/{case.pk}/", {"form": "apply", **FORM}).status_code == 302
    a = Appraisal.objects.get()
    page = party.get(f"/evaluation/appraisals/{a.pk}/").content.decode()
    assert "准许鉴定</button>" not in page  # a party is offered no ruling
    assert "准许鉴定</button>" in judge.get(f"/evaluation/appraisals/{a.pk}/").content.decode()
    steps = [
        (judge, "decision", {"grant": "yes", "fee": "2,000"}),
        (clerk, "fee", {}),
        (judge, "commission", {"institution": "甲县司法鉴定中心", "chosen_by": "court",
                               "report_days": "20"}),
        (clerk, "report", {"file": pdf("鉴定书.pdf"), "summary": "签名真实", "objection_days": "10"}),
    ]  # fmt: skip
    for client, action, data in steps:
        response = client.post(f"/evaluation/appraisals/{a.pk}/{action}/", data)
        assert response.status_code == 302, (action, response.content.decode()[:500])
    a.refresh_from_db()
    assert a.status == "reported" and a.objection_due_on is not None
    page = party.get(f"/evaluation/appraisals/{a.pk}/").content.decode()
    assert "对鉴定意见提出异议" in page and "不计入审限的天数" in page
    assert party.get(f"/documents/{a.commission_document_id}/").status_code == 200


def test_retried_posts_write_once(network: Network, case: Case) -> None:
    party = client_for(network.users["party"])
    body = json.dumps({"case": case.pk, "matters": ["笔迹鉴定"], "purpose": "查明借条真实性"})
    first = party.post("/api/v1/evaluation/appraisals/", body, content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY="appraisal-apply-1")  # fmt: skip
    again = party.post("/api/v1/evaluation/appraisals/", body, content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY="appraisal-apply-1")  # fmt: skip
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and Appraisal.objects.count() == 1
    pk = first.json()["id"]
    judge = client_for(network.users["judge"])
    grant = json.dumps({"grant": True, "fee": "1000"})
    for _ in range(2):
        response = judge.post(f"/api/v1/evaluation/appraisals/{pk}/decision/", grant,
                              content_type="application/json", HTTP_IDEMPOTENCY_KEY="grant-1")  # fmt: skip
        assert response.status_code == 200
    form = {"form": "apply", "idempotency_key": "page-apply-1", **FORM}
    assert party.post(f"/evaluation/cases/{case.pk}/", form).status_code == 302
    assert party.post(f"/evaluation/cases/{case.pk}/", form).status_code == 302
    assert Appraisal.objects.count() == 2


def test_the_judge_is_reminded_once_before_the_report_is_due(network: Network, case: Case) -> None:
    a = _commissioned(network, case)
    day = a.report_due_on - timedelta(days=1)
    assert reminders.remind(day) == 1
    assert reminders.remind(day) == 1  # the same deadline: the outbox key sends nothing twice
    sent = OutboxMessage.objects.filter(subject__contains="鉴定期限")
    assert sent.count() == 1 and sent.get().recipient == network.users["judge"]
    assert reminders.remind(a.report_due_on - timedelta(days=10)) == 0
