"""REST API of the notification centre (mounted at /api/v1/inbox/). Thin: selectors and services
decide."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.api_helpers import validated
from fating.core.models import OutboxMessage
from fating.core.rest import LimitOffsetPagination
from fating.inbox import rules, selectors, services


class PreferenceSerializer(serializers.Serializer[Any]):
    """One kind of notice and the channels wanted for it (mandatory ones cannot be off)."""

    kind = serializers.ChoiceField(choices=list(rules.KINDS))
    in_app = serializers.BooleanField(required=False, default=True)
    sms = serializers.BooleanField(required=False, default=False)
    email = serializers.BooleanField(required=False, default=False)


def message_json(message: OutboxMessage) -> dict[str, Any]:
    return {
        "id": message.pk,
        "subject": message.subject,
        "body": message.body,
        "link": message.link,
        "created_at": message.created_at.isoformat(),
        "read_at": message.read_at.isoformat() if message.read_at else None,
    }


@extend_schema(
    parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description=_("只列未读消息"))],
    responses=dict,
)
@api_view(["GET"])
def messages(request: Request) -> Response:
    """The signed-in person's messages, newest first, with the unread count."""
    unread = request.query_params.get("unread", "") in ("1", "true")
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(selectors.messages_for(request.user, unread=unread), request)
    response = paginator.get_paginated_response([message_json(m) for m in page or []])
    response.data["unread"] = selectors.unread_count(request.user)
    return response


@extend_schema(responses=dict)
@api_view(["GET"])
def message(request: Request, pk: int) -> Response:
    return Response(message_json(selectors.message_for(request.user, pk)))


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def read(request: Request, pk: int) -> Response:
    """Mark one message read (its read receipt; the first time only)."""
    found = selectors.message_for(request.user, pk)
    return Response(message_json(services.mark_read(actor=request.user, message=found)))


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def read_all(request: Request) -> Response:
    return Response({"marked": services.mark_all_read(actor=request.user)})


@extend_schema(request=PreferenceSerializer, responses=dict)
@api_view(["GET", "POST"])
def preferences(request: Request) -> Response:
    """Each kind of notice with its channels; POST sets one kind's channels."""
    if request.method == "POST":
        services.set_preference(actor=request.user, **validated(PreferenceSerializer, request))
    return Response({"kinds": [{
        "kind": row.kind, "label": row.label, "basis": row.basis,
        "channels": {c.channel: {"on": c.on, "mandatory": c.mandatory} for c in row.channels},
    } for row in selectors.preferences_for(request.user)]})  # fmt: skip
