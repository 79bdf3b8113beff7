"""REST API of property preservation (mounted at /api/v1/preservation/). Thin."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors as case_selectors
from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.network.models import Court
from fating.preservation import selectors, services
from fating.preservation.models import PreservationApplication

ApplyRequest = inline_serializer("PreservationRequest", {
    "kind": serializers.ChoiceField(choices=PreservationApplication.Kind.values),
    "case": serializers.IntegerField(required=False),
    "court": serializers.IntegerField(required=False),
    "applicant_name": serializers.CharField(required=False, max_length=100),
    "respondent_name": serializers.CharField(max_length=100),
    "amount": serializers.CharField(max_length=20),
    "property_description": serializers.CharField(max_length=2000),
    "urgent": serializers.BooleanField(required=False),
})  # fmt: skip
SecurityOrderRequest = inline_serializer(
    "PreservationSecurityOrder", {"security_amount": serializers.CharField(max_length=20)}
)
DecisionRequest = inline_serializer("PreservationDecision", {
    "grant": serializers.BooleanField(),
    "note": serializers.CharField(required=False, allow_blank=True, max_length=500),
})  # fmt: skip
ReleaseRequest = inline_serializer(
    "PreservationRelease", {"note": serializers.CharField(max_length=500)}
)


def application_json(a: PreservationApplication) -> dict[str, Any]:
    return {
        "id": a.pk, "kind": a.kind, "number": a.number, "status": a.status,
        "status_label": a.get_status_display(), "court": a.court_id, "case": a.case_id,
        "applicant_name": a.applicant_name, "respondent_name": a.respondent_name,
        "amount": str(a.amount), "fee": str(a.fee), "urgent": a.urgent,
        "ruling_due_at": a.ruling_due_at.isoformat() if a.ruling_due_at else None,
        "ruling_due_on": a.ruling_due_on.isoformat() if a.ruling_due_on else None,
        "deadline_basis": a.deadline_basis,
        "security_amount": str(a.security_amount) if a.security_amount is not None else None,
        "security_given_on": a.security_given_on.isoformat() if a.security_given_on else None,
        "sue_by": a.sue_by.isoformat() if a.sue_by else None, "decision_note": a.decision_note,
    }  # fmt: skip


def _pk(value: object, field: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).isdigit():
        raise FieldError({field: _("应为编号。")})
    return int(str(value))


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(methods=["POST"], request=ApplyRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["GET", "POST"])
@idempotent
def applications(request: Request) -> Response:
    if request.method == "GET":
        return Response(
            [application_json(a) for a in selectors.applications_for(request.user)[:200]]
        )
    d = request.data
    case_pk, court_pk = _pk(d.get("case"), "case"), _pk(d.get("court"), "court")
    case = case_selectors.case_for(request.user, case_pk) if case_pk else None
    court = Court.objects.filter(pk=court_pk).first() if court_pk else None
    if court_pk and court is None:
        raise FieldError({"court": _("法院不存在。")})
    application = services.apply(
        actor=request.user, kind=str(d.get("kind", "")), case=case, court=court,
        applicant_name=str(d.get("applicant_name", ""))[:200],
        respondent_name=str(d.get("respondent_name", ""))[:200],
        amount=str(d.get("amount", ""))[:40],
        property_description=str(d.get("property_description", ""))[:4000],
        urgent=d.get("urgent") is True,
    )  # fmt: skip
    return Response(application_json(application), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def application(request: Request, pk: int) -> Response:
    return Response(application_json(selectors.application_for(request.user, pk)))


@extend_schema(request=SecurityOrderRequest, responses=dict)
@api_view(["POST"])
def order_security(request: Request, pk: int) -> Response:
    a = selectors.application_for(request.user, pk, "decide")
    return Response(application_json(services.order_security(
        actor=request.user, application=a,
        amount=str(request.data.get("security_amount", ""))[:40])))  # fmt: skip


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def record_security(request: Request, pk: int) -> Response:
    a = selectors.application_for(request.user, pk, "security")
    return Response(application_json(services.record_security(actor=request.user, application=a)))


@extend_schema(request=DecisionRequest, responses=dict)
@api_view(["POST"])
def decide(request: Request, pk: int) -> Response:
    a = selectors.application_for(request.user, pk, "decide")
    grant = request.data.get("grant")
    if not isinstance(grant, bool):
        raise FieldError({"grant": _("请选择裁定保全（true）或驳回（false）。")})
    return Response(application_json(services.decide(
        actor=request.user, application=a, grant=grant,
        note=str(request.data.get("note", ""))[:1000])))  # fmt: skip


@extend_schema(request=ReleaseRequest, responses=dict)
@api_view(["POST"])
def release(request: Request, pk: int) -> Response:
    a = selectors.application_for(request.user, pk, "decide")
    return Response(application_json(services.release(
        actor=request.user, application=a, note=str(request.data.get("note", ""))[:1000])))  # fmt: skip
