"""REST API for lawyer's investigation orders (/api/v1/cases/…/investigation-orders/). Thin:
selectors_procedures reads, services.investigation writes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases import selectors_procedures as proc
from fating.cases.models import InvestigationOrder
from fating.cases.rules import procedures as rules
from fating.cases.services import investigation
from fating.core.api_helpers import parse_pk, validated
from fating.core.fields import model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent


class OrderSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    answer_label = serializers.CharField(source="get_answer_display", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = InvestigationOrder
        fields = [
            "id", "case", "case_number", "holder", "holder_address", "items", "reasons",
            "status", "status_label", "applied_at", "decided_at", "refusal_reason", "number",
            "issued_on", "validity_days", "valid_until", "scope", "answer", "answer_label",
            "answered_on", "answer_note", "answer_evidence",
        ]  # fmt: skip


class ApplySerializer(serializers.Serializer):
    holder = model_field(InvestigationOrder, "holder")
    holder_address = model_field(InvestigationOrder, "holder_address", default="")
    items = model_field(InvestigationOrder, "items")
    reasons = model_field(InvestigationOrder, "reasons")


class IssueSerializer(serializers.Serializer):
    validity_days = serializers.IntegerField(
        min_value=1, max_value=rules.ORDER_VALIDITY_MAX_DAYS,
        default=rules.ORDER_VALIDITY_DEFAULT_DAYS,
    )  # fmt: skip
    scope = model_field(InvestigationOrder, "scope", default="")


class RefuseSerializer(serializers.Serializer):
    reason = model_field(InvestigationOrder, "refusal_reason", allow_blank=False)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=InvestigationOrder.Answer.choices)
    answered_on = serializers.DateField(required=False, allow_null=True)
    note = model_field(InvestigationOrder, "answer_note", default="")
    title = serializers.CharField(max_length=120, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True)


def _out(order: InvestigationOrder, code: int = 200) -> Response:
    order.refresh_from_db()
    return Response(OrderSerializer(order).data, status=code)


@extend_schema(methods=["GET"], responses={200: OrderSerializer(many=True)})
@extend_schema(
    methods=["POST"],
    request=ApplySerializer,
    responses={201: OrderSerializer},
    parameters=[IDEMPOTENCY_KEY_PARAMETER],
)
@api_view(["GET", "POST"])
@idempotent
def case_orders(request: Request, pk: str) -> Response:
    """GET: the case's orders (whoever sees the case). POST: the case's agent applies."""
    case = selectors.case_for(request.user, parse_pk(pk))
    if request.method == "GET":
        return Response(OrderSerializer(proc.orders_of(request.user, case), many=True).data)
    data = validated(ApplySerializer, request)
    order = investigation.apply(actor=request.user, case=case, **data)
    return _out(order, status.HTTP_201_CREATED)


@extend_schema(responses={200: OrderSerializer})
@api_view(["GET"])
def order_detail(request: Request, pk: str) -> Response:
    return _out(proc.order_for(request.user, parse_pk(pk)))


@extend_schema(request=IssueSerializer, responses={200: OrderSerializer})
@api_view(["POST"])
def issue(request: Request, pk: str) -> Response:
    """Issue: number in the court's 调查令 sequence, validity through the court calendar."""
    order = proc.order_for(request.user, parse_pk(pk), action="decide")
    data = validated(IssueSerializer, request)
    return _out(investigation.issue(actor=request.user, order=order, **data))


@extend_schema(request=RefuseSerializer, responses={200: OrderSerializer})
@api_view(["POST"])
def refuse(request: Request, pk: str) -> Response:
    """Refuse with the reason (民诉解释 第95条)."""
    order = proc.order_for(request.user, parse_pk(pk), action="decide")
    data = validated(RefuseSerializer, request)
    return _out(investigation.refuse(actor=request.user, order=order, **data))


@extend_schema(request={"multipart/form-data": AnswerSerializer}, responses={200: OrderSerializer})
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def answer(request: Request, pk: str) -> Response:
    """The agent records the holder's answer, uploading what was obtained."""
    order = proc.order_for(request.user, parse_pk(pk), action="answer")
    data = validated(AnswerSerializer, request)
    return _out(investigation.record_answer(actor=request.user, order=order, **data))
