"""Backfill detection over records reported since a date (records already scanned are skipped)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fating.warnings import detection
from fating.warnings.models import ScanMark


class Command(BaseCommand):
    help = "按时间顺序补扫纠纷和立案申请（已检测的记录跳过），用于历史数据导入后的回填。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--since", required=True, help="起始日期 YYYY-MM-DD")

    def handle(self, *args: Any, since: str, **options: Any) -> None:
        from fating.cases.models import Filing
        from fating.disputes.models import Dispute

        try:
            start = date.fromisoformat(since)
        except ValueError as exc:
            raise CommandError("--since 应为 YYYY-MM-DD 格式的日期。") from exc
        tz_start = timezone.make_aware(
            timezone.datetime.combine(start, timezone.datetime.min.time())
        )
        done = {(s, i) for s, i in ScanMark.objects.values_list("source", "source_id")}
        items = [("dispute", pk, at) for pk, at in Dispute.objects.filter(
            created_at__gte=tz_start).values_list("pk", "created_at")]  # fmt: skip
        items += [("filing", pk, at) for pk, at in Filing.objects.filter(
            submitted_at__gte=tz_start).values_list("pk", "submitted_at")]  # fmt: skip
        items = sorted(
            (i for i in items if (i[0], i[1]) not in done), key=lambda i: (i[2], i[0], i[1])
        )
        raised = 0
        for source, pk, _ in items:
            raised += len(
                detection.scan_dispute(pk) if source == "dispute" else detection.scan_filing(pk)
            )
        self.stdout.write(f"扫描 {len(items)} 条记录，产生或更新预警 {raised} 次。")
