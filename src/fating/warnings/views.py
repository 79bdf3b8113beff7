"""Pages of the warnings app: the list and one warning with its consultation and actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fating.core.exceptions import DomainError
from fating.core.http import page_view, paginate
from fating.warnings import rules, selectors, services


@login_required
@page_view
def warning_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.warnings_for(request.user)
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    return render(request, "warnings/list.html", {
        "page": paginate(request, qs), "status": status, "statuses": rules.STATUS_LABELS,
        "can_flag": selectors.can_flag_incident(request.user),
    })  # fmt: skip


@login_required
@page_view
def warning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    warning = selectors.warning_for(request.user, pk)
    if request.method == "POST":
        try:
            if request.POST.get("op") == "assess":
                selectors.warning_for(request.user, pk, action="assess")
                services.record_assessment(
                    actor=request.user, warning=warning, notes=request.POST.get("notes", ""),
                    decisions=request.POST.get("decisions", ""),
                    participants=[{"name": n.strip(), "unit": u} for n, u in zip(
                        request.POST.getlist("name"), request.POST.getlist("unit"), strict=False) if n.strip()],
                )  # fmt: skip
            elif request.POST.get("op") == "close":
                selectors.warning_for(request.user, pk, action="manage")
                services.close_warning(
                    actor=request.user, warning=warning, note=request.POST.get("note", "")
                )
            messages.success(request, _("已保存。"))
        except DomainError as exc:
            if exc.status_code in (403, 404):
                raise
            messages.error(
                request, "；".join(m for ms in exc.fields.values() for m in ms) or exc.message
            )
        return redirect("warnings:detail", pk=pk)
    return render(request, "warnings/detail.html", {
        "w": warning, "status_label": rules.STATUS_LABELS[warning.status],
        "evidence": warning.evidence if selectors.sees_records(request.user, warning) else [],
        "can_assess": selectors.can_assess_warning(request.user, warning),
        "can_manage": selectors.can_manage_warning(request.user, warning),
        "units": services.UNITS,
    })  # fmt: skip
