"""The server-side recorder's media work, with no Django in it: receive each participant's
WebRTC tracks (aiortc), write them to files, and compose the hearing's recording (ffmpeg).

Per participant track, per connection: one Matroska file (H.264 video at most MAX_FPS frames a
second and MAX_HEIGHT lines, or Opus audio), written by a thread of its own (PyAV releases the
interpreter while encoding, so the event loop that also serves the site is not held up). Each
file is a *part*: the manifest (`manifest.json` in the recording's work folder) records which
participant it belongs to and when, in seconds from the recording's start, its first frame
arrived. A participant who drops and rejoins gets new parts; the recording goes on.

When the recording ends, `compose` draws every participant's parts in one tile each of a grid
(black where that participant was not connected, the name and seat written in the tile) and
mixes every voice, over the whole time line from start to end, into one MP4 (H.264 + AAC, which
every browser plays and the HLS packager takes). The same filter graph over a window of the
time line feeds the live broadcast (`compose_args`).

aiortc and PyAV are imported only by the functions that need them, so the site runs without
them (the recorder is then unavailable and the browser records instead).
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MAX_FPS = 15
MAX_HEIGHT = 720
KEYFRAME_SECONDS = 2
QUEUE_FRAMES = 120  # a writer falling further behind drops video frames (never audio)
MAX_AUDIO_GAP = 600.0  # seconds of silence written for a gap in the audio, at most
OUTPUT_FPS = 15
TIMEOUT = 3600


class MediaError(Exception):
    """The media tools are missing or failed."""


def available() -> bool:
    """aiortc and PyAV importable, ffmpeg on the path: the recorder can run here."""
    try:
        import aiortc  # noqa: F401
        import av  # noqa: F401
    except ImportError:
        return False
    return ffmpeg_bin() is not None


def ffmpeg_bin() -> str | None:
    configured = os.environ.get("FATING_FFMPEG", "")
    return configured if configured and Path(configured).exists() else shutil.which("ffmpeg")


def ffprobe_bin() -> str | None:
    binary = ffmpeg_bin()
    if binary:
        sibling = Path(binary).with_name("ffprobe")
        if sibling.exists():
            return str(sibling)
    return shutil.which("ffprobe")


# --- The manifest of parts


@dataclass
class Part:
    peer: int  # the participant (attendee id)
    kind: str  # "video" | "audio"
    file: str  # name inside the work folder
    start: float  # seconds from the recording's start when its first frame arrived
    end: float | None = None  # when it ended; None while written (or when the writer died)


@dataclass
class Manifest:
    """The parts written so far. Written by the recorder's event loop only."""

    folder: Path
    parts: list[Part] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(folder=folder)
        return cls(folder=folder, parts=[Part(**p) for p in data.get("parts", [])])

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps({"parts": [asdict(p) for p in self.parts]}), encoding="utf-8")
        tmp.replace(self.folder / MANIFEST)

    def new_part(self, *, peer: int, kind: str, start: float) -> Part:
        part = Part(peer=peer, kind=kind, file=f"p{peer}-{kind[0]}{len(self.parts):04d}.mkv",
                    start=round(start, 3))  # fmt: skip
        self.parts.append(part)
        self.save()
        return part

    def end_part(self, part: Part, end: float) -> None:
        part.end = round(max(end, part.start), 3)
        self.save()

    def peers(self) -> list[int]:
        return sorted({p.peer for p in self.parts})


# --- Writing one received track


class TrackWriter:
    """Reads one received track in the event loop and encodes its frames in a thread into
    parts (Matroska files). A video part ends and another begins when the picture grows
    (browsers start small and raise the resolution as the bandwidth estimate grows); smaller
    pictures are scaled into the current part."""

    def __init__(self, track: Any, *, peer: int, manifest: Manifest, origin: float,
                 clock: Callable[[], float] = time.time) -> None:  # fmt: skip
        self.track = track
        self.kind: str = track.kind
        self.peer = peer
        self.manifest = manifest
        self.origin = origin  # the recording's start, seconds since the epoch
        self.clock = clock
        self.frames = 0
        self.dropped = 0
        self._queue: queue.Queue[tuple[str, Any, Any]] = queue.Queue()
        self._thread = threading.Thread(target=self._work, daemon=True,
                                        name=f"recorder-{peer}-{self.kind}")  # fmt: skip
        self._task: asyncio.Task[None] | None = None
        self._part: Part | None = None

    def start(self) -> None:
        self._thread.start()
        self._task = asyncio.ensure_future(self._pump())

    async def finished(self) -> None:
        """Wait until the track ended and its last part is closed on disk."""
        if self._task is not None:
            await self._task
        await asyncio.to_thread(self._thread.join)

    async def _pump(self) -> None:
        from aiortc.mediastreams import MediaStreamError

        base = 0
        area = 0
        try:
            while True:
                try:
                    frame = await self.track.recv()
                except MediaStreamError:
                    break
                now = self.clock() - self.origin
                if self.kind == "video":
                    size = frame.width * frame.height
                    if self._part is None or size > area * 1.2:
                        self._begin(now)
                        base, area = frame.pts or 0, size
                elif self._part is None:
                    self._begin(now)
                    base = frame.pts or 0
                offset = float(((frame.pts or 0) - base) * frame.time_base)
                if self.kind == "video" and self._queue.qsize() > QUEUE_FRAMES:
                    self.dropped += 1
                    continue
                self._queue.put(("frame", frame, offset))
                self.frames += 1
        finally:
            self._end(self.clock() - self.origin)
            self._queue.put(("stop", None, None))

    def _begin(self, now: float) -> None:
        self._end(now)
        self._part = self.manifest.new_part(peer=self.peer, kind=self.kind, start=now)
        self._queue.put(("open", self.manifest.folder / self._part.file, None))

    def _end(self, now: float) -> None:
        if self._part is not None:
            self._queue.put(("close", None, None))
            self.manifest.end_part(self._part, now)
            self._part = None

    # The thread: one open file at a time.
    def _work(self) -> None:
        out: _Encoder | None = None
        while True:
            command, item, offset = self._queue.get()
            try:
                if command == "open":
                    if out is not None:
                        out.close()
                    out = _Encoder(item, self.kind)
                elif command == "frame" and out is not None:
                    out.write(item, offset)
                elif command == "close" and out is not None:
                    out.close()
                    out = None
                elif command == "stop":
                    if out is not None:
                        out.close()
                    return
            except Exception:  # one bad frame or file must not end the hearing's recording
                log.exception("recorder: writing %s of participant %s", self.kind, self.peer)


class _Encoder:
    """One part being written (PyAV)."""

    def __init__(self, path: Path, kind: str) -> None:
        import av

        self.kind = kind
        self.path = path
        # Small clusters, so that the growing file can be read for the live broadcast.
        self.container: Any = av.open(str(path), mode="w", format="matroska",
                                      options={"cluster_time_limit": "1000"})  # fmt: skip
        self.stream: Any = None
        self.last = -1.0  # the last written frame's time (s)
        self.samples = 0  # audio samples written

    def _open_video(self, frame: Any) -> None:
        width, height = frame.width, frame.height
        if height > MAX_HEIGHT:
            width, height = int(width * MAX_HEIGHT / height), MAX_HEIGHT
        stream = self.container.add_stream("libx264", rate=MAX_FPS, options={
            "preset": "veryfast", "tune": "zerolatency", "crf": "26",
            "g": str(MAX_FPS * KEYFRAME_SECONDS), "threads": "1",
        })  # fmt: skip
        stream.width, stream.height = width - width % 2, height - height % 2
        stream.pix_fmt = "yuv420p"
        stream.codec_context.time_base = Fraction(1, 1000)
        self.stream = stream

    def _open_audio(self, frame: Any) -> None:
        stream = self.container.add_stream("libopus", rate=48000)
        stream.layout = "stereo" if frame.layout.nb_channels > 1 else "mono"
        stream.bit_rate = 48000
        self.stream = stream

    def write(self, frame: Any, offset: float) -> None:
        if self.kind == "video":
            self._video(frame, offset)
        else:
            self._audio(frame, offset)

    def _video(self, frame: Any, offset: float) -> None:
        if offset < self.last + 0.9 / MAX_FPS:
            return  # at most MAX_FPS frames a second; never backwards
        if self.stream is None:
            self._open_video(frame)
        self.last = offset
        frame.pts = int(offset * 1000)
        frame.time_base = Fraction(1, 1000)
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def _audio(self, frame: Any, offset: float) -> None:
        import av

        if self.stream is None:
            self._open_audio(frame)
        rate = frame.sample_rate
        expected = self.samples / rate
        if offset - expected > 2 * frame.samples / rate:  # packets lost or paused: silence
            gap = min(int((offset - expected) * rate), int(MAX_AUDIO_GAP * rate))
            while gap > 0:
                n = min(gap, frame.samples)
                silence = av.AudioFrame(format=frame.format.name, layout=frame.layout.name,
                                        samples=n)  # fmt: skip
                for plane in silence.planes:
                    plane.update(bytes(plane.buffer_size))
                self._encode_audio(silence, rate)
                gap -= n
        elif offset + frame.samples / rate < expected:
            return  # a late duplicate
        self._encode_audio(frame, rate)

    def _encode_audio(self, frame: Any, rate: int) -> None:
        frame.sample_rate = rate
        frame.pts = self.samples
        frame.time_base = Fraction(1, rate)
        self.samples += frame.samples
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def close(self) -> None:
        try:
            if self.stream is not None:
                for packet in self.stream.encode(None):
                    self.container.mux(packet)
        finally:
            self.container.close()
        if self.stream is None:  # nothing arrived: no empty file left behind
            self.path.unlink(missing_ok=True)


# --- One recording's connections (no signalling here: the caller relays offers and candidates)


class Session:
    """The recorder's side of every participant's connection for one recording. The caller
    passes each participant's offer and ICE candidates (from the room's signalling) and sends
    back the answer. Receive only: the recorder sends nothing to anyone."""

    def __init__(self, folder: Path, *, origin: float,
                 ice_servers: Iterable[dict[str, Any]] = ()) -> None:  # fmt: skip
        self.folder = folder
        self.origin = origin
        self.ice_servers = list(ice_servers)
        self.manifest = Manifest.load(folder)
        self.manifest.folder.mkdir(parents=True, exist_ok=True)
        self.connections: dict[int, Any] = {}
        self.writers: list[TrackWriter] = []
        self.closed = False

    def _configuration(self) -> Any:
        from aiortc import RTCConfiguration, RTCIceServer

        servers = [RTCIceServer(urls=s["urls"], username=s.get("username"),
                                credential=s.get("credential")) for s in self.ice_servers]  # fmt: skip
        # An empty list, not None: aiortc would otherwise ask a public STUN server.
        return RTCConfiguration(iceServers=servers)

    async def offer(self, peer: int, description: dict[str, Any]) -> dict[str, str]:
        """A participant's offer: a new connection (a rejoin replaces the old one)."""
        from aiortc import RTCPeerConnection, RTCSessionDescription

        if self.closed:
            raise MediaError("the recording has ended")
        await self.drop(peer)
        pc = RTCPeerConnection(self._configuration())
        self.connections[peer] = pc

        @pc.on("track")
        def on_track(track: Any) -> None:
            if track.kind not in ("audio", "video"):
                return
            writer = TrackWriter(track, peer=peer, manifest=self.manifest, origin=self.origin)
            self.writers.append(writer)
            writer.start()

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            if pc.connectionState == "failed" and self.connections.get(peer) is pc:
                await self.drop(peer)

        await pc.setRemoteDescription(
            RTCSessionDescription(sdp=str(description["sdp"]), type=str(description["type"]))
        )
        await pc.setLocalDescription(await pc.createAnswer())
        return {"type": pc.localDescription.type, "sdp": pc.localDescription.sdp}

    async def candidate(self, peer: int, data: dict[str, Any]) -> None:
        from aiortc.sdp import candidate_from_sdp

        pc = self.connections.get(peer)
        text = str(data.get("candidate") or "")
        if pc is None or not text:
            return
        candidate = candidate_from_sdp(text.split(":", 1)[1] if ":" in text else text)
        candidate.sdpMid = data.get("sdpMid")
        candidate.sdpMLineIndex = data.get("sdpMLineIndex")
        await pc.addIceCandidate(candidate)

    async def drop(self, peer: int) -> None:
        """The participant left (or is reconnecting): its parts end here."""
        pc = self.connections.pop(peer, None)
        if pc is not None:
            await pc.close()

    async def close(self) -> Manifest:
        """End every connection and wait until every part is on disk."""
        self.closed = True
        for peer in list(self.connections):
            await self.drop(peer)
        for writer in self.writers:
            await writer.finished()
        return self.manifest


# --- Composing the hearing's file


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    tile_w: int
    tile_h: int
    cols: int
    tiles: dict[int, tuple[int, int]]  # peer -> (x, y)


def layout(peers: list[int]) -> Layout:
    """A grid with one tile per participant, in the given order (the seats' order)."""
    n = max(len(peers), 1)
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    tile_w, tile_h = (640, 360) if n <= 4 else (426, 240) if n <= 9 else (320, 180)
    tiles = {peer: ((i % cols) * tile_w, (i // cols) * tile_h) for i, peer in enumerate(peers)}
    return Layout(cols * tile_w, rows * tile_h, tile_w, tile_h, cols, tiles)


def font_file() -> str | None:
    """A font with Chinese characters for the names in the tiles, if fontconfig finds one."""
    configured = os.environ.get("FATING_RECORDING_FONT", "")
    if configured:
        return configured if Path(configured).exists() else None
    binary = shutil.which("fc-match")
    if binary is None:
        return None
    try:
        done = subprocess.run([binary, "-f", "%{file}", ":lang=zh-cn"], capture_output=True,  # noqa: S603
                              timeout=10, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = done.stdout.decode("utf-8", "replace").strip()
    return path if path and Path(path).exists() else None


def _escape(value: str) -> str:
    """A value inside a filter graph's option (paths)."""
    return value.replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'").replace(",", "\\,")


def compose_args(manifest: Manifest, *, start: float, end: float, order: list[int] | None = None,
                 labels: dict[int, str] | None = None, font: str | None = None) -> list[str]:  # fmt: skip
    """ffmpeg input and filter arguments for the time line [start, end) of the recording, with
    the outputs labelled [v] and [a] (already mapped): every part overlapping the window, seeked
    to the window's start and delayed to its place in it."""
    duration = max(end - start, 0.1)
    order = [p for p in (order or []) if p in manifest.peers()]
    order += [p for p in manifest.peers() if p not in order]
    grid = layout(order)
    args: list[str] = []
    video: list[str] = []
    audio: list[str] = []
    graph = [f"color=c=black:s={grid.width}x{grid.height}:r={OUTPUT_FPS}:d={duration:.3f}[base0]",
             f"anullsrc=r=48000:cl=stereo,atrim=0:{duration:.3f}[abase]"]  # fmt: skip
    index = 0
    for part in manifest.parts:
        path = manifest.folder / part.file
        if (part.end is not None and part.end <= start) or part.start >= end or not path.exists():
            continue
        if path.stat().st_size == 0:
            continue
        skip = max(start - part.start, 0.0)
        delay = max(part.start - start, 0.0)
        if skip > 0:
            args += ["-ss", f"{skip:.3f}"]
        args += ["-i", str(path)]
        if part.kind == "video":
            x, y = grid.tiles[part.peer]
            graph.append(
                f"[{index}:v]setpts=PTS-STARTPTS+{delay:.3f}/TB,"
                f"scale={grid.tile_w}:{grid.tile_h}:force_original_aspect_ratio=decrease,"
                f"pad={grid.tile_w}:{grid.tile_h}:(ow-iw)/2:(oh-ih)/2:black,setsar=1[v{index}]"
            )
            video.append(f"[v{index}]overlay=x={x}:y={y}:eof_action=pass")
        else:
            graph.append(
                f"[{index}:a]aresample=48000:async=1,aformat=sample_fmts=fltp:channel_layouts="
                f"stereo,asetpts=PTS-STARTPTS,adelay={int(delay * 1000)}:all=1[a{index}]"
            )
            audio.append(f"[a{index}]")
        index += 1
    current = "base0"
    for n, step in enumerate(video):
        source, rest = step.split("]", 1)
        graph.append(f"[{current}]{source}]{rest}[base{n + 1}]")
        current = f"base{n + 1}"
    texts = []
    for peer, (x, y) in grid.tiles.items():
        label = (labels or {}).get(peer)
        if not label or not font:
            continue
        text_file = manifest.folder / f"label-{peer}.txt"
        text_file.write_text(label, encoding="utf-8")
        texts.append(f"drawtext=fontfile='{_escape(font)}':textfile='{_escape(str(text_file))}':"
                     f"x={x + 8}:y={y + grid.tile_h - 30}:fontsize=20:fontcolor=white:"
                     "box=1:boxcolor=black@0.5:boxborderw=4")  # fmt: skip
    graph.append(f"[{current}]" + (",".join(texts) if texts else "null") + "[v]")
    if audio:
        graph.append("[abase]" + "".join(audio)
                     + f"amix=inputs={len(audio) + 1}:duration=first:normalize=0:"
                       "dropout_transition=0[a]")  # fmt: skip
    else:
        graph.append("[abase]anull[a]")
    return [*args, "-filter_complex", ";".join(graph), "-map", "[v]", "-map", "[a]",
            "-t", f"{duration:.3f}"]  # fmt: skip


def compose(manifest: Manifest, out: Path, *, duration: float, order: list[int] | None = None,
            labels: dict[int, str] | None = None) -> Path:  # fmt: skip
    """The whole hearing in one MP4 (H.264 + AAC, faststart): [0, duration) of the time line."""
    binary = ffmpeg_bin()
    if binary is None:
        raise MediaError("ffmpeg is not installed")
    if not manifest.parts:
        raise MediaError("no audio or video was received")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part.mp4")
    command = [
        binary, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
        *compose_args(manifest, start=0.0, end=duration, order=order, labels=labels,
                      font=font_file()),
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p",
        "-r", str(OUTPUT_FPS), "-g", str(OUTPUT_FPS * KEYFRAME_SECONDS),
        "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", str(tmp),
    ]  # fmt: skip
    try:
        # Built here from fixed arguments and our own paths.
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)  # noqa: S603
    except subprocess.TimeoutExpired as exc:
        raise MediaError("ffmpeg took too long") from exc
    if done.returncode != 0 or not tmp.exists():
        tmp.unlink(missing_ok=True)
        raise MediaError(done.stderr.decode("utf-8", "replace")[-500:] or "ffmpeg failed")
    tmp.replace(out)
    return out


def probe(path: Path) -> dict[str, Any]:
    """ffprobe's view of a file: {"duration": seconds, "streams": ["video", "audio", ...]}."""
    binary = ffprobe_bin()
    if binary is None:
        raise MediaError("ffprobe is not installed")
    done = subprocess.run(  # noqa: S603 (fixed arguments)
        [binary, "-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name",
         "-of", "json", str(path)], capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise MediaError(done.stderr.decode("utf-8", "replace")[-300:])
    data = json.loads(done.stdout or b"{}")
    return {
        "duration": float(data.get("format", {}).get("duration") or 0),
        "streams": [s.get("codec_type") for s in data.get("streams", [])],
        "codecs": [s.get("codec_name") for s in data.get("streams", [])],
    }
