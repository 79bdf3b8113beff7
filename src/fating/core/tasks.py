from __future__ import annotations

from celery import Task, shared_task

from fating.core import notify


@shared_task(bind=True, max_retries=5, default_retry_delay=30, acks_late=True)
def deliver_message(self: Task[[int], bool], message_id: int) -> bool:
    """Deliver one outbox message; failures stay pending and are retried."""
    return notify.deliver(message_id)


@shared_task
def deliver_pending() -> int:
    return notify.deliver_pending()


@shared_task
def write_audit_checkpoint() -> str:
    """Daily (Celery beat): append the signed chain head to the checkpoint file."""
    from fating.core.audit import checkpoint_task

    return checkpoint_task()


@shared_task
def purge_idempotency_keys() -> int:
    """Delete expired Idempotency-Key records (scheduled hourly by Celery beat)."""
    from fating.core.idempotency import purge_expired

    return purge_expired()
