"""Pure rules of the group chat: who may do what in a room, cross-examination opinions, and
blind bidding. No Django imports.

Sources: 人民法院在线调解规则 (2021) 第18条 (parties express their will and propose solutions by
voice, text or video; concessions made to reach agreement may not be used against them later —
hence blind offers are never disclosed), 第19条 (an agreement reached is made online and signed);
人民法院在线诉讼规则 (2021) 第14条 (online evidence exchange, synchronous or not, each side
giving 质证意见), 第15条 (authenticity, legality and relevance are decided after 举证质证);
民事诉讼法解释 第104条 (cross-examination on 真实性、合法性以及与待证事实的关联性).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Roles a user can have in a room, derived from the matter.
PARTY = "party"
AGENT = "agent"
MEDIATOR = "mediator"
JUDGE = "judge"
CLERK = "clerk"
LIAISON = "liaison"
OBSERVER = "observer"  # the court administrator: supervises, reads, never speaks

MEMBER_ROLE_CHOICES = [
    (PARTY, "当事人"),
    (AGENT, "代理人"),
    (MEDIATOR, "调解员"),
    (JUDGE, "法官"),
    (CLERK, "法官助理/书记员"),
    (LIAISON, "联络员"),
    (OBSERVER, "院庭长监督"),
]
ROLE_LABELS = dict(MEMBER_ROLE_CHOICES)

SIDE_LABELS = {
    "applicant": "申请人",
    "respondent": "被申请人",
    "plaintiff": "原告",
    "defendant": "被告",
    "third_party": "第三人",
}
# The side that claims money from the other: 申请人 in a dispute, 原告 in a case.
CLAIMANT_SIDES = ("applicant", "plaintiff")

SPEAKERS = frozenset({PARTY, AGENT, MEDIATOR, JUDGE, CLERK, LIAISON})
SIDES = frozenset({PARTY, AGENT})  # those who act for a side
# Those who run the proceedings in the room: open bidding, export the cross-examination table,
# turn an accepted proposal into the draft agreement.
MANAGERS = frozenset({MEDIATOR, JUDGE, CLERK})

ADMITTED = "admitted"
DISPUTED = "disputed"
OPINION_CHOICES = [(ADMITTED, "认可"), (DISPUTED, "有异议")]
OPINION_LABELS = dict(OPINION_CHOICES)
PROPERTIES = (("authenticity", "真实性"), ("legality", "合法性"), ("relevance", "关联性"))

MAX_TEXT = 5000
CENT = Decimal("0.01")


def can_speak(role: str | None) -> bool:
    return role in SPEAKERS


def acts_for_side(role: str | None, side: str) -> bool:
    return role in SIDES and bool(side)


def can_manage(role: str | None) -> bool:
    return role in MANAGERS


# Court staff in the room (the judge, the clerk, the supervising court administrator) see the
# technical detail — file hashes — that the parties and liaisons see as a plain "已核验".
DETAIL_READERS = frozenset({JUDGE, CLERK, OBSERVER})


def sees_technical_detail(role: str | None) -> bool:
    return role in DETAIL_READERS


def opinion_errors(values: dict[str, str]) -> dict[str, str]:
    """Each of 真实性/合法性/关联性 must be admitted or disputed; a disputed one needs a reason
    (解释 第104条: the parties argue their opinion — an objection without reasons says nothing)."""
    errors: dict[str, str] = {}
    for key, label in PROPERTIES:
        value = values.get(key, "")
        if value not in (ADMITTED, DISPUTED):
            errors[key] = f"请选择对{label}的意见（认可或有异议）。"
        elif value == DISPUTED and not (values.get(f"{key}_reason") or "").strip():
            errors[f"{key}_reason"] = f"对{label}有异议的，请写明理由。"
    return errors


def opposing_sides(all_sides: set[str], own: str) -> set[str]:
    """Every side other than the one that submitted the evidence is to cross-examine it."""
    return {s for s in all_sides if s != own}


def midpoint(ask: Decimal, offer: Decimal) -> Decimal:
    """Settlement at the midpoint of ask and offer, to the fen, half up."""
    return ((ask + offer) / 2).quantize(CENT, rounding=ROUND_HALF_UP)


def bidding_outcome(ask: Decimal | None, offer: Decimal | None, gap: Decimal) -> Decimal | None:
    """The settlement amount when the latest ask (claimant) and offer (other side) are within
    `gap` of each other (an offer at or above the ask also settles), else None. Nothing else is
    disclosed: callers must not reveal whether the gap is small, large, or which way it goes."""
    if ask is None or offer is None:
        return None
    if ask - offer <= gap:
        return midpoint(ask, offer) if offer < ask else ask.quantize(CENT)
    return None


# Proposal states: open → accepted | rejected | countered. Only the other side may respond.
PROPOSAL_RESPONSES = {"accept": "accepted", "reject": "rejected", "counter": "countered"}
