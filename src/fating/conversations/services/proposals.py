"""Mediation proposals (propose, accept / reject / counter; an accepted proposal becomes the
draft agreement) and confidential blind bidding (背对背报价, settlement at the midpoint)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.conversations import live, rules
from fating.conversations.models import BlindBidding, BlindOffer, Message, Proposal, Room
from fating.conversations.selectors import room_for, sides_of
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.money import MoneyError, parse_money

ONLY_SIDES = gettext_noop("只有当事人及其代理人可以提出或回应调解方案。")


_MONEY_LABELS = {"amount": "金额", "gap": "可接受差额"}


def _money(raw: Any, field: str, errors: dict[str, str], *, required: bool) -> Decimal | None:
    try:
        return parse_money(raw, field=field, label=_MONEY_LABELS[field], required=required)
    except MoneyError as exc:
        errors[field] = exc.reason
        return None


def _proposal_message(room: Room, actor: Any, member: Any, proposal_text: str) -> Message:
    return Message.objects.create(
        room=room, kind=Message.Kind.PROPOSAL, author=actor,
        author_role=member.role if member else "", author_side=member.side if member else "",
        body=proposal_text,
    )  # fmt: skip


def _describe(amount: Decimal | None, schedule: str, terms: str) -> str:
    parts = [terms]
    if amount is not None:
        parts.insert(0, f"给付金额 {amount} 元")
    if schedule:
        parts.append(f"履行安排：{schedule}")
    return "；".join(p for p in parts if p)


def _create(room: Room, actor: Any, member: Any, *, amount: Decimal | None, schedule: str,
            terms: str, counter_of: Proposal | None = None) -> Proposal:  # fmt: skip
    side = member.side if member else ""
    label = rules.SIDE_LABELS.get(side, side) if side else "系统"
    verb = "还价" if counter_of else "提出调解方案"
    message = _proposal_message(
        room, actor, member, f"{label}{verb}：{_describe(amount, schedule, terms)}"
    )
    return Proposal.objects.create(room=room, message=message, side=side, proposed_by=actor,
                                   amount=amount, schedule=schedule, terms=terms,
                                   counter_of=counter_of)  # fmt: skip


def _validate(amount: Any, schedule: str, terms: str) -> tuple[Decimal | None, str, str]:
    errors: dict[str, str] = {}
    value = _money(amount, "amount", errors, required=False)
    terms = (terms or "").strip()
    schedule = (schedule or "").strip()
    if len(terms) < 2:
        errors["terms"] = _("请写明方案内容。")
    if len(schedule) > 300:
        errors["schedule"] = _("履行安排不能超过300个字。")
    if errors:
        raise FieldError(errors)
    return value, schedule, terms


@transaction.atomic
def propose(
    *, actor: Any, room: Room, terms: str, amount: Any = None, schedule: str = ""
) -> Proposal:
    """A side proposes terms (an amount and a schedule); the other sides respond."""
    room, member = room_for(actor, room.pk, write=True)
    if not rules.acts_for_side(member.role, member.side):
        raise NotPermitted(_(ONLY_SIDES))
    value, schedule, terms = _validate(amount, schedule, terms)
    proposal = _create(room, actor, member, amount=value, schedule=schedule, terms=terms)
    record_event(actor=actor, action="conversations.proposal.propose", target=proposal,
                 after={"room": room.pk, "side": member.side, "amount": str(value) if value is not None else None})  # fmt: skip
    live.push_message(proposal.message_id, room.pk)
    return proposal


@transaction.atomic
def respond_to_proposal(
    *,
    actor: Any,
    room: Room,
    proposal: Proposal,
    decision: str,
    reason: str = "",
    amount: Any = None,
    schedule: str = "",
    terms: str = "",
) -> Proposal:
    """Accept, reject or counter an open proposal of another side. A counter is a new proposal
    from the responding side. Returns the responded proposal (or the counter)."""
    room, member = room_for(actor, room.pk, write=True)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk, room=room)
    if not rules.acts_for_side(member.role, member.side):
        raise NotPermitted(_(ONLY_SIDES))
    if proposal.side == member.side:
        raise NotPermitted(_("不能回应本方提出的方案。"))
    if decision not in rules.PROPOSAL_RESPONSES:
        raise FieldError({"decision": _("请选择接受、拒绝或还价。")})
    if proposal.status != Proposal.Status.OPEN:
        raise InvalidTransition(_("该方案已有回应。"))
    if decision == "accept" and not proposal.side:
        # A system (midpoint) proposal binds only when every side has accepted it.
        accepted = sorted(set(proposal.accepted_sides) | {member.side})
        proposal.accepted_sides = accepted
        if set(accepted) < sides_of(room):
            proposal.save(update_fields=["accepted_sides"])
            label = rules.SIDE_LABELS.get(member.side, member.side)
            note = Message.objects.create(
                room=room, kind=Message.Kind.TEXT, author=actor, author_role=member.role,
                author_side=member.side, reply_to=proposal.message,
                body=f"{label}接受了该方案，等待其他各方确认。",
            )  # fmt: skip
            record_event(actor=actor, action="conversations.proposal.accept_part",
                         target=proposal, after={"accepted_sides": accepted})  # fmt: skip
            live.push_message(note.pk, room.pk)
            return proposal
    counter = None
    if decision == "counter":
        value, schedule, terms = _validate(amount, schedule, terms)
        counter = _create(room, actor, member, amount=value, schedule=schedule, terms=terms,
                          counter_of=proposal)  # fmt: skip
    before = proposal.status
    proposal.status = rules.PROPOSAL_RESPONSES[decision]
    proposal.responded_by, proposal.responded_at = actor, timezone.now()
    proposal.response_reason = (reason or "").strip()
    # accepted_sides too: the last side's acceptance of a midpoint proposal was being dropped.
    proposal.save(update_fields=["status", "responded_by", "responded_at", "response_reason",
                                 "accepted_sides"])  # fmt: skip
    label = rules.SIDE_LABELS.get(member.side, member.side)
    if counter is None:
        word = "接受" if decision == "accept" else "拒绝"
        note = Message.objects.create(
            room=room, kind=Message.Kind.TEXT, author=actor, author_role=member.role,
            author_side=member.side, reply_to=proposal.message,
            body=f"{label}{word}了该方案" + (f"：{proposal.response_reason}" if proposal.response_reason else "。"),
        )  # fmt: skip
        live.push_message(note.pk, room.pk)
    else:
        live.push_message(counter.message_id, room.pk)
    record_event(actor=actor, action=f"conversations.proposal.{proposal.status}", target=proposal,
                 before={"status": before},
                 after={"status": proposal.status, "counter": counter.pk if counter else None})  # fmt: skip
    return counter or proposal


@transaction.atomic
def draft_agreement_from_proposal(
    *,
    actor: Any,
    room: Room,
    proposal: Proposal,
    facts: str,
    performance: str,
    deadline: date,
    instalments: list[Any] | None = None,
    additional_terms: str = "",
) -> Any:
    """The mediator (or court staff) turns an accepted proposal of a dispute into the draft
    mediation agreement (disputes.services.draft_agreement checks who may draft). `instalments`
    (disputes.services.InstalmentInput) set out the accepted schedule as dated payments;
    `additional_terms` are the usual closing clauses the parties then sign with it."""
    from fating.disputes.services import draft_agreement

    room, member = room_for(actor, room.pk, write=True)
    if not rules.can_manage(member.role):
        raise NotPermitted(_("只有调解员、法官或法官助理可以据方案起草调解协议。"))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk, room=room)
    if proposal.status != Proposal.Status.ACCEPTED:
        raise InvalidTransition(_("只有已接受的方案可以起草调解协议。"))
    if proposal.agreement_id:
        raise InvalidTransition(_("该方案已起草调解协议。"))
    if room.matter_type.model != "dispute":
        raise InvalidTransition(_("案件中的调解方案请由承办法官制作调解书。"))
    # A system (midpoint) proposal's text is a notice about the bidding, not a term to sign.
    own_terms = proposal.terms if proposal.side else ""
    terms = _describe(proposal.amount, proposal.schedule, own_terms)
    if (additional_terms or "").strip():
        terms = f"{terms}\n{additional_terms.strip()}"
    agreement = draft_agreement(actor=actor, dispute=room.matter, facts=facts, terms=terms,
                                performance=performance, deadline=deadline,
                                instalments=instalments)  # fmt: skip
    proposal.agreement_id = agreement.pk
    proposal.save(update_fields=["agreement_id"])
    message = Message.objects.create(room=room, kind=Message.Kind.SYSTEM,
                                     system_kind=Message.SystemKind.AGREEMENT_DRAFTED,
                                     body="已根据双方接受的方案起草调解协议，请各方核对并签署。")  # fmt: skip
    record_event(actor=actor, action="conversations.proposal.draft_agreement", target=proposal,
                 after={"agreement": agreement.pk})  # fmt: skip
    live.push_message(message.pk, room.pk)
    return agreement


@transaction.atomic
def open_bidding(*, actor: Any, room: Room, gap: Any) -> BlindBidding:
    """The mediator or judge opens confidential blind bidding on a money dispute."""
    room, member = room_for(actor, room.pk, write=True)
    if not rules.can_manage(member.role):
        raise NotPermitted(_("只有调解员、法官或法官助理可以发起背对背报价。"))
    errors: dict[str, str] = {}
    value = _money(gap, "gap", errors, required=True)
    if errors:
        raise FieldError(errors)
    sides = sides_of(room)
    claimant = next((s for s in rules.CLAIMANT_SIDES if s in sides), "")
    if not claimant or len(sides) < 2:
        raise InvalidTransition(_("背对背报价需要主张给付的一方和对方当事人。"))
    if room.biddings.filter(status=BlindBidding.Status.OPEN).exists():
        raise InvalidTransition(_("已有进行中的背对背报价。"))
    bidding = BlindBidding.objects.create(room=room, claimant_side=claimant, gap=value,
                                          opened_by=actor)  # fmt: skip
    message = Message.objects.create(
        room=room, kind=Message.Kind.SYSTEM, system_kind=Message.SystemKind.BIDDING,
        body="调解员已发起背对背报价：各方分别提交报价，对方和调解员均看不到；双方报价接近时，系统将按中间价提出和解方案。",
    )  # fmt: skip
    record_event(actor=actor, action="conversations.bidding.open", target=bidding,
                 after={"room": room.pk, "gap": str(value), "claimant_side": claimant})  # fmt: skip
    live.push_message(message.pk, room.pk)
    return bidding


@transaction.atomic
def submit_offer(*, actor: Any, room: Room, amount: Any) -> BlindOffer:
    """A side submits a confidential figure. When the latest ask and offer are within the gap,
    the bidding settles: a system proposal at the midpoint is posted for both sides to accept.
    Otherwise nothing at all is posted or revealed (not even that an offer was made)."""
    room, member = room_for(actor, room.pk, write=True)
    if not rules.acts_for_side(member.role, member.side):
        raise NotPermitted(_("只有当事人及其代理人可以报价。"))
    bidding = room.biddings.select_for_update().filter(status=BlindBidding.Status.OPEN).first()
    if bidding is None:
        raise InvalidTransition(_("当前没有进行中的背对背报价。"))
    errors: dict[str, str] = {}
    value = _money(amount, "amount", errors, required=True)
    if errors:
        raise FieldError(errors)
    offer = BlindOffer.objects.create(bidding=bidding, side=member.side, author=actor, amount=value)
    ask = bidding.offers.filter(side=bidding.claimant_side).order_by("-pk").first()
    other = bidding.offers.exclude(side=bidding.claimant_side).order_by("-pk").first()
    settled = rules.bidding_outcome(ask.amount if ask else None, other.amount if other else None,
                                    bidding.gap)  # fmt: skip
    if settled is not None:
        proposal = _create(room, None, None, amount=settled, schedule="",
                           terms=f"双方报价已接近，系统按中间价建议以 {settled} 元和解。")  # fmt: skip
        bidding.status, bidding.settlement = BlindBidding.Status.SETTLED, proposal
        bidding.save(update_fields=["status", "settlement"])
        live.push_message(proposal.message_id, room.pk)
    # The audit event keeps the figure (the record is for the court, not for the other side).
    record_event(actor=actor, action="conversations.bidding.offer", target=offer,
                 after={"bidding": bidding.pk, "side": member.side, "amount": str(value),
                        "settled": str(settled) if settled is not None else None})  # fmt: skip
    return offer
