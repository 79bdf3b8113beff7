"""Background work of the notification centre (run daily by Celery beat)."""

from __future__ import annotations

from celery import shared_task

from fating.inbox import deadlines


@shared_task
def remind_deadlines() -> int:
    return deadlines.remind()
