"""Reads of preservation applications, and who may see and do what (docs/permissions.md).

Preservation is asked for without the other side (民事诉讼法 第103–104条: the respondent learns of
it when the property is preserved), so only these see an application:
- its applicant (the party or agent who filed it);
- the judges and clerks of its court ("view"); the judges decide ("decide": order security,
  grant, refuse, release); clerks record the security given ("security");
everyone else — the respondent and the other parties of the case included — gets 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.core.access import obtain, unknown_action
from fating.preservation.models import PreservationApplication

NOT_FOUND = gettext_noop("保全申请不存在。")
REFUSALS = {
    "decide": gettext_noop("只有本院法官可以审查保全申请。"),
    "security": gettext_noop("只有本院法官、法官助理可以登记担保。"),
}
ROLES = {
    "view": (Role.JUDGE, Role.CLERK),
    "decide": (Role.JUDGE,),
    "security": (Role.JUDGE, Role.CLERK),
}


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    if action not in ROLES:
        raise unknown_action(queryset.model, action)
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return queryset.none()
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    court = Q(court_id__in=scope.courts(*ROLES[action]))
    return queryset.filter(court | Q(applicant=user) if action == "view" else court)


def applications_for(user: Any) -> QuerySet[PreservationApplication]:
    qs = PreservationApplication.objects.select_related("court", "case", "applicant")
    return restrict(qs, user).order_by("-received_at")


def application_for(user: Any, pk: object, action: str = "view") -> PreservationApplication:
    return obtain(restrict, PreservationApplication.objects.select_related("court", "case"),
                  user, pk, action, missing=_(NOT_FOUND),
                  refused=_(REFUSALS.get(action, NOT_FOUND)))  # fmt: skip


def may(user: Any, application: PreservationApplication, action: str) -> bool:
    return restrict(
        PreservationApplication.objects.filter(pk=application.pk), user, action
    ).exists()


def pending_for(user: Any) -> QuerySet[PreservationApplication]:
    """The applications waiting for a ruling that this judge may decide, most urgent first."""
    qs = restrict(PreservationApplication.objects.select_related("court", "case"), user, "decide")
    return qs.filter(status__in=("applied", "awaiting_security")).order_by(
        "ruling_due_at", "ruling_due_on", "received_at"
    )
