"""REST API for disputes: list/read/report, every action under /actions/<name>/, timeline,
cause suggestions, the mediator's queue and statistics. Thin: selectors and services decide."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.api_helpers import parse_pk
from fating.core.exceptions import FieldError
from fating.core.fields import MoneyField, model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.schema import LIST_OF_OBJECTS
from fating.disputes import actions, catalogue, presenters, rules, selectors, services, stats
from fating.disputes.models import Dispute, DisputeParty


class DisputeListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    urgency_label = serializers.CharField(source="get_urgency_display", read_only=True)
    tribunal_name = serializers.CharField(source="tribunal.name", read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id", "reference", "title", "status", "status_label", "urgency", "urgency_label",
            "cause_revision", "cause_code", "cause_name", "cause_free_text", "amount",
            "people_involved", "project_name", "employer_name", "housing_estate", "tribunal",
            "tribunal_name", "service_point", "area", "created_at", "closed_at",
        ]  # fmt: skip


class PartySerializer(serializers.Serializer):
    """One party of a reported dispute; lengths and choices are the columns' (DisputeParty)."""

    role = model_field(DisputeParty, "role", choices=["applicant", "respondent"])
    kind = model_field(DisputeParty, "kind")
    name = model_field(DisputeParty, "name")
    id_number = model_field(DisputeParty, "id_number", default="")
    credit_code = model_field(DisputeParty, "credit_code", default="")
    mobile = model_field(DisputeParty, "mobile", default="")
    address = model_field(DisputeParty, "address", default="")
    is_reporter = serializers.BooleanField(required=False, default=False)


class ReportSerializer(serializers.Serializer):
    """The API's dispute report: exactly the checks of the report form and the Dispute columns
    (the service checks them again, so nothing half-written is possible)."""

    title = model_field(Dispute, "title", allow_blank=True)
    description = model_field(Dispute, "description", allow_blank=True)
    parties = PartySerializer(many=True, max_length=50)
    area = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    service_point = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    cause_code = model_field(Dispute, "cause_code", default="")
    cause_free_text = model_field(Dispute, "cause_free_text", default="")
    amount = MoneyField(label="争议金额", required=False, allow_null=True)
    people_involved = serializers.IntegerField(
        required=False, default=2, min_value=1, max_value=rules.PEOPLE_INVOLVED_MAX,
        label="涉及人数", help_text="涉及人数，1 至 1,000,000（群体性纠纷按实际人数）。",
    )  # fmt: skip
    urgency = model_field(Dispute, "urgency", default="normal")
    department = model_field(Dispute, "department", default="")
    project_name = model_field(
        Dispute, "project_name", default="", help_text="项目名称（建设工程、商品房）"
    )
    employer_name = model_field(
        Dispute, "employer_name", default="", help_text="用工单位（欠薪、劳务）"
    )
    housing_estate = model_field(
        Dispute, "housing_estate", default="", help_text="小区名称（物业服务、商品房）"
    )


class DisputeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = DisputeListSerializer

    def get_queryset(self) -> QuerySet[Dispute]:
        qs = selectors.disputes_for(self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted:
            qs = qs.filter(status=wanted)
        text = self.request.query_params.get("q")
        if text:
            qs = qs.filter(title__icontains=text) | qs.filter(reference__icontains=text)
        return qs.order_by("-created_at")

    def get_object(self) -> Dispute:
        pk = parse_pk(self.kwargs["pk"], missing="纠纷不存在。")
        return selectors.dispute_for(self.request.user, pk)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        dispute = self.get_object()
        data = DisputeListSerializer(dispute).data
        data.update(
            description=dispute.description,
            outcome_note=dispute.outcome_note,
            parties=presenters.parties_for(request.user, dispute),
            actions=presenters.offered_actions(request.user, dispute),
            delegations=[{"id": d.pk, "status": d.status, "organisation": d.organisation.name,
                          "accept_by": d.accept_by, "due_at": d.due_at} for d in dispute.delegations.select_related("organisation")],
            agreements=[{"id": a.pk, "status": a.status, "effective_at": a.effective_at, "deadline": a.deadline,
                         "instalments": [{"id": i.pk, "due_on": i.due_on, "amount": i.amount, "paid_amount": i.paid_amount}
                                         for i in a.instalments.all()],
                         "confirmations": [{"id": c.pk, "status": c.status, "filed": c.filed, "case_number": c.case_number,
                                            "decision_due": c.decision_due} for c in a.confirmations.all()]}
                        for a in dispute.agreements.all()],
            referrals=[{"id": r.pk, "department": r.department.name, "status": r.status,
                        "accept_by": r.accept_by, "due_on": r.due_on, "outcome": r.outcome}
                       for r in selectors.restrict(dispute.referrals.all(), request.user).select_related("department")],
            bookings=[{"id": b.pk, "judge": b.judge_id, "status": b.status, "starts_at": b.starts_at,
                       "ends_at": b.ends_at, "place": b.place} for b in dispute.bookings.all()],
        )  # fmt: skip
        return Response(data)

    @extend_schema(
        request=ReportSerializer,
        responses={201: DisputeListSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ReportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        d = payload.validated_data
        dispute = services.report_dispute(
            actor=request.user,
            data=services.DisputeInput(
                title=d["title"], description=d["description"],
                parties=[services.PartyInput(**p) for p in d["parties"]],
                area_id=d.get("area"), service_point_id=d.get("service_point"),
                cause_code=d["cause_code"], cause_free_text=d["cause_free_text"],
                amount=d.get("amount"), people_involved=d["people_involved"], urgency=d["urgency"],
                department=d["department"], project_name=d["project_name"],
                employer_name=d["employer_name"], housing_estate=d["housing_estate"],
            ),
        )  # fmt: skip
        return Response(DisputeListSerializer(dispute).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        parameters=[
            OpenApiParameter("name", str, OpenApiParameter.PATH, enum=sorted(actions.ACTIONS)),
            IDEMPOTENCY_KEY_PARAMETER,
        ],
        description="Run one action on the dispute (multipart for uploads). Fields per action "
        "are those of the forms in fating.disputes.forms; sub-records are named by id "
        "(delegation, booking, instalment, confirmation).",
    )
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<name>[a-z_]+)")
    @idempotent
    def run(self, request: Request, pk: str | None = None, name: str = "") -> Response:
        dispute = self.get_object()
        actions.run_action(name, request.user, dispute, request.data, request.FILES)
        dispute.refresh_from_db()
        return Response(DisputeListSerializer(dispute).data)

    @extend_schema(responses={200: LIST_OF_OBJECTS})
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        return Response(presenters.timeline(self.get_object()))


@extend_schema(parameters=[OpenApiParameter("text", str)], responses={200: dict})
@api_view(["GET"])
def suggest_causes(request: Request) -> Response:
    """Likely causes of action (current revision) for a free description."""
    revision = catalogue.revision_on(timezone.localdate())
    found = rules.suggest_causes(
        request.query_params.get("text", ""), catalogue.catalogue(revision)
    )
    return Response({"revision": revision, "suggestions": [s.__dict__ for s in found]})


@extend_schema(responses={200: LIST_OF_OBJECTS})
@api_view(["GET"])
def queue(request: Request) -> Response:
    """The mediator's delegations, soonest deadline first."""
    items = selectors.mediator_queue(request.user)
    return Response([
        {"delegation": d.pk, "dispute": d.dispute_id, "reference": d.dispute.reference, "title": d.dispute.title,
         "status": d.status, "accept_by": d.accept_by, "due_at": d.due_at}
        for d in items
    ])  # fmt: skip


@extend_schema(
    parameters=[OpenApiParameter("since", str), OpenApiParameter("until", str)],
    responses={200: dict},
)
@api_view(["GET"])
def statistics(request: Request) -> Response:
    courts, suppress = selectors.statistics_view(request.user)
    since, until = (_date(request, "since"), _date(request, "until"))
    return Response(stats.statistics(court_ids=courts, since=since, until=until,
                                     suppress_small=suppress))  # fmt: skip


def _date(request: Request, name: str):
    raw = request.query_params.get(name)
    if not raw:
        return None
    value = parse_date(raw)
    if value is None:
        raise FieldError({name: "日期格式应为 YYYY-MM-DD。"})
    return value
