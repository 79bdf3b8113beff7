"""Who belongs to a room, and reads of rooms and messages (docs/permissions.md).

Membership is derived from the matter each time it is needed — on every read, every write and
every WebSocket connect — never from a stored list, so it can never go stale:

- dispute room: its parties with an account (side = 申请人/被申请人), the assigned mediator (or a
  mediator of the assigned organisation), judges and clerks of its tribunal, the liaison of its
  service point (or who reported it), and the court administrator as a read-only observer;
- case room: its parties with an account (side = 原告/被告/第三人), the filer acting as agent (for
  the plaintiff side), the liaison who assisted the filing, the assigned judge and the judges of
  its tribunal, the court's clerks, and the court administrator as observer.

Non-members get 404 (the room does not exist for them); observers get 403 on any write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.conversations import rules
from fating.conversations.models import EvidenceItem, Message, Proposal, ReadMark, Room
from fating.core.access import unknown_action
from fating.core.exceptions import NotPermitted, NotVisible

ROOM_NOT_FOUND = gettext_noop("群聊不存在。")
OBSERVER_READ_ONLY = gettext_noop("您只能查看本群聊，不能发言。")
MATTER_LABELS = ("disputes.dispute", "cases.case")


@dataclass(frozen=True)
class Member:
    """A user's place in a room: their role and, for parties and agents, their side."""

    role: str
    side: str = ""

    @property
    def label(self) -> str:
        side = rules.SIDE_LABELS.get(self.side, "")
        return f"{side}{rules.ROLE_LABELS[self.role]}" if side else rules.ROLE_LABELS[self.role]


@dataclass(frozen=True)
class _Facts:
    """What membership needs beyond the matter and the user's scope, fetched for many matters at
    once so a list of rooms costs the same few queries as one room: the role of the user's first
    party row in each matter, and (disputes only) where they are the assigned mediator or the
    point's liaison."""

    party_role: dict[int, str]
    mediated: frozenset[int] = frozenset()
    liaised: frozenset[int] = frozenset()


def _party_roles(rows: QuerySet[Any], key: str) -> dict[int, str]:
    roles: dict[int, str] = {}
    # Highest pk first, so the lowest (the first party row, as before) is written last and wins.
    for matter_id, role in rows.order_by("-pk").values_list(key, "role"):
        roles[matter_id] = role
    return roles


def _dispute_facts(user: Any, disputes: list[Any]) -> _Facts:
    """Asks only what `_dispute_member` would reach, in its order: the mediator question for
    disputes where the user is no party, the liaison question only where no judge or clerk grant
    of the tribunal answered first."""
    from fating.disputes.models import Dispute, DisputeParty
    from fating.disputes.selectors import restrict as restrict_disputes

    roles = _party_roles(
        DisputeParty.objects.filter(dispute__in=[d.pk for d in disputes], user_id=user.pk),
        "dispute_id",
    )
    rest = [d for d in disputes if d.pk not in roles]

    def allowed(items: list[Any], action: str) -> frozenset[int]:
        if not items:
            return frozenset()
        pks = Dispute.objects.filter(pk__in=[d.pk for d in items])
        return frozenset(restrict_disputes(pks, user, action).values_list("pk", flat=True))

    mediated = allowed(rest, "mediator")
    scope = scope_of(user)
    staff = scope.tribunals(Role.JUDGE) | scope.tribunals(Role.CLERK)
    rest = [d for d in rest if d.pk not in mediated and d.tribunal_id not in staff]
    return _Facts(roles, mediated, allowed(rest, "liaison"))


def _case_facts(user: Any, cases: list[Any]) -> _Facts:
    from fating.cases.models import FilingParty

    rows = FilingParty.objects.filter(filing__in=[c.filing_id for c in cases], user_id=user.pk)
    by_filing = _party_roles(rows, "filing_id")
    return _Facts({c.pk: by_filing[c.filing_id] for c in cases if c.filing_id in by_filing})


def _dispute_member(user: Any, dispute: Any, facts: _Facts | None = None) -> Member | None:
    facts = facts or _dispute_facts(user, [dispute])
    party_role = facts.party_role.get(dispute.pk)
    if party_role is not None:
        return Member(rules.PARTY, party_role)
    scope = scope_of(user)
    if dispute.pk in facts.mediated:
        return Member(rules.MEDIATOR)
    # Each role counts only at the place it is held: a clerk at another court who is this
    # point's liaison is the liaison here.
    if dispute.tribunal_id in scope.tribunals(Role.JUDGE):
        return Member(rules.JUDGE)
    if dispute.tribunal_id in scope.tribunals(Role.CLERK):
        return Member(rules.CLERK)
    if dispute.pk in facts.liaised:
        return Member(rules.LIAISON)
    if scope.superuser or dispute.court_id in scope.courts(Role.COURT_ADMIN):
        return Member(rules.OBSERVER)
    return None


def _case_member(user: Any, case: Any, facts: _Facts | None = None) -> Member | None:
    filing = case.filing
    facts = facts or _case_facts(user, [case])
    party_role = facts.party_role.get(case.pk)
    if party_role is not None:
        return Member(rules.PARTY, party_role)
    if filing.filer_id == user.pk:
        if filing.filer_capacity == "agent":
            return Member(rules.AGENT, "plaintiff")
        if filing.filer_capacity == "party":
            return Member(rules.PARTY, "plaintiff")
        return Member(rules.LIAISON)
    scope = scope_of(user)
    if case.judge_id == user.pk or (
        case.tribunal_id and case.tribunal_id in scope.tribunals(Role.JUDGE)
    ):
        return Member(rules.JUDGE)
    if scope.superuser or case.court_id in scope.courts(Role.CLERK):
        return Member(rules.CLERK)
    if filing.assisted_by_id == user.pk:
        return Member(rules.LIAISON)
    if case.court_id in scope.courts(Role.COURT_ADMIN):
        return Member(rules.OBSERVER)
    return None


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def member_of_matter(user: Any, matter: Any) -> Member | None:
    """The user's role in the matter's room, or None. Inactive accounts belong nowhere."""
    if matter is None or not _active(user):
        return None
    label = matter._meta.label_lower
    if label == "disputes.dispute":
        return _dispute_member(user, matter)
    if label == "cases.case":
        return _case_member(user, matter)
    return None


def member_of(user: Any, room: Room) -> Member | None:
    return member_of_matter(user, _matter(room))


def _matter(room: Room) -> Any:
    """The room's dispute or case; a case with its filing, which membership reads (one query,
    not two: every read of a case room's messages asks this)."""
    if room.matter_type.model == "case" and not Room.matter.is_cached(room):
        from fating.cases.models import Case

        return Case.objects.select_related("filing").filter(pk=room.matter_id).first()
    return room.matter


def members_of(user: Any, rooms: list[Room]) -> dict[int, Member]:
    """The user's place in each of `rooms` they belong to (by room pk), as `member_of` answers
    for one room, in a fixed number of queries however many rooms there are."""
    if not rooms or not _active(user):
        return {}
    from fating.cases.models import Case
    from fating.disputes.models import Dispute

    wanted: dict[str, list[int]] = {}
    for room in rooms:
        wanted.setdefault(room.matter_type.model, []).append(room.matter_id)
    disputes = Dispute.objects.in_bulk(wanted.get("dispute", []))
    cases = Case.objects.select_related("filing").in_bulk(wanted.get("case", []))
    dispute_facts = _dispute_facts(user, list(disputes.values())) if disputes else None
    case_facts = _case_facts(user, list(cases.values())) if cases else None
    out: dict[int, Member] = {}
    for room in rooms:
        member = None
        if room.matter_type.model == "dispute" and room.matter_id in disputes:
            member = _dispute_member(user, disputes[room.matter_id], dispute_facts)
        elif room.matter_type.model == "case" and room.matter_id in cases:
            member = _case_member(user, cases[room.matter_id], case_facts)
        if member is not None:
            out[room.pk] = member
    return out


ROOM_ACTIONS = ("view", "post")


def _with_members(
    rooms: QuerySet[Room], user: Any, action: str, *, limit: int | None = None
) -> list[tuple[Room, Member]]:
    """The rooms of `rooms` the user may `action`, with their place in each: the matters they can
    see narrow the candidates, and room membership (derived from the matter) decides."""
    from fating.cases.selectors import cases_for
    from fating.disputes.selectors import disputes_for

    types = ContentType.objects.get_for_models(*_matter_models())
    by_label = {m._meta.label_lower: ct for m, ct in types.items()}
    candidates = rooms.filter(
        Q(matter_type=by_label["disputes.dispute"], matter_id__in=disputes_for(user).values("pk"))
        | Q(matter_type=by_label["cases.case"], matter_id__in=cases_for(user).values("pk"))
    ).select_related("matter_type")
    rooms = list(candidates.order_by("-pk")[:limit])
    members = members_of(user, rooms)
    return [
        (room, members[room.pk])
        for room in rooms
        if room.pk in members and (action == "view" or rules.can_speak(members[room.pk].role))
    ]


def restrict(queryset: QuerySet[Room], user: Any, action: str = "view") -> QuerySet[Room]:
    """The rooms of `queryset` that `user` may "view" (a member, observers included) or "post"
    in (a member who may speak)."""
    if queryset.model is not Room or action not in ROOM_ACTIONS:
        raise unknown_action(queryset.model, action)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    return queryset.filter(pk__in=[room.pk for room, _m in _with_members(queryset, user, action)])


def room_for(user: Any, room_id: Any, *, write: bool = False) -> tuple[Room, Member]:
    """The room and the user's place in it; NotVisible (404) for non-members, NotPermitted (403)
    for a write by an observer."""
    if not str(room_id).isdigit():
        raise NotVisible(_(ROOM_NOT_FOUND))
    room = Room.objects.select_related("matter_type").filter(pk=int(room_id)).first()
    member = member_of(user, room) if room is not None else None
    if room is None or member is None:
        raise NotVisible(_(ROOM_NOT_FOUND))
    if write and not rules.can_speak(member.role):
        raise NotPermitted(_(OBSERVER_READ_ONLY))
    return room, member


def matter_for(user: Any, matter_type: str, matter_id: Any) -> Any:
    """A dispute or case the user belongs to (as a room member); 404 otherwise."""
    if matter_type not in MATTER_LABELS or not str(matter_id).isdigit():
        raise NotVisible(_(ROOM_NOT_FOUND))
    model = ContentType.objects.get_by_natural_key(*matter_type.split(".")).model_class()
    matter = model._default_manager.filter(pk=int(matter_id)).first() if model else None
    if matter is None or member_of_matter(user, matter) is None:
        raise NotVisible(_(ROOM_NOT_FOUND))
    return matter


def rooms_for(user: Any) -> list[tuple[Room, Member, int]]:
    """The rooms the user belongs to, with their role and unread count, most recent first."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    pairs = _with_members(Room.objects.all(), user, "view", limit=200)
    unread = unread_counts(user, [room for room, _member in pairs])
    return [(room, member, unread.get(room.pk, 0)) for room, member in pairs]


def _matter_models() -> list[Any]:
    from fating.cases.models import Case
    from fating.disputes.models import Dispute

    return [Dispute, Case]


def messages_of(room: Room, *, after: int = 0, limit: int = 200) -> QuerySet[Message]:
    """Messages after `after` (what a reconnecting client missed), oldest first."""
    return (
        Message.objects.filter(room=room, pk__gt=after)
        .select_related("author", "reply_to", "evidence", "proposal")
        .order_by("pk")[:limit]
    )


def latest_messages(room: Room, *, limit: int = 50) -> list[Message]:
    qs = Message.objects.filter(room=room).select_related(
        "author", "reply_to", "evidence", "proposal"
    )
    return list(reversed(qs.order_by("-pk")[:limit]))


def message_in(room: Room, message_id: Any) -> Message:
    if not str(message_id).isdigit():
        raise NotVisible(_("消息不存在。"))
    message = Message.objects.filter(room=room, pk=int(message_id)).first()
    if message is None:
        raise NotVisible(_("消息不存在。"))
    return message


def unread_counts(user: Any, rooms: list[Room]) -> dict[int, int]:
    """`unread_count` for many rooms in one query (rooms with nothing unread are left out)."""
    if not rooms:
        return {}
    last_read = ReadMark.objects.filter(room=OuterRef("room_id"), user=user)
    rows = (
        Message.objects.filter(room__in=[room.pk for room in rooms])
        .exclude(author=user)
        .annotate(last_read=Coalesce(Subquery(last_read.values("last_read_id")[:1]), 0))
        .filter(pk__gt=F("last_read"))
        .values("room_id")
        .annotate(n=Count("pk"))
        .values_list("room_id", "n")
    )
    return dict(rows)


def unread_count(user: Any, room: Room) -> int:
    mark = ReadMark.objects.filter(room=room, user=user).values_list("last_read_id", flat=True)
    last = mark[0] if mark else 0
    return Message.objects.filter(room=room, pk__gt=last).exclude(author=user).count()


def read_receipts(room: Room) -> list[dict[str, Any]]:
    """Who has read up to which message (only current members are listed)."""
    out = []
    for mark in ReadMark.objects.filter(room=room).select_related("user").order_by("user_id"):
        if member_of(mark.user, room) is not None:
            out.append({"user": mark.user_id, "name": mark.user.display_name,
                        "last_read_id": mark.last_read_id, "read_at": mark.read_at})  # fmt: skip
    return out


def sides_of(room: Room) -> set[str]:
    """The sides that exist in the matter (the parties' roles)."""
    matter = room.matter
    if matter._meta.label_lower == "disputes.dispute":
        return set(matter.parties.values_list("role", flat=True))
    return set(matter.filing.parties.values_list("role", flat=True))


def evidence_in(room: Room, evidence_id: Any) -> EvidenceItem:
    if not str(evidence_id).isdigit():
        raise NotVisible(_("证据不存在。"))
    item = EvidenceItem.objects.filter(room=room, pk=int(evidence_id)).first()
    if item is None:
        raise NotVisible(_("证据不存在。"))
    return item


def cross_examination_table(room: Room) -> list[dict[str, Any]]:
    """One row per evidence item: who submitted it, its hash, and each opposing side's opinion
    on 真实性/合法性/关联性 (None while a side has not yet given its opinion)."""
    sides = sides_of(room)
    rows = []
    items = room.evidence.prefetch_related("opinions").order_by("seq")
    for item in items:
        opinions = {o.side: o for o in item.opinions.all()}
        columns = {}
        for side in sorted(rules.opposing_sides(sides, item.side)):
            o = opinions.get(side)
            columns[side] = None if o is None else {
                key: {"opinion": getattr(o, key), "reason": getattr(o, f"{key}_reason"),
                      "label": rules.OPINION_LABELS.get(getattr(o, key), ""), "property": label}
                for key, label in rules.PROPERTIES
            }  # fmt: skip
        # The *_label fields are what a page shows; the codes stay for programs.
        rows.append({"id": item.pk, "seq": item.seq, "title": item.title, "purpose": item.purpose,
                     "side": item.side, "side_label": rules.SIDE_LABELS.get(item.side, ""),
                     "sha256": item.sha256, "file_name": item.file_name, "opinions": columns,
                     "opinion_sides": {s: rules.SIDE_LABELS.get(s, "") for s in columns}})  # fmt: skip
    return rows


def proposal_in(room: Room, proposal_id: Any) -> Proposal:
    if not str(proposal_id).isdigit():
        raise NotVisible(_("调解方案不存在。"))
    proposal = Proposal.objects.filter(room=room, pk=int(proposal_id)).first()
    if proposal is None:
        raise NotVisible(_("调解方案不存在。"))
    return proposal


def bidding_view(room: Room, member: Member) -> dict[str, Any] | None:
    """What this member may know of the current blind bidding: its status and gap, and only
    their own side's offers. Never the other side's figures, nor how far apart they are."""
    bidding = room.biddings.order_by("-pk").first()
    if bidding is None:
        return None
    own = []
    if rules.acts_for_side(member.role, member.side):
        own = [{"amount": str(o.amount), "at": o.created_at}
               for o in bidding.offers.filter(side=member.side).order_by("pk")]  # fmt: skip
    view: dict[str, Any] = {"id": bidding.pk, "status": bidding.status,
                            "status_label": str(bidding.get_status_display()),
                            "claimant_side": bidding.claimant_side, "own_offers": own}  # fmt: skip
    if rules.can_manage(member.role):
        view["gap"] = str(bidding.gap)
        view["sides_offered"] = sorted(
            bidding.offers.values("side").annotate(n=Count("pk")).values_list("side", flat=True)
        )
    if bidding.settlement_id:
        view["settlement"] = {"proposal": bidding.settlement_id,
                              "amount": str(bidding.settlement.amount)}  # fmt: skip
    return view
