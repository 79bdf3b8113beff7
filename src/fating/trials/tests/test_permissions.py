"""The permission matrix of the online courtroom: every persona against every page.

The room is in court A: its attendees are the judge, the clerk and the plaintiff (`party`).
The case's managers (judge, clerk) and court A's liaisons see the room (a liaison only to check
identity at a service point); "cross" is a clerk at court B and a liaison at court A, so it
answers exactly as court A's liaison does. Presiding (moderation) is the hearing's judge's;
recording the managers'; recordings play for the court and the parties; the broadcast page and
a broadcast hearing's recording are public. One world per route, personas in order (compact).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from fating.testing import Network, client_for, generic_route, routes_under
from fating.trials import services, services_recording
from fating.trials.tests.conftest import Court_, online_hearing

PERSONAS = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party", "agent",
            "other_admin", "cross", "outsider", "anonymous"]  # fmt: skip
VIEWERS = ["judge", "clerk", "party", "liaison"]  # and cross, as court A's liaison


def expect(default: int, anonymous: int = 302, **codes: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    table.update(codes)
    table["cross"] = table["liaison"]
    return table


ROOM_PAGE = expect(404, **{p: 200 for p in VIEWERS})
MATRIX: list[tuple[str, str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("index", "get", "/trials/", None, expect(200)),
    ("open", "post", "/trials/hearings/{hearing2}/open/", None,
     expect(404, court_admin=403, clerk=403, party=403, judge=302)),
    ("room", "get", "/trials/rooms/{room}/", None, ROOM_PAGE),
    ("device", "get", "/trials/rooms/{room}/device/", None,
     expect(404, judge=200, clerk=200, party=200)),
    ("act: mute", "post", "/trials/rooms/{room}/act/", {"action": "mute", "attendee": "{seat}"},
     expect(404, judge=302, clerk=403, party=403, liaison=403)),
    ("act: verify", "post", "/trials/rooms/{room}/act/", {"action": "verify", "attendee": "{seat}"},
     expect(404, judge=302, clerk=302, party=403, liaison=302)),
    ("transcript", "get", "/trials/rooms/{room}/transcript/", None, ROOM_PAGE),
    ("start recording", "post", "/trials/rooms/{room}/recordings/", {"mime": "video/webm"},
     expect(404, judge=409, clerk=409, party=403, liaison=403)),
    ("chunk", "post", "/trials/recordings/{recording}/chunk/", None,
     expect(404, court_admin=403, judge=200, clerk=200, party=403)),
    ("finish", "post", "/trials/recordings/{recording}/finish/", None,
     expect(404, court_admin=403, judge=200, clerk=409, party=403)),
    ("recording", "get", "/trials/recordings/{finished}/", None,
     expect(404, court_admin=200, judge=200, clerk=200, party=200)),
    ("broadcasts", "get", "/trials/broadcasts/", None, expect(200, 200)),
    ("broadcast video", "get", "/trials/broadcasts/{finished}/video/", None, expect(200, 200)),
    ("broadcast stream", "get", "/trials/broadcasts/{finished}/hls/{playlist}", None,
     expect(200, 200)),
]  # fmt: skip


@pytest.fixture
def ids(court: Court_) -> dict[str, str]:
    judge = court.user("judge")
    _, hearing2 = online_hearing(court.network, days=1)
    finished = services_recording.start_recording(actor=judge, room=court.room)
    services_recording.append_chunk(actor=judge, recording=finished, data=b"\x1aE\xdf\xa3webm")
    services_recording.finish_recording(actor=judge, recording=finished)
    recording = services_recording.start_recording(actor=judge, room=court.room)
    services_recording.append_chunk(actor=judge, recording=recording, data=b"\x1aE\xdf\xa3webm")
    services.set_broadcast(actor=judge, room=court.room, broadcast=True)
    stream = services_recording.hls_dir(
        finished
    )  # as the packager leaves it (test_broadcast.py runs it)
    stream.mkdir(parents=True)
    (stream / "index.m3u8").write_text("#EXTM3U\n")
    return {"room": str(court.room.pk), "hearing2": str(hearing2.pk),
            "seat": str(court.seat("party").pk), "recording": str(recording.pk),
            "finished": str(finished.pk), "playlist": "index.m3u8"}  # fmt: skip


def _fill(text: str, ids: dict[str, str]) -> str:
    for key, value in ids.items():
        text = text.replace("{" + key + "}", value)
    return text


@pytest.mark.parametrize(("name", "method", "url", "body", "table"), MATRIX,
                         ids=[m[0] for m in MATRIX])  # fmt: skip
def test_permission_matrix(network: Network, ids: dict[str, str], name: str, method: str,
                           url: str, body: dict[str, Any] | None, table: dict[str, int]) -> None:  # fmt: skip
    seen = {}
    for persona in PERSONAS:
        client = client_for(None if persona == "anonymous" else network.users[persona])
        path = _fill(url, ids)
        if name == "chunk":
            response = client.post(path, data=b"more", content_type="application/octet-stream")
        elif method == "post":
            response = client.post(path, {k: _fill(v, ids) for k, v in (body or {}).items()})
        else:
            response = client.get(path)
        seen[persona] = response.status_code
        if response.status_code == 302 and persona == "anonymous":
            assert response["Location"].startswith("/login/")
    assert seen == table, name


def test_every_trials_route_is_in_the_matrix() -> None:
    covered = {re.sub(r"\{\w+\}", "*", url.split("?")[0]) for _, _, url, _, _ in MATRIX}
    routes = routes_under("/trials/")
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing
