"""REST API of hearings (/api/v1/cases/hearings/): record, cancel, summons, adjourn. Thin:
selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.models import Adjournment, Hearing
from fating.cases.services import documents, hearings
from fating.core.api_helpers import parse_pk, validated
from fating.core.fields import model_field


class HearingSerializer(serializers.ModelSerializer):
    participants = serializers.SerializerMethodField()

    class Meta:
        model = Hearing
        fields = [
            "id",
            "case",
            "mode",
            "starts_at",
            "ends_at",
            "courtroom",
            "room_code",
            "judge",
            "status",
            "record",
            "participants",
        ]

    def get_participants(self, obj: Hearing) -> list[dict[str, Any]]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        out = []
        for p in obj.participants.select_related("party"):
            # A join link is personal: only its holder and the court see it.
            own = bool(user and p.party and p.party.user_id == user.pk)
            show = own or bool(user and selectors.can_manage_case(user, obj.case))
            out.append({
                "id": p.pk, "name": p.name, "role": p.role, "attended": p.attended,
                "join_link": f"/cases/join/{p.join_token}/" if show and obj.mode == "online" else None,
            })  # fmt: skip
        return out


class HearingWriteSerializer(serializers.Serializer):
    mode = serializers.CharField(max_length=12)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    courtroom = model_field(Hearing, "courtroom", default="")


class HearingViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HearingSerializer

    def get_queryset(self) -> QuerySet[Hearing]:
        return Hearing.objects.filter(case__in=selectors.cases_for(self.request.user))

    def get_object(self) -> Hearing:
        return selectors.hearing_for(self.request.user, parse_pk(self.kwargs["pk"]))

    def _managed(self) -> Hearing:
        return selectors.hearing_for(
            self.request.user, parse_pk(self.kwargs["pk"]), action="manage"
        )

    def _out(self, hearing: Hearing) -> Response:
        return Response(HearingSerializer(hearing, context={"request": self.request}).data)

    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: str) -> Response:
        hearing = self._managed()
        attended = {
            int(k): bool(v)
            for k, v in (request.data.get("attended") or {}).items()
            if str(k).isdigit()
        }
        return self._out(
            hearings.record_hearing(
                actor=request.user,
                hearing=hearing,
                record=str(request.data.get("record", "")),
                attended=attended,
            )
        )

    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        hearing = self._managed()
        return self._out(
            hearings.cancel_hearing(
                actor=request.user, hearing=hearing, reason=str(request.data.get("reason", ""))
            )
        )

    @action(detail=True, methods=["post"])
    def summons(self, request: Request, pk: str) -> Response:
        hearing = self._managed()
        docs = documents.summonses(actor=request.user, hearing=hearing)
        return Response({"documents": [d.pk for d in docs]}, status=status.HTTP_201_CREATED)


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


@extend_schema(request=AdjournWriteSerializer, responses={201: AdjournmentSerializer})
@api_view(["POST"])
def adjourn(request: Request, pk: str) -> Response:
    hearing = selectors.hearing_for(request.user, parse_pk(pk), action="manage")
    item = hearings.adjourn_hearing(
        actor=request.user, hearing=hearing, **validated(AdjournWriteSerializer, request)
    )
    return Response(AdjournmentSerializer(item).data, status=status.HTTP_201_CREATED)
