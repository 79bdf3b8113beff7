"""REST API for changes after acceptance (/api/v1/cases/…): claim changes, counterclaims and
payment of their fees, refunds paid out, adjournments; and triage administration: 速裁 teams and official wage
figures. Thin: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.api import PaymentSerializer
from fating.cases.models import (
    Adjournment,
    ClaimChange,
    Counterclaim,
    Refund,
    SpeedyTrialTeam,
    WageFigure,
)
from fating.cases.rules.triage import WAGE_MAX
from fating.cases.services import fees, hearings, payments, triage_admin
from fating.core.api_helpers import parse_pk, validated
from fating.core.exceptions import NotPermitted, NotVisible
from fating.core.fields import model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.network.models import Court, Tribunal


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


class AdjournmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Adjournment
        fields = [
            "id", "hearing", "next_hearing", "ground", "reasons", "parties_consent",
            "president_approval",
        ]  # fmt: skip


class AdjournWriteSerializer(serializers.Serializer):
    ground = serializers.CharField(max_length=12)
    reasons = model_field(Adjournment, "reasons", allow_blank=True, default="")
    next_starts_at = serializers.DateTimeField()
    next_ends_at = serializers.DateTimeField()
    parties_consent = serializers.BooleanField(default=False)
    president_approval = model_field(Adjournment, "president_approval", default="")


class TeamSerializer(serializers.ModelSerializer):
    members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = SpeedyTrialTeam
        fields = ["id", "court", "tribunal", "name", "members", "active"]


class TeamWriteSerializer(serializers.Serializer):
    court = serializers.IntegerField()
    tribunal = serializers.IntegerField(required=False, allow_null=True)
    name = model_field(SpeedyTrialTeam, "name", allow_blank=True, default="")
    members = serializers.ListField(child=serializers.IntegerField(), default=list)


class TeamUpdateSerializer(serializers.Serializer):
    members = serializers.ListField(child=serializers.IntegerField(), required=False)
    active = serializers.BooleanField(required=False)


class WageFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = WageFigure
        fields = [
            "id", "province", "wage_year", "average_wage", "small_claims_limit", "agreed_limit",
            "effective_from", "source",
        ]  # fmt: skip


class WageWriteSerializer(serializers.Serializer):
    province = model_field(WageFigure, "province")
    wage_year = serializers.IntegerField(min_value=2000, max_value=2999)
    average_wage = model_field(WageFigure, "average_wage", allow_zero=False, maximum=WAGE_MAX)
    small_claims_limit = model_field(WageFigure, "small_claims_limit", maximum=WAGE_MAX)
    agreed_limit = model_field(WageFigure, "agreed_limit", maximum=WAGE_MAX)
    effective_from = serializers.DateField()
    source = model_field(WageFigure, "source", allow_blank=True, default="")


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


@extend_schema(request=AdjournWriteSerializer, responses={201: AdjournmentSerializer})
@api_view(["POST"])
def adjourn(request: Request, pk: str) -> Response:
    hearing = selectors.hearing_for(request.user, parse_pk(pk), action="manage")
    item = hearings.adjourn_hearing(
        actor=request.user, hearing=hearing, **validated(AdjournWriteSerializer, request)
    )
    return Response(AdjournmentSerializer(item).data, status=status.HTTP_201_CREATED)


@extend_schema(request=TeamWriteSerializer, responses={200: TeamSerializer})
@api_view(["GET", "POST"])
def teams(request: Request) -> Response:
    """速裁团队 of the courts the user administers (403 for everyone else)."""
    if not selectors.restrict(Court.objects.all(), request.user, "triage").exists():
        raise NotPermitted(_("只有法院管理员可以管理速裁团队。"))
    if request.method == "GET":
        return Response(TeamSerializer(triage_admin.teams_for(request.user), many=True).data)
    data = validated(TeamWriteSerializer, request)
    court = Court.objects.filter(pk=data["court"]).first()
    if court is None:
        raise NotVisible(_("法院不存在。"))
    tribunal = None
    if data.get("tribunal"):
        tribunal = Tribunal.objects.filter(pk=data["tribunal"]).first()
        if tribunal is None:
            raise NotVisible(_("人民法庭不存在。"))
    team = triage_admin.create_team(
        actor=request.user, court=court, tribunal=tribunal, name=data["name"],
        members=data["members"],
    )  # fmt: skip
    return Response(TeamSerializer(team).data, status=status.HTTP_201_CREATED)


@extend_schema(request=TeamUpdateSerializer, responses={200: TeamSerializer})
@api_view(["POST"])
def team_update(request: Request, pk: str) -> Response:
    team = next((t for t in triage_admin.teams_for(request.user) if t.pk == parse_pk(pk)), None)
    if team is None:
        raise NotVisible(_("速裁团队不存在。"))
    team = triage_admin.update_team(
        actor=request.user, team=team, **validated(TeamUpdateSerializer, request)
    )
    return Response(TeamSerializer(team).data)


@extend_schema(request=WageWriteSerializer, responses={200: WageFigureSerializer})
@api_view(["GET", "POST"])
def wage_figures(request: Request) -> Response:
    """The official small-claims wage figures loaded by courts; court administrators load."""
    figures = selectors.restrict(WageFigure.objects.all(), request.user, "view")
    if not selectors.restrict(Court.objects.all(), request.user, "triage").exists():
        raise NotPermitted(_("只有法院管理员可以载入小额诉讼工资标准。"))
    if request.method == "GET":
        return Response(WageFigureSerializer(figures, many=True).data)
    figure = triage_admin.load_wage_figure(
        actor=request.user, **validated(WageWriteSerializer, request)
    )
    return Response(WageFigureSerializer(figure).data, status=status.HTTP_201_CREATED)
