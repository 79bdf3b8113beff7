"""Fees after acceptance: relief (缓减免), payment through a gateway, receipts.

An order pays either the case's acceptance fee or a counterclaim's fee (反诉, 办法 第18、22条),
through the same gateway and the same callback handling; paid_total counts only the former.

Payment states (cases.models.Payment): pending ──verified callback──▶ paid. A callback changes a
payment at most once: it is identified by order id + nonce (PaymentCallback is unique on both),
so a replayed callback finds its row and is ignored; a bad signature changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
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
    Payment,
    PaymentCallback,
    Receipt,
)
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


def paid_total(case: Case) -> Decimal:
    """What was paid on the case's own acceptance fee; counterclaim fees are not part of it."""
    total = case.payments.filter(status=Payment.Status.PAID, counterclaim__isnull=True).aggregate(
        s=Sum("amount")
    )["s"]
    return total or Decimal("0.00")


def counterclaim_paid_total(counterclaim: Counterclaim) -> Decimal:
    total = counterclaim.payments.filter(status=Payment.Status.PAID).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")


def _open_order(
    *,
    actor: User,
    case: Case,
    amount: Decimal,
    purpose: str,
    gateway_name: str,
    counterclaim: Counterclaim | None = None,
) -> Payment:
    """Open a gateway order and its pending Payment; the one audit event of the caller's
    state change."""
    try:
        gw = gateway(gateway_name)
    except BadCallback as exc:
        raise FieldError({"gateway": str(exc)}) from None
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
    return payment


@transaction.atomic
def create_payment(*, actor: User, case: Case, gateway_name: str = "sandbox") -> Payment:
    """Open an order for what is still due on the case's acceptance fee."""
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


@transaction.atomic
def create_counterclaim_payment(
    *, actor: User, counterclaim: Counterclaim, gateway_name: str = "sandbox"
) -> Payment:
    """Open an order for what is still due on a counterclaim's fee, prepaid by the
    counterclaimant within 7 days (办法 第18、20、22条)."""
    case = Case.objects.select_related("filing").get(pk=counterclaim.case_id)
    if not selectors.can_pay_counterclaim(actor, case):
        raise NotPermitted(_("只有本案被告一方可以交纳反诉受理费。"))
    if case.status != Case.Status.OPEN:
        # Fees still owed at closure are settled in the closing decision, not prepaid.
        raise InvalidTransition(_("案件已结案，反诉受理费在结案时一并结算。"))
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


@transaction.atomic
def handle_callback(
    *, gateway_name: str, body: bytes, headers: Mapping[str, str]
) -> tuple[str, Payment]:
    """Apply a gateway callback. Raises BadCallback (→ 400, nothing changed) for a bad signature,
    an unknown order or a wrong amount. Returns ("paid" | "duplicate" | "ignored", payment)."""
    data = gateway(gateway_name).verify_callback(body=body, headers=headers)
    payment = (
        Payment.objects.select_for_update()
        .filter(order_id=data.order_id, gateway=gateway_name)
        .first()
    )
    if payment is None:
        raise BadCallback(_("订单不存在。"))
    if data.amount != payment.amount:
        raise BadCallback(_("回调金额与订单金额不符。"))
    try:
        with transaction.atomic():
            PaymentCallback.objects.create(
                order_id=data.order_id, nonce=data.nonce, payload=data.payload
            )
    except IntegrityError:
        return "duplicate", payment  # a replay: already applied once, change nothing
    if payment.status == Payment.Status.PAID or not data.paid:
        return "ignored", payment
    now = timezone.now()
    payment.status = Payment.Status.PAID
    payment.paid_at = now
    payment.gateway_reference = data.reference
    payment.save()
    case = Case.objects.select_for_update().get(pk=payment.case_id)
    counterclaim = None
    if payment.counterclaim_id is not None:
        counterclaim = Counterclaim.objects.select_for_update().get(pk=payment.counterclaim_id)
        payer = counterclaim.counterclaimant
    else:
        payer = case.filing.filer.display_name
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


__all__ = [
    "apply_fee_relief",
    "counterclaim_paid_total",
    "create_counterclaim_payment",
    "create_payment",
    "decide_fee_relief",
    "handle_callback",
    "paid_total",
]
