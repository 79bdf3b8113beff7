"""Pages of property preservation: the case's 保全 tab, the list (my applications, or the
court's queue by deadline), the pre-suit form and an application's page with its actions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fating.cases import selectors as case_selectors
from fating.cases.case_tabs import tab_context
from fating.cases.models import Case
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page
from fating.network.models import Court
from fating.preservation import selectors, services
from fating.preservation.models import PreservationApplication

LABELS = {
    "kind": _("类型"), "case": _("案件"), "court": _("法院"), "respondent_name": _("被申请人"),
    "amount": _("请求保全数额"), "property_description": _("财产线索"),
    "applicant_name": _("申请人"), "security_amount": _("担保数额"),
    "security_given_on": _("提供担保日期"), "note": _("理由"),
}  # fmt: skip


def _apply(request: HttpRequest, **where: Any) -> list[Any]:
    created: list[PreservationApplication] = []
    p = request.POST
    errors = form_errors(lambda: created.append(services.apply(
        actor=request.user, respondent_name=p.get("respondent_name", ""),
        amount=p.get("amount", ""), property_description=p.get("property_description", ""),
        urgent=p.get("urgent") == "on", applicant_name=p.get("applicant_name", ""), **where,
    )), LABELS)  # fmt: skip
    return [errors, created]


def _case_page(
    request: HttpRequest, case: Case, errors: list[str], status: int = 200
) -> HttpResponse:
    context = {
        **tab_context(request, case, "preservation", errors),
        "applications": selectors.applications_for(request.user).filter(case=case),
        "may_apply": case.status == Case.Status.OPEN and case_selectors.can_pay(request.user, case),
        "form": request.POST,
    }
    return render(request, "preservation/case_tab.html", context, status=status)


@login_required
@page_view
@idempotent_page
def case_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's 保全 tab; a plaintiff applies here for preservation in suit."""
    case = case_selectors.case_for(request.user, pk)
    if request.method != "POST":
        return _case_page(request, case, [])
    errors, created = _apply(request, kind="in_suit", case=case)
    if errors:
        return _case_page(request, case, errors, status=400)
    return redirect("preservation:detail", pk=created[0].pk)


@login_required
@page_view
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "preservation/index.html", {
        "pending": selectors.pending_for(request.user),
        "applications": selectors.applications_for(request.user)[:100],
    })  # fmt: skip


@login_required
@page_view
@idempotent_page
def new(request: HttpRequest) -> HttpResponse:
    """诉前财产保全: the applicant chooses the court where the property is."""
    courts = Court.objects.order_by("name")
    if request.method != "POST":
        return render(request, "preservation/new.html", {"courts": courts, "form": {}})
    court = courts.filter(pk=request.POST.get("court") or 0).first() if (
        request.POST.get("court", "").isdigit()) else None  # fmt: skip
    errors, created = _apply(request, kind="pre_suit", court=court)
    if errors:
        return render(request, "preservation/new.html",
                      {"courts": courts, "errors": errors, "form": request.POST}, status=400)  # fmt: skip
    return redirect("preservation:detail", pk=created[0].pk)


def _detail(request: HttpRequest, application: PreservationApplication,
            errors: list[str] | None = None, status: int = 200) -> HttpResponse:  # fmt: skip
    user = request.user
    return render(request, "preservation/detail.html", {
        "a": application, "errors": errors or [],
        "may_decide": selectors.may(user, application, "decide"),
        "may_record": selectors.may(user, application, "security"),
    }, status=status)  # fmt: skip


@login_required
@page_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.application_for(request.user, pk))


@login_required
@require_POST
@page_view
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """责令担保 / 登记担保 / 裁定 / 解除: a refusal comes back on the application's page."""
    needs = "security" if action == "security" else "decide"
    application = selectors.application_for(request.user, pk, needs)
    p, user = request.POST, request.user
    calls = {
        "order_security": lambda: services.order_security(
            actor=user, application=application, amount=p.get("security_amount", "")),
        "security": lambda: services.record_security(actor=user, application=application),
        "decide": lambda: services.decide(
            actor=user, application=application, grant=p.get("grant") == "yes",
            note=p.get("note", "")),
        "release": lambda: services.release(
            actor=user, application=application, note=p.get("note", "")),
    }  # fmt: skip
    errors = form_errors(calls[action], LABELS)
    if errors:
        application.refresh_from_db()
        return _detail(request, application, errors, status=400)
    return redirect("preservation:detail", pk=application.pk)
