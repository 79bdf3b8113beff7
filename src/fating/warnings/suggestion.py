"""The 司法建议书 (judicial suggestion) document kind, registered with the documents app.

法发〔2012〕74号《最高人民法院关于加强司法建议工作的意见》: a court may issue judicial suggestions
to departments on problems found in handling disputes (e.g. a cluster of property-management
disputes), and should track the department's reply (回复) and its implementation.
"""

from __future__ import annotations

from typing import Any

from fating.documents.kinds import Block, DocumentKind, clauses
from fating.documents.rules import Field, date_chinese, date_figures


def _build(c: dict[str, Any]) -> list[Block]:
    blocks = [
        Block("court", c["court"]),
        Block("title", "司 法 建 议 书"),
        Block("number", c["number"]),
        Block("salutation", f"{c['department']}："),
        Block("para", c["findings"]),
        Block("heading", "建议如下："),
        # Numbered 一、二、 as in every court document; a date in the body is written in
        # figures (2026年5月31日), only the date under the seal in Chinese numerals.
        *clauses(c["suggestions"]),
        Block(
            "para",
            f"请于{date_figures(c['reply_due_on'])}前将采纳和落实情况书面回复本院。",
        ),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]
    return blocks


JUDICIAL_SUGGESTION = DocumentKind(
    kind="judicial_suggestion",
    name="司法建议书",
    version=2,
    fields=(
        Field("court", "法院"),
        Field("number", "文号", help="如“（2026）鲁0399司建1号”。"),
        Field("department", "受文单位"),
        Field("findings", "发现的问题", help="预警与会商研判中发现的问题。"),
        Field("suggestions", "建议事项", "texts"),
        Field("reply_due_on", "回复期限", "date"),
        Field("issued_on", "签发日期", "date"),
    ),
    build=_build,
    title=lambda c: f"司法建议书（{c['department']}）{c['number']}",
)
