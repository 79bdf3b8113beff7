"""Periodic work of the cases app (Celery beat; `manage.py cases_tick` does the same once)."""

from __future__ import annotations

from celery import shared_task

from fating.cases.services import mediation, time_limits


@shared_task(acks_late=True)
def time_limit_warnings() -> int:
    """Warn each judge before 审限 expires (30/15/5 days) and when it has expired."""
    return time_limits.time_limit_warnings()


@shared_task(acks_late=True)
def expire_entrustments() -> dict[str, int]:
    """委托调解: lapse unanswered offers, return expired mediations, send reminders."""
    return mediation.expire_entrustments()
