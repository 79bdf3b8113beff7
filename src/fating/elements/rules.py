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

from fating.core.machine import Machine, t

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
    for entry in raw["tables"]:
        elements = tuple(
            Element(e["key"], e["label"], Kind(e["kind"]), e["basis"], tuple(e.get("choices", ())))
            for e in entry["elements"]
        )
        found[entry["cause"]] = Table(entry["cause"], elements)
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
        stored = number.quantize(places)
        # Money keeps its two places (元角分); a rate is shown as written: 14.8, not 14.8000.
        return format(stored if element.kind is Kind.MONEY else stored.normalize(), "f")
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


# --- Model litigation (示范诉讼, 类案集中办理) ------------------------------------------------
#
# A group of parallel cases (平行案件) of one cause is decided through a lead case (示范案件): its
# findings are carried to each parallel case where that case's answers match, as a draft the
# judge confirms case by case; an element whose answers differ stays for the judge to decide.


class ParallelState(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    EXCLUDED = "excluded"


PARALLEL: Machine[ParallelState] = Machine(
    states={
        ParallelState.PENDING: "待确认",
        ParallelState.CONFIRMED: "已确认参照",
        ParallelState.EXCLUDED: "已排除",
    },
    refusal="平行案件{state}，不能{action}。",
    transitions=[
        t("confirm", "确认参照", ParallelState.PENDING, ParallelState.CONFIRMED),
        t("exclude", "排除出本组", ParallelState.PENDING, ParallelState.EXCLUDED),
    ],
)


@dataclass(frozen=True)
class Proposal:
    element: Element
    finding: Finding | None
    note: str
    reason: str


def _same_answers(a: Row, b: Row) -> bool:
    return bool(a.plaintiff or a.defendant) and (a.plaintiff, a.defendant) == (
        b.plaintiff,
        b.defendant,
    )


def carry_over(
    lead: list[Row], parallel: list[Row], lead_notes: dict[str, str], lead_name: str
) -> list[Proposal]:
    """What the lead case's findings propose for one parallel case, element by element.

    - An element the parallel case has already decided keeps its own finding.
    - An element the lead found agreed is proposed agreed when the parallel case's sides agree
      with each other or answer exactly as in the lead case.
    - An element the lead found disputed is proposed disputed, with the lead's determination as
      its note, only when the parallel case's answers are exactly the lead's: the same dispute.
    - Everything else is left for the judge, with the reason.
    """
    by_key = {r.element.key: r for r in parallel}
    out = []
    for row in lead:
        own = by_key.get(row.element.key)
        if row.finding is None or own is None:
            continue
        if own.finding is not None:
            out.append(Proposal(row.element, None, "", "本案已逐项认定，保留本案认定。"))
        elif not (own.plaintiff or own.defendant):
            out.append(Proposal(row.element, None, "", "本案双方均未填写，需逐案认定。"))
        elif row.finding is Finding.AGREED and (
            own.suggested is Finding.AGREED or _same_answers(row, own)
        ):
            out.append(Proposal(row.element, Finding.AGREED, "", "本案陈述与示范案件认定一致。"))
        elif row.finding is Finding.DISPUTED and _same_answers(row, own):
            note = f"参照示范案件{lead_name}认定：{lead_notes.get(row.element.key, '')}".rstrip(
                "："
            )
            out.append(Proposal(row.element, Finding.DISPUTED, note[:500], "与示范案件争议相同。"))
        else:
            out.append(Proposal(row.element, None, "", "本案陈述与示范案件不同，需逐案认定。"))
    return out
