"""Pushing to connected clients through the channel layer, always after the commit that stored
what is pushed (a client never sees a message the database might still roll back).

Groups: `conv.room.<room_id>` (every connection to a room) and `conv.user.<user_id>` (every
connection of one user, to close them when the user is removed from a matter).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fating.core.layer import group_send


def room_group(room_id: int) -> str:
    return f"conv.room.{room_id}"


def user_group(user_id: int) -> str:
    return f"conv.user.{user_id}"


def after_commit(group: str, event: dict[str, Any]) -> None:
    transaction.on_commit(lambda: group_send(group, event))


def push_message(message_id: int, room_id: int) -> None:
    """Schedule the stored message for live delivery once the transaction commits."""

    def send() -> None:
        from fating.conversations.models import Message
        from fating.conversations.presenters import message_json

        message = (
            Message.objects.select_related("author", "reply_to", "evidence", "proposal")
            .filter(pk=message_id)
            .first()
        )
        if message is not None:
            group_send(
                room_group(room_id), {"type": "room.message", "message": message_json(message)}
            )

    transaction.on_commit(send)


def push_read(room_id: int, user_id: int, last_read_id: int) -> None:
    after_commit(room_group(room_id),
                 {"type": "room.read", "user": user_id, "last_read_id": last_read_id})  # fmt: skip


def recheck_room(room_id: int) -> None:
    """Every connection to the room re-checks its user's membership (closing if removed)."""
    after_commit(room_group(room_id), {"type": "room.recheck"})


def recheck_user(user_id: int) -> None:
    """Every connection of the user re-checks (their roles changed, or they were deactivated)."""
    after_commit(user_group(user_id), {"type": "room.recheck"})


def close_user(user_id: int, room_id: int | None = None) -> None:
    """Close the user's connections (to one room, or to all) at once, without a re-check."""
    after_commit(user_group(user_id), {"type": "room.close", "room": room_id})
