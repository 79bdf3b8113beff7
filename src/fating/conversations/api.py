"""REST API of the group chat (mounted at /api/v1/conversations/). Thin: selectors decide who
sees what, services do the writes. Everything the room page does is here too, including the
polling fallback (`GET rooms/<id>/messages/?after=<id>`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fating.conversations import rules, selectors, services
from fating.conversations.models import Room
from fating.conversations.presenters import message_json, proposal_json
from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.rest import JSONParser
from fating.core.schema import LIST_OF_OBJECTS


def room_json(room: Room, member: selectors.Member, unread: int | None = None) -> dict[str, Any]:
    data = {
        "id": room.pk, "title": room.title,
        "matter_type": f"{room.matter_type.app_label}.{room.matter_type.model}",
        "matter_id": room.matter_id,
        "me": {"role": member.role, "side": member.side, "label": member.label,
               "can_speak": rules.can_speak(member.role),
               "can_manage": rules.can_manage(member.role)},
        "websocket": f"/ws/conversations/{room.pk}/",
    }  # fmt: skip
    if unread is not None:
        data["unread"] = unread
    return data


def _file(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name or "file")


ROOM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="群聊编号")
EVIDENCE_ID = OpenApiParameter("evidence_id", int, OpenApiParameter.PATH)
PROPOSAL_ID = OpenApiParameter("proposal_id", int, OpenApiParameter.PATH)
FILE = {(200, "application/octet-stream"): OpenApiTypes.BINARY}


class RoomViewSet(viewsets.ViewSet):
    """Rooms the user belongs to, and everything inside one."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"

    @extend_schema(operation_id="v1_conversations_rooms_list", responses={200: LIST_OF_OBJECTS})
    def list(self, request: Request) -> Response:
        rooms = selectors.rooms_for(request.user)
        return Response([room_json(r, m, unread) for r, m, unread in rooms])

    @extend_schema(parameters=[ROOM_ID], responses=dict)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        room, member = selectors.room_for(request.user, pk)
        return Response(room_json(room, member, selectors.unread_count(request.user, room)))

    @extend_schema(request=dict, responses={201: dict})
    @action(detail=False, methods=["post"], url_path="open")
    def open(self, request: Request) -> Response:
        matter = selectors.matter_for(request.user, str(request.data.get("matter_type", "")),
                                      request.data.get("matter_id"))  # fmt: skip
        room = services.open_room(actor=request.user, matter=matter)
        _room, member = selectors.room_for(request.user, room.pk)
        return Response(room_json(room, member), status=201)

    @extend_schema(parameters=[ROOM_ID, OpenApiParameter("after", int)], request=dict,
                   responses=dict, methods=["GET"])  # fmt: skip
    @extend_schema(parameters=[ROOM_ID, IDEMPOTENCY_KEY_PARAMETER], request=dict, responses=dict,
                   methods=["POST"])  # fmt: skip
    @action(detail=True, methods=["get", "post"])
    @idempotent
    def messages(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            room, _member = selectors.room_for(request.user, pk, write=True)
            message = services.post_message(
                actor=request.user, room=room, text=str(request.data.get("text", "")),
                upload=request.FILES.get("file"), reply_to=request.data.get("reply_to"),
                client_token=str(request.data.get("client_token", "")),
            )  # fmt: skip
            return Response(message_json(message), status=201)
        room, _member = selectors.room_for(request.user, pk)
        after = request.query_params.get("after", "")
        if after and not after.isdigit():
            raise FieldError({"after": _("after 必须是消息编号。")})
        items = (
            selectors.messages_of(room, after=int(after))
            if after
            else selectors.latest_messages(room)
        )
        return Response([message_json(m) for m in items])

    @extend_schema(parameters=[ROOM_ID, OpenApiParameter("message_id", int, OpenApiParameter.PATH)],
                   responses=FILE)  # fmt: skip
    @action(detail=True, methods=["get"], url_path=r"messages/(?P<message_id>\d+)/file")
    def message_file(self, request: Request, pk: str | None = None, message_id: str = "") -> Any:
        room, _member = selectors.room_for(request.user, pk)
        message = selectors.message_in(room, message_id)
        return _file(services.open_file_verified(actor=request.user, message=message),
                     message.file_name)  # fmt: skip

    @extend_schema(parameters=[ROOM_ID], request=dict, responses=dict)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        room, _member = selectors.room_for(request.user, pk)
        raw = request.data.get("message_id")
        if not str(raw).isdigit():
            raise FieldError({"message_id": _("消息不存在。")})
        mark = services.mark_read(actor=request.user, room=room, message_id=int(raw))
        return Response({"last_read_id": mark.last_read_id,
                         "unread": selectors.unread_count(request.user, room)})  # fmt: skip

    @extend_schema(parameters=[ROOM_ID], responses=dict)
    @action(detail=True, methods=["get"])
    def receipts(self, request: Request, pk: str | None = None) -> Response:
        room, _member = selectors.room_for(request.user, pk)
        return Response(selectors.read_receipts(room))

    @extend_schema(parameters=[ROOM_ID], request=dict, responses=dict)
    @action(detail=True, methods=["get", "post"])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            room, _member = selectors.room_for(request.user, pk, write=True)
            item = services.submit_evidence(
                actor=request.user, room=room, title=str(request.data.get("title", "")),
                purpose=str(request.data.get("purpose", "")), upload=request.FILES.get("file"),
            )  # fmt: skip
            return Response({"id": item.pk, "seq": item.seq, "sha256": item.sha256}, status=201)
        room, _member = selectors.room_for(request.user, pk)
        return Response(selectors.cross_examination_table(room))

    @extend_schema(parameters=[ROOM_ID, EVIDENCE_ID], responses=FILE)
    @action(detail=True, methods=["get"], url_path=r"evidence/(?P<evidence_id>\d+)/file")
    def evidence_file(self, request: Request, pk: str | None = None, evidence_id: str = "") -> Any:
        room, _member = selectors.room_for(request.user, pk)
        item = selectors.evidence_in(room, evidence_id)
        return _file(services.open_evidence_verified(actor=request.user, room=room, evidence=item),
                     item.file_name)  # fmt: skip

    @extend_schema(parameters=[ROOM_ID, EVIDENCE_ID], request=dict, responses=dict)
    @action(detail=True, methods=["post"], url_path=r"evidence/(?P<evidence_id>\d+)/opinions")
    def opinions(self, request: Request, pk: str | None = None, evidence_id: str = "") -> Response:
        room, _member = selectors.room_for(request.user, pk, write=True)
        item = selectors.evidence_in(room, evidence_id)
        values = {k: str(request.data.get(k, "")) for k in (
            "authenticity", "authenticity_reason", "legality", "legality_reason", "relevance",
            "relevance_reason")}  # fmt: skip
        opinion = services.record_opinion(actor=request.user, room=room, evidence=item,
                                          values=values)  # fmt: skip
        return Response({"id": opinion.pk, "side": opinion.side}, status=201)

    @extend_schema(parameters=[ROOM_ID], request=None, responses=dict)
    @action(detail=True, methods=["post"], url_path="evidence/export")
    def export(self, request: Request, pk: str | None = None) -> Response:
        room, _member = selectors.room_for(request.user, pk, write=True)
        entry = services.export_cross_examination(actor=request.user, room=room)
        return Response({"dossier_entry": entry.pk, "seq": entry.seq, "sha256": entry.sha256},
                        status=201)  # fmt: skip

    @extend_schema(parameters=[ROOM_ID], request=dict, responses=dict)
    @action(detail=True, methods=["get", "post"])
    def proposals(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            room, _member = selectors.room_for(request.user, pk, write=True)
            proposal = services.propose(
                actor=request.user, room=room, terms=str(request.data.get("terms", "")),
                amount=request.data.get("amount"), schedule=str(request.data.get("schedule", "")),
            )  # fmt: skip
            return Response(proposal_json(proposal), status=201)
        room, _member = selectors.room_for(request.user, pk)
        return Response([proposal_json(p) for p in room.proposals.order_by("pk")])

    @extend_schema(parameters=[ROOM_ID, PROPOSAL_ID], request=dict, responses=dict)
    @action(detail=True, methods=["post"], url_path=r"proposals/(?P<proposal_id>\d+)/respond")
    def respond(self, request: Request, pk: str | None = None, proposal_id: str = "") -> Response:
        room, _member = selectors.room_for(request.user, pk, write=True)
        proposal = selectors.proposal_in(room, proposal_id)
        result = services.respond_to_proposal(
            actor=request.user, room=room, proposal=proposal,
            decision=str(request.data.get("decision", "")),
            reason=str(request.data.get("reason", "")), amount=request.data.get("amount"),
            schedule=str(request.data.get("schedule", "")),
            terms=str(request.data.get("terms", "")),
        )  # fmt: skip
        return Response(proposal_json(result))

    @extend_schema(parameters=[ROOM_ID, PROPOSAL_ID], request=dict, responses=dict)
    @action(detail=True, methods=["post"], url_path=r"proposals/(?P<proposal_id>\d+)/agreement")
    def agreement(self, request: Request, pk: str | None = None, proposal_id: str = "") -> Response:
        room, _member = selectors.room_for(request.user, pk, write=True)
        proposal = selectors.proposal_in(room, proposal_id)
        deadline = parse_date(str(request.data.get("deadline", "")))
        if deadline is None:
            raise FieldError({"deadline": _("请填写履行期限（YYYY-MM-DD）。")})
        agreement = services.draft_agreement_from_proposal(
            actor=request.user, room=room, proposal=proposal,
            facts=str(request.data.get("facts", "")),
            performance=str(request.data.get("performance", "")), deadline=deadline,
        )  # fmt: skip
        return Response({"agreement": agreement.pk}, status=201)

    @extend_schema(parameters=[ROOM_ID], request=dict, responses=dict)
    @action(detail=True, methods=["get", "post"])
    def bidding(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            room, member = selectors.room_for(request.user, pk, write=True)
            services.open_bidding(actor=request.user, room=room, gap=request.data.get("gap"))
            return Response(selectors.bidding_view(room, member), status=201)
        room, member = selectors.room_for(request.user, pk)
        return Response(selectors.bidding_view(room, member))

    @extend_schema(parameters=[ROOM_ID], request=dict, responses=dict)
    @action(detail=True, methods=["post"], url_path="bidding/offers")
    def offers(self, request: Request, pk: str | None = None) -> Response:
        room, member = selectors.room_for(request.user, pk, write=True)
        services.submit_offer(actor=request.user, room=room, amount=request.data.get("amount"))
        # The reply is the same whether or not the offer settled anything for the other side:
        # the bidder learns only their own offers and, if settled, the proposal.
        return Response(selectors.bidding_view(room, member), status=201)
