"""Fees after acceptance: relief (缓减免), payment through a gateway, receipts.

An order pays either the case's acceptance fee or a counterclaim's fee (反诉, 办法 第18、22条),
through the same gateway and the same callback handling; paid_total counts only the former.

Payment states (cases.models.Payment): pending ──verified callback──▶ paid; pending ──superseded──▶
void. A fee has at most one open order: asking for an order returns the open one (a stale one,
whose amount is no longer what is due, is voided and replaced). A callback changes a payment at
most once: it is identified by order id + nonce, and a paid one also by the gateway's transaction
id (PaymentCallback is unique on both), so a replayed callback finds its row and is ignored; a
bad signature changes nothing. Money that arrives when nothing is owed on the order (already
paid, voided, or the fee already paid) is recorded as an Overpayment to refund: never counted as
paid, never a second receipt.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases import selectors
from fating.cases.gateways import BadCallback, gateway
from fating.cases.models import (
    Case,
    Counterclaim,
    FeeRelief,
    Filing,
    Overpayment,
    Payment,
    PaymentCallback,
    Receipt,
)
from fating.cases.selectors import counterclaim_paid_total, paid_total
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted

OPEN_FILING = (
    Filing.Status.DRAFT,
    Filing.Status.SUBMITTED,
    Filing.Status.CORRECTION_REQUESTED,
    Filing.Status.RESUBMITTED,
)


@transaction.atomic
def apply_fee_relief(
    *,
    actor: User,
    filing: Filing,
    kind: str,
    grounds: str,
    reduction_percent: int | None = None,
) -> FeeRelief:
    """Apply in writing for 缓交/减交/免交 (办法 第48条). 免交 only for natural persons (第44条);
    减交 at least 30% (第46条); 缓交 must be decided before 立案 (第49条)."""
    if filing.filer_id != actor.pk:
        raise NotPermitted(_("只有立案申请的提交人可以申请缓交、减交、免交诉讼费。"))
    errors: dict[str, str] = {}
    if kind not in FeeRelief.Kind.values:
        errors["kind"] = _("申请类型无效，应为缓交、减交或免交。")
    if not (grounds or "").strip():
        errors["grounds"] = _("请写明申请理由。")
    if kind == FeeRelief.Kind.REDUCE:
        if reduction_percent is None or not 30 <= int(reduction_percent) < 100:
            errors["reduction_percent"] = _("减交比例不得低于30%，且应低于100%（办法 第46条）。")
    else:
        reduction_percent = None
    if (
        kind == FeeRelief.Kind.EXEMPT
        and filing.parties.filter(role="plaintiff", kind="organisation").exists()
    ):
        errors["kind"] = _("免交只适用于自然人（诉讼费用交纳办法 第44条）。")
    if errors:
        raise FieldError(errors)
    if filing.status not in OPEN_FILING:
        raise InvalidTransition(
            _("已立案或已终结的申请不能再申请缓交、减交、免交（缓交须在立案前决定，办法 第49条）。")
        )
    if filing.fee_reliefs.filter(status=FeeRelief.Status.PENDING).exists():
        raise InvalidTransition(_("已有待审批的缓减免申请。"))
    relief = FeeRelief.objects.create(
        filing=filing,
        kind=kind,
        grounds=grounds.strip(),
        reduction_percent=reduction_percent,
        applied_by=actor,
    )
    record_event(
        actor=actor,
        action="cases.fee_relief.apply",
        target=filing,
        after={"relief": relief.pk, "kind": kind, "reduction_percent": reduction_percent},
    )
    return relief


@transaction.atomic
def decide_fee_relief(
    *, actor: User, relief: FeeRelief, approve: bool, reasons: str = ""
) -> FeeRelief:
    """A judge or the court administrator approves or refuses; a refusal gives reasons (第48条)."""
    filing = Filing.objects.get(pk=relief.filing_id)
    if not selectors.can_decide_relief(actor, filing):
        raise NotPermitted(_("只有管辖法院的法官或管理员可以审批缓减免申请。"))
    relief = FeeRelief.objects.select_for_update().get(pk=relief.pk)
    if relief.status != FeeRelief.Status.PENDING:
        raise InvalidTransition(
            _("该申请已%(status)s，不能重复审批。") % {"status": relief.get_status_display()}
        )
    if filing.status not in OPEN_FILING:
        raise InvalidTransition(_("缓交、减交、免交须在立案前决定（诉讼费用交纳办法 第49条）。"))
    reasons = (reasons or "").strip()
    if not approve and not reasons:
        raise FieldError({"reasons": _("不予批准的，应当书面说明理由（办法 第48条）。")})
    relief.status = FeeRelief.Status.APPROVED if approve else FeeRelief.Status.REFUSED
    relief.decided_by = actor
    relief.decided_at = timezone.now()
    relief.decision_reasons = reasons
    relief.save()
    record_event(
        actor=actor,
        action="cases.fee_relief.decide",
        target=filing,
        before={"relief": relief.pk, "status": FeeRelief.Status.PENDING},
        after={"relief": relief.pk, "status": relief.status, "reasons": reasons},
    )
    return relief


class PaymentOrder(NamedTuple):
    """The order to pay, and whether this call opened it (False: the fee's open order)."""

    payment: Payment
    created: bool


def _void(*, actor: User, payment: Payment, amount_due: Decimal) -> None:
    """Void an open order whose amount no longer matches what is due (the fee changed); money
    still arriving on it becomes an overpayment."""
    payment.status = Payment.Status.VOID
    payment.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="cases.payment.void",
        target=payment,
        before={"status": Payment.Status.PENDING, "amount": payment.amount},
        after={"status": Payment.Status.VOID, "amount_due": amount_due},
    )


def _open_order(
    *,
    actor: User,
    case: Case,
    amount: Decimal,
    purpose: str,
    gateway_name: str,
    counterclaim: Counterclaim | None = None,
) -> PaymentOrder:
    """The fee's one open order: the pending one when its amount is what is due, else a new
    gateway order (the stale one voided). The caller holds the fee's row lock, and a partial
    unique constraint backs the rule, so two requests never open two orders."""
    try:
        gw = gateway(gateway_name)
    except BadCallback as exc:
        raise FieldError({"gateway": str(exc)}) from None
    pending = Payment.objects.select_for_update().filter(
        case=case, counterclaim=counterclaim, status=Payment.Status.PENDING
    )
    for open_order in pending:
        if open_order.amount == amount and open_order.gateway == gw.name:
            return PaymentOrder(open_order, False)
        _void(actor=actor, payment=open_order, amount_due=amount)
    order_id = f"FT{case.pk}{secrets.token_hex(6).upper()}"
    order = gw.create_order(
        order_id=order_id, amount=amount, description=f"{case.number} {purpose}"
    )
    payment = Payment.objects.create(
        case=case,
        counterclaim=counterclaim,
        order_id=order.order_id,
        gateway=gw.name,
        amount=amount,
        purpose=purpose,
        pay_url=order.pay_url,
        created_by=actor,
    )
    record_event(
        actor=actor,
        action="cases.payment.create",
        target=payment,
        after={
            "case": case.pk,
            "counterclaim": counterclaim.pk if counterclaim else None,
            "order_id": payment.order_id,
            "amount": amount,
        },
    )
    return PaymentOrder(payment, True)


@transaction.atomic
def order_case_fee(*, actor: User, case: Case, gateway_name: str = "sandbox") -> PaymentOrder:
    """The order for what is still due on the case's acceptance fee: the open one if there is
    one, else a new one."""
    if not selectors.can_pay(actor, case):
        raise NotPermitted(_("只有原告或立案提交人可以交纳诉讼费。"))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.fee_status != Case.FeeStatus.UNPAID:
        raise InvalidTransition(
            _("该案交费状态为“%(status)s”，无需交费。") % {"status": case.get_fee_status_display()}
        )
    amount = case.fee_due - paid_total(case)
    if amount <= 0:
        raise InvalidTransition(_("该案诉讼费已交清。"))
    return _open_order(
        actor=actor, case=case, amount=amount, purpose="案件受理费", gateway_name=gateway_name
    )


def create_payment(*, actor: User, case: Case, gateway_name: str = "sandbox") -> Payment:
    """The order to pay the case's acceptance fee (see order_case_fee)."""
    return order_case_fee(actor=actor, case=case, gateway_name=gateway_name).payment


@transaction.atomic
def order_counterclaim_fee(
    *, actor: User, counterclaim: Counterclaim, gateway_name: str = "sandbox"
) -> PaymentOrder:
    """The order for what is still due on a counterclaim's fee, prepaid by the counterclaimant
    within 7 days (办法 第18、20、22条): the open one if there is one, else a new one."""
    case = Case.objects.select_related("filing").get(pk=counterclaim.case_id)
    if not selectors.can_pay_counterclaim(actor, case):
        raise NotPermitted(_("只有本案被告一方可以交纳反诉受理费。"))
    if case.status != Case.Status.OPEN:
        # Fees still owed at closure are settled in the closing decision, not prepaid.
        raise InvalidTransition(_("案件已结案，反诉受理费在结案时一并结算。"))
    case = Case.objects.select_for_update().select_related("filing").get(pk=case.pk)
    counterclaim = Counterclaim.objects.select_for_update().get(pk=counterclaim.pk)
    amount = counterclaim.fee - counterclaim_paid_total(counterclaim)
    if counterclaim.paid_at is not None or amount <= 0:
        raise InvalidTransition(_("该反诉无应交的受理费。"))
    return _open_order(
        actor=actor,
        case=case,
        amount=amount,
        purpose="反诉案件受理费",
        gateway_name=gateway_name,
        counterclaim=counterclaim,
    )


def create_counterclaim_payment(
    *, actor: User, counterclaim: Counterclaim, gateway_name: str = "sandbox"
) -> Payment:
    """The order to pay a counterclaim's fee (see order_counterclaim_fee)."""
    return order_counterclaim_fee(
        actor=actor, counterclaim=counterclaim, gateway_name=gateway_name
    ).payment


def _fee_settled(case: Case, counterclaim: Counterclaim | None) -> bool:
    if counterclaim is not None:
        return (
            counterclaim.paid_at is not None
            or counterclaim_paid_total(counterclaim) >= counterclaim.fee
        )
    return case.fee_status != Case.FeeStatus.UNPAID or paid_total(case) >= case.fee_due


def _record_overpayment(
    *,
    payment: Payment,
    case: Case,
    counterclaim: Counterclaim | None,
    reason: str,
    reference: str,
) -> Overpayment:
    overpayment = Overpayment.objects.create(
        case=case,
        counterclaim=counterclaim,
        payment=payment,
        amount=payment.amount,
        reason=reason,
        gateway_reference=reference,
        received_at=timezone.now(),
    )
    record_event(
        actor=None,
        action="cases.payment.overpaid",
        target=payment,
        after={
            "overpayment": overpayment.pk,
            "case": case.pk,
            "counterclaim": counterclaim.pk if counterclaim else None,
            "amount": overpayment.amount,
            "reason": reason,
            "reference": reference,
            "status": overpayment.status,
        },
    )
    return overpayment


@transaction.atomic
def handle_callback(
    *, gateway_name: str, body: bytes, headers: Mapping[str, str]
) -> tuple[str, Payment]:
    """Apply a gateway callback. Raises BadCallback (→ 400, nothing changed) for a bad signature,
    an unknown order or a wrong amount. Returns (result, payment) where result is "paid";
    "duplicate" for a replay (the same body, or the same gateway transaction again), which
    changes nothing; "ignored" for a callback that reports no payment; or "overpaid" when money
    arrived that is not owed (the order already paid or voided, or the fee already paid): it is
    recorded as an Overpayment to refund, never counted as paid and never given a receipt."""
    data = gateway(gateway_name).verify_callback(body=body, headers=headers)
    found = Payment.objects.filter(order_id=data.order_id, gateway=gateway_name).first()
    if found is None:
        raise BadCallback(_("订单不存在。"))
    # Lock in the order every payment path uses (case, counterclaim, payment), so a callback
    # and a new order for the same fee cannot deadlock.
    case = Case.objects.select_for_update().select_related("filing__filer").get(pk=found.case_id)
    counterclaim = None
    if found.counterclaim_id is not None:
        counterclaim = Counterclaim.objects.select_for_update().get(pk=found.counterclaim_id)
    payment = Payment.objects.select_for_update().get(pk=found.pk)
    if data.amount != payment.amount:
        raise BadCallback(_("回调金额与订单金额不符。"))
    reference = data.reference if data.paid else ""
    try:
        with transaction.atomic():
            PaymentCallback.objects.create(
                order_id=data.order_id,
                nonce=data.nonce,
                gateway=gateway_name,
                reference=reference,
                payload=data.payload,
            )
    except IntegrityError:
        return "duplicate", payment  # a replay: already applied once, change nothing
    if not data.paid:
        return "ignored", payment
    reason = None
    if payment.status == Payment.Status.PAID:
        reason = Overpayment.Reason.ORDER_PAID
    elif payment.status == Payment.Status.VOID:
        reason = Overpayment.Reason.ORDER_VOID
    elif _fee_settled(case, counterclaim):
        reason = Overpayment.Reason.FEE_SETTLED
    if reason is not None:
        _record_overpayment(
            payment=payment,
            case=case,
            counterclaim=counterclaim,
            reason=reason,
            reference=reference,
        )
        return "overpaid", payment
    now = timezone.now()
    payment.status = Payment.Status.PAID
    payment.paid_at = now
    payment.gateway_reference = data.reference
    payment.save()
    payer = (
        counterclaim.counterclaimant if counterclaim is not None else case.filing.filer.display_name
    )
    receipt = Receipt.objects.create(
        payment=payment,
        number=f"SJ{now:%Y}{payment.pk:08d}",
        amount=payment.amount,
        payer=payer,
        issued_at=now,
    )
    after = {
        "status": payment.status,
        "receipt": receipt.number,
        "reference": payment.gateway_reference,
    }
    if counterclaim is not None:
        # The counterclaim's fee is its own: the case's fee status does not move.
        if (
            counterclaim.paid_at is None
            and counterclaim_paid_total(counterclaim) >= counterclaim.fee
        ):
            counterclaim.paid_at = now
            counterclaim.save(update_fields=["paid_at", "updated_at"])
        after["counterclaim"] = counterclaim.pk
        after["counterclaim_paid"] = counterclaim.paid_at is not None
    else:
        if paid_total(case) >= case.fee_due:
            case.fee_status = Case.FeeStatus.PAID
            case.save(update_fields=["fee_status", "updated_at"])
        after["case_fee_status"] = case.fee_status
    record_event(
        actor=None,
        action="cases.payment.paid",
        target=payment,
        before={"status": Payment.Status.PENDING},
        after=after,
    )
    return "paid", payment


def can_refund_overpayment(user: User, case: Case) -> bool:
    """Overpayments go back through the court's finance, like refunds (see fees.can_pay_out)."""
    return selectors.can_pay_out(user, case)


@transaction.atomic
def refund_overpayment(*, actor: User, overpayment: Overpayment, reference: str) -> Overpayment:
    """Record that an overpayment was returned, with the finance reference. Repeating the same
    reference changes nothing; a different one is refused."""
    if not can_refund_overpayment(actor, overpayment.case):
        raise NotPermitted(_("只有本院的法院管理员或法官助理可以登记退还多付款项。"))
    overpayment = Overpayment.objects.select_for_update().get(pk=overpayment.pk)
    reference = (reference or "").strip()
    if not reference:
        raise FieldError({"reference": _("请填写退还凭证号。")})
    if overpayment.status == Overpayment.Status.REFUNDED:
        if overpayment.refund_reference == reference[:64]:
            return overpayment
        raise InvalidTransition(
            _("该多付款项已登记退还（凭证号 %(ref)s）。") % {"ref": overpayment.refund_reference}
        )
    overpayment.status = Overpayment.Status.REFUNDED
    overpayment.refunded_at = timezone.now()
    overpayment.refund_reference = reference[:64]
    overpayment.refunded_by = actor
    overpayment.save()
    record_event(
        actor=actor,
        action="cases.overpayment.refunded",
        target=overpayment.payment,
        before={"overpayment": overpayment.pk, "status": Overpayment.Status.PENDING},
        after={
            "overpayment": overpayment.pk,
            "status": overpayment.status,
            "amount": overpayment.amount,
            "reference": overpayment.refund_reference,
        },
    )
    return overpayment


def overpayment_dict(overpayment: Overpayment) -> dict[str, object]:
    return {
        "id": overpayment.pk,
        "order_id": overpayment.payment.order_id,
        "counterclaim": overpayment.counterclaim_id,
        "amount": str(overpayment.amount),
        "reason": overpayment.reason,
        "reason_label": overpayment.get_reason_display(),
        "gateway_reference": overpayment.gateway_reference,
        "received_at": overpayment.received_at.isoformat(),
        "status": overpayment.status,
        "status_label": overpayment.get_status_display(),
        "refund_reference": overpayment.refund_reference,
        "refunded_at": overpayment.refunded_at.isoformat() if overpayment.refunded_at else None,
    }


__all__ = [
    "PaymentOrder",
    "apply_fee_relief",
    "can_refund_overpayment",
    "counterclaim_paid_total",
    "create_counterclaim_payment",
    "create_payment",
    "decide_fee_relief",
    "handle_callback",
    "order_case_fee",
    "order_counterclaim_fee",
    "overpayment_dict",
    "paid_total",
    "refund_overpayment",
]
