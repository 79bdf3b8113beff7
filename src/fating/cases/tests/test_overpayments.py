"""Money is counted once: a fee has one open order, a second payment becomes an overpayment to
refund (never a second receipt), and the same gateway transaction delivered twice changes
nothing. The outside tester's probe: one 50.00 fee paid three ways."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from fating.accounts.models import User
from fating.cases.gateways import SandboxGateway, sign
from fating.cases.models import (
    Case,
    Counterclaim,
    Overpayment,
    Payment,
    PaymentCallback,
    Receipt,
)
from fating.cases.services import fees, payments
from fating.cases.tests.factories import accepted_case
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import AuditEvent
from fating.testing import Network, UserFactory, client_for

pytestmark = pytest.mark.django_db
CALLBACK = "/api/v1/cases/payments/callback/sandbox/"


def _callback(payment: Payment, *, nonce: str | None = None, reference: str | None = None,
              status: str = "paid") -> dict:  # fmt: skip
    """What the gateway posts; `reference` is its transaction id."""
    body = json.dumps({
        "order_id": payment.order_id, "amount": str(payment.amount), "status": status,
        "nonce": nonce or f"n-{reference}-{status}", "timestamp": "2026-03-02T10:00:00+08:00",
        "reference": reference or "SBX1",
    }, separators=(",", ":")).encode()  # fmt: skip
    response = client_for(None).post(
        CALLBACK, data=body, content_type="application/json",
        **{"HTTP_X_FATING_SIGNATURE": sign(body)},
    )  # fmt: skip
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def case(network: Network) -> Case:
    """A case with 50.00 due, the fee of the outside tester's probe."""
    case = accepted_case(network, amount="80000")
    Case.objects.filter(pk=case.pk).update(fee_due=Decimal("50.00"))
    case.refresh_from_db()
    return case


def test_a_fee_paid_three_ways_is_one_order_one_receipt_and_two_overpayments(
    case: Case, network: Network
) -> None:
    party = network.users["party"]
    orders = {payments.create_payment(actor=party, case=case).order_id for _ in range(3)}
    assert len(orders) == 1 and Payment.objects.filter(case=case).count() == 1
    payment = Payment.objects.get(case=case)
    results = [_callback(payment, reference=f"TX{i}")["result"] for i in range(3)]
    assert results == ["paid", "overpaid", "overpaid"]
    assert Receipt.objects.count() == 1
    assert payments.paid_total(case) == Decimal("50.00")
    case.refresh_from_db()
    assert case.fee_status == Case.FeeStatus.PAID
    over = list(Overpayment.objects.order_by("pk"))
    assert [(o.amount, o.reason, o.status, o.gateway_reference) for o in over] == [
        (Decimal("50.00"), "order_paid", "pending", "TX1"),
        (Decimal("50.00"), "order_paid", "pending", "TX2"),
    ]
    assert AuditEvent.objects.filter(action="cases.payment.overpaid").count() == 2
    # No further order once paid.
    with pytest.raises(InvalidTransition):
        payments.create_payment(actor=party, case=case)


def test_the_same_transaction_delivered_twice_changes_nothing_the_second_time(
    case: Case, network: Network
) -> None:
    payment = payments.create_payment(actor=network.users["party"], case=case)
    assert _callback(payment, reference="TX1", nonce="n1")["result"] == "paid"
    # The gateway resends the same transaction with a fresh nonce.
    assert _callback(payment, reference="TX1", nonce="n2")["result"] == "duplicate"
    assert Receipt.objects.count() == 1 and not Overpayment.objects.exists()
    assert PaymentCallback.objects.count() == 1


def test_a_paid_callback_after_an_unpaid_one_of_the_same_transaction_counts(
    case: Case, network: Network
) -> None:
    payment = payments.create_payment(actor=network.users["party"], case=case)
    assert _callback(payment, reference="TX1", status="pending")["result"] == "ignored"
    assert _callback(payment, reference="TX1")["result"] == "paid"
    assert Receipt.objects.count() == 1


def test_an_order_whose_amount_is_stale_is_voided_and_its_late_money_is_an_overpayment(
    case: Case, network: Network
) -> None:
    party = network.users["party"]
    stale = payments.create_payment(actor=party, case=case)
    Case.objects.filter(pk=case.pk).update(fee_due=Decimal("40.00"))  # the fee changed
    order, created = payments.order_case_fee(actor=party, case=case)
    assert created and order.amount == Decimal("40.00")
    stale.refresh_from_db()
    assert stale.status == Payment.Status.VOID
    assert AuditEvent.objects.filter(action="cases.payment.void").count() == 1
    assert _callback(order, reference="TX1")["result"] == "paid"
    assert _callback(stale, reference="TX2")["result"] == "overpaid"
    assert Overpayment.objects.get().reason == Overpayment.Reason.ORDER_VOID
    assert payments.paid_total(case) == Decimal("40.00") and Receipt.objects.count() == 1


def test_money_for_another_order_of_a_fee_already_paid_is_an_overpayment(
    case: Case, network: Network
) -> None:
    first = payments.create_payment(actor=network.users["party"], case=case)
    _callback(first, reference="TX1")
    # An order left over from before the one-open-order rule (or another channel).
    legacy = Payment.objects.create(
        case=case, order_id="FTLEGACY1", gateway="sandbox", amount=Decimal("50.00"),
        created_by=network.users["party"],
    )  # fmt: skip
    assert _callback(legacy, reference="TX2")["result"] == "overpaid"
    legacy.refresh_from_db()
    assert legacy.status == Payment.Status.PENDING and not hasattr(legacy, "receipt")
    assert Overpayment.objects.get().reason == Overpayment.Reason.FEE_SETTLED
    assert payments.paid_total(case) == Decimal("50.00")


def test_the_database_refuses_a_second_open_order_for_a_fee(case: Case, network: Network) -> None:
    from django.db import IntegrityError, transaction

    payments.create_payment(actor=network.users["party"], case=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            case=case, order_id="FTX2", gateway="sandbox", amount=Decimal("50.00"),
            created_by=network.users["party"],
        )  # fmt: skip


# Counterclaims ---------------------------------------------------------------------------------


@pytest.fixture
def counterclaim(network: Network) -> Counterclaim:
    case = accepted_case(network, amount="80000")
    case.filing.parties.filter(role="defendant").update(user=UserFactory(full_name="李四"))
    return fees.record_counterclaim(
        actor=network.users["clerk"], case=case, counterclaimant="李四", claims="返还押金",
        amount="50000",
    )  # fmt: skip


def _defendant(counterclaim: Counterclaim) -> User:
    return counterclaim.case.filing.parties.get(role="defendant").user


def test_a_counterclaim_fee_paid_twice_is_one_receipt_and_one_overpayment(
    counterclaim: Counterclaim,
) -> None:
    defendant = _defendant(counterclaim)
    orders = [
        payments.create_counterclaim_payment(actor=defendant, counterclaim=counterclaim)
        for _ in range(3)
    ]
    assert len({o.pk for o in orders}) == 1
    order = orders[0]
    assert [_callback(order, reference=f"C{i}")["result"] for i in range(2)] == [
        "paid",
        "overpaid",
    ]
    over = Overpayment.objects.get()
    assert over.counterclaim == counterclaim and over.amount == counterclaim.fee
    assert Receipt.objects.count() == 1
    assert payments.counterclaim_paid_total(counterclaim) == counterclaim.fee
    # The case's own fee has its own open order, independent of the counterclaim's.
    case_order = payments.create_payment(
        actor=counterclaim.case.filing.filer, case=counterclaim.case
    )
    assert case_order.counterclaim is None and case_order.pk != order.pk


# Refunding an overpayment ------------------------------------------------------------------------


@pytest.fixture
def overpayment(case: Case, network: Network) -> Overpayment:
    payment = payments.create_payment(actor=network.users["party"], case=case)
    _callback(payment, reference="TX1")
    _callback(payment, reference="TX2")
    return Overpayment.objects.get()


def test_a_clerk_records_the_refund_once(overpayment: Overpayment, network: Network) -> None:
    clerk = network.users["clerk"]
    with pytest.raises(FieldError):
        payments.refund_overpayment(actor=clerk, overpayment=overpayment, reference=" ")
    done = payments.refund_overpayment(actor=clerk, overpayment=overpayment, reference="TK001")
    assert done.status == Overpayment.Status.REFUNDED and done.refunded_by == clerk
    again = payments.refund_overpayment(actor=clerk, overpayment=overpayment, reference="TK001")
    assert again.refunded_at == done.refunded_at
    with pytest.raises(InvalidTransition) as caught:
        payments.refund_overpayment(actor=clerk, overpayment=overpayment, reference="TK002")
    assert caught.value.message == "该多付款项已登记退还（凭证号 TK001）。"
    assert AuditEvent.objects.filter(action="cases.overpayment.refunded").count() == 1


def test_only_the_court_records_a_refund(overpayment: Overpayment, network: Network) -> None:
    for persona in ("party", "other_admin"):
        with pytest.raises(NotPermitted):
            payments.refund_overpayment(
                actor=network.users[persona], overpayment=overpayment, reference="TK001"
            )


def test_overpayments_on_the_case_api_and_the_refund_endpoint(
    overpayment: Overpayment, network: Network
) -> None:
    url = f"/api/v1/cases/cases/{overpayment.case_id}/"
    listed = client_for(network.users["clerk"]).get(url).json()["overpayments"]
    assert [(o["id"], o["amount"], o["reason"], o["status"]) for o in listed] == [
        (overpayment.pk, "50.00", "order_paid", "pending")
    ]
    refund = f"/api/v1/cases/overpayments/{overpayment.pk}/refund/"
    assert client_for(network.users["outsider"]).post(refund, {"reference": "x"}).status_code == 404
    assert client_for(network.users["party"]).post(refund, {"reference": "x"}).status_code == 403
    response = client_for(network.users["clerk"]).post(refund, {"reference": "TK001"})
    assert response.status_code == 200
    assert (
        response.json()["status"] == "refunded" and response.json()["refund_reference"] == "TK001"
    )


def test_the_case_page_shows_overpayments_and_the_clerk_records_the_refund(
    overpayment: Overpayment, network: Network
) -> None:
    page = f"/cases/{overpayment.case_id}/fees/"
    clerk = client_for(network.users["clerk"])
    html = clerk.get(page).content.decode()
    assert "多付款项（待退还）" in html and "同一订单重复支付" in html
    assert 'value="refund_overpayment"' in html
    assert (
        'value="refund_overpayment"'
        not in client_for(network.users["party"]).get(page).content.decode()
    )
    response = clerk.post(
        f"/cases/{overpayment.case_id}/changes/",
        {"action": "refund_overpayment", "overpayment": overpayment.pk, "reference": "TK001"},
    )
    assert response.status_code == 302
    overpayment.refresh_from_db()
    assert overpayment.status == Overpayment.Status.REFUNDED


def test_the_sandbox_does_not_take_money_for_a_paid_order(case: Case, network: Network) -> None:
    party = client_for(network.users["party"])
    payment = payments.create_payment(actor=network.users["party"], case=case)
    assert party.post(payment.pay_url).status_code == 302
    assert party.post(payment.pay_url).status_code == 302
    assert Receipt.objects.count() == 1 and not Overpayment.objects.exists()
    assert PaymentCallback.objects.count() == 1


def test_an_unsigned_callback_still_changes_nothing(case: Case, network: Network) -> None:
    payment = payments.create_payment(actor=network.users["party"], case=case)
    body, _headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    response = client_for(None).post(
        CALLBACK, data=body, content_type="application/json",
        **{"HTTP_X_FATING_SIGNATURE": sign(body, b"not-the-secret")},
    )  # fmt: skip
    assert response.status_code == 400
    assert not PaymentCallback.objects.exists() and not Receipt.objects.exists()
