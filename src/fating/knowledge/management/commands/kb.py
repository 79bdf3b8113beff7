"""`fating kb import [--path DIR]`: load statutes and typical cases into the library."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fating.core.exceptions import FieldError
from fating.knowledge.models import Article, Law, TypicalCase
from fating.knowledge.services.library import default_laws_dir, import_library


class Command(BaseCommand):
    help = (
        "Legal library tools. `kb import [--path DIR]` loads the statutes and typical cases "
        "(default: $FATING_LAWS_DIR or ../shared/data/laws); re-running skips unchanged files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="import the laws data folder")
        importer.add_argument("--path", type=Path, default=None, help="the laws data folder")

    def handle(self, *args: object, **options: object) -> None:
        path = options.get("path") or default_laws_dir()
        if path is None:
            raise CommandError("未找到法律资料目录：请用 --path 指定，或设置 FATING_LAWS_DIR。")
        try:
            report = import_library(path=Path(str(path)))
        except FieldError as exc:
            raise CommandError(exc.message.removeprefix("path: ")) from None
        self.stdout.write(
            f"法律：新增 {report.laws_created}，更新 {report.laws_updated}，"
            f"未变 {report.laws_unchanged}；写入条文 {report.articles_written}。"
        )
        self.stdout.write(
            f"案例：新增 {report.cases_created}，更新 {report.cases_updated}，"
            f"未变 {report.cases_unchanged}。"
        )
        self.stdout.write(
            f"库中共有 {Law.objects.count()} 部法律（现行 {Law.objects.filter(is_current=True).count()}），"
            f"{Article.objects.count()} 条法条，{TypicalCase.objects.count()} 个案例。"
        )
        for problem in report.problems:
            self.stderr.write(f"提示：{problem}")
