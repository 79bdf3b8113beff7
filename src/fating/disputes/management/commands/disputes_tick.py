from __future__ import annotations

from django.core.management.base import BaseCommand

from fating.core.notify import deliver_pending
from fating.disputes import services


class Command(BaseCommand):
    help = (
        "Run the periodic dispute work once (what Celery beat runs): delegation deadlines, "
        "reminders, agreement defaults, pending notifications. For cron on small installs."
    )

    def handle(self, *args: object, **options: object) -> None:
        counts = services.expire_delegations()
        defaults = services.check_defaults()
        sent = deliver_pending()
        self.stdout.write(
            f"delegations expired={counts['expired']} unanswered={counts['unanswered']} "
            f"reminded={counts['reminded']}; agreements defaulted={defaults}; notifications sent={sent}"
        )
