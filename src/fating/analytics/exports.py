"""Excel export (openpyxl) and the monthly PDF report (WeasyPrint, with the documents app's CJK
font handling); the report's charts are inline SVG so the PDF needs no JavaScript."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string

LABELS = {
    "reported": "纠纷上报数", "mediated": "诉前调解数", "first_instance": "一审民事收案数",
    "mediation_share": "诉前调解占比", "success_rate": "调解成功率", "cases": "立案数",
    "litigation_rate": "万人成讼率", "closure_rate": "结案率", "average_days": "平均审理天数",
    "mediation_withdrawal_rate": "调撤率", "in_time_rate": "审限内结案率",
    "confirmations": "司法确认申请数", "confirmed": "确认有效数",
}  # fmt: skip
DEF_KEY = {"cases": "litigation_rate", "confirmed": "confirmations"}


def rows(data: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    ind, ly, defs = data["indicators"], data["last_year"], data["definitions"]
    return [(label, ind[k], ly[k], defs.get(DEF_KEY.get(k, k), "")) for k, label in LABELS.items()]


def workbook(data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append([f"{data['court']['name']} 治理分析", f"{data['since']} 至 {data['until']}"])
    ws.append(["指标", "本期", "去年同期", "定义"])
    for label, now, before, definition in rows(data):
        ws.append([label, _cell(now), _cell(before), definition])
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


def bar_svg(items: list[tuple[str, float]], *, width: int = 560, bar: int = 18) -> str:
    """A horizontal bar chart as SVG (labels left, values right)."""
    top = max((v for _, v in items), default=0) or 1
    height = bar * 1.6 * max(1, len(items)) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}">']
    for i, (label, value) in enumerate(items):
        y = 5 + i * bar * 1.6
        w = (width - 200) * value / top
        parts.append(f'<text x="0" y="{y + bar * 0.8:.1f}" font-size="11">{label}</text>')
        parts.append(f'<rect x="120" y="{y:.1f}" width="{w:.1f}" height="{bar}" fill="#2b6cb0"/>')
        parts.append(
            f'<text x="{125 + w:.1f}" y="{y + bar * 0.8:.1f}" font-size="11">{value:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def monthly_pdf(data: dict[str, Any]) -> bytes:
    from fating.documents.render import FONT_FAMILY, cjk_font_files, html_to_pdf

    fonts = cjk_font_files()
    chart = bar_svg([(b["name"], b["litigation_rate"] or 0) for b in data["breakdown"]])
    usage = bar_svg([(p["name"][:8], p["activity"] or 0) for p in data["points"][:15]])
    html = render_to_string("analytics/report.html", {
        "d": data, "rows": rows(data), "chart": chart, "usage": usage, "font_family": FONT_FAMILY,
        "font_regular": fonts["regular"].as_uri(), "font_bold": fonts["bold"].as_uri(),
    })  # fmt: skip
    return html_to_pdf(html)
