"""REST API for 委托调解 (/api/v1/cases/…). Thin: selectors read, services write."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.models import Entrustment
from fating.cases.services import mediation
from fating.core.api_helpers import parse_pk, validated
from fating.core.exceptions import FieldError
from fating.core.fields import model_field
from fating.network.models import MediationOrganisation, Mediator


class EntrustmentSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    excluded_from_time_limit = serializers.SerializerMethodField()

    class Meta:
        model = Entrustment
        fields = [
            "id", "case", "case_number", "organisation", "organisation_name", "mediator", "kind",
            "status", "status_label", "entrusted_at", "respond_by", "accepted_at", "due_at",
            "extension_days", "consent_note", "decline_reasons", "ended_at", "outcome_note",
            "excluded_from_time_limit",
        ]  # fmt: skip

    def get_excluded_from_time_limit(self, obj: Entrustment) -> dict | None:
        period = obj.excluded_period
        return None if period is None else {"start": period.start, "end": period.end}


class EntrustWriteSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(required=False, allow_null=True)
    mediator = serializers.IntegerField(required=False, allow_null=True)


class DeclineSerializer(serializers.Serializer):
    reasons = model_field(Entrustment, "decline_reasons", default="")


class ExtendSerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=365)
    party_ids = serializers.ListField(child=serializers.IntegerField(), default=list, max_length=50)
    consent_note = model_field(Entrustment, "consent_note", default="")


class ConcludeSerializer(serializers.Serializer):
    succeeded = serializers.BooleanField()
    note = model_field(Entrustment, "outcome_note", default="")


def _out(entrustment: Entrustment, code: int = 200) -> Response:
    entrustment.refresh_from_db()
    return Response(EntrustmentSerializer(entrustment).data, status=code)


@extend_schema(request=EntrustWriteSerializer, responses={201: EntrustmentSerializer})
@api_view(["POST"])
def entrust(request: Request, pk: str) -> Response:
    case = selectors.case_for(request.user, parse_pk(pk), action="manage")
    data = validated(EntrustWriteSerializer, request)
    organisation = mediator = None
    if data.get("organisation"):
        organisation = MediationOrganisation.objects.filter(pk=data["organisation"]).first()
        if organisation is None:
            raise FieldError({"organisation": _("只能委托本院特邀调解名册中的调解组织。")})
    if data.get("mediator"):
        mediator = Mediator.objects.filter(pk=data["mediator"]).first()
        if mediator is None:
            raise FieldError({"mediator": _("只能委托该组织在册的特邀调解员。")})
    entrustment = mediation.entrust(
        actor=request.user, case=case, organisation=organisation, mediator=mediator
    )
    return _out(entrustment, status.HTTP_201_CREATED)


@extend_schema(responses={200: EntrustmentSerializer(many=True)})
@api_view(["GET"])
def entrustment_list(request: Request) -> Response:
    """Entrustments the user sees: the court's, or those addressed to the user's organisation."""
    qs = selectors.entrustments_for(request.user).order_by("-entrusted_at")[:200]
    return Response(EntrustmentSerializer(qs, many=True).data)


@extend_schema(responses={200: EntrustmentSerializer})
@api_view(["GET"])
def entrustment_detail(request: Request, pk: str) -> Response:
    return _out(selectors.entrustment_for(request.user, parse_pk(pk)))


@extend_schema(request=None, responses={200: EntrustmentSerializer})
@api_view(["POST"])
def accept(request: Request, pk: str) -> Response:
    entrustment = selectors.entrustment_for(request.user, parse_pk(pk), action="respond")
    return _out(mediation.accept(actor=request.user, entrustment=entrustment))


@extend_schema(request=DeclineSerializer, responses={200: EntrustmentSerializer})
@api_view(["POST"])
def decline(request: Request, pk: str) -> Response:
    entrustment = selectors.entrustment_for(request.user, parse_pk(pk), action="respond")
    return _out(
        mediation.decline(
            actor=request.user, entrustment=entrustment, **validated(DeclineSerializer, request)
        )
    )


@extend_schema(request=ExtendSerializer, responses={200: EntrustmentSerializer})
@api_view(["POST"])
def extend(request: Request, pk: str) -> Response:
    entrustment = selectors.entrustment_for(request.user, parse_pk(pk), action="mediate")
    return _out(
        mediation.extend(
            actor=request.user, entrustment=entrustment, **validated(ExtendSerializer, request)
        )
    )


@extend_schema(request=ConcludeSerializer, responses={200: EntrustmentSerializer})
@api_view(["POST"])
def conclude(request: Request, pk: str) -> Response:
    entrustment = selectors.entrustment_for(request.user, parse_pk(pk), action="mediate")
    return _out(
        mediation.conclude(
            actor=request.user, entrustment=entrustment, **validated(ConcludeSerializer, request)
        )
    )
