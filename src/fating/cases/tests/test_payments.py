"""Payments: the gateway callback's signature and replay checks, receipts, fee relief rules."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from fating.cases.gateways import SIGNATURE_HEADER, SandboxGateway, sign
from fating.cases.models import Case, FeeRelief, Payment, PaymentCallback, Receipt
from fating.cases.services import payments
from fating.cases.tests.factories import accepted_case, draft_filing, submitted_filing
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db
CALLBACK = "/api/v1/cases/payments/callback/sandbox/"


def _post(body: bytes, signature: str) -> object:
    return client_for(None).post(
        CALLBACK,
        data=body,
        content_type="application/json",
        **{"HTTP_X_FATING_SIGNATURE": signature},
    )


@pytest.fixture
def payment(network: Network) -> Payment:
    case = accepted_case(network, amount="80000")
    return payments.create_payment(actor=network.users["party"], case=case)


def test_a_signed_callback_pays_and_issues_a_receipt(payment: Payment) -> None:
    body, headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    response = _post(body, headers[SIGNATURE_HEADER])
    assert response.status_code == 200
    assert response.json()["result"] == "paid"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert Receipt.objects.get(payment=payment).amount == payment.amount
    assert Case.objects.get(pk=payment.case_id).fee_status == Case.FeeStatus.PAID


def test_a_bad_signature_is_400_and_changes_nothing(payment: Payment) -> None:
    body, _headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    response = _post(body, sign(body, b"someone-elses-secret"))
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "签名校验失败。"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert not PaymentCallback.objects.exists() and not Receipt.objects.exists()


def test_a_tampered_amount_breaks_the_signature(payment: Payment) -> None:
    body, headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    forged = body.replace(str(payment.amount).encode(), b"0.01")
    assert _post(forged, headers[SIGNATURE_HEADER]).status_code == 400
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING


def test_a_signed_callback_with_the_wrong_amount_is_refused(payment: Payment) -> None:
    body, headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=Decimal("0.01")
    )
    response = _post(body, headers[SIGNATURE_HEADER])
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "回调金额与订单金额不符。"


def test_a_replayed_callback_is_ignored(payment: Payment) -> None:
    body, headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    assert _post(body, headers[SIGNATURE_HEADER]).json()["result"] == "paid"
    again = _post(body, headers[SIGNATURE_HEADER])
    assert again.status_code == 200 and again.json()["result"] == "duplicate"
    assert Receipt.objects.count() == 1
    assert PaymentCallback.objects.count() == 1


def test_a_second_callback_with_a_new_nonce_does_not_pay_twice(payment: Payment) -> None:
    gateway = SandboxGateway()
    for nonce in ("n1", "n2"):
        body, headers = gateway.signed_callback(
            order_id=payment.order_id, amount=payment.amount, nonce=nonce
        )
        _post(body, headers[SIGNATURE_HEADER])
    assert Receipt.objects.count() == 1
    assert PaymentCallback.objects.count() == 2


def test_an_unknown_order_is_refused(payment: Payment) -> None:
    body = json.dumps({"order_id": "NOPE", "amount": "1", "status": "paid", "nonce": "x"}).encode()
    assert _post(body, sign(body)).status_code == 400


def test_only_the_filer_or_a_plaintiff_pays(network: Network) -> None:
    case = accepted_case(network)
    with pytest.raises(NotPermitted):
        payments.create_payment(actor=network.users["clerk"], case=case)


def test_nothing_to_pay_once_paid(payment: Payment, network: Network) -> None:
    body, headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    _post(body, headers[SIGNATURE_HEADER])
    with pytest.raises(InvalidTransition) as caught:
        payments.create_payment(actor=network.users["party"], case=payment.case)
    assert caught.value.message == "该案交费状态为“已交费”，无需交费。"


def test_exemption_only_for_natural_persons(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    from fating.cases.services import filing as filing_services
    from fating.cases.tests.factories import VALID_USCC

    filing_services.add_party(
        actor=network.users["party"],
        filing=filing,
        role="plaintiff",
        kind="organisation",
        name="某合作社",
        uscc=VALID_USCC,
        mobile="13812345678",
        representative="王五",
    )
    with pytest.raises(FieldError) as caught:
        payments.apply_fee_relief(
            actor=network.users["party"], filing=filing, kind="exempt", grounds="困难"
        )
    assert caught.value.fields == {"kind": ["免交只适用于自然人（诉讼费用交纳办法 第44条）。"]}


def test_reduction_is_at_least_thirty_percent(network: Network) -> None:
    filing = submitted_filing(network)
    with pytest.raises(FieldError) as caught:
        payments.apply_fee_relief(
            actor=network.users["party"],
            filing=filing,
            kind="reduce",
            grounds="受灾",
            reduction_percent=20,
        )
    assert caught.value.fields == {
        "reduction_percent": ["减交比例不得低于30%，且应低于100%（办法 第46条）。"]
    }


def test_deferral_must_be_decided_before_acceptance(network: Network) -> None:
    filing = submitted_filing(network)
    relief = payments.apply_fee_relief(
        actor=network.users["party"], filing=filing, kind="defer", grounds="工伤"
    )
    from fating.cases.services import acceptance

    acceptance.accept_filing(actor=network.users["clerk"], filing=filing)
    with pytest.raises(InvalidTransition) as caught:
        payments.decide_fee_relief(actor=network.users["judge"], relief=relief, approve=True)
    assert caught.value.message == "缓交、减交、免交须在立案前决定（诉讼费用交纳办法 第49条）。"


def test_relief_is_decided_by_a_judge_or_admin_with_reasons_for_refusal(network: Network) -> None:
    filing = submitted_filing(network)
    relief = payments.apply_fee_relief(
        actor=network.users["party"], filing=filing, kind="defer", grounds="工伤"
    )
    with pytest.raises(NotPermitted):
        payments.decide_fee_relief(actor=network.users["clerk"], relief=relief, approve=True)
    with pytest.raises(FieldError) as caught:
        payments.decide_fee_relief(actor=network.users["judge"], relief=relief, approve=False)
    assert caught.value.fields == {"reasons": ["不予批准的，应当书面说明理由（办法 第48条）。"]}
    relief = payments.decide_fee_relief(actor=network.users["judge"], relief=relief, approve=True)
    assert relief.status == FeeRelief.Status.APPROVED
    with pytest.raises(InvalidTransition):
        payments.decide_fee_relief(actor=network.users["judge"], relief=relief, approve=True)
    from fating.cases.services import acceptance

    case = acceptance.accept_filing(actor=network.users["clerk"], filing=filing)
    assert case.fee_status == Case.FeeStatus.DEFERRED and case.fee_due_on is None
