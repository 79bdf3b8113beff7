"""`fating load_causes [--path DIR]`: load the 2020 and 2025 案由 catalogues (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.cases.services.causes import default_data_dir, load_causes
from fating.core.exceptions import FieldError


class Command(BaseCommand):
    help = "Load the civil causes of action (民事案件案由规定, revisions 2020 and 2025)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=None,
            help="Folder with civil-causes-2020.json and civil-causes-2025.json "
            "(default: the shared data folder if present, else the copy shipped with the app).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["path"] or default_data_dir()
        try:
            results = load_causes(data_dir=folder)
        except FieldError as exc:
            raise CommandError(exc.message) from None
        for r in results:
            self.stdout.write(
                f"{r.revision}: {r.created} created, {r.updated} updated, {r.unchanged} unchanged"
            )
