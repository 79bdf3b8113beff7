"""REST API of 约见法官 and the 12368 call log (mounted at /api/v1/contact/). Thin: each call
asks the selectors for access and the services for the change."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.contact import rules, selectors, services
from fating.contact.models import HotlineCall, Meeting
from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.network.models import Court, ServicePoint

MeetingRequest = inline_serializer("ContactMeetingRequest", {
    "service_point": serializers.IntegerField(),
    "mode": serializers.ChoiceField(choices=Meeting.Mode.values),
    "topic": serializers.CharField(max_length=1000),
    "preferred_times": serializers.CharField(max_length=200),
    "for_name": serializers.CharField(required=False, max_length=60, help_text="联络员代为约见时必填"),
    "for_mobile": serializers.CharField(required=False, max_length=20, help_text="联络员代为约见时必填"),
})  # fmt: skip
RouteMeeting = inline_serializer("ContactMeetingRoute", {"judge": serializers.IntegerField()})
AcceptMeeting = inline_serializer("ContactMeetingAccept", {
    "scheduled_at": serializers.DateTimeField(),
    "place": serializers.CharField(required=False, max_length=200),
    "meeting_link": serializers.URLField(required=False, max_length=300),
})  # fmt: skip
DeclineMeeting = inline_serializer(
    "ContactMeetingDecline", {"reason": serializers.CharField(max_length=500)}
)
CompleteMeeting = inline_serializer(
    "ContactMeetingComplete", {"record": serializers.CharField(max_length=2000)}
)
CallRequest = inline_serializer("ContactCallRequest", {
    "court": serializers.IntegerField(required=False),
    "caller_name": serializers.CharField(max_length=60),
    "caller_number": serializers.CharField(max_length=20),
    "topic": serializers.CharField(max_length=1000),
    "category": serializers.ChoiceField(choices=HotlineCall.Category.values),
    "received_at": serializers.DateTimeField(required=False),
    "assignee": serializers.IntegerField(required=False),
    "tribunal": serializers.IntegerField(required=False),
})  # fmt: skip
RouteCall = inline_serializer("ContactCallRoute", {
    "assignee": serializers.IntegerField(required=False),
    "tribunal": serializers.IntegerField(required=False),
})  # fmt: skip
AnswerCall = inline_serializer(
    "ContactCallAnswer", {"answer": serializers.CharField(max_length=2000)}
)
MONTH = OpenApiParameter("month", str, description="月份，YYYY-MM；默认本月")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def meeting_json(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk, "status": m.status, "status_label": m.get_status_display(), "mode": m.mode,
        "service_point": m.service_point_id, "tribunal": m.tribunal_id, "judge": m.judge_id,
        "requester": m.requester_id, "for_name": m.for_name, "topic": m.topic,
        "preferred_times": m.preferred_times, "scheduled_at": _iso(m.scheduled_at),
        "place": m.place, "meeting_link": m.meeting_link, "decline_reason": m.decline_reason,
        "record": m.record, "created_at": _iso(m.created_at),
    }  # fmt: skip


def call_json(c: HotlineCall, now: Any = None) -> dict[str, Any]:
    return {
        "id": c.pk, "court": c.court_id, "status": c.status, "status_label": c.get_status_display(),
        "caller_name": c.caller_name, "caller_number": c.caller_number, "topic": c.topic,
        "category": c.category, "category_label": c.get_category_display(),
        "received_at": _iso(c.received_at), "due_at": _iso(c.due_at),
        "overdue": rules.is_overdue(c.due_at, c.answered_at, now or timezone.now()),
        "assignee": c.assignee_id, "tribunal": c.tribunal_id, "answer": c.answer,
        "answered_at": _iso(c.answered_at),
    }  # fmt: skip


def _pk(value: object, field: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).isdigit():
        raise FieldError({field: _("应为编号。")})
    return int(str(value))


def _str(request: Request, field: str, limit: int = 4000) -> str:
    value = request.data.get(field, "")
    return str(value)[:limit] if value is not None else ""


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(methods=["POST"], request=MeetingRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["GET", "POST"])
@idempotent
def meetings(request: Request) -> Response:
    if request.method == "GET":
        return Response([meeting_json(m) for m in selectors.meetings_for(request.user)[:200]])
    point_pk = _pk(request.data.get("service_point"), "service_point")
    point = ServicePoint.objects.filter(pk=point_pk).first() if point_pk else None
    m = services.request_meeting(
        actor=request.user, service_point=point, mode=_str(request, "mode", 20),
        topic=_str(request, "topic"), preferred_times=_str(request, "preferred_times", 400),
        for_name=_str(request, "for_name", 120), for_mobile=_str(request, "for_mobile", 40),
    )  # fmt: skip
    return Response(meeting_json(m), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def meeting(request: Request, pk: int) -> Response:
    return Response(meeting_json(selectors.meeting_for(request.user, pk)))


@extend_schema(request=RouteMeeting, responses=dict)
@api_view(["POST"])
def meeting_route(request: Request, pk: int) -> Response:
    m = selectors.meeting_for(request.user, pk, "route")
    judge = _pk(request.data.get("judge"), "judge")
    return Response(
        meeting_json(services.route_meeting(actor=request.user, meeting=m, judge=judge or ""))
    )


@extend_schema(request=AcceptMeeting, responses=dict)
@api_view(["POST"])
def meeting_accept(request: Request, pk: int) -> Response:
    m = selectors.meeting_for(request.user, pk, "decide")
    return Response(meeting_json(services.accept_meeting(
        actor=request.user, meeting=m, scheduled_at=_str(request, "scheduled_at", 60),
        place=_str(request, "place", 400), meeting_link=_str(request, "meeting_link", 400))))  # fmt: skip


@extend_schema(request=DeclineMeeting, responses=dict)
@api_view(["POST"])
def meeting_decline(request: Request, pk: int) -> Response:
    m = selectors.meeting_for(request.user, pk, "decide")
    return Response(meeting_json(services.decline_meeting(
        actor=request.user, meeting=m, reason=_str(request, "reason", 1000))))  # fmt: skip


@extend_schema(request=CompleteMeeting, responses=dict)
@api_view(["POST"])
def meeting_complete(request: Request, pk: int) -> Response:
    m = selectors.meeting_for(request.user, pk, "decide")
    return Response(meeting_json(services.complete_meeting(
        actor=request.user, meeting=m, record=_str(request, "record"))))  # fmt: skip


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def meeting_withdraw(request: Request, pk: int) -> Response:
    m = selectors.meeting_for(request.user, pk, "withdraw")
    return Response(meeting_json(services.withdraw_meeting(actor=request.user, meeting=m)))


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(methods=["POST"], request=CallRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["GET", "POST"])
@idempotent
def calls(request: Request) -> Response:
    selectors.check_logger(request.user)
    if request.method == "GET":
        now = timezone.now()
        return Response([call_json(c, now) for c in selectors.calls_for(request.user)[:200]])
    court_pk = _pk(request.data.get("court"), "court")
    court = Court.objects.filter(pk=court_pk).first() if court_pk else None
    if court_pk and court is None:
        raise FieldError({"court": _("请选择您所在的法院。")})
    c = services.log_call(
        actor=request.user, court=court, caller_name=_str(request, "caller_name", 120),
        caller_number=_str(request, "caller_number", 40), topic=_str(request, "topic"),
        category=_str(request, "category", 20), received_at=request.data.get("received_at") or None,
        assignee=_pk(request.data.get("assignee"), "assignee"),
        tribunal=_pk(request.data.get("tribunal"), "tribunal"),
    )  # fmt: skip
    return Response(call_json(c), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def call(request: Request, pk: int) -> Response:
    return Response(call_json(selectors.call_for(request.user, pk)))


@extend_schema(request=RouteCall, responses=dict)
@api_view(["POST"])
def call_route(request: Request, pk: int) -> Response:
    c = selectors.call_for(request.user, pk, "route")
    return Response(call_json(services.route_call(
        actor=request.user, call=c, assignee=_pk(request.data.get("assignee"), "assignee"),
        tribunal=_pk(request.data.get("tribunal"), "tribunal"))))  # fmt: skip


@extend_schema(request=AnswerCall, responses=dict)
@api_view(["POST"])
def call_answer(request: Request, pk: int) -> Response:
    c = selectors.call_for(request.user, pk, "answer")
    return Response(
        call_json(services.answer_call(actor=request.user, call=c, answer=_str(request, "answer")))
    )


@extend_schema(request=None, responses=dict, parameters=[MONTH])
@api_view(["GET"])
def figures(request: Request) -> Response:
    """The month's 12368 figures over the calls of the user's court."""
    selectors.check_logger(request.user)
    raw = str(request.query_params.get("month") or "")
    today = timezone.localdate()
    year, month = today.year, today.month
    if raw:
        parts = raw.split("-")
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or not (1 <= int(parts[1]) <= 12):
            raise FieldError({"month": _("月份格式应为 YYYY-MM。")})
        year, month = int(parts[0]), int(parts[1])
        if not (2000 <= year <= 2100):
            raise FieldError({"month": _("月份格式应为 YYYY-MM。")})
    f = selectors.month_figures(request.user, year, month)
    return Response({"month": f"{year:04d}-{month:02d}", "calls": f.calls, "answered": f.answered,
                     "answered_in_time": f.answered_in_time, "in_time_share": f.in_time_share,
                     "average_hours": f.average_hours, "overdue_open": f.overdue_open,
                     "target_hours": rules.TARGET_HOURS})  # fmt: skip
