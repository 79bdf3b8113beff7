from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.core.audit import verify_chain
from fating.core.models import AuditEvent


class Command(BaseCommand):
    help = "Audit chain tools. `audit verify` exits non-zero naming the first bad event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: check the hash chain")

    def handle(self, *args: object, **options: object) -> None:
        problem = verify_chain()
        if problem is not None:
            raise CommandError(f"Audit chain broken at {problem}")
        count = AuditEvent.objects.count()
        self.stdout.write(f"Audit chain intact: {count} events verified.")
