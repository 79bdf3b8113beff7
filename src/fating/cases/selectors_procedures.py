"""Reads of the special procedures: divorce pre-filings (离婚预立案、冷静期) and investigation orders
(律师调查令), and who may see and change what (docs/permissions.md, "Special procedures").

Divorce pre-filing: the applicant sees their own and may withdraw it; the clerks, judges and
administrators of its court see it; the clerks and judges of the court set the cooling-off,
record mediation and return visits, and record the outcome (reconciled, withdrawn, filed).
Investigation order: whoever sees the case sees its orders; the agent who filed the case for a
party (filer capacity 代理人, holding the agent role) applies and records the holder's answer;
the judges of the case's court issue or refuse. Everyone else: 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.cases import selectors
from fating.cases.models import Case, DivorcePreFiling, Filing, InvestigationOrder
from fating.cases.rules import procedures as rules
from fating.core.access import obtain, unknown_action

STAFF = frozenset({Role.CLERK, Role.JUDGE})
READERS = STAFF | {Role.COURT_ADMIN}
ANSWERED = (InvestigationOrder.Answer.PROVIDED, InvestigationOrder.Answer.PARTIAL)


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """DivorcePreFiling: "view", "withdraw" (applicant or staff), "manage" (clerks and judges of
    its court). InvestigationOrder: "view" (who sees the case), "decide" (judges of the case's
    court), "answer" (the applying agent)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return queryset.none()
    scope = scope_of(user)
    model = queryset.model
    if model is DivorcePreFiling:
        if scope.superuser:
            return queryset
        mine = Q(applicant=user)
        condition = {
            "view": mine | Q(court_id__in=scope.courts(READERS)),
            "withdraw": mine | Q(court_id__in=scope.courts(STAFF)),
            "manage": Q(court_id__in=scope.courts(STAFF)),
        }.get(action)
        if condition is None:
            raise unknown_action(model, action)
        return queryset.filter(condition)
    if model is InvestigationOrder:
        if action == "view":
            return queryset.filter(case__in=selectors.restrict(Case.objects.all(), user, "view"))
        if action == "answer":
            return queryset.filter(applicant=user)
        if action == "decide":
            if scope.superuser:
                return queryset
            return queryset.filter(court_id__in=scope.courts(Role.JUDGE))
        raise unknown_action(model, action)
    raise unknown_action(model, action)


DIVORCE_MISSING = "离婚预立案不存在或无权查看。"
ORDER_MISSING = "调查令不存在或无权查看。"


def divorce_for(user: User, pk: object, *, action: str = "view") -> DivorcePreFiling:
    qs = DivorcePreFiling.objects.select_related("court", "tribunal", "case")
    refused = (
        "只有申请人或本院的法官、法官助理可以撤回。"
        if action == "withdraw"
        else "只有本院的法官、法官助理可以办理离婚预立案。"
    )
    return obtain(restrict, qs, user, pk, action, missing=DIVORCE_MISSING, refused=refused)


def order_for(user: User, pk: object, *, action: str = "view") -> InvestigationOrder:
    qs = InvestigationOrder.objects.select_related("case", "court")
    refused = (
        "只有申请调查令的代理人可以记录回复。"
        if action == "answer"
        else "只有本院法官可以签发或不予签发调查令。"
    )
    return obtain(restrict, qs, user, pk, action, missing=ORDER_MISSING, refused=refused)


def divorces_for(user: User) -> QuerySet[DivorcePreFiling]:
    return restrict(DivorcePreFiling.objects.all(), user, "view").select_related("court")


def may_manage_divorces(user: User) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.courts(STAFF))


def can_manage_divorce(user: User, prefiling: DivorcePreFiling) -> bool:
    return restrict(DivorcePreFiling.objects.filter(pk=prefiling.pk), user, "manage").exists()


def can_withdraw_divorce(user: User, prefiling: DivorcePreFiling) -> bool:
    return restrict(DivorcePreFiling.objects.filter(pk=prefiling.pk), user, "withdraw").exists()


def may_prefile_divorce(user: User) -> bool:
    """Parties pre-file for themselves (an agent files the formal suit through 网上立案)."""
    scope = scope_of(user)
    return scope.superuser or scope.holds(Role.PARTY)


def cooling_queue(user: User, *, today: date) -> list[tuple[DivorcePreFiling, int | None]]:
    """The live pre-filings of the courts where `user` is a clerk or judge, cooling-offs first
    by their last day, with the days left (None while no cooling-off is set)."""
    qs = restrict(DivorcePreFiling.objects.all(), user, "manage").filter(
        status__in=rules.DIVORCE_LIVE
    )
    rows = [
        (p, None if p.cooling_until is None else rules.days_left(p.cooling_until, today))
        for p in qs.select_related("court").order_by("cooling_until", "prefiled_on", "pk")
    ]
    return sorted(rows, key=lambda row: (row[1] is None, row[1] or 0))


def divorce_counts(court: Any, since: date | None, until: date | None) -> rules.DivorceCounts:
    """The seeds' counts for the applications pre-filed at `court` between `since` and `until`
    (both days included; open ends when None): pre-filed, filed, withdrawn, reconciled, pending,
    and 撤回和好率. For the analytics roll-up (no access check: the caller decides who reads)."""
    qs = DivorcePreFiling.objects.filter(court=court)
    if since is not None:
        qs = qs.filter(prefiled_on__gte=since)
    if until is not None:
        qs = qs.filter(prefiled_on__lte=until)
    return rules.divorce_counts(list(qs.values_list("status", flat=True)))


def investigation_counts(
    court: Any, since: date | None, until: date | None
) -> rules.InvestigationCounts:
    """Orders of `court`: applied (by application day), issued in the window, and of those the
    ones the holder answered (provided all or part) or refused."""
    applied = InvestigationOrder.objects.filter(court=court)
    issued = InvestigationOrder.objects.filter(court=court, issued_on__isnull=False)
    if since is not None:
        applied = applied.filter(applied_at__date__gte=since)
        issued = issued.filter(issued_on__gte=since)
    if until is not None:
        applied = applied.filter(applied_at__date__lte=until)
        issued = issued.filter(issued_on__lte=until)
    answers = list(issued.values_list("answer", flat=True))
    return rules.InvestigationCounts(
        applied=applied.count(),
        issued=len(answers),
        answered=sum(1 for a in answers if a in ANSWERED),
        holder_refused=answers.count(InvestigationOrder.Answer.REFUSED),
    )


def stat_courts(user: User) -> list[int]:
    """Courts whose special-procedure counts `user` reads: its clerks, judges, administrators."""
    scope = scope_of(user)
    return sorted(scope.courts(READERS))


def can_apply_investigation(user: User, case: Case) -> bool:
    """The agent who filed the case for a party (and holds the agent role) applies."""
    if not getattr(user, "is_authenticated", False) or case.status != Case.Status.OPEN:
        return False
    filing = case.filing
    return (
        filing.filer_id == user.pk
        and filing.filer_capacity == Filing.FilerCapacity.AGENT
        and scope_of(user).holds(Role.AGENT)
    )


def orders_of(user: User, case: Case) -> QuerySet[InvestigationOrder]:
    return restrict(InvestigationOrder.objects.filter(case=case), user, "view").order_by("pk")


def can_decide_orders(user: User, case: Case) -> bool:
    scope = scope_of(user)
    return scope.superuser or case.court_id in scope.courts(Role.JUDGE)
