"""The case page's 要素表 tab: each side fills its column, the judge marks each element."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.cases.case_tabs import tab_context
from fating.cases.models import Case
from fating.core.http import form_errors, page_view
from fating.elements import rules, selectors, services
from fating.elements.models import FINDINGS, SIDES


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
