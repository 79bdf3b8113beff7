"""After a trials event commits, the room's live connections re-check who may stay and refresh
the seat list (a removed person's connection closes at once). Registered in TrialsConfig.ready."""

from __future__ import annotations

from fating.core.events import DomainEvent
from fating.core.layer import group_send

# The server's recorder in a room's signalling: a peer id no attendee has (it is no seat, cannot be
# admitted or removed, and has no account to act with); it only receives the participants' media.
RECORDER_PEER = -1
# The recorder process(es) listen here for "recorder.wake" (a recording started or ended).
RECORDER_GROUP = "trials.recorder"


def room_group(room_id: int) -> str:
    return f"trials.room.{room_id}"


def peer_group(room_id: int, attendee_id: int) -> str:
    return f"trials.peer.{room_id}.{attendee_id}"


def refresh_room(event: DomainEvent) -> None:
    room = event.value("room")
    if isinstance(room, int):
        group_send(room_group(room), {"type": "room.refresh"})
