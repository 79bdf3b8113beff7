"""Roll-up maintenance and the monthly report. Tasks take primary keys and are idempotent
(STYLE.md)."""

from __future__ import annotations

from celery import shared_task

from fating.analytics import rollup, services


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def sync_record(measure: str, source_id: int) -> bool:
    return rollup.sync(measure, source_id)


@shared_task(name=services.RENDER_TASK, acks_late=True, max_retries=2, default_retry_delay=60)
def render_monthly_report(report_id: int) -> str | None:
    report = services.render_monthly_report(report_id=report_id)
    return report.status if report is not None else None
