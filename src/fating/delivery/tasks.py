"""Background work of service: arguments are ids, never model objects."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from fating.delivery import services


@shared_task(bind=True, max_retries=8, default_retry_delay=30, acks_late=True)
def dispatch_attempt(self, attempt_id: int) -> str:  # type: ignore[no-untyped-def]
    """Send one electronic attempt and record its receipts; retried while the gateway fails
    (the outbox row gives up after core.notify.MAX_ATTEMPTS, then a 'failed' receipt is kept)."""
    status = services.dispatch(attempt_id)
    if status == "pending" and not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        raise self.retry(countdown=30 * (self.request.retries + 1))
    return status


@shared_task
def reconcile_pending() -> int:
    return services.reconcile_pending()
