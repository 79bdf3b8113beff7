"""Reads of adjudications and appeals, and who may see and do what (docs/permissions.md,
"Judgments and effect").

Everything takes its case's rule (cases.selectors.restrict):
- "view": whoever sees the case (its parties, the court's staff, the tribunal's judges);
- "issue" (a case): the case's own judge (民事诉讼法 第155条: the judgment is signed by the judges
  who tried it);
- "manage" (record an appeal on paper, send it up, record the higher court's result, issue the
  生效证明): the clerks and judges of the case's court;
- "appeal" and "request_certificate": a party of the case (their own account) or who manages it.
Everyone else: 404; who sees but may not act: 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop

from fating.cases import selectors as cases_selectors
from fating.cases.models import Case
from fating.core.access import obtain, unknown_action
from fating.judgments.models import Adjudication, AdjudicationDraft, AdjudicationParty, Appeal

NOT_FOUND = gettext_noop("裁判文书不存在。")
APPEAL_NOT_FOUND = gettext_noop("上诉记录不存在。")
REFUSALS = {
    "manage": gettext_noop("只有本案所在法院的法官、书记员可以办理。"),
    "appeal": gettext_noop("只有本案当事人或承办人员可以递交上诉状。"),
    "request_certificate": gettext_noop("只有本案当事人或承办人员可以申请生效证明。"),
    "issue": gettext_noop("只有本案承办法官可以签发裁判文书。"),
    "sign": gettext_noop("只有本案承办法官可以签署文书稿。"),
    "edit": gettext_noop("只有本案所在法院的法官、书记员可以修改文书稿。"),
}
DRAFT_NOT_FOUND = gettext_noop("文书稿不存在。")


def _cases(user: Any, action: str) -> QuerySet[Case]:
    return cases_selectors.restrict(Case.objects.all(), user, action)


def _party_cases(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(filing__parties__user=user)


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """Adjudication: "view", "manage", "appeal", "request_certificate". Appeal: "view",
    "manage" (its adjudication's)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return queryset.none()
    model = queryset.model
    if model is AdjudicationDraft:
        return _restrict_drafts(queryset, user, action)
    if model is Appeal:
        if action not in ("view", "manage"):
            raise unknown_action(model, action)
        return queryset.filter(adjudication__case__in=_cases(user, action))
    if model is not Adjudication:
        raise unknown_action(model, action)
    if action in ("view", "manage"):
        return queryset.filter(case__in=_cases(user, action))
    if action in ("appeal", "request_certificate"):
        return queryset.filter(
            Q(case__in=_cases(user, "manage")) | Q(case__in=_party_cases(user).values("pk"))
        )
    raise unknown_action(model, action)


def adjudication_for(user: Any, pk: Any, *, action: str = "view") -> Adjudication:
    return obtain(
        restrict,
        Adjudication.objects.select_related("case", "document", "certificate", "issued_by"),
        user, pk, action, missing=NOT_FOUND, refused=REFUSALS.get(action, NOT_FOUND),
    )  # fmt: skip


def appeal_for(user: Any, pk: Any, *, action: str = "view") -> Appeal:
    return obtain(
        restrict, Appeal.objects.select_related("adjudication__case", "appellant"), user, pk,
        action, missing=APPEAL_NOT_FOUND, refused=REFUSALS.get(action, APPEAL_NOT_FOUND),
    )  # fmt: skip


def adjudications_for(user: Any) -> QuerySet[Adjudication]:
    return restrict(Adjudication.objects.select_related("case"), user, "view")


def adjudications_of(case: Case) -> list[Adjudication]:
    """A case's adjudications with their parties and appeals, newest first (three queries)."""
    return list(
        Adjudication.objects.filter(case=case)
        .select_related("document", "certificate", "issued_by")
        .prefetch_related("parties__party", "appeals__appellant")
    )


def can_issue(user: Any, case: Case) -> bool:
    """The case's judge, while the case is open (and the superuser)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return case.status == Case.Status.OPEN and (
        case.judge_id == user.pk or bool(getattr(user, "is_superuser", False))
    )


def can(user: Any, adjudication: Adjudication, action: str) -> bool:
    return restrict(Adjudication.objects.filter(pk=adjudication.pk), user, action).exists()


def own_parties(user: Any, adjudication: Adjudication) -> list[AdjudicationParty]:
    """The adjudication's party rows held by `user`'s account."""
    return [p for p in adjudication.parties.all() if p.party.user_id == getattr(user, "pk", None)]


def party_rows_for_service(document_id: int, party_key: str) -> QuerySet[AdjudicationParty]:
    return AdjudicationParty.objects.filter(
        adjudication__document_id=document_id, party_key=party_key
    ).select_related("adjudication")


def due_to_take_effect(today: Any) -> QuerySet[Adjudication]:
    return Adjudication.objects.filter(
        status=Adjudication.Status.ISSUED, effective_on__isnull=False, effective_on__lte=today
    )


def appeal_rates(*, court_ids: list[int], since: Any = None, until: Any = None) -> Any:
    """服判息诉率 and 发改率 of the courts' adjudications issued in [since, until] (two queries)."""
    from fating.judgments import rules

    qs = Adjudication.objects.filter(case__court_id__in=court_ids, kind__in=("judgment", "ruling"))
    if since is not None:
        qs = qs.filter(issued_on__gte=since)
    if until is not None:
        qs = qs.filter(issued_on__lte=until)
    judged: dict[int, bool] = {}
    for case_id, appeal_id in qs.values_list("case_id", "appeals__id"):
        judged[case_id] = judged.get(case_id, False) or appeal_id is not None
    results = list(
        Appeal.objects.filter(adjudication__in=qs)
        .exclude(result="")
        .values_list("result", flat=True)
    )
    return rules.appeal_rates(judged, results)


def court_appeal_counts(court_id: int, since: Any, until: Any) -> tuple[int, int, int, int]:
    """For the analytics indicators (registered in apps.py): judged cases, those not appealed,
    appeals with a recorded result, and those amended or remanded."""
    rates = appeal_rates(court_ids=[court_id], since=since, until=until)
    return rates.judged, rates.not_appealed, rates.decided_appeals, rates.amended_or_remanded


# --- Drafts (文书一键生成) ---------------------------------------------------------------------
#
# A draft is the court's internal work (审判秘密 until issued): the parties never see it.
# "view" and "edit" (the sections): the judges and clerks of the case's court (cases' "manage"),
# so the clerk or 法官助理 can help write; "sign" and "issue" (and "reopen"): the case's own judge
# (民事诉讼法 第155条: the judges who tried the case sign the judgment).


def _restrict_drafts(queryset: QuerySet[Any], user: Any, action: str) -> QuerySet[Any]:
    if action in ("view", "edit"):
        return queryset.filter(case__in=_cases(user, "manage"))
    if action in ("sign", "issue"):
        managed = queryset.filter(case__in=_cases(user, "manage"))
        if getattr(user, "is_superuser", False):
            return managed
        return managed.filter(case__judge=user)
    raise unknown_action(queryset.model, action)


def draft_for(user: Any, pk: Any, *, action: str = "view") -> AdjudicationDraft:
    return obtain(
        restrict,
        AdjudicationDraft.objects.select_related("case__filing", "case__court", "adjudication"),
        user, pk, action, missing=DRAFT_NOT_FOUND, refused=REFUSALS.get(action, DRAFT_NOT_FOUND),
    )  # fmt: skip


def drafts_for(user: Any) -> QuerySet[AdjudicationDraft]:
    return restrict(AdjudicationDraft.objects.select_related("case"), user, "view")


def drafts_of(case: Case) -> list[AdjudicationDraft]:
    return list(AdjudicationDraft.objects.filter(case=case).select_related("adjudication"))


def can_draft(user: Any, case: Case) -> bool:
    """Who may generate a draft: the case's judge while the case is open (as for issuing)."""
    return can_issue(user, case)


def may(user: Any, draft: AdjudicationDraft, action: str) -> bool:
    return restrict(AdjudicationDraft.objects.filter(pk=draft.pk), user, action).exists()


def lead_decided(lead: Case) -> Adjudication | None:
    """The lead case's standing judgment (issued, appealed or effective), if it is decided."""
    return (
        Adjudication.objects.filter(case=lead, kind=Adjudication.Kind.JUDGMENT)
        .exclude(status=Adjudication.Status.SET_ASIDE)
        .order_by("-pk")
        .first()
    )
