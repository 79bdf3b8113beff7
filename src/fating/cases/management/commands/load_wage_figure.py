"""`fating load_wage_figure --user ADMIN --province 鲁 --wage-year 2024 --average-wage 107000
--effective-from 2025-07-01 --source "…通知（鲁高法〔2025〕…号）" [--limit …] [--agreed-limit …]`:
load the official small-claims figure a high court published (audited, as the admin page)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.accounts.models import User
from fating.cases.services.triage_admin import load_wage_figure
from fating.core.exceptions import DomainError, FieldError


class Command(BaseCommand):
    help = "Load an official small-claims wage figure (CPL 第165条; 解释 第272条)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="username of the court administrator")
        parser.add_argument("--province", required=True, help="province abbreviation, e.g. 鲁")
        parser.add_argument("--wage-year", type=int, required=True)
        parser.add_argument("--average-wage", required=True)
        parser.add_argument("--effective-from", type=date.fromisoformat, required=True)
        parser.add_argument("--source", required=True, help="title and number of the notice")
        parser.add_argument("--limit", default=None, help="published small-claims limit")
        parser.add_argument("--agreed-limit", default=None, help="published limit by agreement")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["user"]).first()
        if actor is None:
            raise CommandError(f"no such user: {options['user']}")
        try:
            figure = load_wage_figure(
                actor=actor,
                province=options["province"],
                wage_year=options["wage_year"],
                average_wage=options["average_wage"],
                effective_from=options["effective_from"],
                source=options["source"],
                small_claims_limit=options["limit"],
                agreed_limit=options["agreed_limit"],
            )
        except FieldError as exc:
            raise CommandError(str(exc)) from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"{figure.province} {figure.wage_year}: {figure.average_wage} "
            f"from {figure.effective_from} ({figure.source})"
        )
