"""REST API of fees and payments (/api/v1/cases/…): fee relief decisions, the payment gateway
callback, overpayment refunds, refunds paid out and counterclaim fee payments."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.gateways import BadCallback
from fating.cases.models import FeeRelief, Overpayment, Payment, Refund
from fating.cases.services import fees, payments
from fating.core.api_errors import error_body
from fating.core.api_helpers import parse_pk, validated
from fating.core.exceptions import NotVisible
from fating.core.fields import model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent


class ReliefSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=8)
    grounds = model_field(FeeRelief, "grounds", allow_blank=True)
    reduction_percent = serializers.IntegerField(required=False, allow_null=True, default=None)


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reasons = model_field(FeeRelief, "decision_reasons", default="")


class PaymentSerializer(serializers.ModelSerializer):
    receipt = serializers.CharField(source="receipt.number", read_only=True, default=None)

    class Meta:
        model = Payment
        fields = [
            "id",
            "order_id",
            "counterclaim",
            "gateway",
            "amount",
            "purpose",
            "status",
            "pay_url",
            "paid_at",
            "receipt",
        ]


class OverpaymentSerializer(serializers.ModelSerializer):
    """Money received that was not owed, to be refunded (cases.models.Overpayment)."""

    order_id = serializers.CharField(source="payment.order_id", read_only=True)
    reason_label = serializers.CharField(source="get_reason_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Overpayment
        fields = [
            "id", "order_id", "counterclaim", "amount", "reason", "reason_label",
            "gateway_reference", "received_at", "status", "status_label", "refund_reference",
            "refunded_at",
        ]  # fmt: skip


class OverpaymentRefundSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=64, allow_blank=True)


@extend_schema(request=DecideSerializer, responses={200: dict})
@api_view(["POST"])
def decide_relief(request: Request, pk: str) -> Response:
    relief = selectors.relief_for(request.user, parse_pk(pk), action="decide")
    relief = payments.decide_fee_relief(
        actor=request.user, relief=relief, **validated(DecideSerializer, request)
    )
    return Response({"id": relief.pk, "status": relief.status, "reasons": relief.decision_reasons})


@extend_schema(request=OverpaymentRefundSerializer, responses={200: OverpaymentSerializer})
@api_view(["POST"])
def refund_overpayment(request: Request, pk: str) -> Response:
    """The court's finance returned an overpayment: a clerk or the court administrator records
    it with the refund's reference (repeating the same reference changes nothing)."""
    overpayment = (
        Overpayment.objects.select_related("payment", "case").filter(pk=parse_pk(pk)).first()
    )
    if overpayment is None:
        raise NotVisible(_("多付款项不存在。"))
    selectors.case_for(request.user, overpayment.case_id)  # outsiders get 404
    overpayment = payments.refund_overpayment(
        actor=request.user,
        overpayment=overpayment,
        reference=validated(OverpaymentRefundSerializer, request)["reference"],
    )
    return Response(OverpaymentSerializer(overpayment).data)


@extend_schema(request=None, responses={200: dict, 400: dict})
@csrf_exempt
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def payment_callback(request: Request, gateway_name: str) -> Response:
    """Gateway → court. Signature checked on the raw body; bad → 400 and nothing changes;
    replays are acknowledged and ignored."""
    try:
        result, payment = payments.handle_callback(
            gateway_name=gateway_name, body=request.body, headers=request.headers
        )
    except BadCallback as exc:
        return Response(error_body(400, "bad_callback", str(exc)), status=400)
    return Response({"result": result, "order_id": payment.order_id, "status": payment.status})


class RefundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Refund
        fields = [
            "id", "case", "amount", "reason", "due_on", "paid_out_at", "paid_out_on",
            "paid_out_reference",
        ]  # fmt: skip


class PayOutWriteSerializer(serializers.Serializer):
    reference = model_field(Refund, "paid_out_reference", default="")
    paid_on = serializers.DateField(required=False, allow_null=True)


@extend_schema(
    request=None,
    responses={200: PaymentSerializer, 201: PaymentSerializer},
    parameters=[IDEMPOTENCY_KEY_PARAMETER],
)
@api_view(["POST"])
@idempotent
def counterclaim_payment(request: Request, pk: str) -> Response:
    """The defendant side opens a gateway order for what is due on a counterclaim's fee; while
    one is open, the same order again (200)."""
    item = selectors.counterclaim_for(request.user, parse_pk(pk), action="pay")
    payment, created = payments.order_counterclaim_fee(actor=request.user, counterclaim=item)
    return Response(
        PaymentSerializer(payment).data,
        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
    )


@extend_schema(request=PayOutWriteSerializer, responses={200: RefundSerializer})
@api_view(["POST"])
def pay_out_refund(request: Request, pk: str) -> Response:
    refund = Refund.objects.select_related("case").filter(pk=parse_pk(pk)).first()
    if refund is None:
        raise NotVisible(_("退费不存在。"))
    selectors.case_for(request.user, refund.case_id)
    refund = fees.mark_refund_paid(
        actor=request.user, refund=refund, **validated(PayOutWriteSerializer, request)
    )
    return Response(RefundSerializer(refund).data)
