"""Enforcement services: filing, triage, search, control, ledger, measures, closure, auction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import AuditEvent
from fating.demo.enforcement_notices import serve_notices
from fating.enforcement import selectors, services, services_disposal
from fating.enforcement.gateways import GatewayError, SandboxGateway
from fating.enforcement.models import Control, EnforcementCase, LedgerEntry
from fating.enforcement.rules.measures import ZHONGBEN_CONDITIONS
from fating.enforcement.tests.conftest import POOR_ID, Enf

pytestmark = pytest.mark.django_db


def _events(case: EnforcementCase) -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="enforcement.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_filing_gives_gapless_numbers_and_the_fee(enf: Enf) -> None:
    first = enf.file(amount="60000")
    assert first.case_number.endswith("执1号") and first.fee == D("800.00")
    assert first.due_on > first.filed_on
    with pytest.raises(FieldError) as late:
        enf.file(effective_on=dt.date(2020, 1, 1))
    assert "effective_on" in late.value.fields
    with pytest.raises(NotPermitted):
        services.file_case(actor=enf.net.users["clerk"], court=enf.net.court, source_kind="judgment",
                           source_reference="x", amount=D("1"), effective_on=dt.date.today(),
                           parties=[])  # fmt: skip
    with pytest.raises(FieldError) as bad:
        services.file_case(actor=enf.executor, court=enf.net.court, source_kind="nonsense",
                           source_reference="", amount=D("1"), effective_on=dt.date.today(),
                           parties=[])  # fmt: skip
    assert {"source_kind", "source_reference", "parties"} <= set(bad.value.fields)
    second = enf.file()
    assert second.case_number.endswith("执2号")  # the refused ones took no number
    assert EnforcementCase.objects.count() == 2


def test_from_filing_to_payout_and_completion(
    enf: Enf, django_capture_on_commit_callbacks: object
) -> None:
    case = enf.file(amount="50000")
    case = services.triage_case(actor=enf.executor, case=case)
    assert case.status == "triaged" and case.speedy and case.team == enf.speedy
    assert case.executor == enf.executor
    inquiry = services.search_property(actor=enf.executor, case=case)
    assert inquiry.status == "partial" and "车辆管理所" in inquiry.failed
    deposit = case.assets.get(kind="deposit")
    freeze = services.control_asset(actor=enf.executor, asset=deposit, action="freeze",
                                    amount=D("50650"), on=dt.date(2026, 3, 2))  # fmt: skip
    assert freeze.status == "done" and freeze.ends_on == dt.date(2027, 3, 2)
    with pytest.raises(FieldError):
        services.control_asset(
            actor=enf.executor, asset=deposit, action="deduct", amount=D("60000")
        )
    services.control_asset(actor=enf.executor, asset=deposit, action="deduct", amount=D("50650"))
    case.refresh_from_db()
    assert case.status == "controlled"
    assert selectors.ledger_totals(case)["balance"] == D("50650")
    with pytest.raises(FieldError):  # account not verified yet
        services.pay_out(actor=enf.executor, case=case)
    case.parties.filter(role="applicant").update(bank_verified=True)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        made = services.pay_out(actor=enf.executor, case=case)
    assert [(e.kind, e.amount) for e in made] == [("payout", D("50000")), ("fee", D("650.00"))]
    case.refresh_from_db()
    totals = selectors.ledger_totals(case)
    assert totals["paid"] == D("50000") and totals["balance"] == 0
    assert case.status == "completed" and case.closed_on is not None
    assert SandboxGateway.bank.payouts == {made[0].key: D("50000")}
    assert _events(case) == [
        "enforcement.case.file", "enforcement.case.triage", "enforcement.case.inquire",
        "enforcement.control.freeze", "enforcement.control.deduct", "enforcement.ledger.payout",
        "enforcement.ledger.paid", "enforcement.case.complete",
    ]  # fmt: skip
    with pytest.raises(InvalidTransition):
        services.pay_out(actor=enf.executor, case=case)


def test_a_gateway_failure_never_loses_a_freeze(enf: Enf) -> None:
    case = enf.file()
    services.triage_case(actor=enf.executor, case=case)
    services.search_property(actor=enf.executor, case=case)
    deposit = case.assets.get(kind="deposit")
    SandboxGateway.fail("freeze")
    failed = services.control_asset(actor=enf.executor, asset=deposit, action="freeze",
                                    amount=D("1000"), key="k-freeze")  # fmt: skip
    assert failed.status == "failed" and failed.attempts == 1
    SandboxGateway.lose_reply("freeze")  # the bank froze, the reply was lost
    lost = services.retry_control(actor=enf.executor, control=failed)
    assert lost.status == "failed" and len(SandboxGateway.bank.receipts) == 1
    done = services.retry_control(actor=enf.executor, control=lost)
    assert done.status == "done" and done.gateway_ref == SandboxGateway.bank.receipts["k-freeze"]
    assert len(SandboxGateway.bank.receipts) == 1  # one freeze at the bank
    again = services.control_asset(actor=enf.executor, asset=deposit, action="freeze",
                                   amount=D("1000"), key="k-freeze")  # fmt: skip
    assert again.pk == done.pk and Control.objects.count() == 1


def test_a_payout_retried_after_a_crash_is_paid_once(enf: Enf) -> None:
    case = enf.file(amount="1000")
    case.parties.filter(role="applicant").update(bank_verified=True)
    services.record_receipt(
        actor=enf.executor, case=case, kind="voluntary", amount=D("1000"), key="v1"
    )
    services.record_receipt(
        actor=enf.executor, case=case, kind="voluntary", amount=D("1000"), key="v1"
    )
    (entry, fee) = [e for e in services.pay_out(actor=enf.executor, case=case)] + [None]
    assert entry.status == "pending" and fee is None  # only the debt: nothing left for the fee
    SandboxGateway.lose_reply("pay")
    with pytest.raises(GatewayError):
        services.send_payout(entry_id=entry.pk)
    entry.refresh_from_db()
    assert entry.status == "pending"
    services.send_payout(entry_id=entry.pk)
    services.send_payout(entry_id=entry.pk)
    entry.refresh_from_db()
    assert entry.status == "paid" and SandboxGateway.bank.payouts == {entry.key: D("1000")}
    assert LedgerEntry.objects.filter(kind="payout", status="paid").count() == 1


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.booleans(), st.integers(min_value=1, max_value=900)), max_size=8))
def test_the_ledger_balances_after_any_sequence(enf: Enf, steps: list[tuple[bool, int]]) -> None:
    case = enf.file(amount="1500")
    case.parties.filter(role="applicant").update(bank_verified=True)
    for i, (receive, amount) in enumerate(steps):
        if receive:
            services.record_receipt(actor=enf.executor, case=case, kind="voluntary",
                                    amount=D(amount), key=f"{case.pk}-{i}")  # fmt: skip
        else:
            try:
                services.pay_out(actor=enf.executor, case=case)
            except InvalidTransition:
                pass
        totals = selectors.ledger_totals(case)
        assert totals["balance"] >= 0
        assert totals["payout"] <= case.amount and totals["fee"] <= case.fee
        assert totals["in"] == totals["payout"] + totals["fee"] + totals["balance"]


def test_zhongben_refused_while_a_condition_lacks_evidence(enf: Enf) -> None:
    case = (
        enf.file(respondent_id=POOR_ID, filed_on=None) if False else enf.file(respondent_id=POOR_ID)
    )
    EnforcementCase.objects.filter(pk=case.pk).update(
        filed_on=dt.date.today() - dt.timedelta(days=120)
    )
    services.triage_case(actor=enf.executor, case=case)
    inquiry = services.search_property(actor=enf.executor, case=case)
    assert not case.assets.exists() and inquiry.status == "partial"
    evidence = {k: "见卷宗第3页" for k in ZHONGBEN_CONDITIONS if k != "respondent_located"}
    services.record_zhongben_evidence(
        actor=enf.executor, case=case, evidence=evidence, interviewed=True
    )
    with pytest.raises(NotPermitted):
        services.close_case(actor=enf.executor, case=case, action="conclude")
    with pytest.raises(InvalidTransition, match="被执行人下落不明"):
        services.close_case(actor=enf.ejudge, case=case, action="conclude")
    case.refresh_from_db()
    assert case.status == "investigating"
    services.record_zhongben_evidence(actor=enf.executor, case=case,
                                      evidence={"respondent_located": "被执行人住所地，无妨害执行"},
                                      interviewed=True)  # fmt: skip
    case = services.close_case(
        actor=enf.ejudge, case=case, action="conclude", note="无财产可供执行"
    )
    assert case.status == "concluded"


def test_measures_need_their_conditions(enf: Enf) -> None:
    from fating.enforcement import services_measures as sm

    case = enf.file()
    facts = "执行通知书已送达，被执行人逾期未履行"
    with pytest.raises(InvalidTransition):
        sm.decide_measure(actor=enf.ejudge, case=case, kind="consumption_ban", facts=facts)
    serve_notices(case, enf.executor)  # served through delivery: the case records the date
    assert EnforcementCase.objects.get(pk=case.pk).notice_served
    with pytest.raises(NotPermitted):
        sm.decide_measure(actor=enf.executor, case=case, kind="consumption_ban", facts=facts)
    ban = sm.decide_measure(actor=enf.ejudge, case=case, kind="consumption_ban", facts=facts)
    assert ban.document_id and EnforcementCase.objects.get(pk=case.pk).consumption_ban_on
    with pytest.raises(FieldError):
        sm.decide_measure(actor=enf.ejudge, case=case, kind="blacklist", grounds=[], facts=facts)
    sm.decide_measure(
        actor=enf.ejudge, case=case, kind="blacklist", grounds=["breaks_report_duty"], facts=facts
    )
    assert EnforcementCase.objects.get(pk=case.pk).blacklist_grounds == ["breaks_report_duty"]


def test_auction_rounds_and_proceeds(enf: Enf) -> None:
    case = enf.file(amount="300000")
    services.triage_case(actor=enf.executor, case=case)
    services.search_property(actor=enf.executor, case=case)
    house = case.assets.get(kind="real_estate")
    services.control_asset(actor=enf.executor, asset=house, action="seize", amount=D("300000"))
    with pytest.raises(FieldError) as low:
        services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                start_price=D("349999.99"), deposit=D("50000"))  # fmt: skip
    assert "start_price" in low.value.fields
    first = services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                    start_price=D("350000"), deposit=D("50000"),
                                    platform_link="https://sf.example.com/1")  # fmt: skip
    with pytest.raises(InvalidTransition):
        services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                start_price=D("350000"), deposit=D("50000"))  # fmt: skip
    services_disposal.auction_result(actor=enf.executor, auction=first, sold=False)
    with pytest.raises(FieldError):
        services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                start_price=D("279999.99"), deposit=D("50000"))  # fmt: skip
    second = services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                     start_price=D("280000"), deposit=D("28000"))  # fmt: skip
    assert second.round == 2
    services_disposal.auction_result(
        actor=enf.executor, auction=second, sold=True, price=D("310000")
    )
    case.refresh_from_db()
    assert case.status == "disposing"
    assert selectors.ledger_totals(case)["in"] == D("310000")


PERSONAS = {
    # persona: (view, manage, decide)
    "executor": (True, True, False),
    "ejudge": (True, True, True),
    "other_executor": (False, False, False),
    "applicant": (True, False, False),
    "court_admin": (True, False, False),
    "judge": (False, False, False),
    "clerk": (False, False, False),
    "liaison": (False, False, False),
    "mediator": (False, False, False),
    "governance": (False, False, False),
    "agent": (False, False, False),
    "other_admin": (False, False, False),
    "outsider": (False, False, False),
    "cross": (False, False, False),
}


def test_permission_matrix(enf: Enf) -> None:
    case = enf.file()
    qs = EnforcementCase.objects.filter(pk=case.pk)
    people = {**enf.net.users, "executor": enf.executor, "ejudge": enf.ejudge,
              "other_executor": enf.other_executor, "applicant": enf.applicant}  # fmt: skip
    got = {
        name: tuple(
            selectors.restrict(qs, people[name], a).exists() for a in ("view", "manage", "decide")
        )
        for name in PERSONAS
    }
    assert got == PERSONAS
    with pytest.raises(NotVisible):
        services.triage_case(actor=enf.other_executor, case=case)
    with pytest.raises(NotPermitted):
        services.triage_case(actor=enf.net.users["court_admin"], case=case)


def test_freezes_are_renewed_before_expiry_and_reminded(enf: Enf) -> None:
    from fating.core.models import OutboxMessage

    case = enf.file()
    services.triage_case(actor=enf.executor, case=case)
    services.search_property(actor=enf.executor, case=case)
    deposit = case.assets.get(kind="deposit")
    freeze = services.control_asset(actor=enf.executor, asset=deposit, action="freeze",
                                    amount=D("1000"), on=dt.date(2026, 1, 10))  # fmt: skip
    assert freeze.ends_on == dt.date(2027, 1, 10)
    assert services.remind_expiring_controls(today=dt.date(2026, 12, 10)) == 0
    assert services.remind_expiring_controls(today=dt.date(2026, 12, 11)) == 1
    services.remind_expiring_controls(today=dt.date(2026, 12, 12))
    assert (
        OutboxMessage.objects.filter(recipient=enf.executor, subject__contains="即将到期").count()
        == 1
    )
    with pytest.raises(InvalidTransition, match="不能续行"):
        services.renew_control(actor=enf.executor, control=freeze, on=dt.date(2027, 1, 11))
    renewed = services.renew_control(actor=enf.executor, control=freeze, on=dt.date(2027, 1, 5))
    assert renewed.ends_on == dt.date(2028, 1, 10)
