"""Changes after acceptance: procedure changes and claim changes recompute the fee (办法 第16、21、
35条; 解释 第199、206条), counterclaims (第18条; CPL 第166条; 解释 第278条), refunds paid out,
the one-notice rule for 补正 (登记立案规定 第7条), adjournment caps (2019 规定 第3、5、6条),
速裁 teams, and the small-claims wage figure that must be verified before it decides."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from fating.cases.models import Case, FeeAdjustment, Payment, Refund, WageFigure
from fating.cases.services import acceptance, fees, hearings, time_limits, triage_admin
from fating.cases.services import filing as filing_services
from fating.cases.tests.factories import submitted_filing
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import AuditEvent
from fating.testing import Network, client_for, member

pytestmark = pytest.mark.django_db


def _case(network: Network, amount: str = "80000", procedure: str = "simple") -> Case:
    filing = submitted_filing(network, amount=amount)
    return acceptance.accept_filing(
        actor=network.users["clerk"], filing=filing, procedure=procedure
    )


def _pay_all(case: Case) -> None:
    case.refresh_from_db()
    Payment.objects.create(
        case=case, order_id=f"T{case.pk}{Payment.objects.count()}", gateway="sandbox",
        amount=case.fee_due, status=Payment.Status.PAID, created_by=case.filing.filer,
    )  # fmt: skip
    Case.objects.filter(pk=case.pk).update(fee_status=Case.FeeStatus.PAID)


# 1. Procedure change ------------------------------------------------------------------------


def test_simple_to_ordinary_loses_the_halving_and_asks_for_the_difference(network: Network) -> None:
    case = _case(network)
    assert case.fee_amount == Decimal("900.00")  # (50 + 70,000 × 2.5%) / 2 (办法 第16条)
    _pay_all(case)
    time_limits.change_procedure(
        actor=network.users["clerk"], case=case, to="ordinary", reasons="案情复杂"
    )
    case.refresh_from_db()
    assert case.fee_amount == Decimal("1800.00") and case.fee_breakdown["halved"] is False
    assert case.fee_status == Case.FeeStatus.UNPAID and case.fee_due == Decimal("1800.00")
    adjustment = case.fee_adjustments.get()
    assert adjustment.kind == FeeAdjustment.Kind.SUPPLEMENT
    assert adjustment.difference == Decimal("900.00") and adjustment.due_on is not None
    notice = acceptance.fee_notice(case)
    assert notice["adjustments"][0]["difference"] == "900.00"
    event = AuditEvent.objects.filter(action="cases.time_limit.procedure_change").get()
    assert event.after["fee_adjustment"]["kind"] == "supplement"
    # Mediated after conversion: halved once for mediation (第15条), not twice (解释 第206条).
    closed = hearings.close_case(
        actor=network.users["clerk"], case=case, closure="mediation",
        plaintiff_share=Decimal("900.00"),
    )  # fmt: skip
    assert closed.final_fee == Decimal("900.00")
    assert closed.fee_settlement["adjustments"][0]["kind"] == "supplement"


def test_case_page_and_api_show_the_adjustment(network: Network) -> None:
    case = _case(network)
    time_limits.change_procedure(
        actor=network.users["clerk"], case=case, to="ordinary", reasons="案情复杂"
    )
    client = client_for(network.users["party"])
    page = client.get(f"/cases/{case.pk}/fees/")
    assert "补交" in page.content.decode()
    data = client.get(f"/api/v1/cases/cases/{case.pk}/").json()
    assert data["fee_notice"]["adjustments"][0]["fee_after"] == "1800.00"


# 2. Claim changes and counterclaims ---------------------------------------------------------


def test_increase_is_paid_on_top_and_decrease_refunded_at_closure(network: Network) -> None:
    case = _case(network, procedure="ordinary")
    _pay_all(case)
    change = fees.record_claim_change(
        actor=network.users["party"], case=case, new_amount="100000", reasons="增加利息"
    )
    case.refresh_from_db()
    assert case.fee_amount == Decimal("2300.00")  # 0.025 × 100,000 − 200
    assert change.adjustment.kind == FeeAdjustment.Kind.SUPPLEMENT
    assert case.fee_status == Case.FeeStatus.UNPAID
    fees.record_claim_change(
        actor=network.users["clerk"], case=case, new_amount="50000", reasons="部分已还"
    )
    case.refresh_from_db()
    assert case.fee_amount == Decimal("1050.00") and case.fee_status == Case.FeeStatus.PAID
    assert case.fee_adjustments.last().kind == FeeAdjustment.Kind.REFUND
    closed = hearings.close_case(
        actor=network.users["clerk"], case=case, closure="judgment", plaintiff_share=Decimal("0")
    )
    assert Decimal(closed.fee_settlement["refund_to_plaintiff"]) == Decimal("1800.00")
    assert closed.fee_settlement["final_fee"] == "1050.00"


def test_decrease_after_court_investigation_keeps_the_fee(network: Network) -> None:
    case = _case(network, procedure="ordinary")
    fees.record_claim_change(
        actor=network.users["clerk"], case=case, new_amount="50000", reasons="部分已还",
        after_investigation=True,
    )  # fmt: skip
    case.refresh_from_db()
    assert case.fee_amount == Decimal("1800.00")  # 办法 第35条
    assert "第35条" in case.fee_adjustments.get().explanation


def test_claim_change_needs_the_plaintiff_side_or_the_court(network: Network) -> None:
    case = _case(network)
    with pytest.raises(NotPermitted):
        fees.record_claim_change(
            actor=network.users["court_admin"], case=case, new_amount="1", reasons="x"
        )
    with pytest.raises(FieldError):
        fees.record_claim_change(
            actor=network.users["party"], case=case, new_amount="-5", reasons="x"
        )


def test_counterclaim_is_halved_once_and_leaves_small_claims(network: Network) -> None:
    case = _case(network, amount="8000", procedure="small_claims")
    counterclaim = fees.record_counterclaim(
        actor=network.users["clerk"], case=case, counterclaimant="李四",
        claims="返还押金", amount="80000",
    )  # fmt: skip
    case.refresh_from_db()
    assert case.procedure == "simple"  # CPL 第166条（五）; 解释 第278条
    assert case.procedure_changes.get().to_procedure == "simple"
    assert counterclaim.fee == Decimal("900.00")  # 1,800 halved once (第16、18条; 解释 第206条)
    assert counterclaim.fee_due_on is not None
    with pytest.raises(FieldError):
        fees.record_counterclaim(
            actor=network.users["clerk"], case=case, counterclaimant="张三", claims="x"
        )


# 3. Refunds paid out ------------------------------------------------------------------------


def test_refund_is_marked_paid_out_once(network: Network) -> None:
    case = _case(network, procedure="ordinary")
    refund = Refund.objects.create(
        case=case, amount=Decimal("900.00"), reason="调解减半", due_on=timezone.localdate()
    )
    with pytest.raises(NotPermitted):
        fees.mark_refund_paid(actor=network.users["judge"], refund=refund, reference="TK1")
    fees.mark_refund_paid(actor=network.users["clerk"], refund=refund, reference="TK1")
    again = fees.mark_refund_paid(
        actor=network.users["court_admin"], refund=refund, reference="TK1"
    )
    assert again.paid_out_reference == "TK1" and again.paid_out_by == network.users["clerk"]
    assert AuditEvent.objects.filter(action="cases.refund.paid_out").count() == 1
    with pytest.raises(InvalidTransition):
        fees.mark_refund_paid(actor=network.users["clerk"], refund=refund, reference="TK2")
    notice = acceptance.fee_notice(case)
    assert notice["refunds"][0]["paid_out"] is True


# 4. Caps: one correction notice; adjournments ------------------------------------------------


def test_correction_is_asked_once_only(network: Network) -> None:
    filing = submitted_filing(network)
    clerk = network.users["clerk"]
    due = timezone.localdate() + timedelta(days=7)
    filing_services.request_correction(actor=clerk, filing=filing, items=["身份证明"], due_on=due)
    filing_services.resubmit_filing(actor=filing.filer, filing=filing)
    with pytest.raises(InvalidTransition, match="登记立案规定 第7条"):
        filing_services.request_correction(
            actor=clerk, filing=filing, items=["借条原件"], due_on=due
        )


def _hearing(network: Network, case: Case, days: int = 2) -> object:
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return hearings.schedule_hearing(
        actor=network.users["clerk"], case=case, mode="online", starts_at=start,
        ends_at=start + timedelta(hours=1),
    )  # fmt: skip


def test_simple_procedure_allows_one_adjournment(network: Network) -> None:
    case = _case(network)
    hearing = _hearing(network, case)
    nxt = hearing.starts_at + timedelta(days=10)
    adj = hearings.adjourn_hearing(
        actor=network.users["clerk"], hearing=hearing, ground="absence", reasons="被告住院",
        next_starts_at=nxt, next_ends_at=nxt + timedelta(hours=1),
    )  # fmt: skip
    hearing.refresh_from_db()
    assert hearing.status == "adjourned" and adj.next_hearing.status == "scheduled"
    later = nxt + timedelta(days=5)
    with pytest.raises(InvalidTransition, match="第3条"):
        hearings.adjourn_hearing(
            actor=network.users["clerk"], hearing=adj.next_hearing, ground="absence",
            reasons="再次", next_starts_at=later, next_ends_at=later + timedelta(hours=1),
        )  # fmt: skip
    assert AuditEvent.objects.filter(action="cases.hearing.adjourn").get().after["count"] == 1


def test_adjournment_gap_and_president_approval(network: Network) -> None:
    case = _case(network, procedure="ordinary")
    hearing = _hearing(network, case)
    far = hearing.starts_at + timedelta(days=45)
    with pytest.raises(FieldError, match="第5条"):
        hearings.adjourn_hearing(
            actor=network.users["clerk"], hearing=hearing, ground="evidence", reasons="补充调查",
            next_starts_at=far, next_ends_at=far + timedelta(hours=1),
        )  # fmt: skip
    with pytest.raises(FieldError, match="第2、6条"):
        hearings.adjourn_hearing(
            actor=network.users["clerk"], hearing=hearing, ground="other", reasons="暴雨",
            next_starts_at=far, next_ends_at=far + timedelta(hours=1),
        )  # fmt: skip
    adj = hearings.adjourn_hearing(
        actor=network.users["clerk"], hearing=hearing, ground="evidence", reasons="补充调查",
        next_starts_at=far, next_ends_at=far + timedelta(hours=1), parties_consent=True,
    )  # fmt: skip
    assert adj.parties_consent


# 5. 速裁 teams --------------------------------------------------------------------------------


def test_simple_cases_go_to_the_speedy_team(network: Network) -> None:
    speedy = member("judge", tribunal=network.tribunal)
    with pytest.raises(NotPermitted):
        triage_admin.create_team(
            actor=network.users["clerk"], court=network.court, name="速裁", members=[speedy.pk]
        )
    with pytest.raises(FieldError):
        triage_admin.create_team(
            actor=network.users["court_admin"], court=network.court, name="速裁",
            members=[network.users["clerk"].pk],
        )  # fmt: skip
    triage_admin.create_team(
        actor=network.users["court_admin"], court=network.court, tribunal=network.tribunal,
        name="速裁一组", members=[speedy.pk],
    )  # fmt: skip
    simple = _case(network)
    assert simple.judge == speedy and "速裁团队" in simple.assignment_reason
    ordinary = _case(network, procedure="ordinary")
    assert ordinary.judge == network.users["judge"]


# 6. Wage figure verification ----------------------------------------------------------------


def test_unverified_wage_needs_a_person_and_an_official_figure_decides(network: Network) -> None:
    filing = submitted_filing(network, amount="8000")
    with pytest.raises(FieldError, match="标的额限额未经核实"):
        acceptance.accept_filing(actor=network.users["clerk"], filing=filing, simple_case=True)
    with pytest.raises(NotPermitted):
        triage_admin.load_wage_figure(
            actor=network.users["clerk"], province="鲁", wage_year=2024, average_wage="100000",
            effective_from=date(2025, 7, 1), source="山东省高级人民法院通知",
        )  # fmt: skip
    figure = triage_admin.load_wage_figure(
        actor=network.users["court_admin"], province="鲁", wage_year=2024,
        average_wage="100000", effective_from=date(2025, 7, 1), source="山东省高级人民法院通知",
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="cases.wage_figure.load").count() == 1
    case = acceptance.accept_filing(actor=network.users["clerk"], filing=filing, simple_case=True)
    assert case.procedure == "small_claims" and case.procedure_confirmed_by is None
    assert any("50000" in r for r in case.procedure_reasons)
    assert figure.pk


def test_load_wage_figure_command(network: Network) -> None:
    call_command(
        "load_wage_figure", "--user", network.users["court_admin"].username, "--province", "鲁",
        "--wage-year", "2024", "--average-wage", "104000", "--effective-from", "2025-07-01",
        "--source", "鲁高法通知", "--limit", "52000",
    )  # fmt: skip
    assert WageFigure.objects.get().small_claims_limit == Decimal("52000")


def test_wage_figure_and_team_through_the_triage_admin_page(network: Network) -> None:
    admin = client_for(network.users["court_admin"])
    form = {
        "action": "load_wage", "province": "鲁", "wage_year": "2024", "average_wage": "104000",
        "small_claims_limit": "52000", "agreed_limit": "208000", "effective_from": "2025-07-01",
        "source": "山东省高级人民法院关于小额诉讼标的额的通知",
    }  # fmt: skip
    response = admin.post("/cases/triage-admin/", form)
    assert response.status_code == 302, response.content.decode()[:500]
    figure = WageFigure.objects.get()
    assert figure.source.startswith("山东省高级人民法院") and figure.agreed_limit == Decimal(
        "208000"
    )
    response = admin.post("/cases/triage-admin/", {**form, "source": "", "wage_year": "2023"})
    assert response.status_code == 400 and "来源" in response.content.decode()
    assert WageFigure.objects.count() == 1
    response = admin.post(
        "/cases/triage-admin/",
        {"action": "create_team", "court": network.court.pk, "name": "速裁一组",
         "members": [network.users["judge"].pk]},
    )  # fmt: skip
    assert response.status_code == 302
    assert client_for(network.users["clerk"]).post("/cases/triage-admin/", form).status_code == 403
