"""REST API of accepted cases (/api/v1/cases/cases/): the list, the docket, the case with its
hearings, payments and timeline, scheduling and closing. Thin: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.api.fees import OverpaymentSerializer, PaymentSerializer
from fating.cases.api.hearings import HearingSerializer, HearingWriteSerializer
from fating.cases.models import Case
from fating.cases.services import acceptance, documents, hearings, payments
from fating.core.api_helpers import parse_pk, validated
from fating.core.court_calendar import court_calendar
from fating.core.event_labels import event_label
from fating.core.fields import MoneyField
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent


class CaseSerializer(serializers.ModelSerializer):
    procedure_label = serializers.CharField(source="get_procedure_display", read_only=True)
    judge_name = serializers.CharField(source="judge.display_name", read_only=True, default="")
    fee_notice = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "number", "filing", "court", "tribunal", "status", "accepted_on", "procedure",
            "procedure_label", "procedure_reasons", "judge", "judge_name", "assignment_reason",
            "due_on", "time_limit_basis", "fee_amount", "fee_due", "fee_status", "fee_due_on",
            "fee_breakdown", "fee_notice", "closure", "closed_on", "closed_in_time", "final_fee",
            "fee_settlement",
        ]  # fmt: skip

    def get_fee_notice(self, obj: Case) -> dict[str, Any]:
        return acceptance.fee_notice(obj)


class CloseSerializer(serializers.Serializer):
    closure = serializers.CharField(max_length=12)
    closed_on = serializers.DateField(required=False, allow_null=True, default=None)
    plaintiff_share = MoneyField(
        label="原告负担金额", required=False, allow_null=True, default=None
    )


class DocketSerializer(CaseSerializer):
    """A docket row: the case with its days remaining and alert level."""

    days_remaining = serializers.SerializerMethodField()
    alert = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "days_remaining", "alert"]

    def _status(self, obj: Case) -> Any:
        cache = self.context.setdefault("_limits", {})
        if obj.pk not in cache:
            if "_calendar" not in self.context:
                self.context["_calendar"] = court_calendar()  # one lookup for the whole page
            cache[obj.pk] = selectors.time_limit_status(
                obj, as_of=timezone.localdate(), calendar=self.context["_calendar"]
            )
        return cache[obj.pk]

    def get_days_remaining(self, obj: Case) -> int:
        return self._status(obj).days_remaining

    def get_alert(self, obj: Case) -> str:
        return str(self._status(obj).alert)


class CaseDetailSerializer(CaseSerializer):
    hearings = serializers.SerializerMethodField()
    payments = PaymentSerializer(many=True, read_only=True)
    overpayments = OverpaymentSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "hearings", "payments", "overpayments", "timeline"]

    def get_hearings(self, obj: Case) -> list[dict[str, Any]]:
        return HearingSerializer(obj.hearings.all(), many=True, context=self.context).data

    def get_timeline(self, obj: Case) -> list[dict[str, Any]]:
        return [
            {
                "seq": e.seq,
                "at": e.created_at,
                "actor": e.actor_label,
                "action": e.action,
                "label": event_label(e.action),
                "after": e.after,
            }
            for e in selectors.timeline(obj)
        ]


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        return selectors.cases_for(self.request.user).prefetch_related(*selectors.CASE_ROW_PREFETCH)

    def get_object(self) -> Case:
        return selectors.case_for(self.request.user, parse_pk(self.kwargs["pk"]))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(CaseDetailSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def docket(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.docket(request.user))
        return self.get_paginated_response(
            DocketSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=None,
        responses={200: PaymentSerializer, 201: PaymentSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def payments(self, request: Request, pk: str) -> Response:
        """Open an order for what is due on the case's fee (201); while one is open, the same
        order again (200): a fee has at most one open order."""
        case = selectors.case_for(request.user, parse_pk(pk), action="pay")
        payment, created = payments.order_case_fee(actor=request.user, case=case)
        return Response(
            PaymentSerializer(payment).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @action(detail=True, methods=["post"])
    def hearings(self, request: Request, pk: str) -> Response:
        case = selectors.case_for(request.user, parse_pk(pk), action="manage")
        hearing = hearings.schedule_hearing(
            actor=request.user, case=case, **validated(HearingWriteSerializer, request)
        )
        return Response(
            HearingSerializer(hearing, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        case = selectors.case_for(request.user, parse_pk(pk), action="manage")
        case = hearings.close_case(
            actor=request.user, case=case, **validated(CloseSerializer, request)
        )
        return Response(CaseSerializer(case, context={"request": request}).data)

    @extend_schema(request=None, responses={201: dict})
    @action(detail=True, methods=["post"], url_path="acceptance-notice")
    def acceptance_notice(self, request: Request, pk: str) -> Response:
        case = selectors.case_for(request.user, parse_pk(pk), action="manage")
        document = documents.acceptance_notice(actor=request.user, case=case)
        return Response({"document": document.pk}, status=status.HTTP_201_CREATED)
