"""Acceptance: case number, procedure, judge by load, fee with its breakdown, fee relief."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fating.cases.models import Case, CaseSequence, Filing
from fating.cases.services import acceptance, payments
from fating.cases.tests.factories import accepted_case, submitted_filing
from fating.core.exceptions import FieldError
from fating.testing import Network, member

pytestmark = pytest.mark.django_db


def test_acceptance_numbers_the_case_and_computes_the_fee(network: Network) -> None:
    filing = submitted_filing(network, amount="80000")
    case = acceptance.accept_filing(
        actor=network.users["clerk"], filing=filing, procedure="ordinary"
    )
    year = case.accepted_on.year
    assert case.number == f"（{year}）{network.court.code}民初1号"
    assert case.fee_amount == Decimal("1800.00")  # 50 + 70,000 × 2.5% (LEGAL-RULES A8 #2)
    assert case.fee_breakdown["fee"] == "1800.00"
    assert case.fee_breakdown["breakdown"][1]["rate"] == "0.025"
    assert case.fee_status == Case.FeeStatus.UNPAID and case.fee_due == Decimal("1800.00")
    assert case.fee_due_on > case.accepted_on
    filing.refresh_from_db()
    assert filing.status == Filing.Status.ACCEPTED


def test_simple_procedure_halves_the_fee_and_shortens_the_time_limit(network: Network) -> None:
    filing = submitted_filing(network, amount="8000")
    # 鲁's wage figure is an estimate: triage recommends but a person must confirm.
    with pytest.raises(FieldError, match="标的额限额未经核实，需立案庭人工确认"):
        acceptance.accept_filing(actor=network.users["clerk"], filing=filing, simple_case=True)
    case = acceptance.accept_filing(
        actor=network.users["clerk"], filing=filing, simple_case=True, procedure="small_claims"
    )
    assert case.procedure == "small_claims"
    assert case.procedure_confirmed_by == network.users["clerk"]
    assert any("人工确认" in r for r in case.procedure_reasons)
    assert case.fee_amount == Decimal("25.00")  # LEGAL-RULES A8 #1
    assert case.fee_breakdown["halved"] is True
    assert case.procedure_reasons


def test_unknown_simplicity_goes_to_ordinary_with_reasons(network: Network) -> None:
    case = accepted_case(network, amount="350000")
    assert case.procedure == "ordinary"
    assert case.fee_amount == Decimal("6550.00")  # LEGAL-RULES A8 #3
    assert any("未确认" in r for r in case.procedure_reasons)
    assert case.due_on > date(case.accepted_on.year, case.accepted_on.month, 1)


def test_numbers_follow_each_other_per_court_year_and_type(network: Network) -> None:
    first = accepted_case(network)
    second = accepted_case(network)
    assert (first.seq, second.seq) == (1, 2)
    assert CaseSequence.objects.get(court=network.court).last_seq == 2


def test_a_failed_acceptance_leaves_no_gap(network: Network) -> None:
    filing = submitted_filing(network)
    with pytest.raises(FieldError):
        acceptance.accept_filing(actor=network.users["clerk"], filing=filing, procedure="fast")
    case = acceptance.accept_filing(actor=network.users["clerk"], filing=filing)
    assert case.seq == 1


def test_judges_are_assigned_by_load(network: Network) -> None:
    second_judge = member("judge", tribunal=network.tribunal)
    first = accepted_case(network)
    second = accepted_case(network)
    assert {first.judge, second.judge} == {network.users["judge"], second_judge}
    assert "在办案件最少" in second.assignment_reason


def test_an_exemption_approved_before_acceptance_sets_nothing_to_pay(network: Network) -> None:
    filing = submitted_filing(network)
    relief = payments.apply_fee_relief(
        actor=network.users["party"], filing=filing, kind="exempt", grounds="低保对象，无其他收入"
    )
    payments.decide_fee_relief(actor=network.users["judge"], relief=relief, approve=True)
    case = acceptance.accept_filing(actor=network.users["clerk"], filing=filing)
    assert case.fee_status == Case.FeeStatus.EXEMPT and case.fee_due == Decimal("0.00")


def test_a_reduction_lowers_the_amount_due(network: Network) -> None:
    filing = submitted_filing(network, amount="80000")
    relief = payments.apply_fee_relief(
        actor=network.users["party"],
        filing=filing,
        kind="reduce",
        grounds="受灾",
        reduction_percent=40,
    )
    payments.decide_fee_relief(actor=network.users["court_admin"], relief=relief, approve=True)
    case = acceptance.accept_filing(
        actor=network.users["clerk"], filing=filing, procedure="ordinary"
    )
    assert case.fee_due == Decimal("1080.00")


def test_fee_notice_states_the_deadline_and_articles(network: Network) -> None:
    case = accepted_case(network, amount="80000")
    notice = acceptance.fee_notice(case)
    assert notice["fee"] == str(case.fee_amount)
    assert "诉讼费用交纳办法 第13条(一)" in " ".join(notice["articles"])
