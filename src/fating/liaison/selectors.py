"""Reads of liaisons' daily work, and who may see and do what (docs/permissions.md).

Log entries (`restrict(LogEntry…, user, action)`):
- "view": the liaison whose diary it is, while a liaison at the entry's point; the paired
  officer (对口联络干警 of the liaison or of the point) while a judge or clerk of that court; the
  judges and clerks of the point's tribunal; the court's administrators and court-level judges
  and clerks (院机关). Another court's people get 404.
- "feedback": the paired officer, and the judges of the point's tribunal.
Ratings: a party rates an assisted act they were helped by (a party of the dispute, of the
filing, or the recipient of the service), once.
Point and village evaluations (`restrict_points`, `restrict_evaluations`): the court's
administrators, judges, clerks and governance officers ("view"); administrators, judges and
clerks compute ("evaluate"); administrators and judges decide the title ("decide");
administrators set thresholds ("configure").
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.core.access import obtain, unknown_action
from fating.liaison.models import LogEntry, Rating, VillageEvaluation
from fating.network.models import Court, Liaison, ServicePoint

NOT_FOUND = gettext_noop("联络日志不存在。")
EVAL_NOT_FOUND = gettext_noop("无讼村居评价不存在。")
REFUSALS = {
    "feedback": gettext_noop("只有对口联络干警和本庭法官可以反馈。"),
    "evaluate": gettext_noop("只有本院管理员、法官和法官助理可以评估。"),
    "decide": gettext_noop("只有本院管理员和法官可以确认无讼村居称号。"),
    "configure": gettext_noop("只有本院管理员可以调整评价标准。"),
}
OFFICERS = (Role.JUDGE, Role.CLERK)
COURT_WIDE = (Role.COURT_ADMIN, Role.JUDGE, Role.CLERK)
EVAL_ROLES = {
    "view": (Role.COURT_ADMIN, Role.JUDGE, Role.CLERK, Role.GOVERNANCE),
    "evaluate": (Role.COURT_ADMIN, Role.JUDGE, Role.CLERK),
    "decide": (Role.COURT_ADMIN, Role.JUDGE),
    "configure": (Role.COURT_ADMIN,),
}


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", True))


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    if action not in ("view", "feedback"):
        raise unknown_action(queryset.model, action)
    if not _active(user):
        return queryset.none()
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    officer_courts = scope.courts(*OFFICERS)
    paired = Q(service_point__tribunal__court_id__in=officer_courts) & (
        Q(liaison__paired_officer=user) | Q(service_point__paired_officer=user)
    )
    if action == "feedback":
        judges = Q(service_point__tribunal_id__in=scope.tribunals(Role.JUDGE))
        return queryset.filter(paired | judges)
    own = Q(liaison__user=user, service_point_id__in=scope.points(Role.LIAISON))
    tribunal = Q(service_point__tribunal_id__in=scope.tribunals(*OFFICERS))
    court = Q(service_point__tribunal__court_id__in=scope.court_level(*COURT_WIDE))
    return queryset.filter(own | paired | tribunal | court)


def entries_for(user: Any) -> QuerySet[LogEntry]:
    qs = LogEntry.objects.select_related(
        "liaison", "service_point", "place", "dispute", "filing", "service"
    )
    return restrict(qs, user).order_by("-occurred_on", "-pk")


def entry_for(user: Any, pk: object, action: str = "view") -> LogEntry:
    qs = LogEntry.objects.select_related(
        "liaison", "service_point__tribunal", "place", "dispute", "filing", "service"
    )
    return obtain(restrict, qs, user, pk, action, missing=_(NOT_FOUND), refused=_(REFUSALS.get(action, NOT_FOUND)))  # fmt: skip


def may(user: Any, entry: LogEntry, action: str) -> bool:
    return restrict(LogEntry.objects.filter(pk=entry.pk), user, action).exists()


def liaison_of(user: Any) -> Liaison | None:
    """The user's liaison record, if they hold the liaison role at its point."""
    if not _active(user):
        return None
    found = Liaison.objects.filter(user=user, active=True).select_related("service_point").first()
    if found is None or found.service_point_id not in scope_of(user).points(Role.LIAISON):
        return None
    return found


# -- ratings -------------------------------------------------------------------------------


def rateable_q(user: Any) -> Q:
    """Assisted acts `user` was helped by: a party of the dispute or filing, or the service's
    recipient."""
    return (
        Q(kind="report", dispute__parties__user=user)
        | Q(kind="filing", filing__parties__user=user)
        | Q(kind="service", service__recipient_user=user)
    )


def rateable_for(user: Any) -> QuerySet[LogEntry]:
    """Acts this person may rate, newest first (already rated ones included, marked by the
    page)."""
    if not _active(user):
        return LogEntry.objects.none()
    return (
        LogEntry.objects.filter(rateable_q(user))
        .select_related("liaison", "service_point", "dispute", "filing", "service")
        .distinct()
        .order_by("-occurred_on", "-pk")
    )


def rateable_entry(user: Any, pk: object) -> LogEntry:
    return obtain(lambda qs, u, a: qs.filter(pk__in=rateable_for(u).values("pk")),
                  LogEntry.objects.all(), user, pk, missing=_(NOT_FOUND))  # fmt: skip


def ratings_by(user: Any) -> dict[int, Rating]:
    return {r.entry_id: r for r in Rating.objects.filter(rated_by=user)}


# -- evaluations --------------------------------------------------------------------------------


def eval_courts(user: Any, action: str = "view") -> QuerySet[Court]:
    if action not in EVAL_ROLES:
        raise unknown_action(Court, action)
    if not _active(user):
        return Court.objects.none()
    scope = scope_of(user)
    if scope.superuser:
        return Court.objects.all()
    return Court.objects.filter(pk__in=scope.courts(*EVAL_ROLES[action]))


def suppressed(user: Any, court: Court) -> bool:
    """Small people counts hidden: the user reads the court's evaluations without being its
    administrator, judge or clerk (a governance officer)."""
    return not eval_courts(user, "evaluate").filter(pk=court.pk).exists()


def restrict_points(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    return queryset.filter(tribunal__court__in=eval_courts(user, action))


def restrict_evaluations(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    return queryset.filter(court__in=eval_courts(user, action))


def court_for(user: Any, pk: object, action: str = "view") -> Court:
    return obtain(lambda qs, u, a: qs.filter(pk__in=eval_courts(u, a)), Court.objects.all(),
                  user, pk, action, missing=_("法院不存在。"),
                  refused=_(REFUSALS.get(action, EVAL_NOT_FOUND)))  # fmt: skip


def default_court(user: Any) -> Court | None:
    return eval_courts(user).order_by("pk").first()


def evaluations_for(user: Any) -> QuerySet[VillageEvaluation]:
    qs = VillageEvaluation.objects.select_related("village", "village__parent", "court")
    return restrict_evaluations(qs, user)


def evaluation_for(user: Any, pk: object, action: str = "view") -> VillageEvaluation:
    return obtain(restrict_evaluations,
                  VillageEvaluation.objects.select_related("village", "court", "decided_by"),
                  user, pk, action, missing=_(EVAL_NOT_FOUND),
                  refused=_(REFUSALS.get(action, EVAL_NOT_FOUND)))  # fmt: skip


def may_evaluation(user: Any, evaluation: VillageEvaluation, action: str) -> bool:
    return restrict_evaluations(
        VillageEvaluation.objects.filter(pk=evaluation.pk), user, action
    ).exists()


def points_of(court: Court) -> QuerySet[ServicePoint]:
    return ServicePoint.objects.filter(tribunal__court=court, active=True).select_related(
        "tribunal"
    )
