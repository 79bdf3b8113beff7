"""REST API of 部门联动 with the departments as actors: the department's queue, one hand-over
with its work records, and the department's actions (answer, record, return). Thin: the
selectors decide who sees what, the services what happens (the page's parser is shared)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.api_helpers import parse_pk
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.disputes import selectors, views_departments
from fating.disputes.models import DepartmentReferral, DepartmentWork


class DepartmentWorkSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    attachment_title = serializers.CharField(source="attachment.title", read_only=True, default="")

    class Meta:
        model = DepartmentWork
        fields = ["id", "kind", "kind_label", "happened_at", "people", "text", "attachment",
                  "attachment_title", "recorded_by", "created_at"]  # fmt: skip


class ReferralSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    reference = serializers.CharField(source="dispute.reference", read_only=True)
    title = serializers.CharField(source="dispute.title", read_only=True)
    dispute_status = serializers.CharField(source="dispute.status", read_only=True)

    class Meta:
        model = DepartmentReferral
        fields = [
            "id", "dispute", "reference", "title", "dispute_status", "department",
            "department_name", "status", "status_label", "handed_by", "handed_from", "request",
            "accept_by", "accepted_at", "accepted_by", "due_on", "ended_at", "outcome",
            "created_at",
        ]  # fmt: skip


class ReferralDetailSerializer(ReferralSerializer):
    work = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta(ReferralSerializer.Meta):
        fields = [*ReferralSerializer.Meta.fields, "work", "actions"]

    def get_work(self, obj: DepartmentReferral) -> list[dict[str, Any]]:
        user = self.context["request"].user
        rows = selectors.restrict(obj.work.all(), user).select_related("attachment")
        return list(DepartmentWorkSerializer(rows, many=True).data)

    def get_actions(self, obj: DepartmentReferral) -> list[str]:
        return views_departments.offered(self.context["request"].user, obj)


class ReferralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hand-overs to the user's departments (the queue; `status` filters), and each one with
    its work records, to its department and to the side that handed it over."""

    serializer_class = ReferralSerializer

    def get_queryset(self) -> QuerySet[DepartmentReferral]:
        qs = selectors.department_queue(self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted:
            qs = qs.filter(status=wanted)
        return qs

    def get_object(self, action: str = "view") -> DepartmentReferral:
        pk = parse_pk(self.kwargs["pk"], missing="部门联动记录不存在。")
        return selectors.referral_for(self.request.user, pk, action)

    @extend_schema(responses={200: ReferralDetailSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        referral = self.get_object()
        return Response(ReferralDetailSerializer(referral, context={"request": request}).data)

    @extend_schema(
        request=None,
        responses={200: ReferralDetailSerializer},
        parameters=[
            OpenApiParameter(
                "name", str, OpenApiParameter.PATH, enum=sorted(views_departments.REFERRAL_ACTIONS)
            ),
            IDEMPOTENCY_KEY_PARAMETER,
        ],
        description="The department's action on a hand-over (multipart for uploads): "
        "answer (accept=true/false, reason when declining); record (kind, happened_at, text, "
        "people, title and file optional); return (resolved=true/false, outcome; when "
        "resolved also terms, performance, deadline, total_amount and the signed scan).",
    )
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<name>[a-z_]+)")
    @idempotent
    def run(self, request: Request, pk: str | None = None, name: str = "") -> Response:
        referral = self.get_object("work")
        views_departments.run(name, request.user, referral, request.data, request.FILES)
        referral.refresh_from_db()
        return Response(ReferralDetailSerializer(referral, context={"request": request}).data)
