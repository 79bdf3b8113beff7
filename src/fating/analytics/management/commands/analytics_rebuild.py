"""Rebuild the roll-up tables from the raw records (after bulk imports or the demo seed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fating.analytics import rollup


class Command(BaseCommand):
    help = "从纠纷、立案、案件和司法确认原始记录重新计算治理分析汇总表。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--check", action="store_true", help="只比较，不重建；不一致时退出码 1")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        if check:
            same = rollup.consistent()
            self.stdout.write("汇总表与重新计算一致。" if same else "汇总表与重新计算不一致。")
            if not same:
                raise SystemExit(1)
            return
        n = rollup.rebuild()
        self.stdout.write(f"已重建 {n} 个汇总单元。")
