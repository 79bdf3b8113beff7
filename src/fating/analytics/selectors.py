"""Who may read the governance analytics (docs/permissions.md, “Governance analytics”).

Court personnel (court admin, judge, clerk) and governance officers read their own court's
figures; governance officers see aggregates with cells covering fewer than 5 people suppressed
(shown as “<5”). Liaisons, mediators, parties, agents and people without a role are refused
(403); a court outside the user's scope does not exist for them (404).
"""

from __future__ import annotations

from dataclasses import dataclass

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.core.exceptions import NotPermitted, NotVisible
from fating.network.models import Area, Court, ServicePoint

READER_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK, Role.GOVERNANCE})


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
    if not (scope.superuser or scope.roles & READER_ROLES):
        raise NotPermitted("治理分析仅向法院干警和综治干部开放。")
    courts = Court.objects.select_related("area")
    if not scope.superuser:
        courts = courts.filter(pk__in=scope.court_ids)
    court = courts.filter(pk=court_id).first() if court_id else courts.order_by("pk").first()
    if court is None:
        raise NotVisible("法院不存在。")
    area = None
    if area_id:
        area = Area.objects.filter(pk=area_id).first()
        if area is None or not _within(area, court.area_id):
            raise NotVisible("区域不存在。")
    point = None
    if point_id:
        point = ServicePoint.objects.filter(pk=point_id, tribunal__court=court).first()
        if point is None:
            raise NotVisible("服务点不存在。")
    suppress = not scope.superuser and not (
        scope.roles & {Role.COURT_ADMIN, Role.JUDGE, Role.CLERK}
    )
    return Viewpoint(court, area, point, suppress)


def _within(area: Area, county_id: int) -> bool:
    node: Area | None = area
    for _ in range(6):
        if node is None:
            return False
        if node.pk == county_id:
            return True
        node = node.parent
    return False
