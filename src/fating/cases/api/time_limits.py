"""REST API for 审限 (/api/v1/cases/…): a case's time limit, extensions, excluded periods,
procedure changes, and the in-time closure rate. Thin: selectors read, services write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import legal, selectors
from fating.cases.api.changes import ProcedureChangeSerializer
from fating.cases.models import Case, ExcludedPeriod, TimeLimitExtension
from fating.cases.services import time_limits
from fating.core.api_helpers import parse_pk, validated
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.fields import model_field


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = TimeLimitExtension
        fields = [
            "id", "status", "approver", "amount", "unit", "reasons", "requested_by",
            "requested_on", "decided_by", "decided_on", "decision_note",
        ]  # fmt: skip


class ExcludedPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExcludedPeriod
        fields = ["id", "kind", "start", "end", "note"]


class ExtensionWriteSerializer(serializers.Serializer):
    reasons = model_field(TimeLimitExtension, "reasons", allow_blank=True, default="")
    amount = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=999)
    unit = serializers.ChoiceField(choices=TimeLimitExtension.Unit.choices, required=False)


class ExtensionDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = model_field(TimeLimitExtension, "decision_note", default="")


class ExcludeWriteSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=ExcludedPeriod._meta.get_field("kind").max_length)
    start = serializers.DateField()
    end = serializers.DateField(required=False, allow_null=True)
    note = model_field(ExcludedPeriod, "note", default="")


class EndWriteSerializer(serializers.Serializer):
    end = serializers.DateField()


def status_dict(case: Case, as_of: date) -> dict[str, Any]:
    s = selectors.time_limit_status(case, as_of=as_of)
    return {
        "procedure": str(s.procedure),
        "accepted_on": s.filed_on,
        "as_of": s.as_of,
        "due_on": s.due_on,
        "days_used": s.days_used,
        "days_remaining": s.days_remaining,
        "excluded_days": s.excluded_days,
        "paused": s.paused,
        "alert": str(s.alert),
        "next_approver": str(s.next_approver) if s.next_approver else None,
        "extension_request_by": s.extension_request_by,
        "extension_decision_by": s.extension_decision_by,
        "issues": list(s.issues),
        "notes": list(s.notes),
        "articles": list(s.articles),
    }


def _full(case: Case) -> Response:
    case.refresh_from_db()
    return Response(
        {
            "case": case.pk,
            "status": status_dict(case, timezone.localdate()),
            "extensions": ExtensionSerializer(case.extensions.all(), many=True).data,
            "excluded_periods": ExcludedPeriodSerializer(
                case.excluded_periods.all(), many=True
            ).data,
            "procedure_changes": ProcedureChangeSerializer(
                case.procedure_changes.all(), many=True
            ).data,
        }
    )


@extend_schema(responses={200: dict})
@api_view(["GET"])
def case_time_limit(request: Request, pk: str) -> Response:
    return _full(selectors.case_for(request.user, parse_pk(pk)))


@extend_schema(request=ExtensionWriteSerializer, responses={201: ExtensionSerializer})
@api_view(["POST"])
def request_extension(request: Request, pk: str) -> Response:
    case = selectors.case_for(request.user, parse_pk(pk), action="request_extension")
    ext = time_limits.request_extension(
        actor=request.user, case=case, **validated(ExtensionWriteSerializer, request)
    )
    return Response(ExtensionSerializer(ext).data, status=status.HTTP_201_CREATED)


@extend_schema(request=ExtensionDecideSerializer, responses={200: ExtensionSerializer})
@api_view(["POST"])
def decide_extension(request: Request, pk: str) -> Response:
    ext = selectors.extension_for(request.user, parse_pk(pk), action="decide")
    ext = time_limits.decide_extension(
        actor=request.user, extension=ext, **validated(ExtensionDecideSerializer, request)
    )
    return Response(ExtensionSerializer(ext).data)


@extend_schema(request=ExcludeWriteSerializer, responses={201: ExcludedPeriodSerializer})
@api_view(["POST"])
def record_excluded_period(request: Request, pk: str) -> Response:
    case = selectors.case_for(request.user, parse_pk(pk), action="manage")
    period = time_limits.record_excluded_period(
        actor=request.user, case=case, **validated(ExcludeWriteSerializer, request)
    )
    return Response(ExcludedPeriodSerializer(period).data, status=status.HTTP_201_CREATED)


@extend_schema(request=EndWriteSerializer, responses={200: ExcludedPeriodSerializer})
@api_view(["POST"])
def end_excluded_period(request: Request, pk: str) -> Response:
    period = selectors.excluded_period_for(request.user, parse_pk(pk), action="manage")
    period = time_limits.end_excluded_period(
        actor=request.user, period=period, **validated(EndWriteSerializer, request)
    )
    return Response(ExcludedPeriodSerializer(period).data)


def _date_param(request: Request, name: str) -> date | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldError({name: _("日期格式应为“2026-03-01”。")}) from None


@extend_schema(responses={200: dict})
@api_view(["GET"])
def closure_rates(request: Request) -> Response:
    """审限内结案率 per court and judge, for the court's staff (403 for everyone else)."""
    if not selectors.rate_courts(request.user):
        raise NotPermitted(_("审限内结案率仅向法院工作人员开放。"))
    since, until = _date_param(request, "since"), _date_param(request, "until")
    return Response(
        {
            "since": since,
            "until": until,
            "definition": str(legal.IN_TIME_DEFINITION),
            "courts": selectors.closure_rates(request.user, since=since, until=until),
        }
    )
