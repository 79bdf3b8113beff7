"""The one-screen dashboard (一屏尽览), its Excel export and the monthly PDF report (rendered in
the background: the page queues it, polls and then offers the file)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fating.analytics import exports, indicators, selectors, services
from fating.analytics.catalogue import catalogue
from fating.analytics.mapdata import map_data
from fating.analytics.models import MonthlyReport
from fating.analytics.params import dashboard_for, viewpoint_and_period
from fating.core.access import obtain
from fating.core.exceptions import FieldError
from fating.core.http import is_htmx, page_view
from fating.network.models import Court


def _data(request: HttpRequest, month: str = "") -> dict:
    try:
        return dashboard_for(request.user, request.GET, month=month)
    except FieldError as exc:
        raise Http404(exc.message) from exc


def last_month() -> str:
    today = timezone.localdate()
    return f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"


@login_required
@page_view
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        vp, since, until = viewpoint_and_period(request.user, request.GET)
    except FieldError as exc:
        raise Http404(exc.message) from exc
    data = indicators.dashboard(vp, since=since, until=until)
    court_area = Court.objects.values_list("area_id", flat=True).get(pk=data["court"]["id"])
    scope = {k: request.GET[k] for k in ("court", "area", "point") if request.GET.get(k)}
    charts = indicators.charts(vp, since=since, until=until)
    trend = charts["trend"]
    return render(request, "analytics/dashboard.html", {
        "d": data, "rows": exports.rows(data), "map": map_data(data, court_area),
        "charts": charts, "query": request.GET.urlencode(), "scope": scope,
        "report_month": last_month(),
        # The charts' no-JavaScript tables (the figures dashboard.js draws from the API).
        "trend_rows": list(zip(trend["months"], trend["reported"], trend["resolved"],
                               trend["filed"], strict=True)),
    })  # fmt: skip


@login_required
@page_view
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator with its one definition, last year's value and the change."""
    try:
        vp, since, until = viewpoint_and_period(request.user, request.GET)
    except FieldError as exc:
        raise Http404(exc.message) from exc
    scope = {k: request.GET[k] for k in ("court", "area", "point") if request.GET.get(k)}
    return render(request, "analytics/indicators.html", {
        "entries": catalogue(vp, since=since, until=until), "vp": vp, "since": since,
        "until": until, "scope": scope, "query": request.GET.urlencode(),
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


def _report(request: HttpRequest, pk: int) -> MonthlyReport:
    return obtain(selectors.restrict, MonthlyReport.objects.all(), request.user, pk,
                  missing=_("月报不存在。"))  # fmt: skip


@login_required
@page_view
@require_POST
def request_report(request: HttpRequest) -> HttpResponse:
    """Queue the month's report for the scope posted (court, area, point); the same month and
    scope always answer with the same job."""
    try:
        report = services.request_monthly_report(
            user=request.user, query=request.POST, month=request.POST.get("month") or last_month()
        )
    except FieldError as exc:  # a bad month: say which field, in the place the status goes
        text = "；".join(f"{_('月份')}：{m}" for m in exc.fields.get("month", [])) or exc.message
        return HttpResponse(f'<span id="report-status" class="field-error">{escape(text)}</span>',
                            status=400)  # fmt: skip
    if is_htmx(request):
        return _status(request, report)
    response = redirect(reverse("analytics:report-status", args=[report.pk]))
    response.status_code = 303  # See Other: the status page is read with GET
    return response


@login_required
@page_view
@require_GET
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _status(request, _report(request, pk))


def _status(request: HttpRequest, report: MonthlyReport) -> HttpResponse:
    context = {"report": report, "waiting": report.status in ("pending", "running")}
    template = "analytics/_report_status.html" if is_htmx(request) else "analytics/report_page.html"
    return render(request, template, context)


@login_required
@page_view
@require_GET
def download_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if report.status != MonthlyReport.Status.READY or not report.file:
        raise Http404(_("月报尚未生成。"))
    return FileResponse(report.file.open("rb"), as_attachment=True,
                        filename=f"monthly-{report.month:%Y-%m}.pdf",
                        content_type="application/pdf")  # fmt: skip
