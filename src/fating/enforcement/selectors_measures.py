"""Reads of measures, objections and re-searches, and who may see and do what
(docs/permissions.md, "enforcement measures and objections").

- A measure is seen by whoever sees its case (selectors.restrict); the 执行法官 of the court
  decides and lifts ("decide").
- An objection is seen by whoever sees its case and by the objector who filed it online; the
  court's enforcement staff register ("manage"); the 执行法官 rules ("decide").
- The public 失信 list (失信规定 第6–7条) shows only active, published entries, with the ID
  number masked (LEGAL-RULES E 第10条: the number itself is not published) — to everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from fating.core.access import obtain, unknown_action
from fating.core.identifiers import mask_id_number
from fating.enforcement import selectors
from fating.enforcement.models import EnforcementCase, Measure, Objection
from fating.enforcement.rules.records import ground_labels

OBJECTION_NOT_FOUND = "执行异议不存在。"
MEASURE_NOT_FOUND = "措施不存在。"
PUBLIC_SEARCH_MAX = 40


def _cases(user: Any, action: str) -> QuerySet[EnforcementCase]:
    return selectors.restrict(EnforcementCase.objects.all(), user, action)


def restrict_measures(
    queryset: QuerySet[Measure], user: Any, action: str = "view"
) -> QuerySet[Measure]:
    if action == "view":
        return queryset.filter(case__in=_cases(user, "view"))
    if action == "decide":
        return queryset.filter(case__in=_cases(user, "decide"))
    raise unknown_action(Measure, action)


def measure_for(user: Any, pk: object, action: str = "view") -> Measure:
    return obtain(restrict_measures, Measure.objects.select_related("case", "party"), user, pk,
                  action, missing=MEASURE_NOT_FOUND, refused="只有本院执行法官可以作出该决定。")  # fmt: skip


def restrict_objections(
    queryset: QuerySet[Objection], user: Any, action: str = "view"
) -> QuerySet[Objection]:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if action == "view":
        return queryset.filter(Q(case__in=_cases(user, "view")) | Q(objector_user=user))
    if action in ("manage", "decide"):
        return queryset.filter(case__in=_cases(user, action))
    if action == "review":  # the objector, a party of the case, or the staff
        return queryset.filter(Q(case__in=_cases(user, "view")) | Q(objector_user=user))
    raise unknown_action(Objection, action)


def objection_for(user: Any, pk: object, action: str = "view") -> Objection:
    return obtain(
        restrict_objections,
        Objection.objects.select_related("case", "case__court", "document"),
        user, pk, action, missing=OBJECTION_NOT_FOUND,
        refused="只有本院执行法官可以作出异议裁定。" if action == "decide" else "只有本院执行人员可以办理。",
    )  # fmt: skip


def objections_for(user: Any) -> QuerySet[Objection]:
    return restrict_objections(Objection.objects.all(), user).select_related("case")


@dataclass(frozen=True)
class PublicEntry:
    """What the public list shows of one entry (失信规定 第6条, as LEGAL-RULES E allows)."""

    name: str
    id_masked: str
    court: str
    case_number: str
    obligation: str
    grounds: list[str]
    published_on: Any
    ends_on: Any


def public_blacklist(query: str = "") -> list[PublicEntry]:
    """Active, published 失信 entries of every court on the platform, newest first; `query`
    matches the name (contains). One query."""
    qs = Measure.objects.filter(
        kind=Measure.Kind.BLACKLIST, status=Measure.Status.ACTIVE, published=True
    ).select_related("party", "case__court")
    query = query.strip()[:PUBLIC_SEARCH_MAX]
    if query:
        qs = qs.filter(party__name__contains=query)
    return [
        PublicEntry(
            name=m.party.name,
            id_masked=mask_id_number(m.party.id_number) if m.party.id_number else "",
            court=m.case.court.name,
            case_number=m.case.case_number,
            obligation=m.obligation,
            grounds=ground_labels(m.grounds),
            published_on=m.starts_on,
            ends_on=m.ends_on,
        )
        for m in qs.order_by("-starts_on", "-pk")[:200]
    ]
