"""Reads of appraisals and neutral evaluations, and who may see and do what (docs/permissions.md,
"Appraisal and neutral evaluation").

Appraisal (鉴定) — everything follows its case (cases.selectors.restrict):
- "view": whoever sees the case (its parties and their agents on the platform, the court's
  staff, the tribunal's judges);
- "apply" and "object": a party of the case on the platform (the filer, or a party whose account
  it is: the agent who holds a party's account included);
- "decide" (grant, refuse, commission on its own motion, commission, summon the appraiser): the
  judges of the case's court;
- "record" (the fee advanced, the report received into the dossier): its judges and clerks.
Neutral evaluation (中立评估):
- "view": whoever sees its dispute or case, and the evaluator;
- "appoint"/"withdraw" ("manage"): the court staff of the dispute (or the mediator running it),
  or the judges and clerks of the case's court;
- "issue": the evaluator's own account;
- "acknowledge": a party of the dispute or case whose account it is.
Everyone else — a governance officer, a liaison of another place, the other court — gets 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.cases import selectors as case_selectors
from fating.cases.models import Case
from fating.core.access import obtain, unknown_action
from fating.disputes import selectors as dispute_selectors
from fating.disputes.models import Dispute
from fating.evaluation import rules
from fating.evaluation.models import (
    Appraisal,
    AppraisalObjection,
    EvaluationAcknowledgement,
    NeutralEvaluation,
)
from fating.network.models import Mediator

NOT_FOUND = gettext_noop("鉴定不存在。")
EVAL_NOT_FOUND = gettext_noop("中立评估不存在。")
REFUSALS = {
    "apply": gettext_noop("只有本案当事人可以申请鉴定。"),
    "object": gettext_noop("只有本案当事人可以对鉴定意见提出异议。"),
    "decide": gettext_noop("只有本院法官可以决定鉴定事项。"),
    "record": gettext_noop("只有本院法官、法官助理可以登记鉴定费用和鉴定书。"),
    "manage": gettext_noop("只有承办的法官、法官助理或调解员可以选任或撤回中立评估。"),
    "issue": gettext_noop("只有评估人可以出具评估意见。"),
    "acknowledge": gettext_noop("只有当事人本人可以确认阅知。"),
}
APPRAISAL_ACTIONS = ("view", "apply", "object", "decide", "record")
EVAL_ACTIONS = ("view", "manage", "issue", "acknowledge")
MEDIATING_DISPUTE = ("village", "joint", "delegated")
SETTLED_DISPUTE = ("agreed", "resolved")


def _party_cases(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(Q(filing__filer=user) | Q(filing__parties__user=user))


def _cases(user: Any, action: str) -> QuerySet[Case]:
    """The cases on which `user` may take an appraisal `action`."""
    if action == "view":
        return case_selectors.restrict(Case.objects.all(), user, "view")
    if action in ("apply", "object"):
        return _party_cases(user)
    scope = scope_of(user)
    roles = (Role.JUDGE,) if action == "decide" else (Role.JUDGE, Role.CLERK)
    if scope.superuser:
        return Case.objects.all()
    return Case.objects.filter(court_id__in=scope.courts(*roles))


def _evaluation_condition(user: Any, action: str) -> Q:
    if action == "issue":
        return Q(evaluator__user=user)
    if action == "acknowledge":
        return Q(dispute__parties__user=user) | Q(case__filing__parties__user=user)
    dispute_action = "view" if action == "view" else "staff"
    disputes = dispute_selectors.restrict(Dispute.objects.all(), user, dispute_action)
    if action == "manage":
        disputes = disputes | dispute_selectors.restrict(Dispute.objects.all(), user, "mediator")
    case_action = "view" if action == "view" else "manage"
    cases = case_selectors.restrict(Case.objects.all(), user, case_action)
    q = Q(dispute__in=disputes.values("pk")) | Q(case__in=cases.values("pk"))
    return q | Q(evaluator__user=user) if action == "view" else q


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """Appraisal: "view", "apply", "object", "decide", "record" (AppraisalObjection: "view").
    NeutralEvaluation: "view", "manage", "issue", "acknowledge" (acknowledgements: "view")."""
    model = queryset.model
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return queryset.none()
    if model is AppraisalObjection:
        if action != "view":
            raise unknown_action(model, action)
        return queryset.filter(appraisal__in=restrict(Appraisal.objects.all(), user, "view"))
    if model is EvaluationAcknowledgement:
        if action != "view":
            raise unknown_action(model, action)
        visible = restrict(NeutralEvaluation.objects.all(), user, "view")
        return queryset.filter(evaluation__in=visible)
    if model is Appraisal:
        if action not in APPRAISAL_ACTIONS:
            raise unknown_action(model, action)
        return queryset.filter(case__in=_cases(user, action).values("pk"))
    if model is NeutralEvaluation:
        if action not in EVAL_ACTIONS:
            raise unknown_action(model, action)
        if getattr(user, "is_superuser", False):
            return queryset
        matching = NeutralEvaluation.objects.filter(_evaluation_condition(user, action))
        return queryset.filter(pk__in=matching.values("pk"))
    raise unknown_action(model, action)


def appraisal_for(user: Any, pk: object, action: str = "view") -> Appraisal:
    qs = Appraisal.objects.select_related("case", "court", "report_entry", "commission_document")
    return obtain(restrict, qs, user, pk, action, missing=_(NOT_FOUND),
                  refused=_(REFUSALS.get(action, NOT_FOUND)))  # fmt: skip


def evaluation_for(user: Any, pk: object, action: str = "view") -> NeutralEvaluation:
    qs = NeutralEvaluation.objects.select_related("dispute", "case", "evaluator", "document")
    return obtain(restrict, qs, user, pk, action, missing=_(EVAL_NOT_FOUND),
                  refused=_(REFUSALS.get(action, EVAL_NOT_FOUND)))  # fmt: skip


def may(user: Any, obj: Appraisal | NeutralEvaluation, action: str) -> bool:
    return restrict(type(obj).objects.filter(pk=obj.pk), user, action).exists()


def may_on_case(user: Any, case: Case, action: str) -> bool:
    """Whether `user` may take an appraisal `action` ("apply", "decide") in `case`."""
    return _cases(user, action).filter(pk=case.pk).exists()


def appraisals_of(user: Any, case: Case) -> QuerySet[Appraisal]:
    return restrict(Appraisal.objects.filter(case=case), user).prefetch_related("objections")


def appraisals_for(user: Any) -> QuerySet[Appraisal]:
    return restrict(Appraisal.objects.select_related("case", "court"), user).order_by(
        "report_due_on", "-created_at"
    )


def evaluations_for(user: Any) -> QuerySet[NeutralEvaluation]:
    qs = NeutralEvaluation.objects.select_related("dispute", "case", "evaluator")
    return restrict(qs, user)


def evaluations_of(user: Any, *, dispute: Dispute | None = None, case: Case | None = None) -> Any:
    qs = evaluations_for(user).prefetch_related("acknowledgements")
    return qs.filter(dispute=dispute) if dispute is not None else qs.filter(case=case)


def evaluators(court_id: int) -> Any:
    """Who may evaluate: active invited mediators or retired judges of the court's roster."""
    return (
        Mediator.objects.filter(active=True, organisation__court_id=court_id)
        .filter(Q(kind=Mediator.Kind.INVITED) | Q(is_retired_judge=True))
        .select_related("organisation")
        .order_by("name")
    )


def sees_dispute_tab(user: Any, dispute: Dispute) -> bool:
    """The dispute page links the evaluation page for who may act on it or read one."""
    return dispute_selectors.can_view_dispute(user, dispute) and (
        dispute_selectors.is_court_staff(user, dispute)
        or dispute_selectors.is_assigned_mediator(user, dispute)
        or evaluations_for(user).filter(dispute=dispute).exists()
    )


def counts(court_ids: Any) -> dict[str, Any]:
    """Evaluations (not withdrawn) of the courts, and those followed by a settlement: the dispute
    reached an agreement or was resolved, or the case's 委托调解 succeeded."""
    qs = NeutralEvaluation.objects.filter(court_id__in=court_ids).exclude(status="withdrawn")
    settled = qs.filter(
        Q(dispute__status__in=SETTLED_DISPUTE) | Q(case__entrustments__status="succeeded")
    ).distinct()
    total, followed = qs.count(), settled.count()
    return {"evaluations": total, "settled": followed,
            "rate": rules.settled_rate(total, followed)}  # fmt: skip


def count_courts(user: Any) -> list[int]:
    """The courts whose evaluation counts `user` may read: their court staff and governance."""
    scope = scope_of(user)
    return sorted(scope.courts(Role.COURT_ADMIN, Role.JUDGE, Role.CLERK, Role.GOVERNANCE))


def report_deadlines(first: Any, last: Any) -> QuerySet[Appraisal]:
    """Commissioned appraisals whose report is due between `first` and `last` (reminders)."""
    return Appraisal.objects.select_related("case__judge").filter(
        status=Appraisal.Status.COMMISSIONED, report_due_on__range=(first, last)
    )


def objection_count(appraisal: Appraisal) -> int:
    return appraisal.objections.aggregate(n=Count("pk"))["n"]
