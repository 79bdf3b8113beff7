"""Analytics use cases: the monthly PDF report, requested by a reader and rendered by a worker.

Each function: permission first, one transaction, one audit event (architecture.md)."""

from __future__ import annotations

import time
from typing import Any

from celery import current_app
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from fating.analytics.models import MonthlyReport
from fating.analytics.params import viewpoint_and_period
from fating.core.audit import record_event

RENDER_TASK = "fating.analytics.tasks.render_monthly_report"


@transaction.atomic
def request_monthly_report(*, user: Any, query: Any, month: str) -> MonthlyReport:
    """The report of `month` for the viewpoint `query` names, queued once: asking again for the
    same month and scope returns the same job (a failed one, or one rendered before the month
    ended, is queued again)."""
    vp, since, until = viewpoint_and_period(user, query, month=month)
    report, created = MonthlyReport.objects.select_for_update().get_or_create(
        court=vp.court, area_id=vp.area.pk if vp.area else 0,
        point_id=vp.point.pk if vp.point else 0, month=since, suppressed=vp.suppress,
        defaults={"requested_by": user if getattr(user, "is_authenticated", False) else None},
    )  # fmt: skip
    # A file rendered before the month was over misses its last days: render it again.
    stale = report.finished_at is not None and timezone.localdate(report.finished_at) <= until
    if (
        not created
        and report.status != MonthlyReport.Status.FAILED
        and not (report.status == MonthlyReport.Status.READY and stale)
    ):
        return report
    report.status, report.error = MonthlyReport.Status.PENDING, ""
    report.save(update_fields=["status", "error"])
    record_event(
        actor=user, action="analytics.report.request", target=report,
        after={"month": f"{since:%Y-%m}", "area": report.area_id, "point": report.point_id,
               "suppressed": report.suppressed},
    )  # fmt: skip
    transaction.on_commit(lambda pk=report.pk: _schedule(pk))
    return report


def _schedule(report_id: int) -> None:
    """Hand the report to a worker by the task's name (tasks.py imports this module); eager
    Celery (no broker: the embedded demo) renders it right here, as the task would."""
    if current_app.conf.task_always_eager:
        render_monthly_report(report_id=report_id)
        return
    current_app.send_task(RENDER_TASK, args=(report_id,))


@transaction.atomic
def render_monthly_report(*, report_id: int) -> MonthlyReport | None:
    """Render a queued report into storage. Idempotent: a ready report is left as it is."""
    from fating.analytics import exports, indicators
    from fating.analytics.selectors import Viewpoint
    from fating.network.models import Area, ServicePoint

    report = (
        MonthlyReport.objects.select_for_update().select_related("court__area")
        .filter(pk=report_id).first()
    )  # fmt: skip
    if report is None or report.status == MonthlyReport.Status.READY:
        return report
    vp = Viewpoint(
        court=report.court,
        area=Area.objects.filter(pk=report.area_id).first() if report.area_id else None,
        point=ServicePoint.objects.filter(pk=report.point_id).first() if report.point_id else None,
        suppress=report.suppressed,
    )
    since, until = indicators.month_period(report.month.year, report.month.month)
    started = time.perf_counter()
    try:
        pdf = exports.monthly_pdf(indicators.dashboard(vp, since=since, until=until))
    except Exception as exc:  # the page must say it failed rather than poll forever
        report.status, report.error = MonthlyReport.Status.FAILED, str(exc)[:2000]
    else:
        report.file.save(f"monthly-{report.court_id}-{report.month:%Y-%m}.pdf",
                         ContentFile(pdf), save=False)  # fmt: skip
        report.status, report.error = MonthlyReport.Status.READY, ""
    report.render_seconds = round(time.perf_counter() - started, 3)
    report.finished_at = timezone.now()
    report.save()
    record_event(
        actor=None, action="analytics.report.render", target=report,
        after={"status": report.status, "seconds": report.render_seconds},
    )  # fmt: skip
    return report
