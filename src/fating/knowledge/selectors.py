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

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from fating.accounts.models import COURT_ROLES, Role, User
from fating.accounts.selectors import Scope, scope_of
from fating.core.access import unknown_action
from fating.core.exceptions import NotPermitted, NotVisible
from fating.knowledge.models import (
    Article,
    Law,
    OutreachOrder,
    Question,
    TypicalCase,
    VillageRules,
)
from fating.network.models import ServicePoint

PUSH_ROLES = frozenset({*COURT_ROLES, Role.MEDIATOR, Role.LIAISON})
# Who reads a court's 点单 orders and village rules besides the point's liaison.
NETWORK_READERS = frozenset({*COURT_ROLES, Role.GOVERNANCE})


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """The rows of `queryset` that `user` may `action` (docs/permissions.md, "Knowledge").

    Each court is asked with the roles that count there (a clerk at court B who is a liaison
    at court A is court personnel only at B).
    TypicalCase: "view" (published: anyone; else the court's personnel), "anonymisation" and
    "review_list" (a court's own cases: its personnel), "approve" (its judges).
    Question: "view" (published: anyone; else the court's personnel), "handle" (personnel),
    "answer" and "review" (the court's judges).
    OutreachOrder: "view" (court personnel and governance of its court, the liaison of its
    point, whoever asked for it), "schedule" and "deliver" (court personnel), "cancel" (the
    requester or court personnel).
    VillageRules: "view" (court personnel and governance of the point's court, the point's
    liaison), "review" (court personnel), "revise" (the point's liaison).
    """
    scope = scope_of(user)
    model = queryset.model
    if model is TypicalCase:
        return _restrict_typical_cases(queryset, scope, action)
    if model is Question:
        personnel = Q(court_id__in=scope.courts(COURT_ROLES))
        judges = Q(court_id__in=scope.courts(Role.JUDGE))
        conditions = {
            "view": Q(status=Question.Status.PUBLISHED) | personnel,
            "handle": personnel,
            "answer": judges,
            "review": judges,
        }
        return _apply(queryset, scope, conditions, action)
    if model is OutreachOrder:
        mine = Q(requested_by=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
        personnel = Q(court_id__in=scope.courts(COURT_ROLES))
        conditions = {
            "view": Q(court_id__in=scope.courts(NETWORK_READERS))
            | Q(service_point_id__in=scope.points(Role.LIAISON))
            | mine,
            "schedule": personnel,
            "deliver": personnel,
            "cancel": personnel | mine,
        }
        return _apply(queryset, scope, conditions, action)
    if model is VillageRules:
        court = "service_point__tribunal__court_id__in"
        liaison = Q(service_point_id__in=scope.points(Role.LIAISON))
        conditions = {
            "view": Q(**{court: scope.courts(NETWORK_READERS)}) | liaison,
            "review": Q(**{court: scope.courts(COURT_ROLES)}),
            "revise": liaison,
        }
        return _apply(queryset, scope, conditions, action)
    raise unknown_action(model, action)


def _restrict_typical_cases(
    queryset: QuerySet[TypicalCase], scope: Scope, action: str
) -> QuerySet[TypicalCase]:
    own = Q(origin=TypicalCase.Origin.COURT)
    personnel = Q(court_id__in=scope.courts(COURT_ROLES))
    conditions = {
        "view": Q(status=TypicalCase.Status.PUBLISHED) | personnel,
        "anonymisation": own & personnel,  # the replacement list holds the original data
        "review_list": own & personnel,
        "approve": own & Q(court_id__in=scope.courts(Role.JUDGE)),
    }
    if action in ("anonymisation", "review_list", "approve") and scope.superuser:
        return queryset.filter(own)
    return _apply(queryset, scope, conditions, action)


def _apply(
    queryset: QuerySet[Any], scope: Scope, conditions: dict[str, Q], action: str
) -> QuerySet[Any]:
    if action not in conditions:
        raise unknown_action(queryset.model, action)
    return queryset if scope.superuser else queryset.filter(conditions[action])


def _allowed(user: Any, obj: Any, action: str) -> bool:
    """One object's answer, from restrict (for services and "may I show this button")."""
    return restrict(type(obj).objects.filter(pk=obj.pk), user, action).exists()


def personnel_courts(user: User) -> frozenset[int]:
    """Courts where the user is court personnel (judge, clerk, administrator)."""
    return scope_of(user).courts(COURT_ROLES)


def is_court_personnel_of(user: User, court_id: int | None) -> bool:
    scope = scope_of(user)
    return court_id is not None and (scope.superuser or scope.holds_at(COURT_ROLES, court=court_id))


def is_judge_of(user: User, court_id: int | None) -> bool:
    scope = scope_of(user)
    return court_id is not None and (scope.superuser or scope.holds_at(Role.JUDGE, court=court_id))


def is_liaison_of(user: User, point_id: int | None) -> bool:
    scope = scope_of(user)
    return point_id is not None and (
        scope.superuser or scope.holds_at(Role.LIAISON, point=point_id)
    )


def may_order_at(user: User, point: Any, kind: str = "") -> bool:
    """Who may order 点单 for a service point: its liaison, a governance officer of its court;
    a villager (party) may book a legal consultation at an active point."""
    scope = scope_of(user)
    if scope.superuser or scope.holds_at(Role.LIAISON, point=point.pk):
        return True
    if scope.holds(Role.PARTY) and point.active and kind == OutreachOrder.Kind.CONSULTATION:
        return True
    return scope.holds_at(Role.GOVERNANCE, court=point.tribunal.court_id)


def orderable_points(user: User) -> QuerySet[ServicePoint]:
    """Active points the user may order 点单 for: a liaison's own points, the points of a
    governance officer's court; a villager (party, nothing more) chooses any active point."""
    scope = scope_of(user)
    qs = ServicePoint.objects.filter(active=True)
    if scope.superuser:
        return qs
    own, courts = scope.points(Role.LIAISON), scope.courts(Role.GOVERNANCE)
    if scope.holds(Role.PARTY) and not own and not courts:
        return qs  # a villager chooses the point nearest to them
    return qs.filter(Q(pk__in=own) | Q(tribunal__court_id__in=courts))


def liaison_points(user: User) -> QuerySet[ServicePoint]:
    """The points where the user is a liaison (they submit those villages' rules)."""
    scope = scope_of(user)
    return ServicePoint.objects.filter(pk__in=scope.points(Role.LIAISON))


def can_push(user: User) -> bool:
    """The push service is a tool for people who work on disputes (any place)."""
    scope = scope_of(user)
    return scope.superuser or scope.holds(PUSH_ROLES)


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
    case = restrict(TypicalCase.objects.select_related("court"), user).filter(pk=case_id).first()
    if case is None:
        raise NotVisible(_("案例不存在。"))
    return case


def can_see_anonymisation(user: User, case: TypicalCase) -> bool:
    """The replacement list holds the original personal data: the court's personnel only."""
    return _allowed(user, case, "anonymisation")


def cases_for_review(user: User) -> QuerySet[TypicalCase]:
    """A court's own cases awaiting or past review; 403 (page and API alike) for someone who is
    court personnel nowhere."""
    if not (scope_of(user).superuser or personnel_courts(user)):
        raise NotPermitted(_("只有法院工作人员可以查看待发布案例。"))
    qs = TypicalCase.objects.select_related("court")
    return restrict(qs, user, "review_list")


# --- questions -------------------------------------------------------------------------------


def published_questions() -> QuerySet[Question]:
    return Question.objects.filter(status=Question.Status.PUBLISHED).order_by("-reviewed_at")


def questions_to_handle(user: User) -> QuerySet[Question]:
    if not (scope_of(user).superuser or personnel_courts(user)):
        raise NotPermitted(_("只有法院工作人员可以处理群众提问。"))
    return restrict(Question.objects.select_related("court", "answered_by"), user, "handle")


def question_for(user: User, question_id: int) -> Question:
    """A published question for anyone; others for the court's personnel only."""
    question = restrict(Question.objects.select_related("court"), user).filter(pk=question_id)
    found = question.first()
    if found is None:
        raise NotVisible(_("问题不存在。"))
    return found


# --- orders and village rules ------------------------------------------------------------------


def _may_list(user: User, *roles: str | frozenset[str]) -> bool:
    """Lists of orders and village rules are for the network (403 for everyone else, page and
    API alike); which rows appear is restrict's answer."""
    scope = scope_of(user)
    return scope.superuser or scope.holds(Role.LIAISON, NETWORK_READERS, *roles)


def may_list_orders(user: User) -> bool:
    """Whether the 普法点单 list opens for `user` (pages show the door only then)."""
    return _may_list(user, Role.PARTY)


def may_list_village_rules(user: User) -> bool:
    """Whether the 乡规民约 list opens for `user` (pages show the door only then)."""
    return _may_list(user)


def orders_for(user: User) -> QuerySet[OutreachOrder]:
    if not may_list_orders(user):
        raise NotPermitted(_("普法点单仅向联络员、综治干部、法院工作人员和群众本人开放。"))
    qs = OutreachOrder.objects.select_related("court", "service_point", "speaker")
    return restrict(qs, user, "view")


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
    if not may_list_village_rules(user):
        raise NotPermitted(_("乡规民约审查仅向联络员、综治干部和法院工作人员开放。"))
    qs = VillageRules.objects.select_related("service_point__tribunal")
    return restrict(qs, user, "view")


def village_rules_item(user: User, rules_id: int) -> VillageRules:
    item = village_rules_for(user).filter(pk=rules_id).first()
    if item is None:
        raise NotVisible(_("乡规民约不存在。"))
    return item
