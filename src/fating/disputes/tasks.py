from __future__ import annotations

from celery import shared_task

from fating.disputes import services


@shared_task(acks_late=True)
def expire_delegations() -> dict[str, int]:
    """Return expired 委派 delegations, decline unanswered ones, send reminders."""
    return services.expire_delegations()


@shared_task(acks_late=True)
def check_defaults() -> int:
    """Mark agreements with overdue instalments and tell the creditors their options."""
    return services.check_defaults()
