"""Background detection. Tasks take primary keys (STYLE.md) and are idempotent (ScanMark)."""

from __future__ import annotations

from celery import shared_task

from fating.warnings import detection


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def scan_dispute(dispute_id: int) -> int:
    return len(detection.scan_dispute(dispute_id))


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def scan_filing(filing_id: int) -> int:
    return len(detection.scan_filing(filing_id))
