"""`fating calendar import FILE.json` / `fating calendar list`: the court's holiday calendar.

A court loads the State Council's notice for a new year (or corrects one) without a release:

    fating calendar import holidays-2027.json --verified --user admin

The file is one year's document in the shape of fating/core/calendar/data/holidays-2025.json.
It is validated by the engine's parser, stored in HolidayYear (replacing the shipped year of the
same number) and recorded as one audit event. Exit status 1 with the reason on stderr when it is
refused.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.core import court_calendar
from fating.core.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Holiday calendar (国务院节假日安排). `calendar import FILE.json` loads or corrects one "
        "year; `calendar list` shows the years in force with their source and confidence."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "list"])
        parser.add_argument("file", nargs="?", help="import: one year's JSON document")
        parser.add_argument(
            "--verified",
            action="store_true",
            help="the dates were checked day by day against the notice's text",
        )
        parser.add_argument(
            "--user", help="username recorded as the importer (a court administrator)"
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "list":
            self._list()
            return
        if not options["file"]:
            raise CommandError("calendar import: 请给出年度 JSON 文件路径")
        path = Path(str(options["file"]))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"calendar import: 无法读取 {path}：{exc}") from None
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"calendar import: 用户 {options['user']} 不存在")
        try:
            document = court_calendar.parse_document_text(text)
            row = court_calendar.import_year(
                actor=actor, document=document, verified=True if options["verified"] else None
            )
        except DomainError as exc:
            detail = "；".join(f"{k}: {'；'.join(v)}" for k, v in exc.fields.items())
            raise CommandError(f"calendar import: {detail or exc.message}") from None
        state = "已核对" if row.verified else "未核对"
        self.stdout.write(
            f"已导入 {row.year} 年节假日安排（{state}，可信度 {row.confidence}）：{row.source}"
        )

    def _list(self) -> None:
        for row in court_calendar.year_rows():
            origin = "导入" if row.origin == "loaded" else "内置"
            state = "已核对" if row.verified else "未核对"
            self.stdout.write(
                f"{row.year}\t{origin}\t{state}\t{row.confidence}\t"
                f"放假{row.holidays}段/调休上班{row.workdays}天\t{row.source}"
            )
