"""Roll-up maintenance. Tasks take primary keys and are idempotent (STYLE.md)."""

from __future__ import annotations

from celery import shared_task

from fating.analytics import rollup


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def sync_record(measure: str, source_id: int) -> bool:
    return rollup.sync(measure, source_id)
