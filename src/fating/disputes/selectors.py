"""Reads of disputes, and who may see and do what (docs/permissions.md).

- a party (or agent) sees the disputes they are a party to or reported;
- a liaison sees their service point's disputes and those they reported;
- a mediator sees disputes assigned to them or their organisation, and delegations to it;
- judges and clerks see their tribunal's disputes; the court administrator the whole court's;
- a department officer (派出所, 司法所, …) sees the disputes handed to their department, and of
  the hand-overs only their own department's;
- a governance officer sees aggregates only (the statistics page), never a single dispute.

Each of these is a grant (role at a place), and a place counts only with the role held there: a
clerk at court B who is a liaison at court A sees court A's disputes as a liaison (its point's),
never as a clerk. `restrict(queryset, user, action)` is the one answer; the `is_*` predicates and
the `*_for` getters are thin wrappers over it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import Scope, scope_of
from fating.core.access import decide, obtain, unknown_action
from fating.core.exceptions import NotPermitted
from fating.disputes.models import (
    Agreement,
    Delegation,
    DepartmentReferral,
    DepartmentWork,
    Dispute,
    DisputeParty,
    JudicialConfirmation,
)

PERSONNEL_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK})
STATISTICS_ROLES = PERSONNEL_ROLES | {Role.GOVERNANCE}
_NOTHING = Q(pk__in=[])


def _staff(scope: Scope) -> Q:
    """Court staff of the dispute: the court's administrator, the tribunal's judges and clerks."""
    return Q(court_id__in=scope.courts(Role.COURT_ADMIN)) | Q(
        tribunal_id__in=scope.tribunals(Role.JUDGE, Role.CLERK)
    )


def _liaison(scope: Scope, user: User) -> Q:
    """The liaison of the dispute's point, or the liaison who reported it."""
    if not scope.holds(Role.LIAISON):
        return _NOTHING
    return Q(service_point_id__in=scope.points(Role.LIAISON)) | Q(reporter=user)


def _mediator(scope: Scope, user: User) -> Q:
    """The assigned mediator, or a mediator of the assigned organisation."""
    if not scope.holds(Role.MEDIATOR):
        return _NOTHING
    return Q(mediator__user=user) | Q(organisation_id__in=scope.organisations(Role.MEDIATOR))


def _department(scope: Scope) -> Q:
    """A department officer of a department the dispute was handed to (at any time)."""
    departments = scope.departments(Role.DEPARTMENT_OFFICER)
    if not departments:
        return _NOTHING
    return Q(referrals__department_id__in=departments)


def _dispute_condition(scope: Scope, user: User, action: str) -> Q:
    if action in ("view", "handing"):
        delegated = _NOTHING
        if scope.holds(Role.MEDIATOR):
            delegated = Q(delegations__organisation_id__in=scope.organisations(Role.MEDIATOR))
        seen = (
            Q(reporter=user) | Q(parties__user=user) | _staff(scope) | _liaison(scope, user)
            | _mediator(scope, user) | delegated
        )  # fmt: skip
        # "handing": seen otherwise than as the department it was handed to
        return seen if action == "handing" else seen | _department(scope)
    if action == "hand_over":
        return _staff(scope) | _liaison(scope, user)
    if action == "department":
        return _department(scope)
    if action == "staff":
        return _staff(scope)
    if action == "judge":
        return Q(tribunal_id__in=scope.tribunals(Role.JUDGE))
    if action == "liaison":
        return _liaison(scope, user)
    if action == "mediator":
        return _mediator(scope, user)
    if action in ("manage", "change"):
        return _staff(scope) | _mediator(scope, user) | _liaison(scope, user)
    raise unknown_action(Dispute, action)


# Models reached through their dispute, and the path to it.
_THROUGH = {
    Delegation: "dispute",
    Agreement: "dispute",
    DisputeParty: "dispute",
    JudicialConfirmation: "agreement__dispute",
}


def restrict(queryset: QuerySet, user: User, action: str = "view") -> QuerySet:
    """The rows of `queryset` that `user` may `action`.

    Disputes: "view"; "handing" (seen other than as its department); "hand_over" (may hand it
    to a department: court staff or its liaison); "department" (handed to the user's
    department); "staff" (court staff of it), "judge" (a judge of its tribunal), "liaison"
    (its point's liaison or reporter), "mediator" (assigned), "manage" (runs the mediation: staff,
    assigned mediator or liaison). Delegations, agreements, parties and confirmations follow
    their dispute.
    """
    model = queryset.model
    if model is DepartmentReferral:
        return _restrict_referrals(queryset, user, action)
    if model is DepartmentWork:
        return queryset.filter(referral__in=_restrict_referrals(
            DepartmentReferral.objects.all(), user, action))  # fmt: skip
    if model in _THROUGH:
        return queryset.filter(
            **{f"{_THROUGH[model]}__in": restrict(Dispute.objects.all(), user, action)}
        )
    if model is not Dispute:
        raise unknown_action(model, action)
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    scope = scope_of(user)
    condition = _dispute_condition(scope, user, action)
    if scope.superuser:
        return queryset
    return queryset.filter(pk__in=Dispute.objects.filter(condition).values("pk"))


def _restrict_referrals(queryset: QuerySet, user: User, action: str) -> QuerySet:
    """Hand-overs to departments. "view": the department's own officers, and whoever sees the
    dispute otherwise (the handing liaison, court staff, …) — an officer of another department
    the same dispute went to does not see this one; "work" (accept, record, return): the
    department's own officers only."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    scope = scope_of(user)
    if scope.superuser:
        return queryset
    mine = Q(department_id__in=scope.departments(Role.DEPARTMENT_OFFICER))
    if action == "work":
        return queryset.filter(mine)
    if action == "view":
        handing = restrict(Dispute.objects.all(), user, "handing").values("pk")
        return queryset.filter(mine | Q(dispute_id__in=handing))
    raise unknown_action(DepartmentReferral, action)


def referral_for(user: User, referral_id: object, action: str = "view") -> DepartmentReferral:
    qs = DepartmentReferral.objects.select_related(
        "dispute__tribunal", "dispute__court", "department", "handed_by", "accepted_by"
    )
    return obtain(restrict, qs, user, referral_id, action, missing=_("部门联动记录不存在。"),
                  refused=_("只有该部门的工作人员可以办理。"))  # fmt: skip


def department_queue(user: User, *, open_only: bool = False) -> QuerySet[DepartmentReferral]:
    """Hand-overs to the user's departments: waiting first, then in hand by deadline, then the
    ones ended, newest first."""
    from django.db.models import Case, IntegerField, Value, When

    qs = restrict(DepartmentReferral.objects.all(), user, "work").select_related(
        "dispute", "department", "handed_by"
    )
    if not scope_of(user).superuser:
        qs = qs.filter(department_id__in=scope_of(user).departments(Role.DEPARTMENT_OFFICER))
    if open_only:
        qs = qs.filter(status__in=[DepartmentReferral.Status.PENDING,
                                   DepartmentReferral.Status.ACCEPTED])  # fmt: skip
    order = Case(
        When(status=DepartmentReferral.Status.PENDING, then=Value(0)),
        When(status=DepartmentReferral.Status.ACCEPTED, then=Value(1)),
        default=Value(2), output_field=IntegerField(),
    )  # fmt: skip
    return qs.annotate(_order=order).order_by("_order", "due_on", "accept_by", "-created_at")


def has_department_queue(user: User) -> bool:
    """Whether the user works for a 部门联动 department (the link to its queue)."""
    return bool(scope_of(user).departments(Role.DEPARTMENT_OFFICER))


def may_hand_over(user: User, dispute: Dispute) -> bool:
    return _may(user, dispute, "hand_over")


def disputes_for(user: User) -> QuerySet[Dispute]:
    qs = Dispute.objects.select_related("tribunal", "service_point", "area", "court")
    return restrict(qs, user, "view")


def dispute_for(user: User, dispute_id: int, action: str = "view") -> Dispute:
    qs = Dispute.objects.select_related(
        "tribunal", "service_point", "area", "court", "organisation", "mediator"
    )
    return obtain(restrict, qs, user, dispute_id, action, missing=_("纠纷不存在。"),
                  refused=_("您无权办理此纠纷。"))  # fmt: skip


# Answers remembered while one read-only question runs (`remembering`): a dispute page asks the
# same "may this person…" many times, once per action it could offer. Never active across a
# write, so a grant or an assignment that changes is always seen.
_MAY_MEMO: ContextVar[dict[tuple[Any, int, str], bool] | None] = ContextVar(
    "_may_memo", default=None
)


@contextmanager
def remembering() -> Iterator[None]:
    token = _MAY_MEMO.set({})
    try:
        yield
    finally:
        _MAY_MEMO.reset(token)


def _may(user: User, dispute: Dispute, action: str) -> bool:
    memo = _MAY_MEMO.get()
    key = (getattr(user, "pk", None), dispute.pk, action)
    if memo is not None and key in memo:
        return memo[key]
    answer = _decided(user, dispute, action) if memo is not None else None
    if answer is None:
        answer = restrict(Dispute.objects.filter(pk=dispute.pk), user, action).exists()
    if memo is not None:
        memo[key] = answer
    return answer


def _decided(user: User, dispute: Dispute, action: str) -> bool | None:
    """The answer from the loaded row and the user's grants, when the rule's condition can be told
    without the database (a judge of the tribunal, the point's liaison…); None otherwise. Only on
    a read (`remembering`), where the row was just read under the same rule."""
    if not getattr(user, "is_authenticated", False):
        return False
    scope = scope_of(user)
    if scope.superuser:
        return True
    return decide(_dispute_condition(scope, user, action), dispute)


def can_view_dispute(user: User, dispute: Dispute) -> bool:
    return _may(user, dispute, "view")


def sees_otherwise_than_as_department(user: User, dispute: Dispute) -> bool:
    """Sees the dispute other than as a department it was handed to ("handing")."""
    return _may(user, dispute, "handing")


def is_court_staff(user: User, dispute: Dispute) -> bool:
    """Judges and clerks of the dispute's tribunal, or the court administrator."""
    return _may(user, dispute, "staff")


def is_judge(user: User, dispute: Dispute) -> bool:
    return _may(user, dispute, "judge")


def is_point_liaison(user: User, dispute: Dispute) -> bool:
    return _may(user, dispute, "liaison")


def is_assigned_mediator(user: User, dispute: Dispute) -> bool:
    return _may(user, dispute, "mediator")


def prefetched(instance: Any, related: str) -> bool:
    """Whether `related` of `instance` was read ahead (the dispute page's prefetch): its rows are
    then asked in memory, otherwise with a query of their own (the write paths, fresh rows)."""
    return related in getattr(instance, "_prefetched_objects_cache", {})


def party_of(user: User, dispute: Dispute) -> DisputeParty | None:
    if prefetched(dispute, "parties"):  # the detail page's read
        return next((p for p in dispute.parties.all() if p.user_id == user.pk), None)
    return dispute.parties.filter(user=user).first()


def require(allowed: bool, message: str) -> None:
    """Refuse with 403: the caller already established that the user can see the dispute."""
    if not allowed:
        raise NotPermitted(message)


def can_manage_mediation(user: User, dispute: Dispute) -> bool:
    """Those who run the mediation at the current tier."""
    return _may(user, dispute, "manage")


def can_manage_dispute(user: User, dispute: Dispute) -> bool:
    """The documents registry's "manage" question (same as running the mediation)."""
    return can_manage_mediation(user, dispute)


def delegation_for(user: User, delegation_id: int) -> Delegation:
    qs = Delegation.objects.select_related("dispute", "organisation", "mediator")
    return obtain(restrict, qs, user, delegation_id, missing=_("委派调解记录不存在。"))


def agreement_for(user: User, agreement_id: int) -> Agreement:
    qs = Agreement.objects.select_related("dispute")
    return obtain(restrict, qs, user, agreement_id, missing=_("调解协议不存在。"))


def confirmation_for(user: User, confirmation_id: int) -> JudicialConfirmation:
    qs = JudicialConfirmation.objects.select_related("agreement__dispute")
    return obtain(restrict, qs, user, confirmation_id, missing=_("司法确认申请不存在。"))


def mediator_queue(user: User) -> QuerySet[Delegation]:
    """Delegations waiting for or handled by the user's organisations (where they are a
    mediator), soonest deadline first; empty for everyone else."""
    scope = scope_of(user)
    return (
        Delegation.objects.filter(
            organisation_id__in=scope.organisations(Role.MEDIATOR),
            status__in=[Delegation.Status.PENDING, Delegation.Status.ACCEPTED],
        )
        .select_related("dispute", "organisation")
        .order_by("due_at", "accept_by")
    )


def has_delegation_queue(user: User) -> bool:
    """Whether the user mediates for an organisation (the link to the delegation queue)."""
    return bool(scope_of(user).organisations(Role.MEDIATOR))


def can_see_statistics(user: User) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.courts(STATISTICS_ROLES))


def statistics_courts(user: User) -> frozenset[int]:
    """The courts whose statistics the user reads: where they are court personnel or a
    governance officer."""
    if not can_see_statistics(user):
        raise NotPermitted(_("统计数据仅向法院与综治工作人员开放。"))
    return scope_of(user).courts(STATISTICS_ROLES)


def statistics_view(user: User) -> tuple[frozenset[int] | None, bool]:
    """(courts, suppress small cells): None for all courts (superuser); small cells are
    suppressed when some court shown is read only as a governance officer there."""
    courts = statistics_courts(user)
    scope = scope_of(user)
    if scope.superuser:
        return None, False
    return courts, bool(courts - scope.courts(PERSONNEL_ROLES))


def may_report(user: User) -> bool:
    """Who may report a dispute (the report page and `report_dispute` ask the same)."""
    scope = scope_of(user)
    return scope.holds(Role.LIAISON, Role.PARTY, Role.AGENT) or scope.is_court_personnel


def aggregates_only(user: User) -> bool:
    """A governance officer who holds no court role sees statistics, never single disputes."""
    scope = scope_of(user)
    return scope.holds(Role.GOVERNANCE) and not scope.is_court_personnel


def judge_queue(user: User) -> dict[str, QuerySet]:
    """What waits for a judge: booking requests, confirmations to accept and to decide."""
    from fating.disputes.models import JudgeBooking

    scope = scope_of(user)
    if not scope.holds(Role.JUDGE):
        return {}
    return {
        "bookings": JudgeBooking.objects.filter(judge=user, status=JudgeBooking.Status.REQUESTED)
        .select_related("dispute")
        .order_by("starts_at"),
        "to_accept": JudicialConfirmation.objects.filter(
            agreement__dispute__tribunal_id__in=scope.tribunals(Role.JUDGE),
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
