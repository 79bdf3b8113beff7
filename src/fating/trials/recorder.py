"""The server-side hearing recorder (庭审录像, 在线诉讼规则 第27条第3款): a receive-only participant
of the room's WebRTC connections, signalled over the channel layer like the browsers.

How it joins. The recorder is peer RECORDER_PEER (-1) of the room's signalling, not an attendee:
no seat, nothing to admit or remove, no account to act with. When a server recording starts it
joins the room's channel-layer groups and announces itself ("peer.join" -1); each browser in the
mesh then offers it a connection carrying that browser's camera and microphone, and a browser
joining later is greeted ({"recorder": "hello"}) and offers too. Offers and ICE candidates come
from admitted attendees only (checked here again); the answer goes back through the browser's
peer group. A participant who drops and rejoins offers again: the old connection's files end,
new ones begin (fating.trials.media), and the recording goes on.

Where it runs. `Recorder.run()` runs in one process per deployment: inside the ASGI server when
FATING_RECORDER is "embedded" (the demo: in-memory channel layer, started by the ASGI lifespan in
fating.asgi), or as `fating trial_recorder` when "external" (production: Redis channel layer).
It keeps a heartbeat in the cache; `recorder_presence.available()` reads it, and a recording
started while no recorder answers is recorded by the browser instead
(services_recording.start_recording), which the page says. Work is found by looking at the database every few seconds (and at once on "recorder.wake",
sent after a recording starts or ends), so a recorder restarted mid-hearing rejoins the rooms of
running recordings and composes those that ended meanwhile. Each recording is claimed in the
cache, so two recorders never record the same one.

When a recording ends the recorder closes its connections, composes the file (media.compose)
and files it through services_recording.file_server_recording (hash, dossier, audit), or records
why it could not (services_recording.fail_server_recording). While a broadcast-marked hearing
runs it nudges the live HLS packaging (services_recording.queue_live_packaging).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from fating.trials import media, services_recording
from fating.trials.recorder_presence import HEARTBEAT_KEY, HEARTBEAT_TTL
from fating.trials.subscribers import RECORDER_GROUP, RECORDER_PEER, peer_group, room_group

log = logging.getLogger(__name__)

CLAIM_KEY = "fating:trials:recorder:claim:{}"
HEARTBEAT_SECONDS = 5.0
RECONCILE_SECONDS = 5.0


# --- Reads and writes, through the services (sync; run with database_sync_to_async)


@dataclass(frozen=True)
class Job:
    recording: int
    room: int
    origin: float  # the recording's start, seconds since the epoch
    folder: Path


def _plan(running: list[int], busy: list[int]) -> tuple[list[Job], list[int], list[int]]:
    """(recordings to join, recordings of ours that ended, ended ones nobody is composing)."""
    from fating.trials import rules
    from fating.trials.models import Recording, TrialRoom

    server = Recording.objects.filter(source=rules.SOURCE_SERVER)
    active = list(server.filter(ended_at__isnull=True, room__status=TrialRoom.Status.OPEN))
    start = [Job(r.pk, r.room_id, r.started_at.timestamp(), services_recording.parts_dir(r))
             for r in active if r.pk not in running]  # fmt: skip
    active_ids = {r.pk for r in active}
    stop = [pk for pk in running if pk not in active_ids]
    compose = list(
        server.filter(ended_at__isnull=False, dossier_entry_id__isnull=True, failure="")
        .exclude(pk__in=[*running, *busy])
        .values_list("pk", flat=True)
    )
    return start, stop, compose


def _admitted(room_id: int, peer: int) -> bool:
    from fating.trials.consumers import _admitted as admitted

    return admitted(room_id, peer)


def _composition(recording_id: int) -> dict[str, Any]:
    from fating.trials.models import Recording

    recording = Recording.objects.select_related("room").get(pk=recording_id)
    return services_recording.server_recording_plan(recording)


def _file(recording_id: int) -> None:
    from fating.trials.models import Recording

    services_recording.file_server_recording(recording=Recording.objects.get(pk=recording_id))


def _fail(recording_id: int, reason: str) -> None:
    from fating.trials.models import Recording

    services_recording.fail_server_recording(
        recording=Recording.objects.get(pk=recording_id), reason=reason
    )


def _live(recording_id: int) -> bool:
    return services_recording.queue_live_packaging(recording_id)


def _ice() -> list[dict[str, Any]]:
    from fating.trials import sfu

    return sfu.ice_servers()


# --- One recording's presence in its room


class RoomSession:
    """The recorder in one room, for one recording: its own channel in the room's group and in
    the recorder's peer group; offers and candidates handed to media.Session."""

    def __init__(self, job: Job, *, ice: list[dict[str, Any]], layer: Any) -> None:
        self.job = job
        self.layer = layer
        self.media = media.Session(job.folder, origin=job.origin, ice_servers=ice)
        self.channel = ""
        self.task: asyncio.Task[None] | None = None
        self.live_at = 0.0

    async def start(self) -> None:
        self.channel = await self.layer.new_channel("trials.recorder.")
        await self.join_groups()
        self.task = asyncio.ensure_future(self._listen())
        await self.layer.group_send(room_group(self.job.room),
                                    {"type": "peer.join", "peer": RECORDER_PEER})  # fmt: skip

    async def join_groups(self) -> None:
        """(Again, from the heartbeat: a Redis group membership expires after a day.)"""
        await self.layer.group_add(room_group(self.job.room), self.channel)
        await self.layer.group_add(peer_group(self.job.room, RECORDER_PEER), self.channel)

    async def _listen(self) -> None:
        while True:
            message = await self.layer.receive(self.channel)
            try:
                await self.handle(message)
            except Exception:  # one bad offer must not end the recording
                log.exception("recorder: message %s in room %s", message.get("type"), self.job.room)

    async def handle(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        peer = message.get("from") if kind == "peer.signal" else message.get("peer")
        if not isinstance(peer, int) or isinstance(peer, bool) or peer == RECORDER_PEER:
            return
        if kind == "peer.leave":
            await self.media.drop(peer)
            return
        if kind not in ("peer.join", "peer.signal"):
            return
        if not await database_sync_to_async(_admitted)(self.job.room, peer):
            return
        if kind == "peer.join":
            await self.send(peer, {"recorder": "hello"})
            return
        data = message.get("data")
        if not isinstance(data, dict):
            return
        sdp, candidate = data.get("sdp"), data.get("candidate")
        if isinstance(sdp, dict) and sdp.get("type") == "offer" and isinstance(sdp.get("sdp"), str):
            answer = await self.media.offer(peer, sdp)
            await self.send(peer, {"sdp": answer})
        elif isinstance(candidate, dict):
            await self.media.candidate(peer, candidate)

    async def send(self, peer: int, data: dict[str, Any]) -> None:
        await self.layer.group_send(peer_group(self.job.room, peer),
                                    {"type": "peer.signal", "from": RECORDER_PEER, "data": data})  # fmt: skip

    async def stop(self) -> media.Manifest:
        """Leave the room (the browsers close their connections to the recorder) and close
        every file."""
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        with contextlib.suppress(Exception):
            await self.layer.group_discard(room_group(self.job.room), self.channel)
            await self.layer.group_discard(peer_group(self.job.room, RECORDER_PEER), self.channel)
            await self.layer.group_send(room_group(self.job.room),
                                        {"type": "peer.leave", "peer": RECORDER_PEER})  # fmt: skip
        return await self.media.close()


# --- The recorder process


class Recorder:
    def __init__(self, *, layer: Any = None) -> None:
        self.ident = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.layer = layer
        self.sessions: dict[int, RoomSession] = {}
        self.busy: set[int] = set()
        self.finishing: set[asyncio.Task[None]] = set()
        self.woken: asyncio.Event | None = None
        self.channel = ""

    async def run(self) -> None:
        """Until cancelled: heartbeat, wake-ups, and a look at the database every few seconds."""
        self.layer = self.layer or get_channel_layer()
        self.woken = asyncio.Event()
        self.channel = await self.layer.new_channel("trials.recorder.")
        await self.layer.group_add(RECORDER_GROUP, self.channel)
        helpers = [asyncio.ensure_future(self._heartbeat()), asyncio.ensure_future(self._listen())]
        log.info("trial recorder %s running", self.ident)
        try:
            while True:
                try:
                    await self.reconcile()
                except Exception:
                    log.exception("trial recorder: looking for work failed")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.woken.wait(), RECONCILE_SECONDS)
                self.woken.clear()
        finally:
            for helper in helpers:
                helper.cancel()
            await self.shutdown()

    async def shutdown(self) -> None:
        """Close every file (the recordings stay running: a recorder started again rejoins)."""
        for recording_id, session in list(self.sessions.items()):
            with contextlib.suppress(Exception):
                await session.stop()
            await self._release(recording_id)
        self.sessions.clear()
        if self.finishing:
            await asyncio.gather(*self.finishing, return_exceptions=True)
        with contextlib.suppress(Exception):
            if await cache.aget(HEARTBEAT_KEY) == self.ident:
                await cache.adelete(HEARTBEAT_KEY)

    async def beat(self) -> None:
        await cache.aset(HEARTBEAT_KEY, self.ident, HEARTBEAT_TTL)

    async def _heartbeat(self) -> None:
        while True:
            try:
                await self.beat()
                await self.layer.group_add(RECORDER_GROUP, self.channel)
                for recording_id, session in list(self.sessions.items()):
                    await cache.aset(CLAIM_KEY.format(recording_id), self.ident, HEARTBEAT_TTL)
                    await session.join_groups()
                    if time.monotonic() - session.live_at >= HEARTBEAT_SECONDS:
                        session.live_at = time.monotonic()
                        # Not the shared sync thread: the packaging runs ffmpeg inline without
                        # a broker (the embedded demo).
                        await database_sync_to_async(_live, thread_sensitive=False)(recording_id)
            except Exception:
                log.exception("trial recorder: heartbeat failed")
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def _listen(self) -> None:
        while True:
            message = await self.layer.receive(self.channel)
            if message.get("type") == "recorder.wake" and self.woken is not None:
                self.woken.set()

    async def _claim(self, recording_id: int) -> bool:
        key = CLAIM_KEY.format(recording_id)
        if await cache.aadd(key, self.ident, HEARTBEAT_TTL):
            return True
        return bool(await cache.aget(key) == self.ident)

    async def _release(self, recording_id: int) -> None:
        key = CLAIM_KEY.format(recording_id)
        with contextlib.suppress(Exception):
            if await cache.aget(key) == self.ident:
                await cache.adelete(key)

    async def reconcile(self) -> None:
        """Join the rooms of running server recordings; finish the ones that ended."""
        start, stop, compose = await database_sync_to_async(_plan)(list(self.sessions),
                                                                   list(self.busy))  # fmt: skip
        if start:
            ice = await database_sync_to_async(_ice)()
            for job in start:
                if not await self._claim(job.recording):
                    continue
                session = RoomSession(job, ice=ice, layer=self.layer)
                await session.start()
                self.sessions[job.recording] = session
                log.info("recorder joined room %s for recording %s", job.room, job.recording)
        for recording_id in stop:
            self._finish(recording_id, self.sessions.pop(recording_id))
        for recording_id in compose:
            if await self._claim(recording_id):
                self._finish(recording_id, None)

    def _finish(self, recording_id: int, session: RoomSession | None) -> None:
        self.busy.add(recording_id)
        task = asyncio.ensure_future(self.finish(recording_id, session))
        self.finishing.add(task)
        task.add_done_callback(self.finishing.discard)

    async def finish(self, recording_id: int, session: RoomSession | None) -> None:
        """Leave the room, compose the file and file it (or record why not)."""
        try:
            if session is not None:
                await session.stop()
            plan = await database_sync_to_async(_composition)(recording_id)
            manifest = media.Manifest.load(plan["folder"])
            started = time.monotonic()
            try:
                await asyncio.to_thread(media.compose, manifest, plan["out"],
                                        duration=plan["duration"], order=plan["order"],
                                        labels=plan["labels"])  # fmt: skip
            except media.MediaError as exc:
                reason = (_("录像服务没有收到任何音视频。") if not manifest.parts
                          else _("合成失败：%(error)s") % {"error": exc})  # fmt: skip
                await database_sync_to_async(_fail)(recording_id, reason)
                return
            log.info("recording %s composed in %.1fs", recording_id, time.monotonic() - started)
            await database_sync_to_async(_file)(recording_id)
        except Exception as exc:  # said on the page, not tried again every few seconds
            log.exception("trial recorder: finishing recording %s failed", recording_id)
            with contextlib.suppress(Exception):
                reason = _("归档失败：%(error)s") % {"error": exc}
                await database_sync_to_async(_fail)(recording_id, reason)
        finally:
            self.busy.discard(recording_id)
            await self._release(recording_id)


# --- Where it runs: inside the ASGI server (embedded) or on its own (`fating trial_recorder`)

_embedded: asyncio.Task[None] | None = None


async def start_embedded() -> None:
    """From the ASGI lifespan's startup: run the recorder in this server's event loop when
    FATING_RECORDER is "embedded" and aiortc, PyAV and ffmpeg are here."""
    global _embedded
    if settings.FATING_RECORDER != "embedded" or _embedded is not None:
        return
    if not media.available():
        log.warning("trial recorder not started: aiortc, PyAV or ffmpeg missing; browsers record")
        return
    _embedded = asyncio.ensure_future(Recorder().run())


async def stop_embedded() -> None:
    global _embedded
    task, _embedded = _embedded, None
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def run_forever() -> None:
    """`fating trial_recorder`: run until SIGTERM or SIGINT, then close the files cleanly."""
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(Recorder().run())
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, task.cancel)
    with contextlib.suppress(asyncio.CancelledError):
        await task
