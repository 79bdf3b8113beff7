"""Element-style trial (要素式庭审): the element tables per cause, as data, and the pure rules
for reading the parties' answers and the judge's findings. No Django import (mypy --strict).

Each cause's table (data/tables.json) lists its elements with their legal basis; both sides
answer each element before the hearing; the judge marks each element agreed (无争议) or
disputed (有争议), and the hearing and the transcript follow the disputed ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "tables.json"
MAX_TEXT = 2000
MAX_MONEY = Decimal("1000000000000")  # 1万亿元: above any claim a basic court hears


class Kind(StrEnum):
    TEXT = "text"
    MONEY = "money"
    DATE = "date"
    PERCENT = "percent"
    CHOICE = "choice"
    BOOL = "bool"


class Side(StrEnum):
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"


class Finding(StrEnum):
    AGREED = "agreed"
    DISPUTED = "disputed"


@dataclass(frozen=True)
class Element:
    key: str
    label: str
    kind: Kind
    basis: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    cause: str
    elements: tuple[Element, ...]

    def element(self, key: str) -> Element | None:
        return next((e for e in self.elements if e.key == key), None)


class InvalidAnswer(ValueError):
    """An answer that does not fit its element; `message` is the Chinese sentence to show."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


@cache
def tables() -> dict[str, Table]:
    """Every element table by cause name (the cause names are the same in the 2020 and 2025
    revisions of the catalogue, so a case keeps its table across revisions)."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    found: dict[str, Table] = {}
    for t in raw["tables"]:
        elements = tuple(
            Element(e["key"], e["label"], Kind(e["kind"]), e["basis"], tuple(e.get("choices", ())))
            for e in t["elements"]
        )
        found[t["cause"]] = Table(t["cause"], elements)
    return found


def table_for(cause_name: str | None) -> Table | None:
    return tables().get(cause_name or "")


def normalise(element: Element, value: str) -> str:
    """The answer as stored: trimmed, in a canonical form for its kind, or InvalidAnswer.
    An empty answer means "not answered" and is allowed for every kind."""
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) > MAX_TEXT:
        raise InvalidAnswer(element.key, f"“{element.label}”不能超过{MAX_TEXT}字。")
    if element.kind in (Kind.MONEY, Kind.PERCENT):
        try:
            number = Decimal(text.replace(",", "").replace("，", ""))
        except InvalidOperation:
            raise InvalidAnswer(element.key, f"“{element.label}”应填写数字。") from None
        if not number.is_finite() or number < 0:
            raise InvalidAnswer(element.key, f"“{element.label}”应为不小于0的数字。")
        if element.kind is Kind.PERCENT and number > 100:
            raise InvalidAnswer(element.key, f"“{element.label}”应在0到100之间。")
        if number >= MAX_MONEY:
            raise InvalidAnswer(element.key, f"“{element.label}”数额过大。")
        places = Decimal("0.01") if element.kind is Kind.MONEY else Decimal("0.0001")
        if number != number.quantize(places):
            raise InvalidAnswer(element.key, f"“{element.label}”的小数位数过多。")
        return format(number.quantize(places), "f")
    if element.kind is Kind.DATE:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidAnswer(element.key, f"“{element.label}”应为日期，如2026-03-01。") from None
    if element.kind is Kind.CHOICE and text not in element.choices:
        raise InvalidAnswer(
            element.key, f"“{element.label}”应从“{'、'.join(element.choices)}”中选择。"
        )
    if element.kind is Kind.BOOL:
        if text not in ("是", "否"):
            raise InvalidAnswer(element.key, f"“{element.label}”应填写“是”或“否”。")
    return text


def suggested_finding(plaintiff: str, defendant: str) -> Finding | None:
    """What the answers suggest before the judge decides: the same answer from both sides
    suggests agreement, different answers a dispute; with a side silent nothing is suggested
    (民事诉讼证据规定 第4条 deems silence an admission only after the judge has explained and
    asked, which happens at the hearing)."""
    if not plaintiff or not defendant:
        return None
    return Finding.AGREED if plaintiff == defendant else Finding.DISPUTED


@dataclass(frozen=True)
class Row:
    element: Element
    plaintiff: str
    defendant: str
    finding: Finding | None
    suggested: Finding | None


def rows(
    table: Table,
    answers: dict[tuple[str, str], str],
    findings: dict[str, str],
) -> list[Row]:
    """The table as the judge reads it: each element with both answers and its finding.
    `answers` maps (side, element key) to the stored answer; `findings` element key to finding."""
    out = []
    for e in table.elements:
        p = answers.get((Side.PLAINTIFF, e.key), "")
        d = answers.get((Side.DEFENDANT, e.key), "")
        f = findings.get(e.key)
        out.append(Row(e, p, d, Finding(f) if f else None, suggested_finding(p, d)))
    return out


def focus(table_rows: list[Row]) -> list[Row]:
    """The hearing's focus (庭审焦点): the elements found disputed, in table order. Elements not
    yet marked are not focus: the judge decides, the suggestion only helps."""
    return [r for r in table_rows if r.finding is Finding.DISPUTED]
