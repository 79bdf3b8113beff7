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
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import Membership, Role, User
from fating.accounts.selectors import scope_of
from fating.core.exceptions import NotPermitted, NotVisible
from fating.warnings.models import EarlyWarning, WarningRule

READER_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK, Role.GOVERNANCE})
MANAGER_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK})


def _reads(user: User) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.roles & (READER_ROLES | {Role.LIAISON}))


def warnings_for(user: User) -> QuerySet[EarlyWarning]:
    scope = scope_of(user)
    qs = EarlyWarning.objects.select_related("court", "area", "tribunal", "service_point", "rule")
    if scope.superuser:
        return qs
    if not _reads(user):
        raise NotPermitted(_("预警信息仅向法院干警、综治干部和联络员开放。"))
    condition = Q(raised_by=user)
    if scope.roles & READER_ROLES:
        condition |= Q(court_id__in=scope.court_ids)
    return qs.filter(condition)


def can_view_warning(user: User, warning: EarlyWarning) -> bool:
    try:
        return warnings_for(user).filter(pk=warning.pk).exists()
    except NotPermitted:
        return False


def can_manage_warning(user: User, warning: EarlyWarning) -> bool:
    scope = scope_of(user)
    return scope.superuser or (
        bool(scope.roles & MANAGER_ROLES) and warning.court_id in scope.court_ids
    )


def can_assess_warning(user: User, warning: EarlyWarning) -> bool:
    scope = scope_of(user)
    return can_manage_warning(user, warning) or (
        Role.GOVERNANCE in scope.roles and warning.court_id in scope.court_ids
    )


def can_issue_suggestion(user: User, warning: EarlyWarning) -> bool:
    """A judge of the warning's court (through the court, a tribunal or a service point)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    court = warning.court_id
    return Membership.objects.filter(
        Q(court_id=court) | Q(tribunal__court_id=court) | Q(service_point__tribunal__court_id=court),
        user=user, active=True, role=Role.JUDGE,
    ).exists()  # fmt: skip


def sees_records(user: User, warning: EarlyWarning) -> bool:
    """Whether the user may see which disputes and filings were counted (court personnel)."""
    return can_manage_warning(user, warning)


def warning_for(user: User, warning_id: int, *, action: str = "view") -> EarlyWarning:
    """The warning if visible (else NotVisible); `action` "assess", "manage" or "suggest"
    checks more."""
    try:
        warning = warnings_for(user).filter(pk=warning_id).first()
    except NotPermitted:
        warning = None
    if warning is None:
        raise NotVisible(_("预警不存在。"))
    if action == "assess" and not can_assess_warning(user, warning):
        raise NotPermitted(_("只有本院干警和综治干部可以参加会商研判。"))
    if action == "manage" and not can_manage_warning(user, warning):
        raise NotPermitted(_("只有本院干警可以处置预警。"))
    if action == "suggest" and not can_issue_suggestion(user, warning):
        raise NotPermitted(_("只有本院法官可以发出司法建议。"))
    return warning


def rules_for(user: User) -> QuerySet[WarningRule]:
    scope = scope_of(user)
    qs = WarningRule.objects.select_related("court")
    if scope.superuser:
        return qs
    if not scope.roles & READER_ROLES:
        raise NotPermitted(_("预警规则仅向法院干警和综治干部开放。"))
    return qs.filter(court_id__in=scope.court_ids)


def rule_for(user: User, rule_id: int, *, write: bool = False) -> WarningRule:
    try:
        rule = rules_for(user).filter(pk=rule_id).first()
    except NotPermitted:
        rule = None
    if rule is None:
        raise NotVisible(_("预警规则不存在。"))
    if write and not can_tune_rules(user, rule.court_id):
        raise NotPermitted(_("只有本院管理员可以调整预警规则。"))
    return rule


def can_tune_rules(user: User, court_id: int) -> bool:
    scope = scope_of(user)
    return scope.superuser or court_id in scope.admin_court_ids


def can_flag_incident(user: User) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.roles & (MANAGER_ROLES | {Role.LIAISON}))
