"""`fating indicators`: every seed indicator with its one published definition, for scripts and
audits. Figures of the whole court (or one area of it), unsuppressed: the command runs on the
server, with the database's full rights, like `analytics_rebuild`.

    fating indicators --json [--court CODE] [--area CODE] [--since DATE] [--until DATE]

Exit codes: 0 printed; 2 bad arguments (an unknown court or area, a bad date), message on stderr.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fating.analytics.catalogue import catalogue
from fating.analytics.indicators import default_period
from fating.analytics.selectors import Viewpoint, within
from fating.network.models import Area, Court

EXIT_BAD_INPUT = 2


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--{name}: 日期格式应为 YYYY-MM-DD（收到 {value!r}）。", returncode=EXIT_BAD_INPUT
        ) from None


def viewpoint(court_code: str | None, area_code: str | None) -> Viewpoint:
    """The court (by 法院代字/code, else the only or first court) and optionally an area of it."""
    courts = Court.objects.select_related("area").order_by("pk")
    area = None
    if area_code:
        area = Area.objects.filter(code=area_code).first()
        if area is None:
            raise CommandError(f"--area: 区域 {area_code} 不存在。", returncode=EXIT_BAD_INPUT)
    if court_code:
        court = courts.filter(code=court_code).first()
        if court is None:
            raise CommandError(f"--court: 法院 {court_code} 不存在。", returncode=EXIT_BAD_INPUT)
    else:
        found = [c for c in courts if area is None or within(area, c.area_id)]
        if not found:
            raise CommandError("没有找到法院。", returncode=EXIT_BAD_INPUT)
        court = found[0]
    if area is not None and not within(area, court.area_id):
        raise CommandError(
            f"--area: 区域 {area_code} 不在 {court.name} 辖区内。", returncode=EXIT_BAD_INPUT
        )
    return Viewpoint(court, area, None, suppress=False)


class Command(BaseCommand):
    help = "打印全部治理指标及其定义（本期值、去年同期值与变化）；--json 输出 JSON 列表。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="输出 JSON 列表")
        parser.add_argument("--court", help="法院代码（默认：唯一或第一个法院）")
        parser.add_argument("--area", help="区域代码（镇街或村居），默认全院辖区")
        parser.add_argument("--since", help="起始日期 YYYY-MM-DD（默认今年 1 月 1 日）")
        parser.add_argument("--until", help="截止日期 YYYY-MM-DD（默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        since, until = default_period(timezone.localdate())
        since = _day(options.get("since"), "since") or since
        until = _day(options.get("until"), "until") or until
        if since > until:
            raise CommandError("--until: 截止日期不能早于起始日期。", returncode=EXIT_BAD_INPUT)
        vp = viewpoint(options.get("court"), options.get("area"))
        entries = catalogue(vp, since=since, until=until)
        if options.get("json"):
            self.stdout.write(json.dumps(entries, ensure_ascii=False))
            return
        self.stdout.write(f"{vp.court.name} {since} 至 {until}")
        for e in entries:
            value = "—" if e["value"] is None else e["value"]
            before = "—" if e["last_year"] is None else e["last_year"]
            self.stdout.write(f"{e['name']}：{value}（去年同期 {before}）  {e['definition']}")
