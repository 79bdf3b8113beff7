"""执行款月度对账 of one court's month, printed, or written as XLSX/PDF:

    python -m fating.cli enforcement_reconcile --court 370399 --month 2026-11 [--xlsx F] [--pdf F]

Also flags the respondents whose property-report period ran out with no report (--flag-missed),
as the daily task does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fating.enforcement import exports, selectors_notices, services_notices
from fating.network.models import Court


class Command(BaseCommand):
    help = "Monthly reconciliation of a court's enforcement money ledger (执行款月度对账)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--court", required=True, help="court code (法院代码)")
        parser.add_argument("--month", default="", help="YYYY-MM (default: this month)")
        parser.add_argument("--xlsx", default="", help="write the workbook here")
        parser.add_argument("--pdf", default="", help="write the PDF here")
        parser.add_argument("--flag-missed", action="store_true", help="flag missed reports first")

    def handle(self, *args: Any, court: str, month: str, xlsx: str, pdf: str,
               flag_missed: bool, **options: Any) -> None:  # fmt: skip
        found = Court.objects.filter(code=court).first()
        if found is None:
            raise CommandError(f"no court with code {court!r}")
        if flag_missed:
            self.stdout.write(f"missed reports flagged: {services_notices.flag_missed_reports()}")
        month = month or timezone.localdate().strftime("%Y-%m")
        try:
            data = selectors_notices.reconciliation(found, month)
        except ValueError:
            raise CommandError("month must be YYYY-MM") from None
        self.stdout.write(f"{found.name} {month}")
        self.stdout.write("\t".join(exports.HEADER))
        for row in exports.table(data):
            self.stdout.write("\t".join(str(v) for v in row))
        if xlsx:
            Path(xlsx).write_bytes(exports.workbook(data))
        if pdf:
            Path(pdf).write_bytes(exports.pdf(data))
