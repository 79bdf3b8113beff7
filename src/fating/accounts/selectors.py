"""Who a user is on the platform: a set of grants.

A grant is one role held at one place — (role, court / tribunal / service point / organisation /
department).
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

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import COURT_ROLES, STAFF_ROLES, Membership, Role, User
from fating.core.access import obtain, unknown_action


@dataclass(frozen=True)
class Grant:
    """One role held at one place. `court_id` is always the court the place belongs to (None
    only for parties and agents, who act for themselves and hold no place)."""

    role: str
    court_id: int | None = None
    tribunal_id: int | None = None
    service_point_id: int | None = None
    organisation_id: int | None = None
    department_id: int | None = None


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
            if g.court_id
            and not (g.tribunal_id or g.service_point_id or g.organisation_id or g.department_id)
        )

    def tribunals(self, *roles: str | Iterable[str]) -> frozenset[int]:
        return frozenset(g.tribunal_id for g in self._grants(roles) if g.tribunal_id)

    def points(self, *roles: str | Iterable[str]) -> frozenset[int]:
        return frozenset(g.service_point_id for g in self._grants(roles) if g.service_point_id)

    def organisations(self, *roles: str | Iterable[str]) -> frozenset[int]:
        return frozenset(g.organisation_id for g in self._grants(roles) if g.organisation_id)

    def departments(self, *roles: str | Iterable[str]) -> frozenset[int]:
        """部门联动 departments where one of `roles` is held (a department officer's)."""
        return frozenset(g.department_id for g in self._grants(roles) if g.department_id)

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
    Role.ENFORCEMENT_JUDGE,
    Role.EXECUTOR,
    Role.GOVERNANCE,
    Role.MEDIATOR,
    Role.DEPARTMENT_OFFICER,
    Role.LIAISON,
    Role.AGENT,
    Role.PARTY,
]


# A membership's place, as columns: the grant lies in the court of the most specific place it is
# held at (a department's, an organisation's, a service point's tribunal's, a tribunal's court, or
# the court itself).
_GRANT_COLUMNS = (
    "role", "court_id", "tribunal_id", "tribunal__court_id", "service_point_id",
    "service_point__tribunal__court_id", "organisation_id", "organisation__court_id",
    "department_id", "department__court_id",
)  # fmt: skip


def _grant(
    role: str, court: int | None, tribunal: int | None, t_court: int | None, point: int | None,
    sp_court: int | None, org: int | None, o_court: int | None, dept: int | None,
    d_court: int | None,
) -> Grant:  # fmt: skip
    return Grant(
        role, d_court or o_court or sp_court or t_court or court, tribunal, point, org, dept
    )


def grants_of(memberships: Iterable[Membership]) -> frozenset[Grant]:
    """Memberships (with their places loaded) as grants, each tied to the court it lies in."""
    return frozenset(
        _grant(
            m.role,
            m.court_id,
            m.tribunal_id,
            m.tribunal.court_id if m.tribunal_id else None,
            m.service_point_id,
            m.service_point.tribunal.court_id if m.service_point_id else None,
            m.organisation_id,
            m.organisation.court_id if m.organisation_id else None,
            m.department_id,
            m.department.court_id if m.department_id else None,
        )
        for m in memberships
    )


def scope_of(user: User) -> Scope:
    """The user's active grants; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_fating_scope", None)
    if cached is not None:
        return cached
    # Plain values, not model rows: this runs on nearly every request, and four joined models'
    # columns cost more to build and read than the grants themselves.
    rows = Membership.objects.filter(user=user, active=True).values_list(*_GRANT_COLUMNS)
    scope = Scope(grants=frozenset(_grant(*row) for row in rows), superuser=user.is_superuser)
    user._fating_scope = scope  # type: ignore[attr-defined]
    return scope


def holders(
    role: str | Iterable[str],
    *,
    court: int | None = None,
    tribunal: int | None = None,
    point: int | None = None,
    organisation: int | None = None,
    department: int | None = None,
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
            | Q(memberships__department__court_id=court)
        )
    if tribunal is not None:
        grant &= Q(memberships__tribunal_id=tribunal)
    if point is not None:
        grant &= Q(memberships__service_point_id=point)
    if organisation is not None:
        grant &= Q(memberships__organisation_id=organisation)
    if department is not None:
        grant &= Q(memberships__department_id=department)
    return User.objects.filter(grant, is_active=True).distinct()


def grant_labels(user: User) -> list[str]:
    """Each active grant as "role（place）", for showing a person where they hold what."""
    memberships = (
        Membership.objects.filter(user=user, active=True)
        .select_related("court", "tribunal", "service_point", "organisation", "department")
        .order_by("pk")
    )
    out = []
    for m in memberships:
        place = m.service_point or m.tribunal or m.organisation or m.department or m.court
        label = str(Role(m.role).label)
        out.append(f"{label}（{place.name}）" if place is not None else label)
    return out


def primary_role(user: User) -> str | None:
    """The role whose home page the user lands on."""
    return _primary(scope_of(user))


def _primary(scope: Scope) -> str | None:
    for role in ROLE_PRIORITY:
        if scope.holds(role):
            return role
    return Role.COURT_ADMIN if scope.superuser else None


def primary_roles(users: Iterable[User]) -> dict[int, str | None]:
    """`primary_role` of many users with one query (a timeline names each actor's role)."""
    people = {u.pk: u for u in users if getattr(u, "pk", None) is not None}
    memberships: dict[int, list[Membership]] = {pk: [] for pk in people}
    rows = Membership.objects.filter(user_id__in=people, active=True).select_related(
        "tribunal", "service_point__tribunal", "organisation"
    )
    for m in rows:
        memberships[m.user_id].append(m)
    out: dict[int, str | None] = {}
    for pk, user in people.items():
        out[pk] = _primary(Scope(grants=grants_of(memberships[pk]), superuser=user.is_superuser))
    return out


def sees_technical_detail(user: User, court_id: int | None) -> bool:
    """Whether `user` is court personnel (court administrator, judge, clerk) of court
    `court_id`: they read the machinery behind a page — file hashes, statistics, how a case was
    assigned — one tap away; parties, liaisons, mediators and governance officers read plain
    words ("已核验", "异常增多")."""
    if court_id is None or not getattr(user, "is_authenticated", False):
        return False
    scope = scope_of(user)
    return scope.superuser or scope.holds_at(COURT_ROLES, court=court_id)


# -- user administration (court administrators, docs/permissions.md "Users") -------------------
USER_ACTIONS = ("view", "change", "deactivate")
MEMBERSHIP_ACTIONS = ("view", "change")


def managed_courts(user: User) -> frozenset[int] | None:
    """Courts whose users `user` administers: where they hold the court-administrator grant.
    None means every court (a superuser)."""
    scope = scope_of(user)
    if scope.superuser:
        return None
    return scope.courts(Role.COURT_ADMIN)


def in_courts(courts: Iterable[int], prefix: str = "") -> Q:
    """Memberships (or, with `prefix="memberships__"`, users through them) held at a place
    inside one of `courts`: at the court, its tribunals, its points or its organisations."""
    ids = list(courts)
    return (
        Q(**{f"{prefix}court_id__in": ids})
        | Q(**{f"{prefix}tribunal__court_id__in": ids})
        | Q(**{f"{prefix}service_point__tribunal__court_id__in": ids})
        | Q(**{f"{prefix}organisation__court_id__in": ids})
        | Q(**{f"{prefix}department__court_id__in": ids})
    )


def _has_place(prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}court__isnull": False})
        | Q(**{f"{prefix}tribunal__isnull": False})
        | Q(**{f"{prefix}service_point__isnull": False})
        | Q(**{f"{prefix}organisation__isnull": False})
        | Q(**{f"{prefix}department__isnull": False})
    )


def membership_court_id(membership: Membership) -> int | None:
    """The court a grant lies in (None for a party's or agent's grant, held at no place)."""
    if membership.tribunal_id:
        return membership.tribunal.court_id
    if membership.service_point_id:
        return membership.service_point.tribunal.court_id
    if membership.organisation_id:
        return membership.organisation.court_id
    if membership.department_id:
        return membership.department.court_id
    return membership.court_id


def grants_elsewhere(target: User, courts: frozenset[int] | None) -> QuerySet[Membership]:
    """`target`'s active grants at places outside `courts` (None: every court counts as
    managed, so there are none)."""
    if courts is None:
        return Membership.objects.none()
    return Membership.objects.filter(_has_place(), user=target, active=True).exclude(
        in_courts(courts)
    )


def restrict(queryset: QuerySet, user: User, action: str = "view") -> QuerySet:
    """Accounts' one access rule, for user administration.

    Users: "view" — those holding (or having held) a grant in a court where `user` is court
    administrator; "change" — those of them who are not superusers; "deactivate" — those of
    them with no active grant in a court `user` does not administer (a person with grants in two
    courts is managed per court: each court ends its own grants, nobody ends the other's).
    Memberships: "view" — grants at places in those courts; "change" — the same, not of a
    superuser. Other courts' users and grants are simply not there (404).
    """
    model = queryset.model
    actions = USER_ACTIONS if model is User else MEMBERSHIP_ACTIONS
    if model not in (User, Membership) or action not in actions:
        raise unknown_action(model, action)
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    courts = managed_courts(user)
    if model is Membership:
        if courts is not None:
            queryset = queryset.filter(in_courts(courts))
        if action == "change":
            queryset = queryset.exclude(user__is_superuser=True)
        return queryset
    if courts is not None:
        if not courts:
            return queryset.none()
        held = Membership.objects.filter(in_courts(courts)).values("user_id")
        queryset = queryset.filter(pk__in=held)
    if action in ("change", "deactivate"):
        queryset = queryset.exclude(is_superuser=True)
    if action == "deactivate" and courts is not None:
        elsewhere = (
            Membership.objects.filter(_has_place(), active=True)
            .exclude(in_courts(courts))
            .values("user_id")
        )
        queryset = queryset.exclude(pk__in=elsewhere)
    return queryset


def users_for(user: User, *, search: str = "", role: str = "", status: str = "") -> QuerySet[User]:
    """The users `user` administers, with their grants in those courts loaded as
    `court_grants` (one query for the page, whatever its size), newest first."""
    qs = restrict(User.objects.all(), user, "view")
    courts = managed_courts(user)
    search = (search or "").strip()
    if search:
        qs = qs.filter(
            Q(full_name__icontains=search)
            | Q(mobile__contains=search)
            | Q(username__icontains=search)
        )
    grants = Membership.objects.select_related(
        "court", "tribunal", "service_point", "organisation", "department"
    ).order_by("-active", "pk")
    if courts is not None:
        grants = grants.filter(in_courts(courts))
    if role:
        held = grants.filter(role=role, active=True).values("user_id")
        qs = qs.filter(pk__in=held)
    if status == "active":
        qs = qs.filter(is_active=True, pk__in=grants.filter(active=True).values("user_id"))
    elif status == "ended":
        qs = qs.filter(is_active=True).exclude(pk__in=grants.filter(active=True).values("user_id"))
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    return qs.prefetch_related(Prefetch("memberships", queryset=grants, to_attr="court_grants"))


def user_for(user: User, pk: object, action: str = "view") -> User:
    """One user `user` may `action`: 404 when not theirs to see, 403 when seen but not theirs to
    change (a superuser; for "deactivate", someone who also works in another court)."""
    refused = {
        "change": _("不能修改超级管理员的账号。"),
        "deactivate": _("该用户在其他法院仍有身份，不能停用账号；请只结束本院的身份。"),
    }
    return obtain(
        restrict, User.objects.all(), user, pk, action,
        missing=_("用户不存在。"), refused=refused.get(action, ""),
    )  # fmt: skip


def grants_of_user(user: User, target: User) -> QuerySet[Membership]:
    """`target`'s grants (active first) in the courts `user` administers."""
    return restrict(
        Membership.objects.filter(user=target).select_related(
            "court",
            "tribunal__court",
            "service_point__tribunal__court",
            "organisation__court",
            "department__court",
        ),
        user,
    ).order_by("-active", "pk")


def grant_for(user: User, pk: object) -> Membership:
    """One grant `user` may end (404 outside their courts, 403 of a superuser)."""
    return obtain(
        restrict, Membership.objects.select_related(
            "user", "tribunal", "service_point__tribunal", "organisation", "department"
        ), user, pk, "change",
        missing=_("身份不存在。"), refused=_("不能修改超级管理员的账号。"),
    )  # fmt: skip


def court_admins(court_id: int) -> QuerySet[User]:
    """Active users holding the court-administrator grant at court `court_id`."""
    return User.objects.filter(
        is_active=True,
        memberships__role=Role.COURT_ADMIN,
        memberships__active=True,
        memberships__court_id=court_id,
    ).distinct()
