"""Reads of the knowledge app, and who may see what.

- The library (statutes, published typical cases) and published Q&A are public, also to visitors
  who are not signed in.
- A court's own case before publication, and its anonymisation record, are seen only by that
  court's judges, clerks and administrators; to everyone else it does not exist (404).
- Unpublished questions are handled by the court's personnel; answers and reviews are judges' work.
- 点单 orders and village rules: a liaison sees their own service point's; court personnel and
  governance officers see their court's; others are refused the lists (403) and do not see items
  (404).
- The push service is for people working on disputes: court personnel, mediators and liaisons.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from fating.accounts.models import COURT_ROLES, Membership, Role, User
from fating.accounts.selectors import scope_of
from fating.core.exceptions import NotPermitted, NotVisible
from fating.knowledge.models import (
    Article,
    Law,
    OutreachOrder,
    Question,
    TypicalCase,
    VillageRules,
)

PUSH_ROLES = frozenset({*COURT_ROLES, Role.MEDIATOR, Role.LIAISON})


def court_ids_with_roles(user: User, roles: frozenset[str] | set[str]) -> set[int]:
    """Courts where the user holds one of `roles` (through the court, a tribunal or a point)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids: set[int] = set()
    rows = Membership.objects.filter(user=user, active=True, role__in=roles).values_list(
        "court_id", "tribunal__court_id", "service_point__tribunal__court_id"
    )
    for court, tribunal_court, point_court in rows:
        ids.update(i for i in (court, tribunal_court, point_court) if i)
    return ids


def is_court_personnel_of(user: User, court_id: int | None) -> bool:
    if court_id is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or court_id in court_ids_with_roles(user, COURT_ROLES)


def is_judge_of(user: User, court_id: int | None) -> bool:
    if court_id is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or court_id in court_ids_with_roles(user, {Role.JUDGE})


def can_push(user: User) -> bool:
    scope = scope_of(user)
    return scope.superuser or bool(scope.roles & PUSH_ROLES)


# --- library ---------------------------------------------------------------------------------


def current_laws() -> QuerySet[Law]:
    return Law.objects.filter(is_current=True).annotate(article_count=Count("articles"))


def law_for(law_id: int) -> Law:
    law = Law.objects.filter(pk=law_id).first()
    if law is None:
        raise NotVisible(_("法律不存在。"))
    return law


def other_versions(law: Law) -> QuerySet[Law]:
    return Law.objects.filter(title=law.title, subtitle=law.subtitle).exclude(pk=law.pk)


def article_for(article_id: int) -> Article:
    article = Article.objects.select_related("law").filter(pk=article_id).first()
    if article is None:
        raise NotVisible(_("法条不存在。"))
    return article


def public_cases() -> QuerySet[TypicalCase]:
    return TypicalCase.objects.filter(status=TypicalCase.Status.PUBLISHED)


def case_for(user: User, case_id: int) -> TypicalCase:
    """A published case for anyone; an unpublished court case for its court's personnel only."""
    case = TypicalCase.objects.select_related("court").filter(pk=case_id).first()
    if case is None:
        raise NotVisible(_("案例不存在。"))
    if case.status != TypicalCase.Status.PUBLISHED and not is_court_personnel_of(
        user, case.court_id
    ):
        raise NotVisible(_("案例不存在。"))
    return case


def can_see_anonymisation(user: User, case: TypicalCase) -> bool:
    """The replacement list holds the original personal data: the court's personnel only."""
    return case.origin == TypicalCase.Origin.COURT and is_court_personnel_of(user, case.court_id)


def cases_for_review(user: User) -> QuerySet[TypicalCase]:
    courts = court_ids_with_roles(user, COURT_ROLES)
    if not courts and not getattr(user, "is_superuser", False):
        raise NotPermitted(_("只有法院工作人员可以查看待发布案例。"))
    qs = TypicalCase.objects.filter(origin=TypicalCase.Origin.COURT).select_related("court")
    return qs if user.is_superuser else qs.filter(court_id__in=courts)


# --- questions -------------------------------------------------------------------------------


def published_questions() -> QuerySet[Question]:
    return Question.objects.filter(status=Question.Status.PUBLISHED).order_by("-reviewed_at")


def questions_to_handle(user: User) -> QuerySet[Question]:
    courts = court_ids_with_roles(user, COURT_ROLES)
    if not courts and not getattr(user, "is_superuser", False):
        raise NotPermitted(_("只有法院工作人员可以处理群众提问。"))
    qs = Question.objects.select_related("court", "answered_by")
    return qs if user.is_superuser else qs.filter(court_id__in=courts)


def question_for(user: User, question_id: int) -> Question:
    """A published question for anyone; others for the court's personnel only."""
    question = Question.objects.select_related("court").filter(pk=question_id).first()
    if question is None:
        raise NotVisible(_("问题不存在。"))
    if question.status != Question.Status.PUBLISHED and not is_court_personnel_of(
        user, question.court_id
    ):
        raise NotVisible(_("问题不存在。"))
    return question


# --- orders and village rules ------------------------------------------------------------------


def _point_scope(user: User, field: str) -> Q | None:
    """The rows of `field` (a service point path) the user may see, or None when refused."""
    scope = scope_of(user)
    if scope.superuser:
        return Q()
    courts = court_ids_with_roles(user, {*COURT_ROLES, Role.GOVERNANCE})
    condition = Q(pk__in=[])
    allowed = False
    if courts:
        condition |= Q(**{f"{field}__tribunal__court_id__in": courts})
        allowed = True
    if Role.LIAISON in scope.roles and scope.service_point_ids:
        condition |= Q(**{f"{field}_id__in": scope.service_point_ids})
        allowed = True
    return condition if allowed else None


def orders_for(user: User) -> QuerySet[OutreachOrder]:
    scope = scope_of(user)
    qs = OutreachOrder.objects.select_related("court", "service_point", "speaker")
    if scope.superuser:
        return qs
    courts = court_ids_with_roles(user, {*COURT_ROLES, Role.GOVERNANCE})
    condition = Q(court_id__in=courts)
    if Role.LIAISON in scope.roles:
        condition |= Q(service_point_id__in=scope.service_point_ids)
    elif Role.PARTY in scope.roles:
        condition |= Q(requested_by=user)  # a villager sees the consultations they asked for
    elif not courts:
        raise NotPermitted(_("普法点单仅向联络员、综治干部、法院工作人员和群众本人开放。"))
    return qs.filter(condition)


def order_for(user: User, order_id: int) -> OutreachOrder:
    order = orders_for(user).filter(pk=order_id).first()
    if order is None:
        raise NotVisible(_("点单不存在。"))
    return order


def education_statistics(orders: QuerySet[OutreachOrder]) -> dict[str, object]:
    """Counts of 点单 by kind and status, and attendance of delivered ones."""
    by_kind = {
        row["kind"]: row["n"] for row in orders.values("kind").annotate(n=Count("pk")).order_by()
    }
    by_status = {
        row["status"]: row["n"]
        for row in orders.values("status").annotate(n=Count("pk")).order_by()
    }
    delivered = orders.filter(status=OutreachOrder.Status.DELIVERED)
    return {
        "total": sum(by_status.values()),
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in OutreachOrder.Kind.choices],
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in OutreachOrder.Status.choices
        ],
        "delivered": by_status.get(OutreachOrder.Status.DELIVERED, 0),
        "attendance": delivered.aggregate(n=Sum("attendance"))["n"] or 0,
    }


def village_rules_for(user: User) -> QuerySet[VillageRules]:
    condition = _point_scope(user, "service_point")
    if condition is None:
        raise NotPermitted(_("乡规民约审查仅向联络员、综治干部和法院工作人员开放。"))
    return VillageRules.objects.select_related("service_point__tribunal").filter(condition)


def village_rules_item(user: User, rules_id: int) -> VillageRules:
    item = village_rules_for(user).filter(pk=rules_id).first()
    if item is None:
        raise NotVisible(_("乡规民约不存在。"))
    return item
