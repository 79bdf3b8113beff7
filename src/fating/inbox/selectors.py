"""Reads of the notification centre, and who may see what (docs/permissions.md).

A message is its recipient's alone: every person sees and marks read only the in-app messages
addressed to them, whatever their grants; anyone else's message answers 404 (no hint it exists).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.core.access import obtain, unknown_action
from fating.core.models import OutboxMessage
from fating.inbox import rules
from fating.inbox.models import Preference

MESSAGE_NOT_FOUND = gettext_noop("消息不存在。")
ACTIONS = ("view", "read")


def restrict(queryset: QuerySet[Any], user: Any, action: str) -> QuerySet[Any]:
    """The in-app messages of `queryset` addressed to `user` ("view" and "read" alike)."""
    if action not in ACTIONS:
        raise unknown_action(OutboxMessage, action)
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(recipient=user, channel=OutboxMessage.Channel.IN_APP)


def messages_for(user: Any, *, unread: bool = False) -> QuerySet[OutboxMessage]:
    rows = restrict(OutboxMessage.objects.all(), user, "view")
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-pk")


def message_for(user: Any, pk: object) -> OutboxMessage:
    return obtain(restrict, OutboxMessage.objects.all(), user, pk, missing=_(MESSAGE_NOT_FOUND))


def unread_count(user: Any) -> int:
    return messages_for(user, unread=True).count()


@dataclass(frozen=True)
class ChannelChoice:
    channel: str
    label: str
    on: bool
    mandatory: bool


@dataclass(frozen=True)
class KindChoice:
    kind: str
    label: str
    basis: str
    channels: list[ChannelChoice]


def preferences_for(user: Any) -> list[KindChoice]:
    """Each kind of notice with the person's channels (the default where they never chose)."""
    stored = {p.kind: p.chosen() for p in Preference.objects.filter(user=user)}
    rows = []
    for spec in rules.KINDS.values():
        on = rules.channels_for(spec.key, stored.get(spec.key))
        rows.append(
            KindChoice(
                spec.key,
                _(spec.label),
                _(spec.basis) if spec.basis else "",
                [
                    ChannelChoice(c, _(rules.CHANNEL_LABELS[c]), c in on, c in spec.mandatory)
                    for c in rules.CHANNELS
                ],
            )
        )
    return rows


def channels_of(user: Any, kind: str) -> frozenset[str]:
    """The channels a notice of `kind` goes to `user` on."""
    pref = Preference.objects.filter(user=user, kind=kind).first()
    return rules.channels_for(kind, pref.chosen() if pref else None)
