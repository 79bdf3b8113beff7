"""The signalling WebSocket with Channels' communicator: who may connect, offers relayed to the
addressed peer only, and a removed participant's connection closed at once (4403)."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.routing import URLRouter

from fating.conversations.tests.communicator import WebsocketCommunicator
from fating.trials import services
from fating.trials.routing import websocket_urlpatterns
from fating.trials.tests.conftest import Court_, ready

pytestmark = pytest.mark.django_db(transaction=True)
app = URLRouter(websocket_urlpatterns)


@pytest.fixture(autouse=True)
def _memory_layer(settings: Any) -> Any:
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def _comm(court: Court_, persona: str) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(app, f"/ws/trials/rooms/{court.room.pk}/")
    comm.scope["user"] = court.user(persona)
    return comm


def run(coro_fn: Any) -> Any:
    return async_to_sync(coro_fn)()


def test_who_may_connect(court: Court_) -> None:
    async def attempt(persona: str) -> Any:
        comm = _comm(court, persona)
        result = await comm.connect()
        await comm.disconnect()
        return result[0] if result[0] else result

    # Not ready yet (no device test): refused; outsiders and the liaison (not seated) too.
    assert async_to_sync(attempt)("party") == (False, 4403)
    assert async_to_sync(attempt)("liaison") == (False, 4403)
    assert async_to_sync(attempt)("outsider") == (False, 4403)
    ready(court, "party")
    assert async_to_sync(attempt)("party") is True


def test_offers_reach_the_addressed_peer_and_removal_closes_at_once(court: Court_) -> None:
    ready(court, "judge")
    ready(court, "party")
    party_seat = court.seat("party").pk
    judge_seat = court.seat("judge").pk
    party_attendee = court.seat("party")

    async def scenario() -> Any:
        judge, party = _comm(court, "judge"), _comm(court, "party")
        await judge.connect()
        hello = await judge.receive_json_from(timeout=3)
        await party.connect()
        party_ready = await party.receive_json_from(timeout=3)
        joined = await judge.receive_json_from(timeout=3)  # the judge offers to the joiner
        await judge.send_json_to({"type": "signal", "to": party_seat,
                                  "data": {"sdp": {"type": "offer", "sdp": "v=0"}}})  # fmt: skip
        offer = await party.receive_json_from(timeout=3)
        await database_sync_to_async(services.moderate)(
            actor=court.user("judge"), attendee=party_attendee, action="remove"
        )
        closed = await party.receive_output(timeout=3)
        # Both arrive, in either order: the judge's fresh seat list and the party's leaving.
        two = [await judge.receive_json_from(timeout=3) for _ in range(2)]
        state, left = sorted(two, key=lambda m: m["type"] != "state")
        await judge.disconnect()
        return hello, party_ready, joined, offer, closed, state, left

    hello, party_ready, joined, offer, closed, state, left = run(scenario)
    assert hello["type"] == "ready" and hello["self"] == judge_seat
    assert party_ready["self"] == party_seat
    assert joined == {"type": "join", "peer": party_seat}
    assert offer == {"type": "signal", "from": judge_seat,
                     "data": {"sdp": {"type": "offer", "sdp": "v=0"}}}  # fmt: skip
    assert closed == {"type": "websocket.close", "code": 4403}
    assert state["type"] == "state"
    assert {a["id"]: a["status"] for a in state["state"]["attendees"]}[party_seat] == "removed"
    assert left == {"type": "leave", "peer": party_seat}
