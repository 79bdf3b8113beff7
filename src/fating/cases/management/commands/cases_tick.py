from __future__ import annotations

from django.core.management.base import BaseCommand

from fating.cases.services import mediation, time_limits
from fating.core.notify import deliver_pending


class Command(BaseCommand):
    help = (
        "Run the periodic case work once (what Celery beat runs): 审限 warnings, 委托调解 "
        "deadlines and reminders, pending notifications. For cron on small installs."
    )

    def handle(self, *args: object, **options: object) -> None:
        warned = time_limits.time_limit_warnings()
        counts = mediation.expire_entrustments()
        sent = deliver_pending()
        self.stdout.write(
            f"time-limit warnings={warned}; entrustments lapsed={counts['lapsed']} "
            f"returned={counts['returned']} reminded={counts['reminded']}; "
            f"notifications sent={sent}"
        )
