from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.core.data_dictionary import PATH, render


class Command(BaseCommand):
    help = "Write docs/data-dictionary.md from the models; --check only tells whether it is stale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="exit non-zero if stale")

    def handle(self, *args: object, **options: object) -> None:
        text = render()
        current = PATH.read_text(encoding="utf-8") if PATH.exists() else ""
        if options["check"]:
            if current != text:
                raise CommandError(f"{PATH} is out of date: run `fating data_dictionary`")
            self.stdout.write(f"{PATH} is up to date")
            return
        PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {PATH}")
