"""Pages of 约见法官 (a party or liaison asks; the judge's queue; accept, decline, record) and of
the 12368 call log (court staff log calls; the routed judge answers; the month's figures).
Each page offers only the steps the machine allows that the access rule lets this person take."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fating.accounts.models import Role
from fating.accounts.selectors import holders
from fating.contact import rules, selectors, services
from fating.contact.models import HotlineCall, Meeting
from fating.core.exceptions import NotPermitted
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page
from fating.network.models import Court, ServicePoint, Tribunal

LABELS = {
    "service_point": _("服务点"), "mode": _("约见方式"), "topic": _("约见事项"),
    "preferred_times": _("希望时间"), "for_name": _("群众姓名"), "for_mobile": _("群众手机号码"),
    "judge": _("接待法官"), "scheduled_at": _("约定时间"), "place": _("见面地点"),
    "meeting_link": _("会议链接"), "decline_reason": _("婉拒理由"), "record": _("约见情况"),
    "court": _("法院"), "caller_name": _("来电人"), "caller_number": _("来电号码"),
    "category": _("类别"), "received_at": _("来电时间"), "assignee": _("承办法官"),
    "tribunal": _("承办法庭"), "answer": _("答复内容"),
}  # fmt: skip

# Which access each page step needs (the machine's transition name → restrict action).
MEETING_STEPS = {"route": "route", "accept": "decide", "decline": "decide", "complete": "decide",
                 "withdraw": "withdraw"}  # fmt: skip
CALL_STEPS = {"route": "route", "answer": "answer"}


def _requester_kind(user: Any) -> str:
    try:
        return selectors.requester_points(user)[0]
    except NotPermitted:
        return ""


@login_required
@page_view
def meetings(request: HttpRequest) -> HttpResponse:
    """约见法官: a party's or liaison's requests, a judge's queue, the tribunal's meetings."""
    return render(request, "contact/meetings.html", {
        "queue": selectors.queue_for(request.user),
        "meetings": selectors.meetings_for(request.user)[:100],
        "may_request": bool(_requester_kind(request.user)),
    })  # fmt: skip


def _points_for(user: Any) -> Any:
    kind, points = selectors.requester_points(user)
    qs = (
        ServicePoint.objects.filter(active=True)
        .select_related("tribunal")
        .order_by("tribunal", "name")
    )
    return kind, (qs.filter(pk__in=points) if points is not None else qs)


@login_required
@page_view
@idempotent_page
def meeting_new(request: HttpRequest) -> HttpResponse:
    kind, points = _points_for(request.user)
    context: dict[str, Any] = {"points": points, "is_liaison": kind == "liaison",
                               "modes": Meeting.Mode.choices, "form": request.POST}  # fmt: skip
    if request.method != "POST":
        return render(request, "contact/meeting_new.html", context)
    p, created = request.POST, []
    point = (
        points.filter(pk=p["service_point"]).first()
        if p.get("service_point", "").isdigit()
        else None
    )
    errors = form_errors(lambda: created.append(services.request_meeting(
        actor=request.user, service_point=point, mode=p.get("mode", ""), topic=p.get("topic", ""),
        preferred_times=p.get("preferred_times", ""), for_name=p.get("for_name", ""),
        for_mobile=p.get("for_mobile", ""))), LABELS)  # fmt: skip
    if errors:
        return render(
            request, "contact/meeting_new.html", {**context, "errors": errors}, status=400
        )
    return redirect("contact:meeting", pk=created[0].pk)


def _meeting_page(request: HttpRequest, meeting: Meeting, errors: list[str] | None = None,
                  status: int = 200) -> HttpResponse:  # fmt: skip
    user = request.user
    steps = [n for n in rules.MEETING.allowed_names(meeting.status)
             if selectors.may(user, meeting, MEETING_STEPS[n])]  # fmt: skip
    judges = (
        holders(Role.JUDGE, tribunal=meeting.tribunal_id).order_by("pk") if "route" in steps else []
    )
    return render(request, "contact/meeting.html", {
        "m": meeting, "steps": steps, "judges": judges, "errors": errors or [],
        "form": request.POST if errors else {},
    }, status=status)  # fmt: skip


@login_required
@page_view
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, selectors.meeting_for(request.user, pk))


@login_required
@require_POST
@page_view
def meeting_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in MEETING_STEPS:
        raise Http404
    m = selectors.meeting_for(request.user, pk, MEETING_STEPS[step])
    p, user = request.POST, request.user
    calls = {
        "route": lambda: services.route_meeting(actor=user, meeting=m, judge=p.get("judge", "")),
        "accept": lambda: services.accept_meeting(
            actor=user, meeting=m, scheduled_at=p.get("scheduled_at", ""), place=p.get("place", ""),
            meeting_link=p.get("meeting_link", "")),
        "decline": lambda: services.decline_meeting(actor=user, meeting=m, reason=p.get("decline_reason", "")),
        "complete": lambda: services.complete_meeting(actor=user, meeting=m, record=p.get("record", "")),
        "withdraw": lambda: services.withdraw_meeting(actor=user, meeting=m),
    }  # fmt: skip
    errors = form_errors(calls[step], LABELS)
    if errors:
        m.refresh_from_db()
        return _meeting_page(request, m, errors, status=400)
    return redirect("contact:meeting", pk=m.pk)


# --- 12368 ------------------------------------------------------------------------------------


def _this_month() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, today.month


@login_required
@page_view
def calls(request: HttpRequest) -> HttpResponse:
    """法官热线 / 12368: the court's tickets, overdue flagged, and this month's figures."""
    selectors.check_logger(request.user)
    now = timezone.now()
    rows = [
        (c, rules.is_overdue(c.due_at, c.answered_at, now))
        for c in selectors.calls_for(request.user)[:100]
    ]
    year, month = _this_month()
    return render(request, "contact/calls.html", {
        "rows": rows, "figures": selectors.month_figures(request.user, year, month),
        "year": year, "month": month,
    })  # fmt: skip


def _route_choices(courts: Any) -> dict[str, Any]:
    staff = holders((Role.JUDGE, Role.CLERK, Role.ENFORCEMENT_JUDGE))
    staff = staff.filter(memberships__tribunal__court_id__in=courts) | staff.filter(
        memberships__court_id__in=courts
    )
    return {
        "assignees": staff.distinct().order_by("pk"),
        "tribunals": Tribunal.objects.filter(court_id__in=courts, active=True).order_by("name"),
    }


@login_required
@page_view
@idempotent_page
def call_new(request: HttpRequest) -> HttpResponse:
    courts = selectors.check_logger(request.user)
    court_rows = Court.objects.filter(pk__in=courts).order_by("name")
    context: dict[str, Any] = {"courts": court_rows, "categories": HotlineCall.Category.choices,
                               "form": request.POST, **_route_choices(courts)}  # fmt: skip
    if request.method != "POST":
        return render(request, "contact/call_new.html", context)
    p, created = request.POST, []
    court = court_rows.filter(pk=p["court"]).first() if p.get("court", "").isdigit() else None
    errors = form_errors(lambda: created.append(services.log_call(
        actor=request.user, court=court, caller_name=p.get("caller_name", ""),
        caller_number=p.get("caller_number", ""), topic=p.get("topic", ""),
        category=p.get("category", ""), received_at=p.get("received_at", ""),
        assignee=p.get("assignee", ""), tribunal=p.get("tribunal", ""))), LABELS)  # fmt: skip
    if errors:
        return render(request, "contact/call_new.html", {**context, "errors": errors}, status=400)
    return redirect("contact:call", pk=created[0].pk)


def _call_page(request: HttpRequest, call: HotlineCall, errors: list[str] | None = None,
               status: int = 200) -> HttpResponse:  # fmt: skip
    user = request.user
    steps = [n for n in rules.CALL.allowed_names(call.status)
             if selectors.may(user, call, CALL_STEPS[n])]  # fmt: skip
    return render(request, "contact/call.html", {
        "c": call, "steps": steps, "errors": errors or [], "form": request.POST if errors else {},
        "overdue": rules.is_overdue(call.due_at, call.answered_at, timezone.now()),
        **(_route_choices([call.court_id]) if "route" in steps else {}),
    }, status=status)  # fmt: skip


@login_required
@page_view
def call(request: HttpRequest, pk: int) -> HttpResponse:
    return _call_page(request, selectors.call_for(request.user, pk))


@login_required
@require_POST
@page_view
def call_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in CALL_STEPS:
        raise Http404
    c = selectors.call_for(request.user, pk, CALL_STEPS[step])
    p, user = request.POST, request.user
    actions = {
        "route": lambda: services.route_call(actor=user, call=c, assignee=p.get("assignee", ""),
                                             tribunal=p.get("tribunal", "")),
        "answer": lambda: services.answer_call(actor=user, call=c, answer=p.get("answer", "")),
    }  # fmt: skip
    errors = form_errors(actions[step], LABELS)
    if errors:
        c.refresh_from_db()
        return _call_page(request, c, errors, status=400)
    return redirect("contact:call", pk=c.pk)


@login_required
@page_view
def figures(request: HttpRequest) -> HttpResponse:
    """The month's 12368 figures: calls, 答复及时率, average hours to answer (last 12 months)."""
    selectors.check_logger(request.user)
    year, month = _this_month()
    months = []
    for _i in range(12):
        months.append((year, month, selectors.month_figures(request.user, year, month)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return render(request, "contact/figures.html", {"months": months, "targets": [
        (HotlineCall.Category(k).label, h) for k, h in rules.TARGET_HOURS.items()]})  # fmt: skip
