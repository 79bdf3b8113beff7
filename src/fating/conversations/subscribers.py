"""When a matter's people change, the live connections of its room re-check membership.

Membership is derived, not stored, so nothing needs updating in the database; what must happen
is that a connection of someone who no longer belongs is closed at once. The services that change
a matter's people record audit events (`fating.core.events`); after their commit, each event
below sends `room.recheck` to the matter's room, or to the user's connections.

Registered in `ConversationsConfig.ready`.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from fating.conversations import live
from fating.core.events import DomainEvent

_MATTER = "fating.conversations.subscribers.matter_changed"
_USER = "fating.conversations.subscribers.user_changed"
SUBSCRIPTIONS: tuple[tuple[str, str], ...] = (
    # A dispute's tier, mediator, organisation or status (disputes.services.common.move).
    ("disputes.dispute.", _MATTER),
    # A delegation sets or ends the delegated mediator.
    ("disputes.delegation.", _MATTER),
    # A case closes; its filing's parties (and so their accounts) change.
    ("cases.case.", _MATTER),
    ("cases.filing.party.", _MATTER),
    # Someone's roles change, or their account is closed.
    ("accounts.membership.", _USER),
    ("accounts.user.deactivate", _USER),
    ("accounts.user.admin_change", _USER),
    ("network.liaison.", _USER),
)


def _room_of(label: str, pk: int | None) -> int | None:
    from fating.conversations.models import Room

    if pk is None:
        return None
    app_label, model = label.split(".")
    ctype = ContentType.objects.get_by_natural_key(app_label, model)
    return Room.objects.filter(matter_type=ctype, matter_id=pk).values_list("pk", flat=True).first()


def _matter(event: DomainEvent) -> tuple[str, int | None]:
    """The dispute or case whose room the event concerns: its target, or the matter its target
    belongs to (a delegation's dispute, a filing's case)."""
    label, pk = event.target_type, event.target_pk
    if label in ("disputes.dispute", "cases.case"):
        return label, pk
    if label == "cases.filing":
        case = apps.get_model("cases", "Case")
        return "cases.case", case.objects.filter(filing_id=pk).values_list("pk", flat=True).first()
    model = apps.get_model(label) if label else None
    if model is not None and any(f.name == "dispute" for f in model._meta.concrete_fields):
        dispute = event.value("dispute")
        if dispute is None:
            dispute = model.objects.filter(pk=pk).values_list("dispute_id", flat=True).first()
        return "disputes.dispute", dispute
    return label, None


def matter_changed(event: DomainEvent) -> None:
    room_id = _room_of(*_matter(event))
    if room_id is not None:
        live.recheck_room(room_id)


def user_changed(event: DomainEvent) -> None:
    user_id = event.value("user")
    if user_id is None:
        return
    if event.value("is_active") is False:
        live.close_user(int(user_id))
    else:
        live.recheck_user(int(user_id))
