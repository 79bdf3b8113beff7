"""The case page's 要素表 tab: each side fills its column, the judge marks each element."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from fating.cases.case_tabs import tab_context
from fating.cases.models import Case
from fating.core.exceptions import NotPermitted
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page
from fating.elements import rules, selectors, services
from fating.elements.models import FINDINGS, SIDES, ModelLitigation, ParallelCase


def _render(
    request: HttpRequest, case: Case, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    sides = selectors.sides_of(user, case)
    can_mark = selectors.can_mark(user, case)
    sheet = selectors.sheet(case)
    labels = dict(SIDES)
    # One form per side this person may answer for, each input holding that side's answer.
    forms = [
        (side.value, labels[side.value], [
            (row, row.plaintiff if side is rules.Side.PLAINTIFF else row.defendant)
            for row in sheet.rows
        ])
        for side in rules.Side
        if can_mark or side in sides
    ]  # fmt: skip
    context = {
        **tab_context(request, case, "elements", errors),
        "sheet": sheet,
        "forms": forms,
        "can_mark": can_mark,
        "findings": FINDINGS,
        "group": selectors.grouped(case),
    }
    return render(request, "elements/tab.html", context, status=status)


@login_required
@page_view
def case_elements(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, selectors.case_for(request.user, pk))


@login_required
@require_POST
@page_view
def fill(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    table = selectors.table_of(case)
    keys = [e.key for e in table.elements] if table else []
    labels = {e.key: e.label for e in table.elements} if table else {}
    answers = {k: request.POST.get(f"e_{k}", "") for k in keys if f"e_{k}" in request.POST}
    errors = form_errors(
        lambda: services.fill_elements(
            actor=request.user, case=case, side=request.POST.get("side", ""), answers=answers
        ),
        {**labels, "side": _("填写方"), "cause": _("案由")},
    )
    if errors:
        return _render(request, case, errors, status=400)
    return redirect("elements:case", pk=case.pk)


@login_required
@require_POST
@page_view
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    errors = form_errors(
        lambda: services.mark_element(
            actor=request.user,
            case=case,
            element=request.POST.get("element", ""),
            finding=request.POST.get("finding", ""),
            note=request.POST.get("note", ""),
        ),
        {"element": _("要素"), "finding": _("认定"), "note": _("说明"), "cause": _("案由")},
    )
    if errors:
        return _render(request, case, errors, status=400)
    return redirect("elements:case", pk=case.pk)


# --- Model litigation (示范诉讼) ----------------------------------------------------------------

LITIGATION_LABELS = {"name": _lazy("名称"), "cases": _lazy("平行案件"), "lead": _lazy("示范案件"),
                     "cause": _lazy("案由"), "reason": _lazy("排除理由"), "case": _lazy("平行案件")}  # fmt: skip


@login_required
@page_view
def litigations(request: HttpRequest) -> HttpResponse:
    """示范诉讼: the groups whose lead case I manage (an empty list for everyone else)."""
    return render(request, "elements/litigations.html",
                  {"litigations": selectors.litigations_for(request.user)})  # fmt: skip


def _new_page(
    request: HttpRequest, lead: Case, errors: list[str], status: int = 200
) -> HttpResponse:
    candidates = list(selectors.candidates(request.user, lead))
    return render(request, "elements/litigation_new.html", {
        "lead": lead, "candidates": candidates, "errors": errors,
        "picked": {int(v) for v in request.POST.getlist("cases") if v.isdigit()},
        "name": request.POST.get("name", f"{lead.filing.cause.name if lead.filing.cause else ''}系列案"),
    }, status=status)  # fmt: skip


@login_required
@page_view
@idempotent_page
def litigation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose this case as the lead (示范案件) and pick its parallel cases."""
    lead = selectors.case_for(request.user, pk)
    if not selectors.can_mark(request.user, lead):
        raise NotPermitted(_("只有本案的法官、法官助理可以确定示范案件。"))
    if request.method != "POST":
        return _new_page(request, lead, [])
    ids = [int(v) for v in request.POST.getlist("cases") if v.isdigit()][:200]
    picked = list(Case.objects.filter(pk__in=ids))
    created: list[ModelLitigation] = []
    errors = form_errors(
        lambda: created.append(services.create_litigation(
            actor=request.user, lead=lead, cases=picked, name=request.POST.get("name", ""),
        )),
        LITIGATION_LABELS,
    )  # fmt: skip
    if errors:
        return _new_page(request, lead, errors, status=400)
    return redirect("elements:litigation", pk=created[0].pk)


def _detail(request: HttpRequest, litigation: ModelLitigation, errors: list[str] | None = None,
            status: int = 200) -> HttpResponse:  # fmt: skip
    members = [
        (p, selectors.proposals(litigation, p.case) if p.status == ParallelCase.Status.PENDING else [])
        for p in litigation.parallel_cases.select_related("case", "decided_by")
    ]  # fmt: skip
    return render(request, "elements/litigation.html", {
        "litigation": litigation, "lead_sheet": selectors.sheet(litigation.lead),
        "lead_notes": dict(litigation.lead.element_findings.values_list("element", "note")),
        "members": members, "errors": errors or [],
        "can_decide": selectors.can_mark(request.user, litigation.lead),
    }, status=status)  # fmt: skip


@login_required
@page_view
def litigation(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.litigation_for(request.user, pk))


@login_required
@require_POST
@page_view
def parallel_act(request: HttpRequest, pk: int, member: int, action: str) -> HttpResponse:
    """确认参照 or 排除 for one parallel case; a refusal comes back on the group's page."""
    found = selectors.litigation_for(request.user, pk)
    parallel = selectors.parallel_for(request.user, found, member)
    if action == "confirm":
        errors = form_errors(
            lambda: services.confirm_parallel(actor=request.user, parallel=parallel),
            LITIGATION_LABELS,
        )
    else:
        errors = form_errors(
            lambda: services.exclude_parallel(
                actor=request.user, parallel=parallel, reason=request.POST.get("reason", "")
            ),
            LITIGATION_LABELS,
        )
    if errors:
        return _detail(request, found, errors, status=400)
    return redirect("elements:litigation", pk=found.pk)
