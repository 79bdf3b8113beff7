"""The room's WebSocket: live messages and read marks, posting, and catching up.

Membership is checked on connect (non-members are refused before the handshake completes),
again for every frame the client sends, and whenever the matter or a role changes
(`room.recheck`); a user removed from the matter is disconnected with close code 4403.

Client → server frames (JSON): {"type": "post", "text", "reply_to", "client_token"},
{"type": "read", "message_id"}, {"type": "sync", "after"}, {"type": "ping"}.
Server → client: {"type": "message", "message"}, {"type": "read", "user", "last_read_id"},
{"type": "error", "error": {...}}, {"type": "pong"}, {"type": "ready", "member"}.
"""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils.translation import gettext as _

from fating.conversations import live
from fating.core.exceptions import DomainError

REMOVED = 4403


def _fresh(user_id: int) -> Any:
    """A fresh user row for each check: roles are cached on a user object (scope_of), and a
    connection lives longer than any role may."""
    from fating.accounts.models import User

    return User.objects.filter(pk=user_id, is_active=True).first()


class RoomConsumer(AsyncJsonWebsocketConsumer):
    room_id: int = 0
    user_id: int = 0

    async def connect(self) -> None:
        user = self.scope.get("user")
        self.room_id = int(self.scope["url_route"]["kwargs"]["room_id"])
        member = await self._member(user)
        if member is None:
            await self.close(code=REMOVED)
            return
        self.user_id = user.pk
        await self.channel_layer.group_add(live.room_group(self.room_id), self.channel_name)
        await self.channel_layer.group_add(live.user_group(self.user_id), self.channel_name)
        await self.accept()
        await self.send_json({"type": "ready", "member": {"role": member.role, "side": member.side,
                                                          "label": member.label}})  # fmt: skip

    async def disconnect(self, code: int) -> None:
        if self.user_id:
            await self.channel_layer.group_discard(live.room_group(self.room_id), self.channel_name)
            await self.channel_layer.group_discard(live.user_group(self.user_id), self.channel_name)

    @database_sync_to_async
    def _member(self, user: Any) -> Any:
        from fating.conversations.models import Room
        from fating.conversations.selectors import member_of

        if user is None or not getattr(user, "is_authenticated", False):
            return None
        fresh = _fresh(user.pk)
        room = Room.objects.filter(pk=self.room_id).first()
        return member_of(fresh, room) if room is not None and fresh is not None else None

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "ping":
            await self.send_json({"type": "pong"})
            return
        if await self._member(self.scope["user"]) is None:
            await self.close(code=REMOVED)
            return
        try:
            if kind == "post":
                await self._post(content)
            elif kind == "read":
                await self._read(content)
            elif kind == "sync":
                for message in await self._since(content.get("after")):
                    await self.send_json({"type": "message", "message": message})
        except DomainError as exc:
            await self.send_json({"type": "error", "error": {
                "status": exc.status_code, "code": exc.code, "message": exc.message,
                "fields": exc.fields, "client_token": content.get("client_token", "")}})  # fmt: skip

    @database_sync_to_async
    def _post(self, content: dict[str, Any]) -> None:
        from fating.conversations import services
        from fating.conversations.models import Room

        services.post_message(
            actor=_fresh(self.user_id), room=Room(pk=self.room_id), text=str(content.get("text", "")),
            reply_to=content.get("reply_to"), client_token=str(content.get("client_token", "")),
        )  # fmt: skip

    @database_sync_to_async
    def _read(self, content: dict[str, Any]) -> None:
        from fating.conversations import services
        from fating.conversations.models import Room
        from fating.core.exceptions import FieldError

        message_id = content.get("message_id")
        if not str(message_id).isdigit():
            raise FieldError({"message_id": _("消息不存在。")})
        services.mark_read(actor=_fresh(self.user_id), room=Room(pk=self.room_id),
                           message_id=int(message_id))  # fmt: skip

    @database_sync_to_async
    def _since(self, after: Any) -> list[dict[str, Any]]:
        from fating.conversations.models import Room
        from fating.conversations.presenters import message_json
        from fating.conversations.selectors import messages_of

        start = int(after) if str(after).isdigit() else 0
        return [message_json(m) for m in messages_of(Room(pk=self.room_id), after=start)]

    # Channel-layer events
    async def room_message(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "message", "message": event["message"]})

    async def room_read(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "read", "user": event["user"],
                              "last_read_id": event["last_read_id"]})  # fmt: skip

    async def room_recheck(self, event: dict[str, Any]) -> None:
        if await self._member(self.scope["user"]) is None:
            await self.close(code=REMOVED)

    async def room_close(self, event: dict[str, Any]) -> None:
        if event.get("room") in (None, self.room_id):
            await self.close(code=REMOVED)
