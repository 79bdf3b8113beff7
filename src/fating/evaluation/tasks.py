"""Celery tasks of the evaluation app (beat: settings.CELERY_BEAT_SCHEDULE
"appraisal-report-reminders")."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="fating.evaluation.tasks.remind_report_deadlines")
def remind_report_deadlines() -> int:
    """Daily: remind the judge of each appraisal whose report deadline is near."""
    from fating.evaluation.reminders import remind

    return remind()
