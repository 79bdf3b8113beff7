"""Background work of enforcement (Celery)."""

from __future__ import annotations

from celery import shared_task

from fating.enforcement import services


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=5, default_retry_delay=60)
def send_payout(entry_id: int) -> str:
    """Pay one 执行款 payout exactly once (services.send_payout is idempotent)."""
    return services.send_payout(entry_id=entry_id).status


@shared_task(acks_late=True)
def remind_expiring_controls() -> int:
    """Daily: remind executors of freezes and seizures ending within 30 days."""
    return services.remind_expiring_controls()


@shared_task(acks_late=True)
def flag_missed_reports() -> int:
    """Daily: flag respondents whose 报告财产令 period ran out with no report (民事诉讼法 第252条)."""
    from fating.enforcement import services_notices

    return services_notices.flag_missed_reports()


@shared_task(acks_late=True)
def expire_measures() -> int:
    """Daily: 失信 entries past their period leave the public list (失信规定 第2条)."""
    from fating.enforcement import services_measures

    return services_measures.expire_measures()


@shared_task(acks_late=True)
def research_concluded() -> int:
    """Daily: the 6-monthly property search of 终本 cases for 5 years (终本规定 第9条)."""
    from fating.enforcement import services_measures

    return services_measures.research_concluded()
