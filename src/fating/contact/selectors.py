"""Reads of meetings and hotline calls, and who may see and do what (docs/permissions.md).

Meetings (约见法官):
- "view": the requester (party or liaison), the judge it is routed to, the judges and clerks of
  its tribunal, the court's administrators;
- "route" (转交法官): the judges and clerks of its tribunal;
- "decide" (accept, decline, record the meeting): the judge it is routed to;
- "withdraw": the requester.

Hotline calls (12368):
- "view" and "log": the court's judges, clerks and administrators (grants at the court or in
  any of its tribunals), and the person a call is routed to (e.g. an 执行法官); nobody outside
  the court (a clerk of another court: 404);
- "answer": the judge or staff member it is routed to, or the judges and clerks of the tribunal
  it is routed to; "route": the court's judges, clerks and administrators.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.contact import rules
from fating.contact.models import HotlineCall, Meeting
from fating.core.access import obtain, unknown_action
from fating.core.exceptions import NotPermitted

MEETING_NOT_FOUND = gettext_noop("约见记录不存在。")
CALL_NOT_FOUND = gettext_noop("来电工单不存在。")
REFUSALS = {
    "route": gettext_noop("只有本庭法官、法官助理可以转交约见。"),
    "decide": gettext_noop("只有接待法官可以答复约见。"),
    "withdraw": gettext_noop("只有申请人可以撤回约见。"),
    "answer": gettext_noop("只有承办人或承办法庭的法官、法官助理可以答复来电。"),
    "log": gettext_noop("只有本院法官、法官助理或管理员可以登记热线来电。"),
}
COURT_STAFF = (Role.JUDGE, Role.CLERK, Role.COURT_ADMIN)
TRIBUNAL_STAFF = (Role.JUDGE, Role.CLERK)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "is_active", True)


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    model = queryset.model
    if model is Meeting and action in ("view", "route", "decide", "withdraw"):
        return _meetings(queryset, user, action)
    if model is HotlineCall and action in ("view", "answer", "route"):
        return _calls(queryset, user, action)
    raise unknown_action(model, action)


def _meetings(queryset: QuerySet[Any], user: Any, action: str) -> QuerySet[Any]:
    if not _signed_in(user):
        return queryset.none()
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    tribunal = Q(tribunal_id__in=scope.tribunals(*TRIBUNAL_STAFF))
    if action == "route":
        return queryset.filter(tribunal)
    if action == "decide":
        return queryset.filter(judge=user)
    if action == "withdraw":
        return queryset.filter(requester=user)
    admin = Q(tribunal__court_id__in=scope.court_level(Role.COURT_ADMIN))
    return queryset.filter(Q(requester=user) | Q(judge=user) | tribunal | admin)


def _calls(queryset: QuerySet[Any], user: Any, action: str) -> QuerySet[Any]:
    if not _signed_in(user):
        return queryset.none()
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    court = Q(court_id__in=scope.courts(*COURT_STAFF))
    if action == "answer":
        tribunal = Q(tribunal_id__in=scope.tribunals(*TRIBUNAL_STAFF))
        return queryset.filter(Q(assignee=user) | (court & tribunal))
    if action == "route":
        return queryset.filter(court)
    # the routed person sees their ticket even without a court-wide grant (e.g. an 执行法官)
    return queryset.filter(court | Q(assignee=user))


def meeting_for(user: Any, pk: object, action: str = "view") -> Meeting:
    qs = Meeting.objects.select_related("requester", "judge", "service_point", "tribunal")
    return obtain(restrict, qs, user, pk, action, missing=_(MEETING_NOT_FOUND),
                  refused=_(REFUSALS.get(action, MEETING_NOT_FOUND)))  # fmt: skip


def call_for(user: Any, pk: object, action: str = "view") -> HotlineCall:
    qs = HotlineCall.objects.select_related("court", "assignee", "tribunal", "logged_by")
    return obtain(restrict, qs, user, pk, action, missing=_(CALL_NOT_FOUND),
                  refused=_(REFUSALS.get(action, CALL_NOT_FOUND)))  # fmt: skip


def may(user: Any, obj: Meeting | HotlineCall, action: str) -> bool:
    return restrict(type(obj).objects.filter(pk=obj.pk), user, action).exists()


def meetings_for(user: Any) -> QuerySet[Meeting]:
    """Every meeting the user may see, the routed judge's open ones first."""
    qs = Meeting.objects.select_related("requester", "judge", "service_point", "tribunal")
    return restrict(qs, user).order_by("-created_at", "-pk")


def queue_for(user: Any) -> QuerySet[Meeting]:
    """The meetings routed to this judge still waiting for an answer, oldest first."""
    qs = Meeting.objects.select_related("requester", "service_point", "tribunal")
    return (
        restrict(qs, user, "decide").filter(status=Meeting.Status.REQUESTED).order_by("created_at")
    )


def calls_for(user: Any) -> QuerySet[HotlineCall]:
    qs = HotlineCall.objects.select_related("court", "assignee", "tribunal", "logged_by")
    return restrict(qs, user).order_by("-received_at", "-pk")


def logging_courts(user: Any) -> frozenset[int]:
    """The courts where the user may log hotline calls."""
    scope = scope_of(user)
    return scope.courts(*COURT_STAFF)


def check_logger(user: Any) -> frozenset[int]:
    courts = logging_courts(user) if _signed_in(user) else frozenset()
    if not courts:
        raise NotPermitted(_(REFUSALS["log"]))
    return courts


def requester_points(user: Any) -> tuple[str, frozenset[int] | None]:
    """Who the user asks for: ("liaison", their points) for a liaison — they ask for a villager
    at their own points; ("party", None) for a party or agent (any active point); else refused."""
    scope = scope_of(user)
    points = scope.points(Role.LIAISON)
    if points:
        return "liaison", points
    if scope.holds(Role.PARTY, Role.AGENT):
        return "party", None
    raise NotPermitted(_("只有当事人或服务点联络员可以约见法官。"))


def month_figures(user: Any, year: int, month: int) -> rules.MonthFigures:
    """The month's 12368 figures over the calls the user may see (their court's)."""
    (y, m), (ny, nm) = rules.month_bounds(year, month)
    start = timezone.make_aware(datetime(y, m, 1))
    end = timezone.make_aware(datetime(ny, nm, 1))
    rows = restrict(HotlineCall.objects.all(), user).filter(
        received_at__gte=start, received_at__lt=end
    )
    return rules.month_figures(
        rows.values_list("received_at", "answered_at", "due_at"), timezone.now()
    )
