"""Reads of the notices, property reports, the 执行事务中心's queue and the monthly reconciliation
(docs/permissions.md, "enforcement").

- Tasks: the court's 执行法官 and 执行员 (court-level grants) see and work its queue ("manage");
  the court's administrator sees it ("view"); nobody else, not even a party (404).
- Reports and flags: whoever sees the case sees them (selectors.restrict); the respondent with an
  account reports for itself ("report").
- Reconciliation: the court's enforcement staff and administrator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from fating.accounts.models import ENFORCEMENT_ROLES
from fating.accounts.selectors import scope_of
from fating.core.access import obtain, unknown_action
from fating.enforcement import selectors
from fating.enforcement.models import (
    CentreTask,
    Control,
    EnforcementCase,
    EnforcementParty,
    LedgerEntry,
    PropertyReport,
    SanctionFlag,
)
from fating.enforcement.rules import notices
from fating.network.models import Court

TASK_NOT_FOUND = "执行事务不存在。"


def restrict_tasks(
    queryset: QuerySet[CentreTask], user: Any, action: str = "view"
) -> QuerySet[CentreTask]:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    if action == "view":
        return queryset.filter(court_id__in=scope.courts(selectors.READER_ROLES))
    if action == "manage":
        return queryset.filter(court_id__in=scope.court_level(*ENFORCEMENT_ROLES))
    raise unknown_action(CentreTask, action)


def task_for(user: Any, pk: object, action: str = "view") -> CentreTask:
    return obtain(
        restrict_tasks, CentreTask.objects.select_related("case", "claimed_by"), user, pk, action,
        missing=TASK_NOT_FOUND, refused="只有本院执行人员可以办理执行事务。",
    )  # fmt: skip


def may_see_centre(user: Any) -> bool:
    return selectors.may_command(user)


def queue(user: Any, *, status: str = "", kind: str = "", limit: int = 300) -> list[CentreTask]:
    """The court's tasks, open first then the most recent, with the case and claimant."""
    qs = restrict_tasks(CentreTask.objects.all(), user).select_related("case", "claimed_by")
    if status in notices.CENTRE_TASK.states:
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(status__in=notices.OPEN_TASKS)
    if kind in notices.TASK_KINDS:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("created_at", "pk")[:limit])


def queue_counts(user: Any, today: dt.date | None = None) -> dict[str, Any]:
    """Counts by kind and state, and the open tasks by age (two queries)."""
    today = today or timezone.localdate()
    qs = restrict_tasks(CentreTask.objects.all(), user)
    by: dict[str, dict[str, int]] = {k: {s: 0 for s in notices.CENTRE_TASK.states}
                                     for k in notices.TASK_KINDS}  # fmt: skip
    ages = {label: 0 for _, label in notices.AGE_BUCKETS}
    for kind, status, created in qs.values_list("kind", "status", "created_at"):
        by[kind][status] += 1
        if status in notices.OPEN_TASKS:
            days = (today - timezone.localtime(created).date()).days
            ages[notices.task_age_bucket(days)] += 1
    return {"by_kind": by, "ages": ages, "open": sum(ages.values())}


def age_days(task: CentreTask, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return (today - timezone.localtime(task.created_at).date()).days


def respondent_of(user: Any, case: EnforcementCase) -> EnforcementParty | None:
    """The respondent party the user is (reports for itself), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return case.parties.filter(role=EnforcementParty.Role.RESPONDENT, user=user).first()


def reports_of(case: EnforcementCase) -> QuerySet[PropertyReport]:
    return case.reports.select_related("party", "recorded_by").order_by("pk")


def flags_of(case: EnforcementCase) -> QuerySet[SanctionFlag]:
    return case.flags.select_related("party", "asset", "decided_by", "measure").order_by("pk")


FLAG_NOT_FOUND = "标记不存在。"


def restrict_flags(
    queryset: QuerySet[SanctionFlag], user: Any, action: str = "view"
) -> QuerySet[SanctionFlag]:
    """A flag is seen by the case's enforcement staff ("manage": the flags are not shown to the
    parties) and decided by its 执行法官 ("decide")."""
    if action not in ("view", "decide"):
        raise unknown_action(SanctionFlag, action)
    allowed = selectors.restrict(
        EnforcementCase.objects.all(), user, "manage" if action == "view" else "decide"
    )
    return queryset.filter(case__in=allowed)


def flag_for(user: Any, pk: object, action: str = "view") -> SanctionFlag:
    return obtain(
        restrict_flags, SanctionFlag.objects.select_related("case", "party"), user, pk, action,
        missing=FLAG_NOT_FOUND, refused="只有本院执行法官可以对标记作出决定。",
    )  # fmt: skip


def cases_to_report(user: Any) -> QuerySet[EnforcementCase]:
    """Cases where the user is a respondent with an account: its 报告财产 page."""
    return selectors.cases_for(user).filter(
        parties__user=user, parties__role=EnforcementParty.Role.RESPONDENT
    )


# -- reconciliation 执行款月度对账 -------------------------------------------------------------


def reconciliation_courts(user: Any) -> QuerySet[Court]:
    scope = scope_of(user)
    if scope.superuser:
        return Court.objects.all()
    return Court.objects.filter(pk__in=scope.courts(selectors.READER_ROLES))


def reconciliation(court: Court, month: str) -> dict[str, Any]:
    """The court's month (ValueError for a bad month): per case the balance held at the start,
    money in, paid out, pending, fees, the balance at the end and what does not add up; the
    totals. Three queries whatever the number of cases."""
    first, after = notices.month_bounds(month)
    entries = (
        LedgerEntry.objects.filter(case__court=court, created_at__date__lt=after)
        .exclude(kind=LedgerEntry.Kind.IN_KIND)  # 以物抵债 credits the debt; no cash moves
        .values_list("case_id", "kind", "amount", "status", "created_at", "paid_at", "bank_ref")
    )  # fmt: skip
    lines: dict[int, list[notices.LedgerLine]] = {}
    for case_id, kind, amount, status, created, paid, ref in entries:
        lines.setdefault(case_id, []).append(notices.LedgerLine(
            kind, amount, status, timezone.localtime(created).date(),
            timezone.localtime(paid).date() if paid else None, ref))  # fmt: skip
    done = dict(
        Control.objects.filter(
            case__court=court, action=Control.Action.DEDUCT, status=Control.Status.DONE,
            created_at__date__lt=after,
        ).values("case_id").annotate(total=Sum("amount")).values_list("case_id", "total")
    )  # fmt: skip
    cases = EnforcementCase.objects.filter(Q(pk__in=lines) | Q(pk__in=done)).order_by("pk")
    rows = []
    for case in cases.only("pk", "case_number", "amount", "fee"):
        result = notices.reconcile_case(
            lines.get(case.pk, []), first=first, after=after, owed=case.amount,
            fee_due=case.fee, deductions_done=done.get(case.pk) or Decimal(0),
        )  # fmt: skip
        rows.append({"case": case, "m": result})
    keys = ("opening", "money_in", "paid_out", "pending", "fees", "closing")
    totals = {k: sum((getattr(r["m"], k) for r in rows), notices.ZERO) for k in keys}
    return {
        "court": court, "month": month, "first": first, "after": after, "rows": rows,
        "totals": totals, "problems": sum(1 for r in rows if r["m"].problems),
    }  # fmt: skip
