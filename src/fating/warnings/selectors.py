"""Reads of warnings and rules, and who may see what (docs/permissions.md, “Early warning”).

- Court personnel (court admin, judge, clerk) and governance officers see their court's warnings
  and rules; court personnel manage them (assess, act, close, record a department's reply);
  only the court's judges issue a judicial suggestion (司法建议) — it speaks for the court, 法发
  〔2012〕74号 — and governance officers only read it; governance officers take part in the
  consultation (会商研判) but do not issue actions; only the court admin tunes the rules.
- A liaison sees the incidents they flagged, and may flag new ones.
- Mediators, parties, agents and people without a role are refused the list (403); a warning
  outside what a user may see does not exist for them (404).
- Governance officers and liaisons do not see the list of counted records (aggregates only).

Every place is asked with the roles that grant access there (accounts.selectors.Scope): a clerk
at court B who is a liaison at court A sees court B's warnings and, at A, only what they flagged.
`restrict(queryset, user, action)` is the one answer every page, API view and service asks.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.core.access import obtain, unknown_action
from fating.core.exceptions import NotPermitted
from fating.warnings import rules
from fating.warnings.models import Action, EarlyWarning, WarningRule

READER_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK, Role.GOVERNANCE})
MANAGER_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK})
# Who joins the consultation (会商研判): court personnel and the court's governance officers.
ASSESSOR_ROLES = MANAGER_ROLES | {Role.GOVERNANCE}
FLAGGER_ROLES = MANAGER_ROLES | {Role.LIAISON}

# Actions on a warning and the roles that grant each, at the warning's court. "view" adds the
# incidents the user flagged; "records" is seeing which disputes and filings were counted.
_WARNING_ACTIONS: dict[str, frozenset[str]] = {
    "view": READER_ROLES,
    "assess": ASSESSOR_ROLES,
    "manage": MANAGER_ROLES,
    "change": MANAGER_ROLES,
    "records": MANAGER_ROLES,
    # the statistics behind a warning (baseline, p-value, threshold): court personnel only
    "statistics": MANAGER_ROLES,
    "suggest": frozenset({Role.JUDGE}),
}
_RULE_ACTIONS: dict[str, frozenset[str]] = {
    "view": READER_ROLES,
    "change": frozenset({Role.COURT_ADMIN}),
    "tune": frozenset({Role.COURT_ADMIN}),
}


def restrict(queryset: QuerySet, user: User, action: str = "view") -> QuerySet:
    """The rows of `queryset` (warnings or rules) that `user` may `action`."""
    scope = scope_of(user)
    model = queryset.model
    if model is EarlyWarning:
        roles = _WARNING_ACTIONS.get(action)
        if roles is None:
            raise unknown_action(model, action)
        if scope.superuser:
            return queryset
        condition = Q(court_id__in=scope.courts(roles))
        if action == "view" and getattr(user, "is_authenticated", False):
            condition |= Q(raised_by=user)
        return queryset.filter(condition)
    if model is WarningRule:
        roles = _RULE_ACTIONS.get(action)
        if roles is None:
            raise unknown_action(model, action)
        if scope.superuser:
            return queryset
        return queryset.filter(court_id__in=scope.courts(roles))
    raise unknown_action(model, action)


def may_list_warnings(user: User) -> bool:
    """Whether the warning list is for this user at all (the page and the API both 403 others)."""
    scope = scope_of(user)
    return scope.superuser or scope.holds(READER_ROLES | {Role.LIAISON})


def warnings_for(user: User) -> QuerySet[EarlyWarning]:
    qs = EarlyWarning.objects.select_related("court", "area", "tribunal", "service_point", "rule")
    if not may_list_warnings(user):
        raise NotPermitted(_("预警信息仅向法院干警、综治干部和联络员开放。"))
    return restrict(qs, user, "view")


def _may(user: User, warning: EarlyWarning, action: str) -> bool:
    return restrict(EarlyWarning.objects.filter(pk=warning.pk), user, action).exists()


def can_view_warning(user: User, warning: EarlyWarning) -> bool:
    return _may(user, warning, "view")


def can_manage_warning(user: User, warning: EarlyWarning) -> bool:
    return _may(user, warning, "manage")


def can_assess_warning(user: User, warning: EarlyWarning) -> bool:
    return _may(user, warning, "assess")


def can_issue_suggestion(user: User, warning: EarlyWarning) -> bool:
    """A judge of the warning's court (through the court, a tribunal or a service point)."""
    return _may(user, warning, "suggest")


def sees_records(user: User, warning: EarlyWarning) -> bool:
    """Whether the user may see which disputes and filings were counted (court personnel)."""
    return _may(user, warning, "records")


def sees_statistics(user: User, warning: EarlyWarning) -> bool:
    """Whether the user reads the statistical detail of a warning (court personnel); others
    read it in plain words (`rules.plain_summary`)."""
    return _may(user, warning, "statistics")


def plain_summary(warning: EarlyWarning) -> str:
    return rules.plain_summary(
        warning.kind, observed=warning.observed, expected=warning.expected,
        category=warning.category, area=warning.area.name if warning.area_id else "",
        explanation=warning.explanation,
    )  # fmt: skip


_REFUSED = {
    "assess": _lazy("只有本院干警和综治干部可以参加会商研判。"),
    "manage": _lazy("只有本院干警可以处置预警。"),
    "suggest": _lazy("只有本院法官可以发出司法建议。"),
}


def warning_for(user: User, warning_id: int, *, action: str = "view") -> EarlyWarning:
    """The warning if visible (else NotVisible); `action` "assess", "manage" or "suggest"
    checks more (NotPermitted)."""
    qs = EarlyWarning.objects.select_related("court", "area", "tribunal", "service_point", "rule")
    return obtain(restrict, qs, user, warning_id, action,
                  missing=_("预警不存在。"), refused=str(_REFUSED.get(action, "")))  # fmt: skip


def rules_for(user: User) -> QuerySet[WarningRule]:
    scope = scope_of(user)
    if not (scope.superuser or scope.holds(READER_ROLES)):
        raise NotPermitted(_("预警规则仅向法院干警和综治干部开放。"))
    return restrict(WarningRule.objects.select_related("court"), user, "view")


def rule_for(user: User, rule_id: int, *, write: bool = False) -> WarningRule:
    return obtain(restrict, WarningRule.objects.select_related("court"), user, rule_id,
                  "change" if write else "view", missing=_("预警规则不存在。"),
                  refused=_("只有本院管理员可以调整预警规则。"))  # fmt: skip


def can_tune_rules(user: User, court_id: int) -> bool:
    scope = scope_of(user)
    return scope.superuser or court_id in scope.courts(Role.COURT_ADMIN)


def can_flag_incident(user: User) -> bool:
    """Whether the user may flag incidents somewhere (the button; the point is checked by
    `may_flag_at`)."""
    scope = scope_of(user)
    return scope.superuser or scope.holds(FLAGGER_ROLES)


def flag_points(user: User) -> frozenset[int]:
    """The service points where the user flags as a liaison (their own points)."""
    return scope_of(user).points(Role.LIAISON)


def may_flag_at(user: User, point_id: int, court_id: int) -> bool:
    """A liaison at their own point; court personnel anywhere in their court."""
    scope = scope_of(user)
    return (
        scope.superuser
        or point_id in scope.points(Role.LIAISON)
        or court_id in scope.courts(MANAGER_ROLES)
    )


def suggestions_count(
    court_id: int, area_ids: list[int] | None, point_id: int | None, since: date, until: date
) -> tuple[int, int]:
    """司法建议 of a court recorded in the period (by day) and, of those, the ones replied to
    (the governance indicators, analytics.sources)."""
    qs = Action.objects.filter(
        kind=Action.Kind.JUDICIAL_SUGGESTION, warning__court_id=court_id,
        created_at__date__gte=since, created_at__date__lte=until,
    )  # fmt: skip
    if point_id is not None:
        qs = qs.filter(warning__service_point_id=point_id)
    elif area_ids is not None:
        qs = qs.filter(warning__area_id__in=area_ids)
    return qs.count(), qs.filter(replied_on__isnull=False).count()


def open_warnings_by_area(court_id: int) -> dict[int, int]:
    """Open warnings of a court per area (the dashboard map's shading, analytics.mapdata)."""
    return dict(
        EarlyWarning.objects.filter(court_id=court_id)
        .exclude(status=EarlyWarning.Status.CLOSED).exclude(area=None)
        .values_list("area_id").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
