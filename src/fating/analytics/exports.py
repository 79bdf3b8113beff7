"""Excel export (openpyxl) and the monthly PDF report (WeasyPrint, with the documents app's CJK
font). The report's bars are plain boxes in fixed-layout tables and it embeds one font face:
SVG text and auto table layout were most of its rendering time (bench/monthly_pdf_bench.py)."""

from __future__ import annotations

import io
from typing import Any, NamedTuple

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from fating.analytics.indicators import TIER_LABELS

LABELS: dict[str, Any] = {
    "reported": _("纠纷上报数"), "mediated": _("诉前调解数"), "first_instance": _("一审民事收案数"),
    "mediation_share": _("诉前调解占比"), "success_rate": _("调解成功率"), "cases": _("立案数"),
    "carried_over": _("旧存案件数"), "closed": _("结案数"),
    "litigation_rate": _("万人成讼率"), "closure_rate": _("结案率"), "average_days": _("平均审理天数"),
    "mediation_withdrawal_rate": _("调撤率"), "in_time_rate": _("审限内结案率"),
    "confirmations": _("司法确认申请数"), "confirmed": _("确认有效数"),
}  # fmt: skip


class Row(NamedTuple):
    key: str
    label: str
    now: Any
    before: Any
    definition: str


def rows(data: dict[str, Any]) -> list[Row]:
    """Every indicator shown, each with the definition under its own key (a missing one is a
    KeyError, not another indicator's text)."""
    ind, ly, defs = data["indicators"], data["last_year"], data["definitions"]
    out = [Row(k, str(label), ind[k], ly[k], defs[k]) for k, label in LABELS.items()]
    for tier, label in TIER_LABELS.items():
        now, before = ind["by_tier"].get(label, {}), ly["by_tier"].get(label, {})
        out.append(Row(f"by_tier.{tier}", str(_("%(tier)s化解") % {"tier": _(label)}),
                       _tier_cell(now), _tier_cell(before), defs[f"by_tier.{tier}"]))  # fmt: skip
    return out


def _tier_cell(t: dict[str, Any]) -> Any:
    if not t:
        return None
    share = t.get("share")
    return t["count"] if share is None else f"{t['count']}（{share * 100:.1f}%）"


def workbook(data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append([f"{data['court']['name']} 治理分析", f"{data['since']} 至 {data['until']}"])
    ws.append(["指标", "本期", "去年同期", "定义"])
    for row in rows(data):
        ws.append([row.label, _cell(row.now), _cell(row.before), row.definition])
    if data["population"]:
        ws.append(["常住人口", data["population"], "", f"{data['population_year']} 年"])
    sheet = wb.create_sheet("下级区域")
    sheet.append(
        [
            "名称",
            "常住人口",
            "人口年度",
            "纠纷上报",
            "诉前调解",
            "立案数",
            "万人成讼率",
            "调解成功率",
        ]
    )
    for b in data["breakdown"]:
        sheet.append([b["name"], b["population"], b["population_year"], _cell(b["reported"]),
                      _cell(b["mediated"]), _cell(b["cases"]), b["litigation_rate"], b["success_rate"]])  # fmt: skip
    points = wb.create_sheet("服务点活跃度")
    points.append(["服务点", "上报纠纷", "协助立案", "普法点单"])
    for p in data["points"]:
        points.append(
            [p["name"], _cell(p["reports"]), _cell(p["filings_assisted"]), p["consultations"]]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    return "" if value is None else value


def bars(items: list[tuple[str, float | None]]) -> list[dict[str, Any]]:
    """Rows of a bar chart for the PDF: name, value and the bar's width in % of the largest."""
    top = max((v or 0 for _, v in items), default=0) or 1
    return [{"name": n, "value": v, "width": round(100 * (v or 0) / top, 1)} for n, v in items]


_font_config: Any = None


def _report_font_config() -> Any:
    """One WeasyPrint font configuration per process: it keeps the @font-face files it has
    loaded, so a worker reads and registers the 20 MB CJK face once, not at every report."""
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def monthly_pdf(data: dict[str, Any]) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from fating.documents.render import FONT_FAMILY, cjk_font_files

    fonts = cjk_font_files()
    html = render_to_string("analytics/report.html", {
        "d": data, "rows": rows(data), "font_family": FONT_FAMILY,
        "font_regular": fonts["regular"].as_uri(),
        "breakdown": bars([(b["name"], b["litigation_rate"]) for b in data["breakdown"]]),
        "usage": bars([(p["name"], p["activity"]) for p in sorted(
            data["points"], key=lambda p: -(p["activity"] or 0))[:15]]),
    })  # fmt: skip
    # As documents.render.html_to_pdf: only local files (the font) may be fetched.
    fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(font_config=_report_font_config())
