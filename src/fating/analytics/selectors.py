"""Who may read the governance analytics (docs/permissions.md, “Governance analytics”).

Court personnel (court admin, judge, clerk) and governance officers read their own court's
figures; governance officers see aggregates with cells covering fewer than 5 people suppressed
(shown as “<5”). Liaisons, mediators, parties, agents and people without a role are refused
(403); a court outside the user's scope does not exist for them (404).

A court is readable where the user holds a reader role at it (a grant at the court or at any place
inside it), and its figures are unsuppressed only where the user is court personnel there: a
governance officer at court A who is a clerk at court B reads court A suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.core.access import unknown_action
from fating.core.exceptions import NotPermitted, NotVisible
from fating.network.models import Area, Court, ServicePoint

READER_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK, Role.GOVERNANCE})
PERSONNEL_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK})
# "view": the court's aggregates; "records": its figures without small-cell suppression.
_ACTIONS = {"view": READER_ROLES, "records": PERSONNEL_ROLES}


def restrict(queryset: QuerySet, user: User, action: str = "view") -> QuerySet:
    """The courts (or monthly reports) of `queryset` whose analytics `user` may `action`.

    A monthly report is the court's figures: readable where the court is, and one rendered
    without small-cell suppression only where the court's unsuppressed figures are."""
    from fating.analytics.models import MonthlyReport

    roles = _ACTIONS.get(action)
    if queryset.model not in (Court, MonthlyReport) or roles is None:
        raise unknown_action(queryset.model, action)
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    if queryset.model is MonthlyReport:
        unsuppressed = scope.courts(PERSONNEL_ROLES)
        return queryset.filter(court_id__in=scope.courts(roles)).filter(
            Q(suppressed=True) | Q(court_id__in=unsuppressed)
        )
    return queryset.filter(pk__in=scope.courts(roles))


@dataclass(frozen=True)
class Viewpoint:
    """What the user looks at: a court, optionally narrowed to an area or a service point."""

    court: Court
    area: Area | None
    point: ServicePoint | None
    suppress: bool


def viewpoint_for(
    user: User, *, court_id: int | None = None, area_id: int | None = None,
    point_id: int | None = None,
) -> Viewpoint:  # fmt: skip
    scope = scope_of(user)
    if not (scope.superuser or scope.holds(READER_ROLES)):
        raise NotPermitted(_("治理分析仅向法院干警和综治干部开放。"))
    courts = restrict(Court.objects.select_related("area"), user, "view")
    court = courts.filter(pk=court_id).first() if court_id else courts.order_by("pk").first()
    if court is None:
        raise NotVisible(_("法院不存在。"))
    area = None
    if area_id:
        area = Area.objects.filter(pk=area_id).first()
        if area is None or not within(area, court.area_id):
            raise NotVisible(_("区域不存在。"))
    point = None
    if point_id:
        point = ServicePoint.objects.filter(pk=point_id, tribunal__court=court).first()
        if point is None:
            raise NotVisible(_("服务点不存在。"))
    suppress = not restrict(Court.objects.filter(pk=court.pk), user, "records").exists()
    return Viewpoint(court, area, point, suppress)


def within(area: Area, county_id: int) -> bool:
    """Is `area` the county `county_id` or inside it?"""
    node: Area | None = area
    for _step in range(6):
        if node is None:
            return False
        if node.pk == county_id:
            return True
        node = node.parent
    return False
