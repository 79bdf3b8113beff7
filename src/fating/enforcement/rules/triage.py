"""速执 triage 繁简分流 of enforcement cases, the criteria as data. Pure, no Django.

D10 / issue 16: amount, property found by the first search, the respondent's cooperation, kind of
document. A case goes to a 速执 team when every criterion holds; otherwise to an implementation
(实施) team; the reasons are shown either way. Teams are chosen by load (fewest open cases).
The thresholds are court practice (营口's 速执 teams), not statute: change the data, not the code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

#: The criteria: name -> (label, rule data).
SPEEDY_MAX_AMOUNT = Decimal("100000")
SPEEDY_DOCUMENTS = frozenset({"mediation_ruling", "mediation_statement", "payment_order"})
DOCUMENT_LABELS = {
    "mediation_ruling": "确认调解协议裁定（民特）",
    "mediation_statement": "民事调解书",
    "payment_order": "支付令",
    "judgment": "民事判决书",
    "uploaded": "其他生效法律文书（上传）",
}
CRITERIA: Mapping[str, str] = {
    "amount": f"执行标的不超过{SPEEDY_MAX_AMOUNT}元",
    "property": "首次网络查控发现可供执行的财产（或尚未查控）",
    "cooperation": "被执行人未表示拒绝履行",
    "document": "执行依据为调解类文书或支付令",
}


@dataclass(frozen=True)
class TriageFacts:
    amount: Decimal
    document_kind: str
    property_found: bool | None = None  # None: not searched yet
    respondent_refuses: bool = False


@dataclass(frozen=True)
class TriageResult:
    speedy: bool
    met: tuple[str, ...]
    unmet: tuple[str, ...]

    def reasons(self) -> list[str]:
        return [f"符合：{CRITERIA[k]}" for k in self.met] + [
            f"不符合：{CRITERIA[k]}" for k in self.unmet
        ]


def triage(facts: TriageFacts) -> TriageResult:
    checks = {
        "amount": facts.amount <= SPEEDY_MAX_AMOUNT,
        "property": facts.property_found is not False,
        "cooperation": not facts.respondent_refuses,
        "document": facts.document_kind in SPEEDY_DOCUMENTS,
    }
    met = tuple(k for k in CRITERIA if checks[k])
    unmet = tuple(k for k in CRITERIA if not checks[k])
    return TriageResult(speedy=not unmet, met=met, unmet=unmet)


def least_loaded(loads: Sequence[tuple[int, int]]) -> int | None:
    """The team id with the fewest open cases (ties: the lowest id); `loads` = (id, open)."""
    if not loads:
        return None
    return min(loads, key=lambda item: (item[1], item[0]))[0]
