"""REST API of service (mounted at /api/v1/delivery/). Thin: selectors and services decide."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import NotVisible
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.rest import JSONParser
from fating.core.schema import LIST_OF_OBJECTS
from fating.delivery import inputs, rules, selectors, services
from fating.delivery.models import Service, ServiceConsent
from fating.documents.selectors import document_for, matter_for

PARSERS = [JSONParser, MultiPartParser, FormParser]
PaperCopyRequestSerializer = inline_serializer(
    "PaperCopyRequest", {"note": serializers.CharField(required=False, allow_blank=True)}
)


def service_json(service: Service, *, full: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": service.pk, "document": service.document_id, "title": service.document.title,
        "recipient": service.recipient_name, "status": service.status,
        "status_label": service.get_status_display(),
        "served_at": service.served_at.isoformat() if service.served_at else None,
        "served_channel": service.served_channel, "served_basis": service.served_basis,
        "certificate": service.certificate_id,
        "paper_copy_of": service.paper_copy_of_id,
        "paper_copy": Service.objects.filter(paper_copy_of=service).values_list("pk", flat=True).first(),
        "paper_requested_at": service.paper_requested_at.isoformat() if service.paper_requested_at else None,
        "legal_served_at": service.legal_served_at.isoformat() if service.legal_served_at else None,
    }  # fmt: skip
    if full:
        data["attempts"] = [{
            "id": a.pk, "channel": a.channel, "channel_label": _(rules.CHANNEL_LABELS[a.channel]),
            "status": a.status, "tracking_number": a.tracking_number,
            "assignee": a.assignee_id,
            "receipts": [{"kind": r.kind, "label": _(rules.RECEIPT_LABELS[r.kind]),
                          "at": r.occurred_at.isoformat(), "sha256": r.sha256,
                          "witness": r.witness} for r in a.receipts.all()],
        } for a in service.attempts.prefetch_related("receipts")]  # fmt: skip
    return data


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def recipients(request: Request, matter_type: str, matter_id: int) -> Response:
    matter = matter_for(request.user, matter_type, matter_id)
    selectors.check_manage(request.user, matter)
    consents = list(selectors.consents_of(matter))
    return Response([{
        "party_key": r.key, "name": r.name, "has_account": r.user is not None,
        "consents": [{"id": c.pk, "channel": c.channel, "address": c.address, "basis": c.basis,
                      "address_confirmed": c.address_confirmed}
                     for c in consents if c.party_key == r.key],
    } for r in selectors.recipients_of(matter)])  # fmt: skip


@extend_schema(request=dict, responses=dict)
@api_view(["POST"])
def consents(request: Request) -> Response:
    d = request.data
    matter = matter_for(request.user, str(d.get("matter_type", "")), d.get("matter_id"))
    consent = services.record_consent(
        actor=request.user, matter=matter, party_key=str(d.get("party_key", "")),
        channel=str(d.get("channel", "")), address=str(d.get("address", "")),
        basis=str(d.get("basis", "express")), method=str(d.get("method", "online")),
        address_confirmed=str(d.get("address_confirmed", "true")).lower() in ("1", "true", "yes"),
    )  # fmt: skip
    return Response({"id": consent.pk, "channel": consent.channel}, status=201)


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def withdraw_consent(request: Request, pk: int) -> Response:
    consent = ServiceConsent.objects.filter(pk=pk).first()
    if consent is None:
        raise NotVisible(_("同意记录不存在。"))
    matter_for(request.user, consent.matter_type.app_label + "." + consent.matter_type.model,
               consent.matter_id)  # fmt: skip
    services.withdraw_consent(actor=request.user, consent=consent)
    return Response({"id": consent.pk, "withdrawn": True})


@extend_schema(
    methods=["GET"], operation_id="v1_delivery_services_list", responses={200: LIST_OF_OBJECTS}
)
@extend_schema(
    methods=["POST"], request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["GET", "POST"])
@idempotent
def service_list(request: Request) -> Response:
    if request.method == "GET":
        return Response([service_json(s, full=False) for s in selectors.queue_for(request.user)])
    d = request.data
    document = document_for(request.user, d.get("document"))
    channels = d.get("channels") or []
    if isinstance(channels, str):
        channels = [c for c in channels.split(",") if c]
    service = services.serve_document(
        actor=request.user, document=document, party_key=str(d.get("party_key", "")),
        channels=list(channels), personal_only=bool(d.get("personal_only", False)),
        assignee=inputs.user(d.get("assignee"), "assignee"),
        tracking_number=str(d.get("tracking_number", "")),
    )  # fmt: skip
    return Response(service_json(service), status=201)


@extend_schema(responses=dict)
@api_view(["GET"])
def service_detail(request: Request, pk: int) -> Response:
    return Response(service_json(selectors.service_for(request.user, pk)))


@extend_schema(request=dict, responses=dict)
@api_view(["POST"])
def add_attempt(request: Request, pk: int) -> Response:
    service = selectors.service_for(request.user, pk, write=True)
    attempt = services.add_attempt(
        actor=request.user, service=service, **inputs.attempt_args(request.data)
    )
    return Response({"id": attempt.pk, "channel": attempt.channel}, status=201)


@extend_schema(request=dict, responses=dict)
@api_view(["POST"])
@parser_classes(PARSERS)
def outcome(request: Request, pk: int) -> Response:
    attempt = selectors.attempt_for(request.user, pk)
    receipt = services.record_outcome(
        actor=request.user, attempt=attempt, **inputs.outcome_args(request.data, request.FILES)
    )
    return Response({"id": receipt.pk, "kind": receipt.kind, "sha256": receipt.sha256}, status=201)


@extend_schema(request=dict, responses=dict)
@api_view(["POST"])
def certificate(request: Request, pk: int) -> Response:
    service = selectors.service_for(request.user, pk, write=True)
    document = services.issue_certificate(actor=request.user, service=service,
                                          issuer=str(request.data.get("issuer", "")))  # fmt: skip
    return Response({"certificate": document.pk, "title": document.title}, status=201)


@extend_schema(responses={200: LIST_OF_OBJECTS})
@api_view(["GET"])
def inbox(request: Request) -> Response:
    return Response([service_json(s, full=False) for s in selectors.inbox_for(request.user)])


@extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
@api_view(["GET"])
def inbox_document(request: Request, pk: int) -> Any:
    service = selectors.service_for(request.user, pk)
    data = services.open_served_document(actor=request.user, service=service)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="service-{service.pk}.pdf"'
    return response


@extend_schema(request=PaperCopyRequestSerializer, responses={201: dict})
@api_view(["POST"])
def paper_copy(request: Request, pk: int) -> Response:
    """The recipient asks for a paper copy of a document served electronically (民事诉讼法 第90条
    第1款); court staff may record such a request. The reply is the linked paper service."""
    service = selectors.service_for(request.user, pk)
    paper = services.request_paper_copy(actor=request.user, service=service,
                                        note=str(request.data.get("note", "")))  # fmt: skip
    return Response(service_json(paper), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def acknowledge(request: Request, pk: int) -> Response:
    service = selectors.service_for(request.user, pk)
    return Response(service_json(services.acknowledge(actor=request.user, service=service)))
