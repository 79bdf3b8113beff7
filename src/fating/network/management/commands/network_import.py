"""Import a court's whole network from the workbook (all rows or none).

    fating network_import network.xlsx --court 鲁0321 --user admin [--dry-run]
    fating network_import --template network-template.xlsx

Every bad row is printed as 工作表 / 行 / 列 / 问题 and the command exits non-zero with nothing
written. The actor is `--user` (that court's administrator) or, without it, a superuser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.core.exceptions import DomainError
from fating.network import importing, workbook
from fating.network.models import Court


class Command(BaseCommand):
    help = "Import a court's network (areas, tribunals, points, organisations, mediators, liaisons) from xlsx"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="the network workbook (.xlsx)")
        parser.add_argument("--court", help="法院代字 of the court, e.g. 鲁0321")
        parser.add_argument("--user", help="username of the court administrator importing")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--template", metavar="OUT", help="write an empty template and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["template"]:
            Path(options["template"]).write_bytes(workbook.template())
            self.stdout.write(f"已写出模板：{options['template']}")
            return
        if not options["file"] or not options["court"]:
            raise CommandError("network_import: 请给出表格文件和 --court 法院代字")
        users = get_user_model().objects
        if options["user"]:
            actor = users.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"network_import: 用户 {options['user']} 不存在")
        else:
            actor = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
            if actor is None:
                raise CommandError("network_import: 没有系统管理员，请用 --user 指定本院管理员")
        court = Court.objects.filter(code=options["court"]).first()
        if court is None:
            raise CommandError(f"network_import: 法院代字 {options['court']} 不存在")
        try:
            with open(options["file"], "rb") as stream:
                book = workbook.read(stream)
        except OSError as exc:
            raise CommandError(f"network_import: 无法读取 {options['file']}：{exc}") from None
        try:
            report = importing.import_network(
                actor=actor, court=court, book=book, dry_run=options["dry_run"]
            )
        except DomainError as exc:
            raise CommandError(f"network_import: {exc.message}") from None
        for e in report.errors:
            self.stderr.write(f"{e.sheet}\t第{e.row}行\t{e.column}\t{e.message}")
        if report.errors:
            raise CommandError(f"network_import: {len(report.errors)} 处错误，未写入任何数据")
        for name in workbook.SHEETS:
            created, updated = report.created.get(name, 0), report.updated.get(name, 0)
            if created or updated:
                self.stdout.write(f"{name}\t新建 {created}\t更新 {updated}")
        self.stdout.write("预览通过，未写入（--dry-run）" if report.dry_run else "导入完成")
