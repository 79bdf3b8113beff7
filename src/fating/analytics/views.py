"""The one-screen dashboard (一屏尽览), its Excel export and the monthly PDF report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fating.analytics import exports
from fating.analytics.mapdata import map_data
from fating.analytics.params import dashboard_for
from fating.core.exceptions import FieldError
from fating.core.http import page_view
from fating.network.models import Court


def _data(request: HttpRequest, month: str = "") -> dict:
    try:
        return dashboard_for(request.user, request.GET, month=month)
    except FieldError as exc:
        raise Http404(exc.message) from exc


@login_required
@page_view
def dashboard(request: HttpRequest) -> HttpResponse:
    data = _data(request)
    court_area = Court.objects.values_list("area_id", flat=True).get(pk=data["court"]["id"])
    return render(request, "analytics/dashboard.html", {
        "d": data, "rows": exports.rows(data), "map": map_data(data, court_area),
        "query": request.GET.urlencode(),
    })  # fmt: skip


@login_required
@page_view
def export_xlsx(request: HttpRequest) -> HttpResponse:
    data = _data(request)
    response = HttpResponse(
        exports.workbook(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="analytics-{data["since"]}-{data["until"]}.xlsx"'
    )
    return response


@login_required
@page_view
def monthly_report(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    default = f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"  # last month
    data = _data(request, month=request.GET.get("month") or default)
    response = HttpResponse(exports.monthly_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="monthly-{data["since"]:%Y-%m}.pdf"'
    return response
