"""The room WebSocket, driven with Channels' communicator: on the in-memory channel layer, and
again on Redis when REDIS_URL (or FATING_TEST_CHANNEL_REDIS) names a server."""

from __future__ import annotations

import os
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.routing import URLRouter

from fating.conversations import services
from fating.conversations.routing import websocket_urlpatterns
from fating.conversations.tests.communicator import WebsocketCommunicator
from fating.conversations.tests.factories import Chat

REDIS = os.environ.get("REDIS_URL") or os.environ.get("FATING_TEST_CHANNEL_REDIS", "")
LAYERS = {
    "memory": {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
    "redis": {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                          "CONFIG": {"hosts": [REDIS]}}},
}  # fmt: skip

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["memory", "redis"])
def layer(request: pytest.FixtureRequest, settings: Any) -> str:
    if request.param == "redis" and not REDIS:
        pytest.skip("no Redis configured (set REDIS_URL or FATING_TEST_CHANNEL_REDIS)")
    settings.CHANNEL_LAYERS = LAYERS[request.param]
    channel_layers.backends.clear()
    yield request.param
    channel_layers.backends.clear()


app = URLRouter(websocket_urlpatterns)


def _comm(chat: Chat, persona: str, room_id: int | None = None) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(app, f"/ws/conversations/{room_id or chat.room.pk}/")
    comm.scope["user"] = chat.user(persona)
    return comm


def run(coro_fn: Any) -> Any:
    return async_to_sync(coro_fn)()


def test_member_connects_and_is_told_their_role(chat: Chat, layer: str) -> None:
    async def scenario() -> Any:
        comm = _comm(chat, "respondent")
        connected, _ = await comm.connect()
        ready = await comm.receive_json_from(timeout=3)
        await comm.disconnect()
        return connected, ready

    connected, ready = run(scenario)
    assert connected and ready["member"] == {"role": "party", "side": "respondent",
                                             "label": "被申请人当事人"}  # fmt: skip


@pytest.mark.parametrize("persona", ["outsider", "other_admin", "party"])
def test_non_members_cannot_join(chat: Chat, layer: str, persona: str) -> None:
    async def scenario() -> Any:
        comm = _comm(chat, persona)
        result = await comm.connect()
        await comm.disconnect()
        return result

    assert run(scenario) == (False, 4403)


def test_message_posted_over_http_arrives_live(chat: Chat, layer: str) -> None:
    async def scenario() -> Any:
        comm = _comm(chat, "respondent")
        await comm.connect()
        await comm.receive_json_from(timeout=3)
        await database_sync_to_async(services.post_message)(
            actor=chat.user("applicant"), room=chat.room, text="请在月底前还款"
        )
        event = await comm.receive_json_from(timeout=3)
        await comm.disconnect()
        return event

    event = run(scenario)
    assert (event["type"], event["message"]["text"], event["message"]["author_label"]) == (
        "message",
        "请在月底前还款",
        "申请人当事人",
    )


def test_two_members_see_each_others_messages(chat: Chat, layer: str) -> None:
    async def scenario() -> Any:
        a, b = _comm(chat, "applicant"), _comm(chat, "mediator")
        for c in (a, b):
            await c.connect()
            await c.receive_json_from(timeout=3)
        await a.send_json_to({"type": "post", "text": "我同意分期", "client_token": "x1"})
        seen_by_b = await b.receive_json_from(timeout=3)
        seen_by_a = await a.receive_json_from(timeout=3)
        for c in (a, b):
            await c.disconnect()
        return seen_by_a, seen_by_b

    a, b = run(scenario)
    assert a["message"]["id"] == b["message"]["id"] and b["message"]["text"] == "我同意分期"


def test_reconnecting_client_fetches_what_it_missed(chat: Chat, layer: str) -> None:
    first = services.post_message(actor=chat.user("applicant"), room=chat.room, text="一")
    services.post_message(actor=chat.user("applicant"), room=chat.room, text="二")
    services.post_message(actor=chat.user("applicant"), room=chat.room, text="三")

    async def scenario() -> Any:
        comm = _comm(chat, "respondent")
        await comm.connect()
        await comm.receive_json_from(timeout=3)
        await comm.send_json_to({"type": "sync", "after": first.pk})
        got = [await comm.receive_json_from(timeout=3) for _ in range(2)]
        await comm.disconnect()
        return got

    assert [e["message"]["text"] for e in run(scenario)] == ["二", "三"]


def test_removed_member_is_disconnected_at_once(chat: Chat, layer: str) -> None:
    def unlink() -> None:
        # No service unlinks a party's account yet; one that does records an event on the
        # dispute, as here, and the room re-checks on it (conversations.subscribers).
        from django.db import transaction

        from fating.core.audit import record_event

        with transaction.atomic():
            party = chat.dispute.parties.get(user=chat.user("respondent"))
            party.user = None
            party.save()
            record_event(actor=None, action="disputes.dispute.party_unlink", target=chat.dispute,
                         after={"party": party.pk})  # fmt: skip

    async def scenario() -> Any:
        comm = _comm(chat, "respondent")
        await comm.connect()
        await comm.receive_json_from(timeout=3)
        await database_sync_to_async(unlink)()
        closed = await comm.receive_output(timeout=3)
        again = _comm(chat, "respondent")
        rejoin = await again.connect()
        return closed, rejoin

    closed, rejoin = run(scenario)
    assert closed == {"type": "websocket.close", "code": 4403}
    assert rejoin == (False, 4403)


def test_deactivated_membership_closes_connection(chat: Chat, layer: str) -> None:
    from fating.accounts.models import Membership

    def deactivate() -> None:
        from fating.accounts.services import set_membership_active
        from fating.testing import UserFactory

        admin = UserFactory(username="sysadmin", is_superuser=True, is_staff=True)
        for m in Membership.objects.filter(user=chat.user("judge")):
            set_membership_active(actor=admin, membership=m, active=False)

    async def scenario() -> Any:
        comm = _comm(chat, "judge")
        await comm.connect()
        await comm.receive_json_from(timeout=3)
        await database_sync_to_async(deactivate)()
        return await comm.receive_output(timeout=3)

    assert run(scenario) == {"type": "websocket.close", "code": 4403}


def test_observer_post_over_websocket_is_refused(chat: Chat, layer: str) -> None:
    async def scenario() -> Any:
        comm = _comm(chat, "court_admin")
        await comm.connect()
        await comm.receive_json_from(timeout=3)
        await comm.send_json_to({"type": "post", "text": "x"})
        event = await comm.receive_json_from(timeout=3)
        await comm.disconnect()
        return event

    event = run(scenario)
    assert (
        event["error"]["status"] == 403
        and event["error"]["message"] == "您只能查看本群聊，不能发言。"
    )


def test_read_receipt_is_pushed(chat: Chat, layer: str) -> None:
    m = services.post_message(actor=chat.user("applicant"), room=chat.room, text="一")

    async def scenario() -> Any:
        a, b = _comm(chat, "applicant"), _comm(chat, "respondent")
        for c in (a, b):
            await c.connect()
            await c.receive_json_from(timeout=3)
        await b.send_json_to({"type": "read", "message_id": m.pk})
        event = await a.receive_json_from(timeout=3)
        for c in (a, b):
            await c.disconnect()
        return event

    assert run(scenario) == {
        "type": "read",
        "user": chat.user("respondent").pk,
        "last_read_id": m.pk,
    }


def test_session_cookie_authenticates_through_the_asgi_stack(chat: Chat, layer: str) -> None:
    from channels.auth import AuthMiddlewareStack
    from django.test import Client

    client = Client()
    client.force_login(chat.user("applicant"))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    stack = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))

    async def scenario() -> Any:
        comm = WebsocketCommunicator(stack, f"/ws/conversations/{chat.room.pk}/",
                                     headers=[(b"cookie", cookie.encode())])  # fmt: skip
        connected, _ = await comm.connect()
        await comm.disconnect()
        anonymous = WebsocketCommunicator(stack, f"/ws/conversations/{chat.room.pk}/")
        return connected, await anonymous.connect()

    assert run(scenario) == (True, (False, 4403))
