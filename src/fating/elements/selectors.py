"""Reads of the element tables, and who may do what (docs/permissions.md, "Element tables").

- Whoever may see the case (cases' access rule) sees its element table, both sides' answers and
  the findings: the tables are exchanged before the hearing.
- A party answers for their own side: a plaintiff (or the filer) for 原告方, a defendant for
  被告方, while the case is open.
- The case's court staff who manage it (judges and clerks, cases' "manage") mark each element
  agreed or disputed, and may record a side's answers given on paper or at the hearing.
- Everyone else: 404, as for the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.cases import selectors as case_selectors
from fating.cases.models import Case
from fating.core.access import obtain, unknown_action
from fating.elements import rules
from fating.elements.models import ElementAnswer, ElementFinding, ModelLitigation, ParallelCase


def case_for(user: Any, case_id: int) -> Case:
    """The case, or 404 for whoever may not see it."""
    return case_selectors.case_for(user, case_id)


def table_of(case: Case) -> rules.Table | None:
    cause = case.filing.cause
    return rules.table_for(cause.name if cause else None)


def sides_of(user: Any, case: Case) -> set[rules.Side]:
    """The sides this person answers for: their own party role(s) in the case; the filer who is
    not a named party files for the plaintiffs (民事诉讼法 第122条)."""
    if not getattr(user, "is_authenticated", False) or case.status != Case.Status.OPEN:
        return set()
    sides = set()
    for role in case.filing.parties.filter(user=user).values_list("role", flat=True):
        if role in (rules.Side.PLAINTIFF, rules.Side.DEFENDANT):
            sides.add(rules.Side(role))
    if not sides and case.filing.filer_id == user.pk:
        sides.add(rules.Side.PLAINTIFF)
    return sides


def can_mark(user: Any, case: Case) -> bool:
    return case.status == Case.Status.OPEN and case_selectors.can_manage_case(user, case)


def may_answer(user: Any, case: Case, side: rules.Side) -> bool:
    return can_mark(user, case) or side in sides_of(user, case)


@dataclass(frozen=True)
class Sheet:
    case: Case
    table: rules.Table | None
    rows: list[rules.Row]

    @property
    def focus(self) -> list[rules.Row]:
        return rules.focus(self.rows)

    @property
    def marked(self) -> int:
        return sum(1 for r in self.rows if r.finding is not None)


def sheet(case: Case) -> Sheet:
    """The case's table with both sides' answers and the findings, in two queries."""
    table = table_of(case)
    if table is None:
        return Sheet(case, None, [])
    answers = {
        (a.side, a.element): a.value
        for a in ElementAnswer.objects.filter(case=case).only("side", "element", "value")
    }
    findings = dict(ElementFinding.objects.filter(case=case).values_list("element", "finding"))
    return Sheet(case, table, rules.rows(table, answers, findings))


def disputed_elements(case: Case) -> list[rules.Row]:
    """The hearing's focus for other pages (the hearing tab, the transcript)."""
    return sheet(case).focus


# --- Model litigation (示范诉讼) ----------------------------------------------------------------
#
# A group is court work: it is seen and changed by whoever manages its lead case (the case's
# judges and clerks); everyone else gets 404. The parties see their own case's table only.

LITIGATION_NOT_FOUND = gettext_noop("示范诉讼不存在。")


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """ModelLitigation and ParallelCase rows `user` may "view" or "change": those whose lead case
    they manage (cases' "manage")."""
    if action not in ("view", "change"):
        raise unknown_action(queryset.model, action)
    managed = case_selectors.restrict(Case.objects.all(), user, "manage")
    if queryset.model is ModelLitigation:
        return queryset.filter(lead__in=managed)
    if queryset.model is ParallelCase:
        return queryset.filter(litigation__lead__in=managed)
    raise unknown_action(queryset.model, action)


def litigations_for(user: Any) -> QuerySet[ModelLitigation]:
    qs = ModelLitigation.objects.select_related("lead", "court").annotate(
        members=Count("parallel_cases")
    )
    return restrict(qs, user).order_by("-created_at")


def litigation_for(user: Any, pk: object) -> ModelLitigation:
    return obtain(restrict, ModelLitigation.objects.select_related("lead", "court"), user, pk,
                  missing=_(LITIGATION_NOT_FOUND))  # fmt: skip


def parallel_for(user: Any, litigation: ModelLitigation, pk: object) -> ParallelCase:
    return obtain(restrict, litigation.parallel_cases.select_related("case"), user, pk,
                  missing=_(LITIGATION_NOT_FOUND))  # fmt: skip


def grouped(case: Case) -> ModelLitigation | None:
    """The group this case leads or belongs to, if any."""
    found = ModelLitigation.objects.filter(lead=case).first()
    if found is None:
        member = ParallelCase.objects.filter(case=case).select_related("litigation").first()
        found = member.litigation if member else None
    return found


def candidates(user: Any, lead: Case) -> QuerySet[Case]:
    """Cases that may join a group led by `lead`: open, the same court and cause, managed by
    `user`, in no other group."""
    cause = lead.filing.cause
    return (
        case_selectors.restrict(Case.objects.all(), user, "manage")
        .filter(
            status=Case.Status.OPEN,
            court_id=lead.court_id,
            filing__cause__name=cause.name if cause else "",
        )
        .exclude(pk=lead.pk)
        .exclude(model_litigation__isnull=False)
        .exclude(parallel_of__isnull=False)
        .select_related("filing")
        .prefetch_related("filing__parties")
        .order_by("accepted_on", "pk")
    )


def proposals(litigation: ModelLitigation, case: Case) -> list[rules.Proposal]:
    """The draft for one parallel case: the lead's findings carried where the answers match."""
    lead_sheet = sheet(litigation.lead)
    notes = dict(ElementFinding.objects.filter(case=litigation.lead).values_list("element", "note"))
    return rules.carry_over(lead_sheet.rows, sheet(case).rows, notes, litigation.lead.number)
