"""REST API of legal education (普法): 你问我答, 点单 orders, village rules (乡规民约).

Thin: visibility from selectors, every change through services (which check permission first).
Input serializers are lenient on purpose so that the services give the Chinese field messages.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions as drf
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from fating.accounts.models import User
from fating.core.api_helpers import validated
from fating.core.exceptions import FieldError
from fating.core.fields import model_field
from fating.core.rest import LimitOffsetPagination
from fating.knowledge import rules, selectors, services
from fating.knowledge.models import OutreachOrder, Question, VillageRules, VillageRulesVersion
from fating.knowledge.views_education import QUESTION_LIMIT, count_question, question_throttle_key
from fating.network.models import Court, ServicePoint

# --- serializers -------------------------------------------------------------------------------


def _name(user: User | None) -> str:
    return user.display_name if user else ""


class PublicQuestionSerializer(serializers.ModelSerializer):
    """What everyone sees: never the asker's name or contact."""

    court_name = serializers.CharField(source="court.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Question
        fields = [
            "id", "court", "court_name", "title", "text", "status", "status_label", "answer",
            "reviewed_at",
        ]  # fmt: skip


class QuestionSerializer(PublicQuestionSerializer):
    """The court's view: the asker's contact for follow-up, who answered and reviewed."""

    answered_by_name = serializers.SerializerMethodField()
    reviewed_by_name = serializers.SerializerMethodField()

    class Meta(PublicQuestionSerializer.Meta):
        fields = [
            *PublicQuestionSerializer.Meta.fields, "asker_name", "contact", "created_at",
            "answered_by", "answered_by_name", "answered_at", "reviewed_by", "reviewed_by_name",
            "review_note",
        ]  # fmt: skip

    def get_answered_by_name(self, obj: Question) -> str:
        return _name(obj.answered_by)

    def get_reviewed_by_name(self, obj: Question) -> str:
        return _name(obj.reviewed_by)


class AskRequest(serializers.Serializer):
    court = serializers.IntegerField(required=False, allow_null=True)
    title = model_field(
        Question, "title", required=False, allow_blank=True, default="", trim_whitespace=False
    )
    text = model_field(
        Question, "text", required=False, allow_blank=True, default="", trim_whitespace=False
    )
    asker_name = model_field(Question, "asker_name", default="")
    contact = model_field(Question, "contact", default="")


class AnswerRequest(serializers.Serializer):
    answer = model_field(Question, "answer", default="")


class QuestionReviewRequest(serializers.Serializer):
    publish = serializers.BooleanField(
        default=False, help_text="true 发布；false 退回（须填写意见）。"
    )
    note = model_field(Question, "review_note", default="")


class OrderSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    requester_kind_label = serializers.CharField(
        source="get_requester_kind_display", read_only=True
    )
    service_point_name = serializers.SerializerMethodField()
    speaker_name = serializers.SerializerMethodField()

    class Meta:
        model = OutreachOrder
        fields = [
            "id", "court", "service_point", "service_point_name", "requester_kind",
            "requester_kind_label", "requester_name", "kind", "kind_label", "topic",
            "description", "preferred_date", "expected_attendance", "status", "status_label",
            "requested_by", "created_at", "scheduled_at", "place", "speaker", "speaker_name",
            "delivered_at", "attendance", "feedback", "satisfaction", "cancel_reason",
        ]  # fmt: skip

    def get_service_point_name(self, obj: OutreachOrder) -> str:
        return obj.service_point.name if obj.service_point else ""

    def get_speaker_name(self, obj: OutreachOrder) -> str:
        return _name(obj.speaker)


class OrderRequest(serializers.Serializer):
    service_point = serializers.IntegerField(required=False, allow_null=True)
    # kind and requester_kind are checked by the service, whose messages list the choices.
    kind = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    topic = model_field(OutreachOrder, "topic", required=False, allow_blank=True, default="")
    requester_kind = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=12
    )
    requester_name = model_field(
        OutreachOrder, "requester_name", required=False, allow_blank=True, default=""
    )
    description = model_field(OutreachOrder, "description", default="")
    preferred_date = serializers.DateField(required=False, allow_null=True, default=None)
    expected_attendance = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=100_000
    )


class ScheduleRequest(serializers.Serializer):
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = model_field(OutreachOrder, "place", default="")
    speaker = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="主讲人（用户 id）；默认排期人。"
    )


class DeliverRequest(serializers.Serializer):
    attendance = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=100_000
    )
    feedback = model_field(OutreachOrder, "feedback", default="")
    satisfaction = serializers.IntegerField(required=False, allow_null=True, default=None)


class CancelRequest(serializers.Serializer):
    reason = model_field(OutreachOrder, "cancel_reason", default="")


class StatisticsRow(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class EducationStatisticsSerializer(serializers.Serializer):
    """selectors.education_statistics, with its (label, count) pairs as objects."""

    total = serializers.IntegerField()
    by_kind = StatisticsRow(many=True)
    by_status = StatisticsRow(many=True)
    delivered = serializers.IntegerField()
    attendance = serializers.IntegerField()

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        rows = {
            key: [{"label": str(label), "count": n} for label, n in instance[key]]
            for key in ("by_kind", "by_status")
        }
        return {**instance, **rows}


class VersionSerializer(serializers.ModelSerializer):
    submitted_by_name = serializers.SerializerMethodField()
    reviewed_by_name = serializers.SerializerMethodField()

    class Meta:
        model = VillageRulesVersion
        fields = [
            "number", "text", "note", "submitted_by", "submitted_by_name", "submitted_at",
            "review_comment", "reviewed_by", "reviewed_by_name", "reviewed_at",
        ]  # fmt: skip

    def get_submitted_by_name(self, obj: VillageRulesVersion) -> str:
        return _name(obj.submitted_by)

    def get_reviewed_by_name(self, obj: VillageRulesVersion) -> str:
        return _name(obj.reviewed_by)


class VillageRulesSerializer(serializers.ModelSerializer):
    service_point_name = serializers.CharField(source="service_point.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = VillageRules
        fields = [
            "id", "service_point", "service_point_name", "title", "status", "status_label",
            "current_version", "created_at", "updated_at",
        ]  # fmt: skip


class VillageRulesDetailSerializer(VillageRulesSerializer):
    versions = VersionSerializer(many=True, read_only=True)

    class Meta(VillageRulesSerializer.Meta):
        fields = [*VillageRulesSerializer.Meta.fields, "versions"]


class RulesSubmitRequest(serializers.Serializer):
    service_point = serializers.IntegerField(required=False, allow_null=True)
    title = model_field(VillageRules, "title", required=False, allow_blank=True, default="")
    text = model_field(VillageRulesVersion, "text", required=False, allow_blank=True, default="")


class RulesReviewRequest(serializers.Serializer):
    approve = serializers.BooleanField(
        default=False, help_text="true 审查通过（备案）；false 提出意见（须填写）。"
    )
    comment = model_field(VillageRulesVersion, "review_comment", default="")


class RulesReviseRequest(serializers.Serializer):
    text = model_field(VillageRulesVersion, "text", required=False, allow_blank=True, default="")
    note = model_field(VillageRulesVersion, "note", default="")


# --- 你问我答 ----------------------------------------------------------------------------------


class QuestionViewSet(viewsets.GenericViewSet):
    """你问我答: published answers and asking are public; answering and review are judges' work."""

    lookup_value_regex = r"\d+"
    serializer_class = PublicQuestionSerializer

    def get_permissions(self) -> list[BasePermission]:
        if self.action in ("list", "create", "retrieve"):
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Question]:
        return selectors.published_questions().select_related("court")

    def get_object(self) -> Question:
        return selectors.question_for(self.request.user, int(self.kwargs["pk"]))

    def _court_view(self, question: Question) -> dict[str, Any]:
        return QuestionSerializer(question, context=self.get_serializer_context()).data

    @extend_schema(responses=PublicQuestionSerializer(many=True))
    def list(self, request: Request) -> Response:
        """Published questions and answers, newest review first."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(PublicQuestionSerializer(page, many=True).data)

    @extend_schema(request=AskRequest, responses={201: PublicQuestionSerializer})
    def create(self, request: Request) -> Response:
        """Ask a question (no account needed; limited per client address like the page)."""
        key = question_throttle_key(request)
        if rules.rate_limit_exceeded(cache.get(key, 0), limit=QUESTION_LIMIT):
            raise drf.Throttled(detail=_("提问过于频繁，请一小时后再试。"))
        v = validated(AskRequest, request)
        court = Court.objects.filter(pk=v.get("court") or 0).first()
        if court is None:
            raise FieldError({"court": _("请选择法院。")})
        question = services.ask_question(
            court=court,
            title=v["title"],
            text=v["text"],
            asker_name=v["asker_name"],
            contact=v["contact"],
        )
        count_question(key)
        return Response(PublicQuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=QuestionSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        """A published question for anyone; the court's personnel also see unpublished ones."""
        question = self.get_object()
        if selectors.is_court_personnel_of(request.user, question.court_id):
            return Response(self._court_view(question))
        return Response(PublicQuestionSerializer(question).data)

    @extend_schema(responses=QuestionSerializer(many=True))
    @action(detail=False, methods=["get"])
    def manage(self, request: Request) -> Response:
        """The court's queue of questions; `status` filters (asked, answered, published, closed)."""
        qs = selectors.questions_to_handle(request.user)
        wanted = request.query_params.get("status", "")
        if wanted in Question.Status.values:
            qs = qs.filter(status=wanted)
        page = self.paginate_queryset(qs.select_related("reviewed_by"))
        return self.get_paginated_response(
            QuestionSerializer(page, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(request=AnswerRequest, responses=QuestionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        """A judge of the court answers; the answer waits for another judge's review."""
        question = self.get_object()
        v = validated(AnswerRequest, request)
        question = services.answer_question(
            actor=request.user, question=question, answer=v["answer"]
        )
        return Response(self._court_view(question))

    @extend_schema(request=QuestionReviewRequest, responses=QuestionSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str) -> Response:
        """Another judge publishes the answer, or returns it with a note."""
        question = self.get_object()
        v = validated(QuestionReviewRequest, request)
        question = services.review_question(
            actor=request.user, question=question, publish=v["publish"], note=v["note"]
        )
        return Response(self._court_view(question))


# --- 点单 -------------------------------------------------------------------------------------


class OrderPagination(LimitOffsetPagination):
    """The usual page, plus the statistics of every order the user may see (not just this page)."""

    statistics: dict[str, Any] | None = None

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["statistics"] = EducationStatisticsSerializer(self.statistics).data
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        row = {
            "type": "object",
            "properties": {"label": {"type": "string"}, "count": {"type": "integer"}},
        }
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["statistics"] = {
            "type": "object",
            "properties": {
                "total": {"type": "integer"},
                "by_kind": {"type": "array", "items": row},
                "by_status": {"type": "array", "items": row},
                "delivered": {"type": "integer"},
                "attendance": {"type": "integer"},
            },
        }
        return paginated


class OrderViewSet(viewsets.GenericViewSet):
    """普法点单: liaisons, governance officers and villagers order; the court schedules."""

    lookup_value_regex = r"\d+"
    serializer_class = OrderSerializer
    pagination_class = OrderPagination

    def get_queryset(self) -> QuerySet[OutreachOrder]:
        return selectors.orders_for(self.request.user)

    def get_object(self) -> OutreachOrder:
        return selectors.order_for(self.request.user, int(self.kwargs["pk"]))

    def list(self, request: Request) -> Response:
        """Orders the user may see, with education statistics over all of them."""
        qs = self.get_queryset()
        page = self.paginate_queryset(qs)
        self.paginator.statistics = selectors.education_statistics(qs)
        return self.get_paginated_response(OrderSerializer(page, many=True).data)

    @extend_schema(request=OrderRequest, responses={201: OrderSerializer})
    def create(self, request: Request) -> Response:
        """Place an order: a liaison for their point, governance for their court, a villager a
        consultation for themselves (services.request_order decides)."""
        selectors.orders_for(request.user)  # 403 for people outside the network, as the page
        v = validated(OrderRequest, request)
        point = ServicePoint.objects.filter(
            pk=v.pop("service_point", None) or 0, active=True
        ).first()
        if point is None:
            raise FieldError({"service_point": _("请选择服务点。")})
        order = services.request_order(actor=request.user, service_point=point, **v)
        return Response(OrderSerializer(order).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(OrderSerializer(self.get_object()).data)

    @extend_schema(request=ScheduleRequest, responses=OrderSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request: Request, pk: str) -> Response:
        """Court personnel fix time, place and speaker (again, to reschedule)."""
        order = self.get_object()
        v = validated(ScheduleRequest, request)
        speaker = None
        if v["speaker"] is not None:
            speaker = User.objects.filter(pk=v["speaker"]).first()
            if speaker is None:
                raise FieldError({"speaker": "主讲人必须是本院法官或法官助理。"})
        order = services.schedule_order(
            actor=request.user,
            order=order,
            scheduled_at=v["scheduled_at"],
            place=v["place"],
            speaker=speaker,
        )
        return Response(OrderSerializer(order).data)

    @extend_schema(request=DeliverRequest, responses=OrderSerializer)
    @action(detail=True, methods=["post"])
    def deliver(self, request: Request, pk: str) -> Response:
        """Court personnel record attendance, feedback and satisfaction (1–5)."""
        order = self.get_object()
        v = validated(DeliverRequest, request)
        order = services.deliver_order(actor=request.user, order=order, **v)
        return Response(OrderSerializer(order).data)

    @extend_schema(request=CancelRequest, responses=OrderSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        """The requester or court personnel cancel an order not yet delivered."""
        order = self.get_object()
        v = validated(CancelRequest, request)
        order = services.cancel_order(actor=request.user, order=order, reason=v["reason"])
        return Response(OrderSerializer(order).data)


# --- 乡规民约 ---------------------------------------------------------------------------------


class VillageRulesViewSet(viewsets.GenericViewSet):
    """乡规民约: the point's liaison submits and revises; the tribunal reviews. Versions stay."""

    lookup_value_regex = r"\d+"
    serializer_class = VillageRulesSerializer

    def get_queryset(self) -> QuerySet[VillageRules]:
        return selectors.village_rules_for(self.request.user)

    def get_object(self) -> VillageRules:
        return selectors.village_rules_item(self.request.user, int(self.kwargs["pk"]))

    def _detail(self, item: VillageRules) -> dict[str, Any]:
        item = (
            VillageRules.objects.select_related("service_point")
            .prefetch_related("versions__submitted_by", "versions__reviewed_by")
            .get(pk=item.pk)
        )
        return VillageRulesDetailSerializer(item).data

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(VillageRulesSerializer(page, many=True).data)

    @extend_schema(request=RulesSubmitRequest, responses={201: VillageRulesDetailSerializer})
    def create(self, request: Request) -> Response:
        """The point's liaison submits the rules for review (version 1)."""
        selectors.village_rules_for(request.user)  # 403 for people outside the network
        v = validated(RulesSubmitRequest, request)
        point = ServicePoint.objects.filter(pk=v.get("service_point") or 0).first()
        if point is None:
            raise FieldError({"service_point": _("请选择服务点。")})
        item = services.submit_village_rules(
            actor=request.user, service_point=point, title=v["title"], text=v["text"]
        )
        return Response(self._detail(item), status=status.HTTP_201_CREATED)

    @extend_schema(responses=VillageRulesDetailSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        """The rules with every submitted version and its review."""
        return Response(self._detail(self.get_object()))

    @extend_schema(request=RulesReviewRequest, responses=VillageRulesDetailSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str) -> Response:
        """The tribunal comments on the current version, or files it."""
        item = self.get_object()
        v = validated(RulesReviewRequest, request)
        item = services.review_village_rules(
            actor=request.user, rules_item=item, comment=v["comment"], approve=v["approve"]
        )
        return Response(self._detail(item))

    @extend_schema(request=RulesReviseRequest, responses=VillageRulesDetailSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str) -> Response:
        """The point's liaison submits a revised version; earlier versions stay."""
        item = self.get_object()
        v = validated(RulesReviseRequest, request)
        item = services.revise_village_rules(
            actor=request.user, rules_item=item, text=v["text"], note=v["note"]
        )
        return Response(self._detail(item))
