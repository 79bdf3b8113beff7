"""Payments: the gateway callback's signature and replay checks, receipts, fee relief rules."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from fating.accounts.models import User
from fating.cases.gateways import SIGNATURE_HEADER, SandboxGateway, sign
from fating.cases.models import Case, Counterclaim, FeeRelief, Payment, PaymentCallback, Receipt
from fating.cases.services import fees, hearings, payments
from fating.cases.tests.factories import accepted_case, draft_filing, submitted_filing
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.testing import Network, UserFactory, client_for

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


# Counterclaim fees 反诉受理费 (办法 第18、20、22条) -------------------------------------------


@pytest.fixture
def counterclaim(network: Network) -> Counterclaim:
    """A counterclaim tried together whose defendant 李四 has a platform account."""
    case = accepted_case(network, amount="80000")
    case.filing.parties.filter(role="defendant").update(user=UserFactory(full_name="李四"))
    return fees.record_counterclaim(
        actor=network.users["clerk"], case=case, counterclaimant="李四", claims="返还押金",
        amount="50000",
    )  # fmt: skip


def _defendant(counterclaim: Counterclaim) -> User:
    return counterclaim.case.filing.parties.get(role="defendant").user


def test_the_defendant_pays_a_counterclaim_fee_and_a_replay_changes_nothing(
    counterclaim: Counterclaim,
) -> None:
    case = counterclaim.case
    fee_status = case.fee_status
    payment = payments.create_counterclaim_payment(
        actor=_defendant(counterclaim), counterclaim=counterclaim
    )
    assert payment.amount == counterclaim.fee > 0
    assert payment.counterclaim == counterclaim and payment.purpose == "反诉案件受理费"
    body, headers = SandboxGateway().signed_callback(
        order_id=payment.order_id, amount=payment.amount
    )
    assert _post(body, headers[SIGNATURE_HEADER]).json()["result"] == "paid"
    counterclaim.refresh_from_db()
    paid_at = counterclaim.paid_at
    assert paid_at is not None
    receipt = Receipt.objects.get(payment=payment)
    assert receipt.amount == counterclaim.fee and receipt.payer == "李四"
    # The case's own fee: nothing paid on it, its status untouched.
    case.refresh_from_db()
    assert payments.paid_total(case) == Decimal("0.00")
    assert case.fee_status == fee_status
    again = _post(body, headers[SIGNATURE_HEADER])
    assert again.status_code == 200 and again.json()["result"] == "duplicate"
    counterclaim.refresh_from_db()
    assert counterclaim.paid_at == paid_at
    assert Receipt.objects.count() == 1 and PaymentCallback.objects.count() == 1
    with pytest.raises(InvalidTransition):
        payments.create_counterclaim_payment(
            actor=_defendant(counterclaim), counterclaim=counterclaim
        )


def test_only_the_defendant_side_pays_a_counterclaim_fee(
    counterclaim: Counterclaim, network: Network
) -> None:
    for persona in ("party", "clerk", "judge"):  # the plaintiff filer; court staff
        with pytest.raises(NotPermitted) as caught:
            payments.create_counterclaim_payment(
                actor=network.users[persona], counterclaim=counterclaim
            )
        assert caught.value.message == "只有本案被告一方可以交纳反诉受理费。"
    assert not Payment.objects.exists()


def test_nothing_due_on_a_counterclaim_not_tried_together(network: Network) -> None:
    case = accepted_case(network)
    case.filing.parties.filter(role="defendant").update(user=UserFactory())
    separate = fees.record_counterclaim(
        actor=network.users["clerk"], case=case, counterclaimant="李四", claims="返还押金",
        amount="5000", tried_together=False,
    )  # fmt: skip
    with pytest.raises(InvalidTransition):
        payments.create_counterclaim_payment(actor=_defendant(separate), counterclaim=separate)


def test_case_fee_paid_total_and_settlement_ignore_counterclaim_payments(
    counterclaim: Counterclaim, network: Network
) -> None:
    case = counterclaim.case
    for order in (
        payments.create_payment(actor=network.users["party"], case=case),
        payments.create_counterclaim_payment(
            actor=_defendant(counterclaim), counterclaim=counterclaim
        ),
    ):
        body, headers = SandboxGateway().signed_callback(
            order_id=order.order_id, amount=order.amount
        )
        assert _post(body, headers[SIGNATURE_HEADER]).json()["result"] == "paid"
    case.refresh_from_db()
    assert payments.paid_total(case) == case.fee_due
    assert payments.counterclaim_paid_total(counterclaim) == counterclaim.fee
    assert case.fee_status == Case.FeeStatus.PAID
    closed = hearings.close_case(
        actor=network.users["judge"], case=case, closure="judgment", plaintiff_share=case.fee_due
    )
    assert Decimal(closed.fee_settlement["paid"]) == case.fee_due
    assert closed.fee_settlement["counterclaims"][0]["paid"] is True


def test_the_pay_button_and_sandbox_page_for_the_defendant(
    counterclaim: Counterclaim, network: Network
) -> None:
    defendant = client_for(_defendant(counterclaim))
    page = f"/cases/{counterclaim.case_id}/fees/"
    action = f"/cases/counterclaims/{counterclaim.pk}/pay/"
    assert action in defendant.get(page).content.decode()
    assert action not in client_for(network.users["party"]).get(page).content.decode()
    assert client_for(network.users["party"]).post(action).status_code == 403
    response = defendant.post(action)
    assert response.status_code == 302
    payment = Payment.objects.get(counterclaim=counterclaim)
    assert response["Location"] == payment.pay_url
    # The plaintiff may not complete the defendant's order in the sandbox.
    assert client_for(network.users["party"]).post(payment.pay_url).status_code == 403
    assert defendant.post(payment.pay_url).status_code == 302
    counterclaim.refresh_from_db()
    assert counterclaim.paid_at is not None
    assert "已交清" in defendant.get(page).content.decode()
    assert action not in defendant.get(page).content.decode()


def test_no_counterclaim_prepayment_after_closure(counterclaim: Counterclaim) -> None:
    Case.objects.filter(pk=counterclaim.case_id).update(status=Case.Status.CLOSED)
    with pytest.raises(InvalidTransition, match="已结案"):
        payments.create_counterclaim_payment(
            actor=_defendant(counterclaim), counterclaim=counterclaim
        )
    assert not Payment.objects.exists()
