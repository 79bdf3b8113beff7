"""The monthly reconciliation as a workbook (openpyxl) and a PDF (WeasyPrint with the documents
app's CJK font, through `documents.render.render_template_pdf`)."""

from __future__ import annotations

import io
from typing import Any

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ("案号", "月初结存（元）", "本月收入（元）", "本月发放（元）", "待发放（元）",
          "申请执行费（元）", "月末结存（元）", "差异")  # fmt: skip


def table(data: dict[str, Any]) -> list[list[Any]]:
    rows = [[r["case"].case_number, r["m"].opening, r["m"].money_in, r["m"].paid_out,
             r["m"].pending, r["m"].fees, r["m"].closing, "；".join(r["m"].problems)]
            for r in data["rows"]]  # fmt: skip
    t = data["totals"]
    rows.append(["合计", t["opening"], t["money_in"], t["paid_out"], t["pending"], t["fees"],
                 t["closing"], f"{data['problems']}件有差异"])  # fmt: skip
    return rows


def workbook(data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "执行款对账"
    ws.append([f"{data['court'].name} 执行款月度对账", data["month"]])
    ws.append(list(HEADER))
    for row in table(data):
        ws.append([float(v) if not isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pdf(data: dict[str, Any]) -> bytes:
    from fating.documents.render import render_template_pdf

    return render_template_pdf(
        "enforcement/reconciliation_pdf.html",
        {"data": data, "header": HEADER, "table": table(data)},
    )
