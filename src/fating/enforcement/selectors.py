"""Reads of enforcement, and who may see and do what (docs/permissions.md).

- 执行法官 and 执行员 granted at a court (court level) see and work its enforcement cases
  ("manage"); rulings that close a case otherwise than by payment (终本, 终结执行, 不予执行) and the
  measures against the person (限制消费令, 失信) are the 执行法官's ("decide").
- The court's administrator sees them (the command centre), and works none.
- The applicant who applied and every party with an account see their own case.
- Everyone else: 404. A grant at another court, or another role at this court, gives nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from fating.accounts.models import ENFORCEMENT_ROLES, Role
from fating.accounts.selectors import scope_of
from fating.core.access import obtain, unknown_action
from fating.enforcement.models import (
    Auction,
    Control,
    EnforcementCase,
    InKindSettlement,
    Inquiry,
    LedgerEntry,
)
from fating.enforcement.rules import disposal, stats

READER_ROLES = frozenset({*ENFORCEMENT_ROLES, Role.COURT_ADMIN})
CASE_NOT_FOUND = "执行案件不存在。"
MONEY_IN = (
    LedgerEntry.Kind.DEDUCTION,
    LedgerEntry.Kind.VOLUNTARY,
    LedgerEntry.Kind.AUCTION,
    LedgerEntry.Kind.DIFFERENCE,
)
MONEY_OUT = (LedgerEntry.Kind.PAYOUT, LedgerEntry.Kind.FEE)


def restrict(
    queryset: QuerySet[EnforcementCase], user: Any, action: str = "view"
) -> QuerySet[EnforcementCase]:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    if action == "view":
        own = EnforcementCase.objects.filter(Q(applicant_user=user) | Q(parties__user=user))
        return queryset.filter(
            Q(court_id__in=scope.courts(READER_ROLES)) | Q(pk__in=own.values("pk"))
        )
    if action == "manage":
        return queryset.filter(court_id__in=scope.court_level(ENFORCEMENT_ROLES))
    if action == "decide":
        return queryset.filter(court_id__in=scope.court_level(Role.ENFORCEMENT_JUDGE))
    raise unknown_action(EnforcementCase, action)


def case_for(user: Any, pk: object, action: str = "view") -> EnforcementCase:
    return obtain(
        restrict,
        EnforcementCase.objects.select_related("court", "team", "executor"),
        user,
        pk,
        action,
        missing=CASE_NOT_FOUND,
        refused="只有本院执行法官可以作出该决定。"
        if action == "decide"
        else "只有本院执行人员可以办理。",
    )


AUCTION_NOT_FOUND = "拍卖记录不存在。"


def restrict_auctions(
    queryset: QuerySet[Auction], user: Any, action: str = "view"
) -> QuerySet[Auction]:
    """An auction round is seen by whoever sees its case, recorded by who manages it, and its
    以物抵债 decided by the case's 执行法官."""
    return queryset.filter(case__in=restrict(EnforcementCase.objects.all(), user, action))


def auction_for(user: Any, pk: object, action: str = "view") -> Auction:
    return obtain(
        restrict_auctions, Auction.objects.select_related("case", "case__court", "asset", "appraisal"),
        user, pk, action, missing=AUCTION_NOT_FOUND, refused="只有本院执行人员可以办理。",
    )  # fmt: skip


def current_settlement(auction: Auction) -> InKindSettlement | None:
    """The auction's 以物抵债 waiting or done (a cancelled one is history)."""
    return (
        auction.in_kind_settlements.exclude(status=InKindSettlement.Status.CANCELLED)
        .select_related("payment", "document")
        .first()
    )


def in_kind_terms(
    case: EnforcementCase, auction: Auction, exclude: LedgerEntry | None = None
) -> disposal.InKindTerms:
    """以物抵债's terms from the case's ledger now (rules.disposal.in_kind_terms); `exclude`: a
    settlement's own difference payment, which is not money held for the applicant."""
    totals = ledger_totals(case)
    held = totals["balance"] - (exclude.amount if exclude is not None else Decimal(0))
    return disposal.in_kind_terms(
        value=auction.start_price, owed=case.amount, paid_out=totals["payout"],
        credited_before=totals["in_kind"], held=held,
    )  # fmt: skip


def cases_for(user: Any) -> QuerySet[EnforcementCase]:
    return restrict(EnforcementCase.objects.all(), user).select_related("court", "team")


def ledger_totals(case: EnforcementCase) -> dict[str, Decimal]:
    """Money in, paid out (and pending), fees taken, the balance held for the case, and the debt
    satisfied in kind (以物抵债: no cash, outside the balance)."""
    rows = case.ledger.values("kind").annotate(total=Sum("amount"))
    by_kind = {row["kind"]: row["total"] or Decimal(0) for row in rows}
    money_in = sum((by_kind.get(k, Decimal(0)) for k in MONEY_IN), Decimal(0))
    out = sum((by_kind.get(k, Decimal(0)) for k in MONEY_OUT), Decimal(0))
    paid = case.ledger.filter(kind=LedgerEntry.Kind.PAYOUT, status=LedgerEntry.Status.PAID)
    return {
        "in": money_in,
        "payout": by_kind.get(LedgerEntry.Kind.PAYOUT, Decimal(0)),
        "paid": paid.aggregate(total=Sum("amount"))["total"] or Decimal(0),
        "fee": by_kind.get(LedgerEntry.Kind.FEE, Decimal(0)),
        "balance": money_in - out,
        "in_kind": by_kind.get(LedgerEntry.Kind.IN_KIND, Decimal(0)),
    }


def command_centre(user: Any, today: Any) -> dict[str, Any]:
    """The 执行指挥中心's one screen for the courts the user may see as staff: open cases by team
    and age, the rates, frozen money and auctions. A fixed number of queries."""

    scope = scope_of(user)
    courts = scope.courts(READER_ROLES)
    cases = (
        EnforcementCase.objects.all()
        if scope.superuser
        else EnforcementCase.objects.filter(court_id__in=courts)
    )
    closed_states = ("completed", "terminated", "concluded", "not_enforced")
    rows = list(cases.values("status", "filed_on", "team__name", "amount"))
    open_rows = [r for r in rows if r["status"] not in closed_states]
    by_team: dict[str, dict[str, int]] = {}
    for r in open_rows:
        team = r["team__name"] or "未分案"
        bucket = stats.age_bucket((today - r["filed_on"]).days)
        by_team.setdefault(team, {label: 0 for _, label in stats.AGE_BUCKETS})[bucket] += 1
    count = {s: sum(1 for r in rows if r["status"] == s) for s in closed_states}
    ledger = LedgerEntry.objects.filter(case__in=cases)
    paid = ledger.filter(kind=LedgerEntry.Kind.PAYOUT, status=LedgerEntry.Status.PAID).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)
    applied = sum((r["amount"] for r in rows), Decimal(0))
    frozen = Control.objects.filter(
        case__in=cases, action=Control.Action.FREEZE, status=Control.Status.DONE
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    auctions = Auction.objects.filter(case__in=cases)
    sold = auctions.filter(result=Auction.Result.SOLD)
    return {
        "open": len(open_rows),
        "closed": sum(count.values()),
        "by_team": sorted(by_team.items()),
        "buckets": [label for _, label in stats.AGE_BUCKETS],
        "counts": count,
        "rates": stats.rates(
            open_=len(open_rows),
            completed=count["completed"],
            concluded=count["concluded"],
            other_closed=count["terminated"] + count["not_enforced"],
            paid=paid,
            applied=applied,
        ),
        "paid": paid,
        "frozen": frozen,
        "inquiries": Inquiry.objects.filter(case__in=cases).count(),
        "auctions": auctions.count(),
        "auctions_sold": sold.count(),
        "proceeds": sold.aggregate(total=Sum("price"))["total"] or Decimal(0),
    }


def may_command(user: Any) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.courts(READER_ROLES))


def agreements_to_enforce(user: Any) -> list[Any]:
    """Defaulted, judicially confirmed agreements where the user is owed performance and no
    enforcement case exists yet — each offers 申请强制执行."""
    from fating.disputes.models import Agreement, JudicialConfirmation

    taken = EnforcementCase.objects.filter(confirmation__isnull=False).values("confirmation_id")
    return list(
        Agreement.objects.filter(
            status="defaulted",
            dispute__parties__user=user,
            dispute__parties__role="applicant",
            confirmations__status=JudicialConfirmation.Status.CONFIRMED,
        )
        .exclude(confirmations__pk__in=taken)
        .select_related("dispute")
        .distinct()
    )
