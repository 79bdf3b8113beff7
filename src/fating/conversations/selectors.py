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
from django.db.models import Count, Q, QuerySet
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


def _dispute_member(user: Any, dispute: Any) -> Member | None:
    from fating.disputes import selectors as ds

    party = dispute.parties.filter(user_id=user.pk).order_by("pk").first()
    if party is not None:
        return Member(rules.PARTY, party.role)
    scope = scope_of(user)
    if ds.is_assigned_mediator(user, dispute):
        return Member(rules.MEDIATOR)
    # Each role counts only at the place it is held: a clerk at another court who is this
    # point's liaison is the liaison here.
    if dispute.tribunal_id in scope.tribunals(Role.JUDGE):
        return Member(rules.JUDGE)
    if dispute.tribunal_id in scope.tribunals(Role.CLERK):
        return Member(rules.CLERK)
    if ds.is_point_liaison(user, dispute):
        return Member(rules.LIAISON)
    if scope.superuser or dispute.court_id in scope.courts(Role.COURT_ADMIN):
        return Member(rules.OBSERVER)
    return None


def _case_member(user: Any, case: Any) -> Member | None:
    filing = case.filing
    party = filing.parties.filter(user_id=user.pk).order_by("pk").first()
    if party is not None:
        return Member(rules.PARTY, party.role)
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


def member_of_matter(user: Any, matter: Any) -> Member | None:
    """The user's role in the matter's room, or None. Inactive accounts belong nowhere."""
    if matter is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    label = matter._meta.label_lower
    if label == "disputes.dispute":
        return _dispute_member(user, matter)
    if label == "cases.case":
        return _case_member(user, matter)
    return None


def member_of(user: Any, room: Room) -> Member | None:
    return member_of_matter(user, room.matter)


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
    out = []
    for room in candidates.order_by("-pk")[:limit]:
        member = member_of(user, room)
        if member is not None and (action == "view" or rules.can_speak(member.role)):
            out.append((room, member))
    return out


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
    return [(room, member, unread_count(user, room)) for room, member in pairs]


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
