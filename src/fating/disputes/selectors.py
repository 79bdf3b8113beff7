"""Reads of disputes, and who may see and do what (docs/permissions.md).

- a party (or agent) sees the disputes they are a party to or reported;
- a liaison sees their service point's disputes and those they reported;
- a mediator sees disputes assigned to them or their organisation, and delegations to it;
- judges and clerks see their tribunal's disputes; the court administrator the whole court's;
- a governance officer sees aggregates only (the statistics page), never a single dispute.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of
from fating.core.exceptions import NotPermitted, NotVisible
from fating.disputes.models import (
    Agreement,
    Delegation,
    Dispute,
    DisputeParty,
    JudicialConfirmation,
)


def disputes_for(user: User) -> QuerySet[Dispute]:
    scope = scope_of(user)
    qs = Dispute.objects.select_related("tribunal", "service_point", "area", "court")
    if not user.is_authenticated:
        return qs.none()
    if scope.superuser:
        return qs
    condition = Q(reporter=user) | Q(parties__user=user)
    if scope.admin_court_ids:
        condition |= Q(court_id__in=scope.admin_court_ids)
    if scope.roles & {Role.JUDGE, Role.CLERK}:
        condition |= Q(tribunal_id__in=scope.tribunal_ids)
    if Role.LIAISON in scope.roles:
        condition |= Q(service_point_id__in=scope.service_point_ids)
    if Role.MEDIATOR in scope.roles:
        condition |= (
            Q(mediator__user=user)
            | Q(organisation_id__in=scope.organisation_ids)
            | Q(delegations__organisation_id__in=scope.organisation_ids)
        )
    return qs.filter(pk__in=Dispute.objects.filter(condition).values("pk"))


def dispute_for(user: User, dispute_id: int) -> Dispute:
    dispute = disputes_for(user).filter(pk=dispute_id).first()
    if dispute is None:
        raise NotVisible("纠纷不存在。")
    return dispute


def is_court_staff(user: User, dispute: Dispute) -> bool:
    """Judges and clerks of the dispute's tribunal, or the court administrator."""
    scope = scope_of(user)
    if scope.superuser or dispute.court_id in scope.admin_court_ids:
        return True
    return (
        bool(scope.roles & {Role.JUDGE, Role.CLERK}) and dispute.tribunal_id in scope.tribunal_ids
    )


def is_judge(user: User, dispute: Dispute) -> bool:
    scope = scope_of(user)
    return scope.superuser or (
        Role.JUDGE in scope.roles and dispute.tribunal_id in scope.tribunal_ids
    )


def is_point_liaison(user: User, dispute: Dispute) -> bool:
    scope = scope_of(user)
    return Role.LIAISON in scope.roles and (
        dispute.service_point_id in scope.service_point_ids or dispute.reporter_id == user.pk
    )


def is_assigned_mediator(user: User, dispute: Dispute) -> bool:
    scope = scope_of(user)
    if Role.MEDIATOR not in scope.roles:
        return False
    if dispute.mediator_id and dispute.mediator.user_id == user.pk:
        return True
    return dispute.organisation_id in scope.organisation_ids


def party_of(user: User, dispute: Dispute) -> DisputeParty | None:
    return dispute.parties.filter(user=user).first()


def require(allowed: bool, message: str) -> None:
    """Refuse with 403: the caller already established that the user can see the dispute."""
    if not allowed:
        raise NotPermitted(message)


def can_manage_mediation(user: User, dispute: Dispute) -> bool:
    """Those who run the mediation at the current tier."""
    return (
        is_court_staff(user, dispute)
        or is_assigned_mediator(user, dispute)
        or is_point_liaison(user, dispute)
    )


def delegation_for(user: User, delegation_id: int) -> Delegation:
    delegation = (
        Delegation.objects.select_related("dispute", "organisation", "mediator")
        .filter(dispute__in=disputes_for(user), pk=delegation_id)
        .first()
    )
    if delegation is None:
        raise NotVisible("委派调解记录不存在。")
    return delegation


def agreement_for(user: User, agreement_id: int) -> Agreement:
    agreement = (
        Agreement.objects.select_related("dispute")
        .filter(dispute__in=disputes_for(user), pk=agreement_id)
        .first()
    )
    if agreement is None:
        raise NotVisible("调解协议不存在。")
    return agreement


def confirmation_for(user: User, confirmation_id: int) -> JudicialConfirmation:
    item = (
        JudicialConfirmation.objects.select_related("agreement__dispute")
        .filter(agreement__dispute__in=disputes_for(user), pk=confirmation_id)
        .first()
    )
    if item is None:
        raise NotVisible("司法确认申请不存在。")
    return item


def mediator_queue(user: User) -> QuerySet[Delegation]:
    """Delegations waiting for or handled by the user's organisations, soonest deadline first."""
    scope = scope_of(user)
    return (
        Delegation.objects.filter(
            organisation_id__in=scope.organisation_ids,
            status__in=[Delegation.Status.PENDING, Delegation.Status.ACCEPTED],
        )
        .select_related("dispute", "organisation")
        .order_by("due_at", "accept_by")
    )


def can_see_statistics(user: User) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(
        scope.roles & {Role.COURT_ADMIN, Role.JUDGE, Role.CLERK, Role.GOVERNANCE}
    )


def statistics_courts(user: User) -> frozenset[int]:
    scope = scope_of(user)
    if not can_see_statistics(user):
        raise NotPermitted("统计数据仅向法院与综治工作人员开放。")
    return scope.court_ids


def judge_queue(user: User) -> dict[str, QuerySet]:
    """What waits for a judge: booking requests, confirmations to accept and to decide."""
    from fating.disputes.models import JudgeBooking

    scope = scope_of(user)
    if Role.JUDGE not in scope.roles:
        return {}
    return {
        "bookings": JudgeBooking.objects.filter(judge=user, status=JudgeBooking.Status.REQUESTED)
        .select_related("dispute")
        .order_by("starts_at"),
        "to_accept": JudicialConfirmation.objects.filter(
            agreement__dispute__tribunal_id__in=scope.tribunal_ids,
            status=JudicialConfirmation.Status.APPLIED,
            filed=True,
        )
        .select_related("agreement__dispute")
        .order_by("applied_at"),
        "to_decide": JudicialConfirmation.objects.filter(
            judge=user, status=JudicialConfirmation.Status.ACCEPTED
        )
        .select_related("agreement__dispute")
        .order_by("decision_due"),
    }


def booking_clash(
    judge: User, starts_at: object, ends_at: object, *, exclude: int | None = None
) -> object | None:
    """An accepted on-site booking of `judge` overlapping the given time (for calendar checks)."""
    from fating.disputes.models import JudgeBooking

    return (
        JudgeBooking.objects.filter(
            judge=judge,
            status=JudgeBooking.Status.ACCEPTED,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        .exclude(pk=exclude)
        .order_by("starts_at")
        .first()
    )
