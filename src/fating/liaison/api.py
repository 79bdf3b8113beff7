"""REST API of liaisons' daily work (mounted at /api/v1/liaison/). Thin: selectors and
services decide; POSTs honour Idempotency-Key."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.api_helpers import parse_pk
from fating.core.exceptions import FieldError, NotVisible
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.rest import LimitOffsetPagination
from fating.liaison import measures, rules, selectors, services
from fating.liaison.models import LogEntry, VillageEvaluation
from fating.network.models import Court

EntryRequest = inline_serializer("LiaisonEntryRequest", {
    "kind": serializers.ChoiceField(choices=list(rules.KIND_LABELS)),
    "occurred_on": serializers.CharField(max_length=10),
    "place": serializers.IntegerField(required=False, allow_null=True),
    "people_met": serializers.CharField(required=False, allow_blank=True, max_length=200),
    "notes": serializers.CharField(required=False, allow_blank=True, max_length=2000),
    "dispute": serializers.IntegerField(required=False, allow_null=True),
    "filing": serializers.IntegerField(required=False, allow_null=True),
    "service": serializers.IntegerField(required=False, allow_null=True),
})  # fmt: skip
FeedbackRequest = inline_serializer(
    "LiaisonFeedbackRequest", {"text": serializers.CharField(max_length=1000)}
)
RatingRequest = inline_serializer("LiaisonRatingRequest", {
    "stars": serializers.IntegerField(min_value=1, max_value=5),
    "comment": serializers.CharField(required=False, allow_blank=True, max_length=300),
})  # fmt: skip
EvaluateRequest = inline_serializer("VillageEvaluateRequest", {
    "court": serializers.IntegerField(), "year": serializers.IntegerField(),
})  # fmt: skip
DecideRequest = inline_serializer("VillageDecideRequest", {
    "action": serializers.ChoiceField(choices=["confirm", "decline", "revoke"]),
    "note": serializers.CharField(required=False, allow_blank=True, max_length=300),
})  # fmt: skip
ThresholdRequest = inline_serializer("VillageThresholdRequest", {
    "court": serializers.IntegerField(),
    "key": serializers.ChoiceField(choices=[c.key for c in rules.CRITERIA]),
    "threshold": serializers.CharField(max_length=20),
})  # fmt: skip
COURT = OpenApiParameter("court", OpenApiTypes.INT, description="法院编号（默认本人所在法院）")
MONTH = OpenApiParameter(
    "month",
    OpenApiTypes.STR,
    description="月份 YYYY-MM（日志默认本月；服务点评价默认上一个完整月）",
)
YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认今年）")


def entry_json(e: LogEntry) -> dict[str, Any]:
    return {
        "id": e.pk, "kind": e.kind, "kind_label": e.get_kind_display(),
        "occurred_on": e.occurred_on.isoformat(), "liaison": e.liaison_id,
        "liaison_name": e.liaison.name, "service_point": e.service_point_id,
        "place": e.place_id, "people_met": e.people_met, "notes": e.notes,
        "dispute": e.dispute_id, "filing": e.filing_id, "service": e.service_id,
        "source": e.source,
        "feedback": [{"id": f.pk, "author": f.author_id, "text": f.text,
                      "created_at": f.created_at.isoformat()} for f in e.feedback.all()],
    }  # fmt: skip


def _body(serializer: Any, request: Request) -> dict[str, Any]:
    s = type(serializer)(data=request.data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def _month(raw: str, *, last_complete: bool = False) -> tuple[int, int]:
    today = timezone.localdate()
    if not raw:
        return rules.previous_month(today.year, today.month) if last_complete else (
            today.year, today.month)  # fmt: skip
    try:
        year, month = (int(x) for x in raw.split("-", 1))
        if not (2000 <= year <= today.year and 1 <= month <= 12):
            raise ValueError
    except ValueError:
        raise FieldError({"month": _("月份格式应为 YYYY-MM。")}) from None
    return year, month


def _court(request: Request, action: str = "view", raw: Any = None) -> Court:
    raw = raw if raw is not None else request.query_params.get("court", "")
    if raw not in (None, ""):
        return selectors.court_for(request.user, parse_pk(raw, missing=_("法院不存在。")), action)
    court = selectors.default_court(request.user)
    if court is None:
        raise NotVisible(_("法院不存在。"))
    return selectors.court_for(request.user, court.pk, action)


@extend_schema(methods=["GET"], parameters=[MONTH], request=None, responses=dict)
@extend_schema(methods=["POST"], request=EntryRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["GET", "POST"])
@idempotent
def entries(request: Request) -> Response:
    """The diary entries the person may see (a liaison: their own), a month at a time; POST
    writes a line of the liaison's own diary."""
    if request.method == "POST":
        entry = services.log_entry(actor=request.user, **_body(EntryRequest, request))
        return Response(entry_json(selectors.entry_for(request.user, entry.pk)), status=201)
    year, month = _month(request.query_params.get("month", ""))
    since, until = rules.month_bounds(year, month)
    qs = (
        selectors.entries_for(request.user)
        .filter(occurred_on__gte=since, occurred_on__lt=until)
        .prefetch_related("feedback")
    )
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(qs, request)
    return paginator.get_paginated_response([entry_json(e) for e in page or []])


@extend_schema(responses=dict)
@api_view(["GET"])
def entry(request: Request, pk: str) -> Response:
    return Response(entry_json(selectors.entry_for(request.user, parse_pk(pk))))


@extend_schema(request=FeedbackRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["POST"])
@idempotent
def feedback(request: Request, pk: str) -> Response:
    """The paired officer's feedback on an entry."""
    found = selectors.entry_for(request.user, parse_pk(pk))
    f = services.give_feedback(actor=request.user, entry=found, **_body(FeedbackRequest, request))
    return Response({"id": f.pk, "entry": found.pk, "text": f.text}, status=201)


@extend_schema(responses=dict)
@api_view(["GET"])
def rateable(request: Request) -> Response:
    """The assisted acts the person was helped by, with their own rating if given."""
    given = selectors.ratings_by(request.user)
    return Response([{
        "id": e.pk, "kind": e.kind, "kind_label": e.get_kind_display(),
        "occurred_on": e.occurred_on.isoformat(), "liaison_name": e.liaison.name,
        "stars": given[e.pk].stars if e.pk in given else None,
    } for e in selectors.rateable_for(request.user)[:100]])  # fmt: skip


@extend_schema(request=RatingRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["POST"])
@idempotent
def rating(request: Request, pk: str) -> Response:
    """A party rates an assisted act once (1–5)."""
    found = selectors.rateable_entry(request.user, parse_pk(pk))
    r = services.rate(actor=request.user, entry=found, **_body(RatingRequest, request))
    return Response({"id": r.pk, "entry": found.pk, "stars": r.stars}, status=201)


@extend_schema(parameters=[COURT, MONTH], responses=dict)
@api_view(["GET"])
def points(request: Request) -> Response:
    """Each point's usage in the month: counts, activity, trend, satisfaction, score, rank."""
    court = _court(request)
    year, month = _month(request.query_params.get("month", ""), last_complete=True)
    hide = selectors.suppressed(request.user, court)
    return Response({
        "court": court.pk, "month": f"{year}-{month:02d}", "suppressed": hide,
        "weights": {k: str(v) for k, v in rules.ACTIVITY_WEIGHTS.items()},
        "score_weights": {k: str(v) for k, v in rules.SCORE_WEIGHTS.items()},
        "points": [{
            "rank": r.rank, "id": r.point.pk, "name": r.point.name,
            "counts": {k: v for k, v in measures.shown(r, hide).items() if k != "ratings"},
            "activity": str(r.activity), "previous": str(r.previous),
            "trend": None if r.trend is None else str(r.trend),
            "satisfaction": None if r.satisfaction is None else str(r.satisfaction),
            "ratings": measures.shown(r, hide)["ratings"], "score": str(r.score),
        } for r in measures.point_rows(court, year, month)],
    })  # fmt: skip


def evaluation_json(ev: VillageEvaluation) -> dict[str, Any]:
    return {
        "id": ev.pk, "court": ev.court_id, "village": ev.village_id,
        "village_name": ev.village.name, "year": ev.year, "passed": ev.passed,
        "status": ev.status, "status_label": ev.get_status_display(),
        "results": [r for r in ev.results if r.get("key") != "_detail"],
        "evaluated_at": ev.evaluated_at.isoformat(),
        "decided_at": ev.decided_at.isoformat() if ev.decided_at else None, "note": ev.note,
    }  # fmt: skip


@extend_schema(parameters=[COURT, YEAR], responses=dict)
@api_view(["GET"])
def villages(request: Request) -> Response:
    """The year's 无讼村居 evaluations of the court's villages, with the criteria in force."""
    court = _court(request)
    raw = request.query_params.get("year", "")
    year = int(raw) if raw.isdigit() and len(raw) == 4 else timezone.localdate().year
    thresholds = services.thresholds_of(court)
    qs = selectors.evaluations_for(request.user).filter(court=court, year=year)
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(qs.order_by("village__name"), request)
    response = paginator.get_paginated_response([evaluation_json(e) for e in page or []])
    response.data["criteria"] = [{
        "key": c.key, "label": c.label, "comparison": c.comparison,
        "threshold": str(thresholds[c.key]), "default": str(c.threshold), "basis": c.basis,
    } for c in rules.CRITERIA]  # fmt: skip
    return response


@extend_schema(request=EvaluateRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["POST"])
@idempotent
def evaluate(request: Request) -> Response:
    """Compute the year's evaluation of every village of the court from the data."""
    body = _body(EvaluateRequest, request)
    court = _court(request, "evaluate", body["court"])
    done = services.evaluate_villages(actor=request.user, court=court, year=body["year"])
    return Response({"evaluated": len(done), "passed": sum(e.passed for e in done)}, status=201)


@extend_schema(responses=dict)
@api_view(["GET"])
def village(request: Request, pk: str) -> Response:
    return Response(evaluation_json(selectors.evaluation_for(request.user, parse_pk(pk))))


@extend_schema(request=DecideRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def decide(request: Request, pk: str) -> Response:
    """The court confirms, declines or revokes the 无讼村居 title."""
    ev = selectors.evaluation_for(request.user, parse_pk(pk))
    done = services.decide(actor=request.user, evaluation=ev, **_body(DecideRequest, request))
    return Response(evaluation_json(done))


@extend_schema(request=ThresholdRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def threshold(request: Request) -> Response:
    """The court administrator sets the court's threshold for a criterion."""
    body = _body(ThresholdRequest, request)
    court = _court(request, "configure", body.pop("court"))
    s = services.set_threshold(actor=request.user, court=court, **body)
    return Response({"court": court.pk, "key": s.key, "threshold": str(s.threshold)})
