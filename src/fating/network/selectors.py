"""Reads of the court network, and who may see what.

Visibility (docs/permissions.md):
- Court personnel, governance officers, liaisons and mediators see the whole network of their
  own court(s), contacts included.
- Parties and agents see the public directory: active service points, court-invited mediation
  organisations and their mediators, without phone numbers; the liaison directory is refused (403).
- Anything outside what a user may see does not exist for them (404).
- Only the court administrator of a court changes its network (others who can see get 403).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fating.accounts.models import Role, User
from fating.accounts.selectors import Scope, scope_of
from fating.core.exceptions import NotPermitted, NotVisible
from fating.network.models import (
    Area,
    Court,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)

PUBLIC_DIRECTORY_ROLES = frozenset({Role.PARTY, Role.AGENT})


def _public_only(scope: Scope) -> bool:
    return not scope.is_staff_member and bool(scope.roles & PUBLIC_DIRECTORY_ROLES)


def can_see_contacts(user: User) -> bool:
    """Phone numbers of liaisons and mediators are for people working in the network."""
    return scope_of(user).is_staff_member


def can_manage_court(user: User, court_id: int) -> bool:
    scope = scope_of(user)
    return scope.superuser or court_id in scope.admin_court_ids


def areas_for(user: User) -> QuerySet[Area]:
    """Administrative geography is public to every signed-in user."""
    if not user.is_authenticated:
        return Area.objects.none()
    return Area.objects.all()


def courts_for(user: User) -> QuerySet[Court]:
    scope = scope_of(user)
    qs = Court.objects.select_related("area")
    if scope.superuser or _public_only(scope):
        return qs
    return qs.filter(pk__in=scope.court_ids)


def tribunals_for(user: User) -> QuerySet[Tribunal]:
    scope = scope_of(user)
    qs = Tribunal.objects.select_related("court")
    if scope.superuser or _public_only(scope):
        return qs
    return qs.filter(court_id__in=scope.court_ids)


def service_points_for(user: User) -> QuerySet[ServicePoint]:
    scope = scope_of(user)
    qs = ServicePoint.objects.select_related("tribunal__court", "paired_officer")
    if scope.superuser:
        return qs
    if scope.is_staff_member:
        return qs.filter(tribunal__court_id__in=scope.court_ids)
    if _public_only(scope):
        return qs.filter(active=True)
    return qs.none()


def service_point_for(user: User, point_id: int, *, write: bool = False) -> ServicePoint:
    point = service_points_for(user).filter(pk=point_id).first()
    if point is None:
        raise NotVisible("服务点不存在。")
    if write and not can_manage_court(user, point.tribunal.court_id):
        raise NotPermitted("只有本院管理员可以修改服务点。")
    return point


def liaisons_for(user: User) -> QuerySet[Liaison]:
    scope = scope_of(user)
    qs = Liaison.objects.select_related("service_point__tribunal", "area")
    if scope.superuser:
        return qs
    if scope.is_staff_member:
        return qs.filter(service_point__tribunal__court_id__in=scope.court_ids)
    raise NotPermitted("联络员通讯录仅向法院、综治及调解工作人员开放。")


def liaison_for(user: User, liaison_id: int, *, write: bool = False) -> Liaison:
    liaison = liaisons_for(user).filter(pk=liaison_id).first()
    if liaison is None:
        raise NotVisible("联络员不存在。")
    if write and not can_manage_court(user, liaison.service_point.tribunal.court_id):
        raise NotPermitted("只有本院管理员可以修改联络员。")
    return liaison


def organisations_for(user: User) -> QuerySet[MediationOrganisation]:
    scope = scope_of(user)
    qs = MediationOrganisation.objects.select_related("court", "area")
    if scope.superuser:
        return qs
    if scope.is_staff_member:
        return qs.filter(court_id__in=scope.court_ids)
    if _public_only(scope):
        return qs.filter(is_court_invited=True)
    return qs.none()


def organisation_for(user: User, organisation_id: int) -> MediationOrganisation:
    org = organisations_for(user).filter(pk=organisation_id).first()
    if org is None:
        raise NotVisible("调解组织不存在。")
    return org


def mediators_for(user: User) -> QuerySet[Mediator]:
    scope = scope_of(user)
    qs = Mediator.objects.select_related("organisation")
    if scope.superuser:
        return qs
    if scope.is_staff_member:
        return qs.filter(organisation__court_id__in=scope.court_ids)
    if _public_only(scope):
        return qs.filter(active=True).filter(
            Q(kind=Mediator.Kind.INVITED) | Q(organisation__is_court_invited=True)
        )
    return qs.none()


def mediator_for(user: User, mediator_id: int) -> Mediator:
    mediator = mediators_for(user).filter(pk=mediator_id).first()
    if mediator is None:
        raise NotVisible("调解员不存在。")
    return mediator


def search(qs: QuerySet, text: str, *fields: str) -> QuerySet:
    """Case-insensitive containment over `fields`; blank text returns `qs` unchanged."""
    text = (text or "").strip()
    if not text:
        return qs
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": text})
    return qs.filter(condition)
