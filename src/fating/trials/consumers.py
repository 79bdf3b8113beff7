"""The courtroom's signalling WebSocket (`ws/trials/rooms/<id>/`): WebRTC offers, answers and ICE
candidates between the attendees of one room, peer to peer (a mesh of up to rules.MESH_LIMIT).

Who may connect is checked on connect and again on every frame the client sends and on every
room change (`room.refresh`, sent by fating.trials.subscribers after a trials event commits): an
attendee admitted, identity checked, discipline accepted and devices tested, in an open room. A
removed person's connection is closed at once with code 4403.

The server's recorder (fating.trials.recorder) takes part in the signalling as the peer
RECORDER_PEER (-1), over the channel layer only: it is not an attendee, it never connects here,
and browsers only send it their tracks (each browser offers to it when it announces itself with
"join" or a {"recorder": "hello"} signal).

Client → server: {"type": "signal", "to": <attendee id or -1>, "data": {...}}, {"type": "ping"}.
Server → client: {"type": "ready", "self", "state"}, {"type": "join", "peer"},
{"type": "leave", "peer"}, {"type": "signal", "from", "data"}, {"type": "state", "state"},
{"type": "pong"}, {"type": "error", "message"}.
"""

from __future__ import annotations

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from fating.trials.subscribers import RECORDER_PEER, peer_group, room_group

REMOVED = 4403
MAX_FRAME = 64 * 1024


def room_state(room_id: int) -> dict[str, Any]:
    from django.utils.translation import gettext as _

    from fating.trials.models import Attendee, TrialRoom

    room = TrialRoom.objects.filter(pk=room_id).first()
    if room is None:
        return {}
    people = [{"id": a.pk, "name": a.name, "role": a.get_role_display(), "seat": _(a.seat),
               "status": a.status, "status_label": a.get_status_display(), "muted": a.muted}
              for a in Attendee.objects.filter(room_id=room_id).order_by("pk")]  # fmt: skip
    running = room.recordings.filter(ended_at__isnull=True).first()
    return {"status": room.status, "broadcast": room.broadcast,
            "recording": running is not None,
            "recording_id": running.pk if running is not None else 0,
            "recording_source": running.source if running is not None else "",
            "attendees": people}  # fmt: skip


def allowed_attendee(user_id: int, room_id: int) -> Any:
    """The attendee row if this user may be connected to this room now, else None."""
    from fating.accounts.models import User
    from fating.trials.models import Attendee, TrialRoom
    from fating.trials.selectors import may

    user = User.objects.filter(pk=user_id, is_active=True).first()
    attendee = (
        Attendee.objects.select_related("room").filter(room_id=room_id, user_id=user_id).first()
    )
    if user is None or attendee is None or attendee.room.status != TrialRoom.Status.OPEN:
        return None
    if attendee.missing or not may(user, attendee.room, "view"):
        return None
    return attendee


class SignallingConsumer(AsyncJsonWebsocketConsumer):
    room_id: int = 0
    user_id: int = 0
    peer_id: int = 0

    async def connect(self) -> None:
        user = self.scope.get("user")
        self.room_id = int(self.scope["url_route"]["kwargs"]["room_id"])
        if user is None or not getattr(user, "is_authenticated", False):
            await self.close(code=REMOVED)
            return
        attendee = await database_sync_to_async(allowed_attendee)(user.pk, self.room_id)
        if attendee is None:
            await self.close(code=REMOVED)
            return
        self.user_id, self.peer_id = user.pk, attendee.pk
        await self.channel_layer.group_add(room_group(self.room_id), self.channel_name)
        await self.channel_layer.group_add(
            peer_group(self.room_id, self.peer_id), self.channel_name
        )
        await self.accept()
        state = await database_sync_to_async(room_state)(self.room_id)
        await self.send_json({"type": "ready", "self": self.peer_id, "state": state})
        await self.channel_layer.group_send(room_group(self.room_id),
                                            {"type": "peer.join", "peer": self.peer_id})  # fmt: skip

    async def disconnect(self, code: int) -> None:
        await self._leave()

    async def _leave(self) -> None:
        """Leave the groups and tell the others (at once when removed, not at the socket's end)."""
        if not self.peer_id:
            return
        peer, self.peer_id = self.peer_id, 0
        await self.channel_layer.group_discard(room_group(self.room_id), self.channel_name)
        await self.channel_layer.group_discard(peer_group(self.room_id, peer), self.channel_name)
        await self.channel_layer.group_send(room_group(self.room_id),
                                            {"type": "peer.leave", "peer": peer})  # fmt: skip

    async def _removed(self) -> None:
        await self._leave()
        await self.close(code=REMOVED)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None,
                      **kwargs: Any) -> None:  # fmt: skip
        if text_data is None or len(text_data) > MAX_FRAME:
            await self.send_json({"type": "error", "message": "frame too large"})
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            return
        await self.receive_json(content)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not self.peer_id or not isinstance(content, dict):
            return
        if await database_sync_to_async(allowed_attendee)(self.user_id, self.room_id) is None:
            await self._removed()
            return
        kind = content.get("type")
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "signal":
            to, data = content.get("to"), content.get("data")
            if not isinstance(to, int) or not isinstance(data, dict) or to == self.peer_id:
                return
            await self.channel_layer.group_send(
                peer_group(self.room_id, to),
                {"type": "peer.signal", "from": self.peer_id, "data": data},
            )

    # Channel-layer events
    async def peer_join(self, event: dict[str, Any]) -> None:
        if event["peer"] != self.peer_id:
            await self.send_json({"type": "join", "peer": event["peer"]})

    async def peer_leave(self, event: dict[str, Any]) -> None:
        if event["peer"] != self.peer_id:
            await self.send_json({"type": "leave", "peer": event["peer"]})

    async def peer_signal(self, event: dict[str, Any]) -> None:
        # The receiving side checks too: a signal from someone removed meanwhile is dropped.
        sender = event["from"] == RECORDER_PEER or await database_sync_to_async(_admitted)(
            self.room_id, event["from"]
        )
        if sender:
            await self.send_json({"type": "signal", "from": event["from"], "data": event["data"]})

    async def room_refresh(self, event: dict[str, Any]) -> None:
        if not self.peer_id:
            return
        if await database_sync_to_async(allowed_attendee)(self.user_id, self.room_id) is None:
            await self._removed()
            return
        state = await database_sync_to_async(room_state)(self.room_id)
        await self.send_json({"type": "state", "state": state})


def _admitted(room_id: int, attendee_id: int) -> bool:
    from fating.trials.models import Attendee

    return Attendee.objects.filter(
        pk=attendee_id, room_id=room_id, status=Attendee.Status.ADMITTED
    ).exists()
