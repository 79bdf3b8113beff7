"""The server-side recorder against aiortc peers in this process: participants sending synthetic
pictures and sound to it, its per-track files composed into one MP4 with a video and an audio
stream covering the whole recording (ffprobe), hashed and filed; a participant who drops and
rejoins gets new parts and the recording goes on; with no recorder running the browser records.

Needs aiortc and PyAV (pip) and ffmpeg (Debian); without them these tests skip. A few seconds of
media each."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.routing import URLRouter
from django.core.cache import cache

from fating.conversations.tests.communicator import WebsocketCommunicator
from fating.core.exceptions import InvalidTransition
from fating.trials import media, recorder, recorder_presence, rules, services, services_recording
from fating.trials.models import Recording
from fating.trials.routing import websocket_urlpatterns
from fating.trials.subscribers import RECORDER_PEER
from fating.trials.tests.conftest import Court_, ready

pytestmark = pytest.mark.skipif(not media.available(),
                                reason="aiortc, PyAV or ffmpeg is not installed")  # fmt: skip


def _pc() -> Any:
    from aiortc import AudioStreamTrack, RTCConfiguration, RTCPeerConnection, VideoStreamTrack

    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTrack(VideoStreamTrack())  # synthetic frames, 640x480 at 30 a second
    pc.addTrack(AudioStreamTrack())
    return pc


async def _offer(pc: Any) -> dict[str, str]:
    await pc.setLocalDescription(await pc.createOffer())  # aiortc: candidates in the SDP
    return {"type": "offer", "sdp": pc.localDescription.sdp}


# --- media.Session alone: no Django, no signalling


def test_two_participants_recorded_and_composed_with_a_rejoin(tmp_path: Path) -> None:
    from aiortc import RTCSessionDescription

    async def scenario() -> media.Manifest:
        session = media.Session(tmp_path, origin=time.time())

        async def join(peer: int) -> Any:
            pc = _pc()
            answer = await session.offer(peer, await _offer(pc))
            await pc.setRemoteDescription(RTCSessionDescription(**answer))
            return pc

        judge, party = await join(1), await join(2)
        await asyncio.sleep(1.5)
        await party.close()  # the party drops ...
        await session.drop(2)
        await asyncio.sleep(0.5)
        party = await join(2)  # ... and rejoins
        await asyncio.sleep(1.5)
        manifest = await session.close()
        await judge.close()
        await party.close()
        return manifest

    started = time.time()
    manifest = async_to_sync(scenario)()
    duration = time.time() - started
    videos = [p for p in manifest.parts if p.kind == "video" and p.peer == 2]
    assert len(videos) == 2 and videos[0].end is not None and videos[1].start > videos[0].end
    assert {p.kind for p in manifest.parts if p.peer == 1} == {"video", "audio"}
    assert all((tmp_path / p.file).stat().st_size > 0 for p in manifest.parts)
    out = media.compose(manifest, tmp_path / "hearing.mp4", duration=duration, order=[1, 2],
                        labels={1: "审判员 · 审判席", 2: "原告 · 原告席"})  # fmt: skip
    info = media.probe(out)
    assert info["streams"] == ["video", "audio"] and info["codecs"] == ["h264", "aac"]
    assert info["duration"] == pytest.approx(duration, abs=0.5)


def test_layout_gives_each_participant_a_tile() -> None:
    grid = media.layout([7, 3, 9])
    assert (grid.width, grid.height, grid.cols) == (1280, 720, 2)
    assert grid.tiles == {7: (0, 0), 3: (640, 0), 9: (0, 360)}
    assert media.layout(list(range(10))).tile_w == 320


# --- Through the room's signalling (the consumer) and the database


@pytest.fixture
def _memory_layer(settings: Any) -> Any:
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.FATING_RECORDER = "embedded"
    channel_layers.backends.clear()
    cache.delete(recorder_presence.HEARTBEAT_KEY)
    yield
    cache.delete(recorder_presence.HEARTBEAT_KEY)
    channel_layers.backends.clear()


class Browser:
    """What room.js does with the recorder, played by an aiortc peer over the consumer: offer
    on the recorder's "join" or "hello", take its answer."""

    app = URLRouter(websocket_urlpatterns)

    def __init__(self, court: Court_, persona: str) -> None:
        self.comm = WebsocketCommunicator(self.app, f"/ws/trials/rooms/{court.room.pk}/")
        self.comm.scope["user"] = court.user(persona)
        self.pc: Any = None
        self.answered = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        connected, _code = await self.comm.connect()
        assert connected
        self.task = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        from aiortc import RTCSessionDescription

        while True:
            message = await self.comm.receive_json_from(timeout=30)
            recorder_joined = message == {"type": "join", "peer": RECORDER_PEER}
            signal = message.get("data", {}) if message.get("from") == RECORDER_PEER else {}
            if recorder_joined or signal.get("recorder") == "hello":
                if self.pc is not None:
                    await self.pc.close()
                self.pc = _pc()
                await self.comm.send_json_to({"type": "signal", "to": RECORDER_PEER,
                                              "data": {"sdp": await _offer(self.pc)}})  # fmt: skip
            elif signal.get("sdp", {}).get("type") == "answer":
                await self.pc.setRemoteDescription(RTCSessionDescription(**signal["sdp"]))
                self.answered.set()

    async def leave(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.pc is not None:
            await self.pc.close()
        await self.comm.disconnect()


@pytest.mark.django_db(transaction=True)
def test_the_server_records_the_hearing_through_the_room_and_files_it(
    court: Court_, _memory_layer: Any
) -> None:
    judge = court.user("judge")
    ready(court, "judge")
    ready(court, "party")
    party_seat = court.seat("party").pk
    # No recorder: the browser records (and the page says so).
    first = services_recording.start_recording(actor=judge, room=court.room)
    assert first.source == rules.SOURCE_BROWSER
    services_recording.append_chunk(actor=judge, recording=first, data=b"\x1aE\xdf\xa3webm")
    services_recording.finish_recording(actor=judge, recording=first)

    async def scenario() -> tuple[Recording, media.Manifest]:
        worker = recorder.Recorder(layer=get_channel_layer())
        await worker.beat()  # the heartbeat: a recorder is running
        the_judge, party = Browser(court, "judge"), Browser(court, "party")
        await the_judge.connect()
        await party.connect()
        recording = await database_sync_to_async(services_recording.start_recording)(actor=judge,
                                                                            room=court.room)  # fmt: skip
        assert recording.source == rules.SOURCE_SERVER and recording.mime == "video/mp4"
        await worker.reconcile()  # joins the room; both browsers offer
        for browser in (the_judge, party):
            await asyncio.wait_for(browser.answered.wait(), 20)
        await asyncio.sleep(1.5)
        await party.leave()  # the party's connection drops ...
        await asyncio.sleep(0.5)
        party = Browser(court, "party")
        await party.connect()  # ... and comes back: greeted by the recorder, offers again
        await asyncio.wait_for(party.answered.wait(), 20)
        await asyncio.sleep(1.5)
        with pytest.raises(InvalidTransition):  # no browser slices into a server recording
            await database_sync_to_async(services_recording.append_chunk)(actor=judge, recording=recording,
                                                                data=b"x")  # fmt: skip
        recording = await database_sync_to_async(services_recording.finish_recording)(
            actor=judge, recording=recording
        )
        assert not recording.sha256  # composed and filed by the recorder, next
        await worker.reconcile()
        await asyncio.gather(*worker.finishing)
        await the_judge.leave()
        await party.leave()
        manifest = media.Manifest.load(services_recording.parts_dir(recording))
        return await database_sync_to_async(Recording.objects.get)(pk=recording.pk), manifest

    recording, manifest = async_to_sync(scenario)()
    assert recording.sha256 and recording.dossier_entry_id and not recording.failure
    assert recording.finished_by == judge
    assert services_recording.read_recording(recording)  # the hash matches the file
    party_videos = [p for p in manifest.parts if p.peer == party_seat and p.kind == "video"]
    assert len(party_videos) == 2 and party_videos[1].start > (party_videos[0].end or 0)
    info = media.probe(Path(services_recording._recording_path(recording)))
    assert info["streams"] == ["video", "audio"]
    length = (recording.ended_at - recording.started_at).total_seconds()
    assert info["duration"] == pytest.approx(length, abs=0.5) and info["duration"] > 3
    from fating.core.models import AuditEvent
    from fating.documents.models import DossierEntry

    entry = DossierEntry.objects.get(pk=recording.dossier_entry_id)
    assert entry.title == "庭审录像" and entry.sha256 == recording.sha256
    actions = list(AuditEvent.objects.filter(object_id=str(recording.pk),
                                             action__startswith="trials.recording")
                   .order_by("pk").values_list("action", flat=True))  # fmt: skip
    assert actions == ["trials.recording.start", "trials.recording.finish",
                       "trials.recording.file"]  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_server_recording_with_nothing_received_says_so(
    court: Court_, _memory_layer: Any
) -> None:
    judge = court.user("judge")

    async def scenario() -> Recording:
        worker = recorder.Recorder(layer=get_channel_layer())
        await worker.beat()
        recording = await database_sync_to_async(services_recording.start_recording)(actor=judge,
                                                                            room=court.room)  # fmt: skip
        await worker.reconcile()
        await database_sync_to_async(services.close_room)(actor=judge, room=court.room)
        await worker.reconcile()  # the room closed: the recording ended with it
        await asyncio.gather(*worker.finishing)
        return await database_sync_to_async(Recording.objects.get)(pk=recording.pk)

    recording = async_to_sync(scenario)()
    assert recording.source == rules.SOURCE_SERVER and recording.finished_by == judge
    assert recording.failure == "录像服务没有收到任何音视频。" and not recording.sha256
    assert recording.stage == "failed"
    with pytest.raises(InvalidTransition):
        services_recording.read_recording(recording)


# --- The live broadcast from a running server recording, then from its composed file


@pytest.mark.django_db
def test_a_broadcast_server_recording_is_packaged_live_from_its_parts_then_from_its_file(
    court: Court_, _memory_layer: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from fating.trials import hls

    judge = court.user("judge")
    services.set_broadcast(actor=judge, room=court.room, broadcast=True)
    async_to_sync(recorder.Recorder(layer=get_channel_layer()).beat)()
    recording = services_recording.start_recording(actor=judge, room=court.room)
    # Twelve seconds into the hearing, two participants' parts on disk (a 6-second clip each,
    # the second joined a second late), as the recorder writes them.
    clip = hls.make_test_clip(tmp_path / "clip.webm", seconds=6).read_bytes()
    manifest = media.Manifest.load(services_recording.parts_dir(recording))
    for peer, start in ((court.seat("judge").pk, 0.0), (court.seat("party").pk, 1.0)):
        for kind in ("video", "audio"):
            part = manifest.new_part(peer=peer, kind=kind, start=start)
            (manifest.folder / part.file).write_bytes(clip)
    started = timezone.now() - timedelta(seconds=12)
    Recording.objects.filter(pk=recording.pk).update(started_at=started)
    with django_capture_on_commit_callbacks(execute=True):
        assert services_recording.queue_live_packaging(recording.pk)
    elapsed = (timezone.now() - started).total_seconds()
    recording.refresh_from_db()
    # Live: whole 4-second segments up to a few seconds ago (12 - 3), the newest held back.
    assert recording.hls_seconds in (8.0, 12.0) and recording.hls_seconds <= elapsed - 3
    assert not recording.hls_final
    anonymous = Client()
    live = anonymous.get(f"/trials/broadcasts/{recording.pk}/hls/index.m3u8").content.decode()
    assert "#EXT-X-PLAYLIST-TYPE:EVENT" in live and "#EXT-X-ENDLIST" not in live
    assert not services_recording.queue_live_packaging(recording.pk)  # refreshed just now
    for part in manifest.parts:
        manifest.end_part(part, part.start + 6)
    with django_capture_on_commit_callbacks(execute=True):
        recording = services_recording.finish_recording(actor=judge, recording=recording)
    plan = services_recording.server_recording_plan(recording)
    media.compose(manifest, plan["out"], duration=plan["duration"], order=plan["order"],
                  labels=plan["labels"])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        recording = services_recording.file_server_recording(recording=recording)
    recording.refresh_from_db()
    # 点单: the rest packaged from the composed file; the playlist covers the whole hearing.
    assert recording.hls_final
    assert recording.hls_seconds == pytest.approx(plan["duration"], abs=0.5)
    text = anonymous.get(f"/trials/broadcasts/{recording.pk}/hls/index.m3u8").content.decode()
    assert text.rstrip().endswith("#EXT-X-ENDLIST")
    assert media.probe(services_recording.hls_dir(recording) / "index.m3u8")["streams"] == ["video",
                                                                                   "audio"]  # fmt: skip


# --- The page says which way the hearing is recorded


@pytest.mark.django_db
def test_the_room_page_says_whether_the_server_or_the_browser_records(
    court: Court_, _memory_layer: Any, client: Any
) -> None:
    for persona in ("judge", "clerk", "party"):
        ready(court, persona)
    client.force_login(court.user("clerk"))
    page = client.get(f"/trials/rooms/{court.room.pk}/").content.decode()
    assert "录像方式：浏览器录像（服务器录像服务不在线）" in page
    async_to_sync(recorder.Recorder(layer=get_channel_layer()).beat)()
    page = client.get(f"/trials/rooms/{court.room.pk}/").content.decode()
    assert "录像方式：服务器录像" in page
    answer = client.post(f"/trials/rooms/{court.room.pk}/recordings/", {"mime": "video/webm"},
                         HTTP_ACCEPT="application/json").json()  # fmt: skip
    assert answer["ok"] and answer["source"] == "server"
    client.force_login(court.user("party"))  # every participant sees it is being recorded
    page = client.get(f"/trials/rooms/{court.room.pk}/").content.decode()
    assert "● 正在录像" in page and "（服务器录像）" in page
    finished = client.post(f"/trials/recordings/{answer['recording']}/finish/",
                           HTTP_ACCEPT="application/json")  # fmt: skip
    assert finished.status_code == 403  # parties do not end recordings
    client.force_login(court.user("clerk"))
    finished = client.post(f"/trials/recordings/{answer['recording']}/finish/",
                           HTTP_ACCEPT="application/json").json()  # fmt: skip
    assert finished["ok"] and finished["stage"] == "录像服务正在合成" and not finished["sha256"]
    page = client.get(f"/trials/rooms/{court.room.pk}/").content.decode()
    assert 'data-stage="composing"' in page
    assert client.get(f"/trials/recordings/{answer['recording']}/").status_code == 409


# --- Where it runs


@pytest.mark.django_db(transaction=True)
def test_the_asgi_lifespan_runs_the_embedded_recorder(_memory_layer: Any) -> None:
    from fating.asgi import lifespan

    async def scenario() -> tuple[bool, bool]:
        inbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()
        sent: list[str] = []

        async def send(message: dict[str, str]) -> None:
            sent.append(message["type"])

        server = asyncio.ensure_future(lifespan({"type": "lifespan"}, inbox.get, send))
        await inbox.put({"type": "lifespan.startup"})
        for _ in range(100):  # the first heartbeat
            if await cache.aget(recorder_presence.HEARTBEAT_KEY):
                break
            await asyncio.sleep(0.05)
        running = await database_sync_to_async(recorder_presence.available)()
        await inbox.put({"type": "lifespan.shutdown"})
        await server
        assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
        return running, await database_sync_to_async(recorder_presence.available)()

    running, after = async_to_sync(scenario)()
    assert running and not after


def test_the_recorder_command_refuses_when_recording_on_the_server_is_off(settings: Any) -> None:
    from django.core.management import CommandError, call_command

    settings.FATING_RECORDER = "off"
    with pytest.raises(CommandError, match="FATING_RECORDER is off"):
        call_command("trial_recorder")
