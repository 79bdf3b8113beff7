"""Reads of sign-up and real-name status, and who may see what (docs/permissions.md).

- Real-name status: court staff see it next to each party with an account (the filing's and
  case's party list); the person sees their own.
- The 实名核验 page: liaisons only, finding a party by the exact mobile number or ID number (no
  listing, no partial match); everyone else 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.core.exceptions import NotPermitted
from fating.people import rules
from fating.people.models import RealName


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
