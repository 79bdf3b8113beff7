"""Who a user is on the platform: roles and the places they act in.

Every visibility decision in other apps starts from `scope_of(user)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fating.accounts.models import COURT_ROLES, STAFF_ROLES, Membership, Role, User


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = field(default_factory=frozenset)
    court_ids: frozenset[int] = field(default_factory=frozenset)
    admin_court_ids: frozenset[int] = field(default_factory=frozenset)
    tribunal_ids: frozenset[int] = field(default_factory=frozenset)
    service_point_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    superuser: bool = False

    @property
    def is_staff_member(self) -> bool:
        """Works inside a court network (court, tribunal, point, organisation, governance)."""
        return self.superuser or bool(self.roles & STAFF_ROLES)

    @property
    def is_court_personnel(self) -> bool:
        return self.superuser or bool(self.roles & COURT_ROLES)

    def has(self, role: str) -> bool:
        return role in self.roles


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


def scope_of(user: User) -> Scope:
    """The user's active memberships folded into one scope; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_fating_scope", None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    courts: set[int] = set()
    admin_courts: set[int] = set()
    tribunals: set[int] = set()
    points: set[int] = set()
    orgs: set[int] = set()
    memberships = Membership.objects.filter(user=user, active=True).select_related(
        "tribunal", "service_point__tribunal", "organisation"
    )
    for m in memberships:
        roles.add(m.role)
        court_id = m.court_id
        if m.tribunal_id:
            tribunals.add(m.tribunal_id)
            court_id = m.tribunal.court_id
        if m.service_point_id:
            points.add(m.service_point_id)
            court_id = m.service_point.tribunal.court_id
        if m.organisation_id:
            orgs.add(m.organisation_id)
            court_id = m.organisation.court_id
        if court_id:
            courts.add(court_id)
            if m.role == Role.COURT_ADMIN:
                admin_courts.add(court_id)
    scope = Scope(
        roles=frozenset(roles),
        court_ids=frozenset(courts),
        admin_court_ids=frozenset(admin_courts),
        tribunal_ids=frozenset(tribunals),
        service_point_ids=frozenset(points),
        organisation_ids=frozenset(orgs),
        superuser=user.is_superuser,
    )
    user._fating_scope = scope  # type: ignore[attr-defined]
    return scope


def primary_role(user: User) -> str | None:
    """The role whose home page the user lands on."""
    scope = scope_of(user)
    for role in ROLE_PRIORITY:
        if role in scope.roles:
            return role
    return Role.COURT_ADMIN if scope.superuser else None
