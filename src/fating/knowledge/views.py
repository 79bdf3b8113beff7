"""Pages of the legal library (public) and of case publication (court personnel). Thin."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import FieldError, InvalidTransition
from fating.core.http import is_htmx, page_view, paginate
from fating.knowledge import search, selectors, services
from fating.knowledge.anonymisation.patterns import KIND_LABELS
from fating.knowledge.models import TypicalCase
from fating.knowledge.rules import TOPIC_LABELS, TOPICS


def flash_errors(request: HttpRequest, exc: FieldError | InvalidTransition) -> None:
    """Show a refused action's messages on the page it redirects to."""
    if not exc.fields:
        messages.error(request, exc.message)
    for msgs in exc.fields.values():
        for msg in msgs:
            messages.error(request, msg)


def library(request: HttpRequest) -> HttpResponse:
    """The public library home: search, statutes by category, typical cases by topic."""
    laws = selectors.current_laws().order_by("category", "title", "subtitle")
    by_category = [(cat, list(items)) for cat, items in groupby(laws, key=lambda law: law.category)]
    counts = {t: 0 for t in TOPIC_LABELS}
    for topic in selectors.public_cases().values_list("topic", flat=True):
        counts[topic] = counts.get(topic, 0) + 1
    topics = [(t.key, t.label, counts.get(t.key, 0)) for t in TOPICS]
    return render(
        request,
        "knowledge/library.html",
        {
            "by_category": by_category,
            "topics": topics,
            "questions": selectors.published_questions()[:5],
        },
    )


def search_page(request: HttpRequest) -> HttpResponse:
    """Search-as-you-type over articles and typical cases; htmx gets the results fragment."""
    q = request.GET.get("q", "").strip()[:200]
    context = {
        "q": q,
        "articles": search.search_articles(q, k=20) if q else [],
        "cases": search.search_cases(q, k=10) if q else [],
    }
    if is_htmx(request):
        return render(request, "knowledge/_search_results.html", context)
    return render(request, "knowledge/search.html", context)


@page_view
def law_detail(request: HttpRequest, pk: int) -> HttpResponse:
    law = selectors.law_for(pk)
    articles = list(law.articles.all())
    return render(
        request,
        "knowledge/law_detail.html",
        {"law": law, "articles": articles, "versions": selectors.other_versions(law)},
    )


@page_view
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_for(pk)
    siblings = article.law.articles.filter(
        position__in=[article.position - 1, article.position + 1]
    )
    return render(
        request,
        "knowledge/article_detail.html",
        {
            "article": article,
            "previous": next((a for a in siblings if a.position < article.position), None),
            "next": next((a for a in siblings if a.position > article.position), None),
        },
    )


def cases(request: HttpRequest) -> HttpResponse:
    topic = request.GET.get("topic", "")
    qs = selectors.public_cases().order_by("title")
    if topic in TOPIC_LABELS:
        qs = qs.filter(topic=topic)
    return render(
        request,
        "knowledge/cases.html",
        {
            "page": paginate(request, qs),
            "topics": TOPICS,
            "topic": topic,
            "topic_label": TOPIC_LABELS.get(topic, ""),
        },
    )


@page_view
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    return render(
        request,
        "knowledge/case_detail.html",
        {
            "case": case,
            "show_anonymisation": selectors.can_see_anonymisation(request.user, case),
            "replacements": [
                {**r, "kind_label": KIND_LABELS.get(r.get("kind", ""), _("个人信息"))}
                for r in case.replacements or []
            ],
            "can_review": case.status == TypicalCase.Status.PENDING
            and selectors.is_judge_of(request.user, case.court_id)
            and case.created_by_id != request.user.pk,
        },
    )


@login_required
@page_view
def case_publish(request: HttpRequest) -> HttpResponse:
    """A judge or clerk submits a closed case: it is anonymised and waits for review."""
    selectors.cases_for_review(request.user)  # 403 for anyone outside a court
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        parties = [p for p in request.POST.get("parties", "").replace("，", ",").split(",")]
        try:
            case = services.publish_case(
                actor=request.user,
                title=request.POST.get("title", ""),
                text=request.POST.get("text", ""),
                parties=parties,
                cause=request.POST.get("cause", ""),
            )
        except FieldError as exc:
            errors = exc.fields
        else:
            messages.success(request, _("案例已脱敏并提交审核。"))
            return redirect("knowledge:case", pk=case.pk)
    return render(request, "knowledge/case_publish.html", {"errors": errors, "data": request.POST})


@login_required
@page_view
def case_review_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.cases_for_review(request.user).order_by("-created_at")
    return render(request, "knowledge/case_review_list.html", {"page": paginate(request, qs)})


@login_required
@require_POST
@page_view
def case_review(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    try:
        services.review_case(
            actor=request.user,
            case=case,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", ""),
        )
    except (FieldError, InvalidTransition) as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("审核结果已保存。"))
    return redirect("knowledge:case", pk=pk)
