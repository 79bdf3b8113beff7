"""Reads of the court network, and who may see what.

Visibility (docs/permissions.md):
- Court personnel, governance officers, liaisons and mediators see the whole network of their
  own court(s), contacts included.
- Parties and agents see the public directory: active service points, court-invited mediation
  organisations and their mediators, without phone numbers; the liaison directory is refused (403).
- Anything outside what a user may see does not exist for them (404).
- Only the court administrator of a court changes its network (others who can see get 403).

"Their court" is where they hold a staff grant (accounts.selectors.Scope.staff_courts); changing
is asked of the court-admin grants only. `restrict(queryset, user, action)` is the one answer.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import Scope, scope_of
from fating.core.access import obtain, unknown_action
from fating.core.exceptions import NotPermitted
from fating.network.models import (
    Area,
    Court,
    Department,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)

PUBLIC_DIRECTORY_ROLES = frozenset({Role.PARTY, Role.AGENT})

# Each model's path to its court, and what the public directory shows of it (None: nothing).
_COURT_PATH = {
    Court: "pk",
    Tribunal: "court_id",
    ServicePoint: "tribunal__court_id",
    Liaison: "service_point__tribunal__court_id",
    MediationOrganisation: "court_id",
    Mediator: "organisation__court_id",
    Department: "court_id",
}
_PUBLIC: dict[type, Q | None] = {
    Court: Q(),
    Tribunal: Q(),
    ServicePoint: Q(active=True),
    Liaison: None,
    MediationOrganisation: Q(is_court_invited=True),
    Mediator: Q(active=True)
    & (Q(kind=Mediator.Kind.INVITED) | Q(organisation__is_court_invited=True)),
    Department: None,
}


def _in_counties(court_ids: frozenset[int]) -> Q:
    """Areas at or below the counties of `court_ids` (county → township → village → grid)."""
    counties = Court.objects.filter(pk__in=court_ids).values("area_id")
    condition = Q(pk__in=counties)
    path = "parent"
    for _depth in range(3):
        condition |= Q(**{f"{path}__in": counties})
        path += "__parent"
    return condition


def _public_only(scope: Scope) -> bool:
    return not scope.is_staff_member and scope.holds(PUBLIC_DIRECTORY_ROLES)


def restrict(queryset: QuerySet, user: User, action: str = "view") -> QuerySet:
    """The rows of `queryset` (courts, tribunals, points, liaisons, organisations, mediators,
    areas) that `user` may "view" or "change"."""
    model = queryset.model
    if action not in ("view", "change") or (model not in _COURT_PATH and model is not Area):
        raise unknown_action(model, action)
    scope = scope_of(user)
    if model is Area:
        # Administrative geography is public to every signed-in user; a court administrator
        # keeps the areas of their court's county (the county and everything under it).
        if action == "change" and not scope.superuser:
            return queryset.filter(_in_counties(scope.courts(Role.COURT_ADMIN)))
        return queryset if getattr(user, "is_authenticated", False) else queryset.none()
    if scope.superuser:
        return queryset
    path = f"{_COURT_PATH[model]}__in"
    if action == "change":
        return queryset.filter(**{path: scope.courts(Role.COURT_ADMIN)})
    if scope.is_staff_member:
        return queryset.filter(**{path: scope.staff_courts})
    public = _PUBLIC[model]
    if _public_only(scope) and public is not None:
        return queryset.filter(public)
    return queryset.none()


def can_see_contacts(user: User) -> bool:
    """Phone numbers of liaisons and mediators are for people working in the network (who see
    only their own courts' network)."""
    return scope_of(user).is_staff_member


def can_manage_court(user: User, court_id: int) -> bool:
    return restrict(Court.objects.filter(pk=court_id), user, "change").exists()


def areas_for(user: User) -> QuerySet[Area]:
    return restrict(Area.objects.all(), user)


def courts_for(user: User) -> QuerySet[Court]:
    return restrict(Court.objects.select_related("area"), user)


def tribunals_for(user: User) -> QuerySet[Tribunal]:
    return restrict(Tribunal.objects.select_related("court"), user)


def service_points_for(user: User) -> QuerySet[ServicePoint]:
    return restrict(ServicePoint.objects.select_related("tribunal__court", "paired_officer"), user)


def service_point_for(user: User, point_id: int, *, write: bool = False) -> ServicePoint:
    qs = ServicePoint.objects.select_related("tribunal__court", "paired_officer")
    return obtain(restrict, qs, user, point_id, "change" if write else "view",
                  missing=_("服务点不存在。"), refused=_("只有本院管理员可以修改服务点。"))  # fmt: skip


def may_use_liaison_directory(user: User) -> bool:
    """The liaison directory (page and API alike) is for people working in the network."""
    scope = scope_of(user)
    return scope.superuser or scope.is_staff_member


def liaisons_for(user: User) -> QuerySet[Liaison]:
    if not may_use_liaison_directory(user):
        raise NotPermitted(_("联络员通讯录仅向法院、综治及调解工作人员开放。"))
    return restrict(Liaison.objects.select_related("service_point__tribunal", "area"), user)


def liaison_for(user: User, liaison_id: int, *, write: bool = False) -> Liaison:
    qs = Liaison.objects.select_related("service_point__tribunal", "area")
    liaisons_for(user)  # the directory's own 403 comes first
    return obtain(restrict, qs, user, liaison_id, "change" if write else "view",
                  missing=_("联络员不存在。"), refused=_("只有本院管理员可以修改联络员。"))  # fmt: skip


def organisations_for(user: User) -> QuerySet[MediationOrganisation]:
    return restrict(MediationOrganisation.objects.select_related("court", "area"), user)


def organisation_for(user: User, organisation_id: int) -> MediationOrganisation:
    qs = MediationOrganisation.objects.select_related("court", "area")
    return obtain(restrict, qs, user, organisation_id, missing=_("调解组织不存在。"))


def mediators_for(user: User) -> QuerySet[Mediator]:
    return restrict(Mediator.objects.select_related("organisation"), user)


def mediator_for(user: User, mediator_id: int) -> Mediator:
    qs = Mediator.objects.select_related("organisation")
    return obtain(restrict, qs, user, mediator_id, missing=_("调解员不存在。"))


def search(qs: QuerySet, text: str, *fields: str) -> QuerySet:
    """Case-insensitive containment over `fields`; blank text returns `qs` unchanged."""
    text = (text or "").strip()
    if not text:
        return qs
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": text})
    return qs.filter(condition)


def administers_network(user: User) -> bool:
    """Whether `user` keeps some court's network (a court-admin grant, or a superuser)."""
    scope = scope_of(user)
    return scope.superuser or bool(scope.courts(Role.COURT_ADMIN))


def administered_courts(user: User) -> QuerySet[Court]:
    return restrict(Court.objects.select_related("area"), user, "change")


def administered_court(user: User, code: str) -> Court:
    """The court with 法院代字 `code` that `user` administers (404 / 403 as the access rule says)."""
    court = Court.objects.filter(code=code).only("pk").first()
    return obtain(restrict, Court.objects.all(), user, court.pk if court else None, "change",
                  missing=_("法院不存在。"), refused=_("只有本院管理员可以维护本院网络。"))  # fmt: skip


def court_of_area(area: Area) -> Court | None:
    """The court whose county `area` lies in (walking up county → township → village → grid)."""
    node: Area | None = area
    for _depth in range(4):
        if node is None or node.parent_id is None:
            break
        node = node.parent
    return Court.objects.filter(area=node).first() if node is not None else None
