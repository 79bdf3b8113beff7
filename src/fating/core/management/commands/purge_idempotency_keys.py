from __future__ import annotations

from django.core.management.base import BaseCommand

from fating.core.idempotency import purge_expired


class Command(BaseCommand):
    help = "Delete Idempotency-Key records older than IDEMPOTENCY_KEY_TTL_SECONDS (24 hours)."

    def handle(self, *args: object, **options: object) -> None:
        deleted = purge_expired()
        self.stdout.write(f"Purged {deleted} expired idempotency keys.")
