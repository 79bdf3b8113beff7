"""REST API of changes after acceptance (/api/v1/cases/cases/<pk>/…): claim changes,
counterclaims and procedure conversion. Thin: selectors read, services write."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.models import ClaimChange, Counterclaim, ProcedureChange
from fating.cases.services import fees, time_limits
from fating.core.api_helpers import parse_pk, validated
from fating.core.fields import model_field


class ClaimChangeSerializer(serializers.ModelSerializer):
    fee_adjustment = serializers.SerializerMethodField()

    class Meta:
        model = ClaimChange
        fields = [
            "id", "previous_amount", "new_amount", "reasons", "after_investigation",
            "fee_adjustment",
        ]  # fmt: skip

    def get_fee_adjustment(self, obj: ClaimChange) -> dict[str, Any] | None:
        return fees.adjustment_dict(obj.adjustment) if obj.adjustment else None


class ClaimChangeWriteSerializer(serializers.Serializer):
    new_amount = model_field(ClaimChange, "new_amount")
    reasons = model_field(ClaimChange, "reasons", allow_blank=True, default="")
    after_investigation = serializers.BooleanField(default=False)


class CounterclaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Counterclaim
        fields = [
            "id", "counterclaimant", "claims", "amount", "tried_together", "fee",
            "fee_breakdown", "fee_due_on", "paid_at",
        ]  # fmt: skip


class CounterclaimWriteSerializer(serializers.Serializer):
    counterclaimant = model_field(Counterclaim, "counterclaimant", allow_blank=True, default="")
    claims = model_field(Counterclaim, "claims", allow_blank=True, default="")
    amount = model_field(Counterclaim, "amount")
    tried_together = serializers.BooleanField(default=True)


@extend_schema(request=ClaimChangeWriteSerializer, responses={201: ClaimChangeSerializer})
@api_view(["POST"])
def claim_change(request: Request, pk: str) -> Response:
    case = selectors.case_for(request.user, parse_pk(pk))
    change = fees.record_claim_change(
        actor=request.user, case=case, **validated(ClaimChangeWriteSerializer, request)
    )
    return Response(ClaimChangeSerializer(change).data, status=status.HTTP_201_CREATED)


@extend_schema(request=CounterclaimWriteSerializer, responses={201: CounterclaimSerializer})
@api_view(["POST"])
def counterclaim(request: Request, pk: str) -> Response:
    case = selectors.case_for(request.user, parse_pk(pk), action="manage")
    item = fees.record_counterclaim(
        actor=request.user, case=case, **validated(CounterclaimWriteSerializer, request)
    )
    return Response(CounterclaimSerializer(item).data, status=status.HTTP_201_CREATED)


class ProcedureChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureChange
        fields = ["id", "from_procedure", "to_procedure", "on", "before_first_hearing", "reasons"]


class ChangeWriteSerializer(serializers.Serializer):
    to = model_field(ProcedureChange, "to_procedure")
    reasons = model_field(ProcedureChange, "reasons", allow_blank=True, default="")
    on = serializers.DateField(required=False, allow_null=True)
    before_first_hearing = serializers.BooleanField(default=False)


@extend_schema(request=ChangeWriteSerializer, responses={201: ProcedureChangeSerializer})
@api_view(["POST"])
def change_procedure(request: Request, pk: str) -> Response:
    case = selectors.case_for(request.user, parse_pk(pk), action="manage")
    change = time_limits.change_procedure(
        actor=request.user, case=case, **validated(ChangeWriteSerializer, request)
    )
    return Response(ProcedureChangeSerializer(change).data, status=status.HTTP_201_CREATED)
