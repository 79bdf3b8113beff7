"""Reads of sign-up and real-name status, and who may see what (docs/permissions.md).

- Real-name status: court staff see it next to each party with an account (the filing's and
  case's party list); the person sees their own.
- The 实名核验 page: liaisons only, finding a party by the exact mobile number or ID number (no
  listing, no partial match); everyone else 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.core.access import obtain, unknown_action
from fating.core.exceptions import NotPermitted
from fating.people import rules
from fating.people.models import RealName, Representation


def check_liaison(user: Any) -> None:
    if not scope_of(user).points(Role.LIAISON):
        raise NotPermitted(_("只有服务点联络员可以现场核验身份。"))


def find_person(user: Any, query: str) -> User | None:
    """The party whose mobile or ID number is exactly `query` (liaisons only)."""
    check_liaison(user)
    query = (query or "").strip().upper()
    if len(query) not in (11, 18):
        return None
    return (
        User.objects.filter(
            Q(mobile=query) | Q(id_number=query),
            is_active=True,
            memberships__role=Role.PARTY,
            memberships__active=True,
        )
        .distinct()
        .first()
    )


def status_of(user: Any) -> str:
    real = RealName.objects.filter(user=user).first()
    return real.status if real else rules.UNVERIFIED


def status_label(user: Any) -> str:
    return _(rules.LABELS[status_of(user)])


# --- representation ----------------------------------------------------------------------------

REPRESENTATION_NOT_FOUND = gettext_noop("委托记录不存在。")
COURT_STAFF = (Role.JUDGE, Role.CLERK)


def _court_q(user: Any) -> Q:
    scope = scope_of(user)
    return Q(filing__tribunal_id__in=scope.tribunals(*COURT_STAFF)) | Q(
        filing__court_id__in=scope.courts(Role.COURT_ADMIN)
    )


def restrict(queryset: QuerySet[Any], user: Any, action: str) -> QuerySet[Any]:
    """Representations: "view" (the agent, the represented party's account, the court's judges
    and clerks of the filing's tribunal and its administrators), "decide" (the party or the
    court), "revoke" (the agent, the party or the court)."""
    if queryset.model is not Representation or action not in ("view", "decide", "revoke"):
        raise unknown_action(queryset.model, action)
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    q = Q(party__user=user) | _court_q(user)
    if action in ("view", "revoke"):
        q |= Q(agent=user)
    return queryset.filter(q)


def representations_for(user: Any) -> QuerySet[Representation]:
    """The representations where `user` is the agent or the represented party."""
    return (
        Representation.objects.filter(Q(agent=user) | Q(party__user=user))
        .select_related("party", "agent", "filing")
        .order_by("-created_at", "-pk")
    )


def representation_for(user: Any, pk: object, action: str = "view") -> Representation:
    return obtain(restrict, Representation.objects.select_related("party", "filing"), user, pk,
                  action, missing=_(REPRESENTATION_NOT_FOUND),
                  refused=_("只有被代理的当事人或法院可以确认委托。"))  # fmt: skip


def represented_parties(user: Any, *, special_needed: bool) -> QuerySet[Any]:
    """The filing parties (ids) `user` may act for as a confirmed agent; with `special_needed`,
    only under 特别授权 (民事诉讼法 第62条第2款: 反诉, 和解, 上诉 …)."""
    rows = Representation.objects.filter(agent=user, status=rules.RepresentationStatus.CONFIRMED)
    if special_needed:
        rows = rows.filter(scope=rules.SPECIAL)
    return rows.values("party_id")


def check_court_staff(user: Any) -> None:
    scope = scope_of(user)
    if not (scope.superuser or scope.tribunals(*COURT_STAFF) or scope.courts(Role.COURT_ADMIN)):
        raise NotPermitted(_("只有法院工作人员可以确认授权委托书。"))


def awaiting_court(user: Any) -> QuerySet[Representation]:
    """授权委托书待确认: the pending letters of the filings of the court staff's tribunals (and,
    for administrators, of their courts), oldest first."""
    scope = scope_of(user)
    qs = Representation.objects.select_related("party", "agent", "filing", "filing__case")
    if not scope.superuser:
        qs = qs.filter(_court_q(user))
    return qs.filter(status=rules.RepresentationStatus.PENDING).order_by("created_at", "pk")
