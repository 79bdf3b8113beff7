"""Who a user is on the platform: a set of grants.

A grant is one role held at one place — (role, court / tribunal / service point / organisation).
A person's scope is the set of their active grants, never "all their roles" beside "all their
places": a clerk at court B who is a liaison at court A is a clerk only at B and a liaison only
at A (docs/permissions.md). Every visibility decision in other apps starts from `scope_of(user)`
and asks it role-and-place questions (`courts(JUDGE, CLERK)`, `tribunals(JUDGE)`,
`holds_at(JUDGE, court=…)`), and each app answers "may this user do this to these rows" in one
`restrict(queryset, user, action)` in its own selectors module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from fating.accounts.models import COURT_ROLES, STAFF_ROLES, Membership, Role, User


@dataclass(frozen=True)
class Grant:
    """One role held at one place. `court_id` is always the court the place belongs to (None
    only for parties and agents, who act for themselves and hold no place)."""

    role: str
    court_id: int | None = None
    tribunal_id: int | None = None
    service_point_id: int | None = None
    organisation_id: int | None = None


def _role_set(roles: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for role in roles:
        if isinstance(role, str | Role):
            out.add(str(role))
        else:  # a collection of roles, e.g. COURT_ROLES
            out |= {str(r) for r in role}
    return frozenset(out)


@dataclass(frozen=True)
class Scope:
    """A user's active grants, and the questions every access rule asks of them.

    Each place question takes the roles that count, so a place is only ever paired with the role
    held there: `scope.courts(Role.JUDGE, Role.CLERK)` is the courts where the user is a judge or
    a clerk, not the courts where they hold anything.
    """

    grants: frozenset[Grant] = field(default_factory=frozenset)
    superuser: bool = False

    # -- roles, independent of place: home pages and navigation only, never access ----------
    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def holds(self, *roles: str | Iterable[str]) -> bool:
        """Holds one of `roles` somewhere (no roles given: holds anything)."""
        wanted = _role_set(roles)
        return any(not wanted or g.role in wanted for g in self.grants)

    # -- places where one of `roles` is held -----------------------------------------------
    def _grants(self, roles: tuple[str | Iterable[str], ...]) -> list[Grant]:
        wanted = _role_set(roles)
        return [g for g in self.grants if not wanted or g.role in wanted]

    def courts(self, *roles: str | Iterable[str]) -> frozenset[int]:
        """Courts where one of `roles` is held, at the court itself or at any place inside it."""
        return frozenset(g.court_id for g in self._grants(roles) if g.court_id)

    def court_level(self, *roles: str | Iterable[str]) -> frozenset[int]:
        """Courts where one of `roles` is held at the court itself (院机关), not at a place in it."""
        return frozenset(
            g.court_id
            for g in self._grants(roles)
            if g.court_id and not (g.tribunal_id or g.service_point_id or g.organisation_id)
        )

    def tribunals(self, *roles: str | Iterable[str]) -> frozenset[int]:
        return frozenset(g.tribunal_id for g in self._grants(roles) if g.tribunal_id)

    def points(self, *roles: str | Iterable[str]) -> frozenset[int]:
        return frozenset(g.service_point_id for g in self._grants(roles) if g.service_point_id)

    def organisations(self, *roles: str | Iterable[str]) -> frozenset[int]:
        return frozenset(g.organisation_id for g in self._grants(roles) if g.organisation_id)

    def holds_at(
        self,
        role: str | Iterable[str],
        *,
        court: int | None = None,
        tribunal: int | None = None,
        point: int | None = None,
        organisation: int | None = None,
    ) -> bool:
        """Holds `role` (or one of several) at the given place. With `court`, a grant anywhere
        inside that court counts; with a narrower place, only a grant at exactly that place."""
        for g in self._grants((role,)):
            if court is not None and g.court_id != court:
                continue
            if tribunal is not None and g.tribunal_id != tribunal:
                continue
            if point is not None and g.service_point_id != point:
                continue
            if organisation is not None and g.organisation_id != organisation:
                continue
            return True
        return False

    # -- common groupings ----------------------------------------------------------------------
    @property
    def staff_courts(self) -> frozenset[int]:
        """Courts in whose network the user works (court, tribunal, point, organisation,
        governance)."""
        return self.courts(STAFF_ROLES)

    @property
    def is_staff_member(self) -> bool:
        return self.superuser or bool(self.staff_courts)

    @property
    def is_court_personnel(self) -> bool:
        return self.superuser or self.holds(COURT_ROLES)

    def has(self, role: str) -> bool:
        return self.holds(role)


ROLE_PRIORITY = [
    Role.COURT_ADMIN,
    Role.JUDGE,
    Role.CLERK,
    Role.GOVERNANCE,
    Role.MEDIATOR,
    Role.LIAISON,
    Role.AGENT,
    Role.PARTY,
]


def grants_of(memberships: Iterable[Membership]) -> frozenset[Grant]:
    """Memberships (with their places loaded) as grants, each tied to the court it lies in."""
    grants: set[Grant] = set()
    for m in memberships:
        court_id = m.court_id
        if m.tribunal_id:
            court_id = m.tribunal.court_id
        if m.service_point_id:
            court_id = m.service_point.tribunal.court_id
        if m.organisation_id:
            court_id = m.organisation.court_id
        grants.add(
            Grant(
                role=m.role,
                court_id=court_id,
                tribunal_id=m.tribunal_id,
                service_point_id=m.service_point_id,
                organisation_id=m.organisation_id,
            )
        )
    return frozenset(grants)


def scope_of(user: User) -> Scope:
    """The user's active grants; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_fating_scope", None)
    if cached is not None:
        return cached
    memberships = Membership.objects.filter(user=user, active=True).select_related(
        "tribunal", "service_point__tribunal", "organisation"
    )
    scope = Scope(grants=grants_of(memberships), superuser=user.is_superuser)
    user._fating_scope = scope  # type: ignore[attr-defined]
    return scope


def holders(
    role: str | Iterable[str],
    *,
    court: int | None = None,
    tribunal: int | None = None,
    point: int | None = None,
    organisation: int | None = None,
) -> QuerySet[User]:
    """Active users holding `role` at a place — the one query for "the judges of this tribunal",
    "the clerks of this court" and the like. With `court`, grants anywhere inside the court
    count (at the court, its tribunals, its points, its organisations)."""
    roles = [str(r) for r in _role_set((role,))]
    grant = Q(memberships__role__in=roles, memberships__active=True)
    if court is not None:
        grant &= (
            Q(memberships__court_id=court)
            | Q(memberships__tribunal__court_id=court)
            | Q(memberships__service_point__tribunal__court_id=court)
            | Q(memberships__organisation__court_id=court)
        )
    if tribunal is not None:
        grant &= Q(memberships__tribunal_id=tribunal)
    if point is not None:
        grant &= Q(memberships__service_point_id=point)
    if organisation is not None:
        grant &= Q(memberships__organisation_id=organisation)
    return User.objects.filter(grant, is_active=True).distinct()


def grant_labels(user: User) -> list[str]:
    """Each active grant as "role（place）", for showing a person where they hold what."""
    memberships = (
        Membership.objects.filter(user=user, active=True)
        .select_related("court", "tribunal", "service_point", "organisation")
        .order_by("pk")
    )
    out = []
    for m in memberships:
        place = m.service_point or m.tribunal or m.organisation or m.court
        label = str(Role(m.role).label)
        out.append(f"{label}（{place.name}）" if place is not None else label)
    return out


def primary_role(user: User) -> str | None:
    """The role whose home page the user lands on."""
    scope = scope_of(user)
    for role in ROLE_PRIORITY:
        if scope.holds(role):
            return role
    return Role.COURT_ADMIN if scope.superuser else None


def sees_technical_detail(user: User, court_id: int | None) -> bool:
    """Whether `user` is court personnel (court administrator, judge, clerk) of court
    `court_id`: they read the machinery behind a page — file hashes, statistics, how a case was
    assigned — one tap away; parties, liaisons, mediators and governance officers read plain
    words ("已核验", "异常增多")."""
    if court_id is None or not getattr(user, "is_authenticated", False):
        return False
    scope = scope_of(user)
    return scope.superuser or scope.holds_at(COURT_ROLES, court=court_id)
