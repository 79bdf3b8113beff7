"""Celery tasks of the judgments app (beat: settings.CELERY_BEAT_SCHEDULE "mark-effective")."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="fating.judgments.tasks.mark_effective")
def mark_effective() -> int:
    """Daily: adjudications whose appeal periods ran out without appeal take effect (第158条)."""
    from fating.judgments.services import mark_effective as run

    return run()
