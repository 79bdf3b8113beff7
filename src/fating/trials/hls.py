"""庭审直播 packaging: for a hearing marked for broadcast, ffmpeg (Debian package `ffmpeg`,
`scripts/system-packages.sh`) packages the recording into HLS — an .m3u8 playlist and MPEG-TS
segments (H.264/AAC, which every browser's Media Source Extensions and hls.js play) — under
MEDIA_ROOT/trials/hls/<recording>/. The recording is the server recorder's (while the hearing
runs: its participants' growing track files, composed on the fly by the filter graph of
fating.trials.media; afterwards its composed MP4), or the growing WebM the judge's browser
uploads in slices when the recorder is not running.

Live: each refresh decodes the recording from where the last one stopped (`-ss`) and encodes only
the new part, timestamps continued (`-output_ts_offset`); the last segment of a refresh may be cut
mid-slice, so it is kept only when the recording has ended. The playlist is written here (not by
ffmpeg), as an EVENT playlist without #EXT-X-ENDLIST while the hearing runs, and closed with
#EXT-X-ENDLIST when the recording ends: the same playlist then serves 点单 viewing.

With no ffmpeg the broadcast page says so and shows the finished recording's file instead.
No Django model is imported here: callers pass paths (the services decide who may see what).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PLAYLIST = "index.m3u8"
STATE = "state.json"
SEGMENT_SECONDS = 4
SEGMENT_RE = re.compile(r"^seg\d{5}\.ts$")
TIMEOUT = 600


class PackagingError(Exception):
    """ffmpeg failed or is not installed."""


def ffmpeg_bin() -> str | None:
    configured = os.environ.get("FATING_FFMPEG", "")
    return configured if configured and Path(configured).exists() else shutil.which("ffmpeg")


def available() -> bool:
    return ffmpeg_bin() is not None


@dataclass
class State:
    seconds: float = 0.0  # packaged so far, on the recording's time line
    segments: list[tuple[str, float]] | None = None  # (file, duration)
    final: bool = False

    @classmethod
    def load(cls, out: Path) -> State:
        try:
            data = json.loads((out / STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(segments=[])
        return cls(seconds=float(data["seconds"]), final=bool(data["final"]),
                   segments=[(str(n), float(d)) for n, d in data["segments"]])  # fmt: skip

    def save(self, out: Path) -> None:
        data = {"seconds": self.seconds, "final": self.final, "segments": self.segments or []}
        tmp = out / (STATE + ".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(out / STATE)


def playlist_text(state: State) -> str:
    segments = state.segments or []
    target = max([SEGMENT_SECONDS, *(int(d) + 1 for _n, d in segments)])
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", f"#EXT-X-TARGETDURATION:{target}",
             "#EXT-X-MEDIA-SEQUENCE:0",
             "#EXT-X-PLAYLIST-TYPE:" + ("VOD" if state.final else "EVENT")]  # fmt: skip
    for name, duration in segments:
        lines += [f"#EXTINF:{duration:.3f},", name]
    if state.final:
        lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


def _parse_playlist(text: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    duration = 0.0
    for line in text.splitlines():
        if line.startswith("#EXTINF:"):
            duration = float(line[8:].split(",")[0])
        elif line and not line.startswith("#"):
            out.append((line.strip(), duration))
    return out


# The ffmpeg input arguments (with their -map, or a filter graph whose outputs are mapped) for
# the part of a recording from the given second on; None when nothing new is there yet.
Inputs = Callable[[float], "list[str] | None"]


def file_inputs(source: Path) -> Inputs:
    """A recording file (the browser's growing WebM, or the server's finished MP4)."""
    return lambda seconds: ["-ss", f"{seconds:.3f}", "-i", str(source),
                            "-map", "0:v:0?", "-map", "0:a:0?",
                            "-vf", "scale='min(1280,iw)':-2"]  # fmt: skip


def package(source: Path | Inputs, out: Path, *, final: bool) -> State:
    """Package what of `source` is not yet in `out`'s playlist; with `final` the recording has
    ended and the playlist is closed. Returns the new state. Idempotent once final. `source` is
    a file, or (the server recorder's parts while the hearing runs, fating.trials.media) a
    function giving the ffmpeg inputs from a second of the recording's time line on."""
    binary = ffmpeg_bin()
    if binary is None:
        raise PackagingError("ffmpeg is not installed")
    out.mkdir(parents=True, exist_ok=True)
    inputs = file_inputs(source) if isinstance(source, Path) else source
    with (out / ".lock").open("w") as lock:  # one ffmpeg per stream at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _package(binary, inputs, out, final=final)


def _package(binary: str, inputs: Inputs, out: Path, *, final: bool) -> State:
    state = State.load(out)
    if state.final:
        return state
    segments = list(state.segments or [])
    source = inputs(state.seconds)
    if source is None:
        return state
    with tempfile.TemporaryDirectory(dir=out) as tmp_name:
        tmp = Path(tmp_name)
        command = [
            binary, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            *source, "-r", "25",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-profile:v", "main",
            "-force_key_frames", f"expr:gte(t,n_forced*{SEGMENT_SECONDS})",
            "-c:a", "aac", "-b:a", "96k", "-ar", "48000", "-ac", "2",
            "-output_ts_offset", f"{state.seconds:.3f}",
            "-f", "hls", "-hls_time", str(SEGMENT_SECONDS), "-hls_list_size", "0",
            "-hls_segment_filename", str(tmp / "part%05d.ts"), str(tmp / PLAYLIST),
        ]  # fmt: skip
        try:
            # The command is built here from fixed arguments and our own paths.
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise PackagingError("ffmpeg took too long") from exc
        produced = (
            _parse_playlist((tmp / PLAYLIST).read_text()) if (tmp / PLAYLIST).exists() else []
        )
        if done.returncode != 0 and not produced:
            raise PackagingError(done.stderr.decode("utf-8", "replace")[-500:])
        # While live, the newest segment may end inside a slice still being uploaded: leave it
        # for the next refresh, which starts where the kept ones end.
        keep = produced if final else produced[:-1]
        for name, duration in keep:
            target = f"seg{len(segments):05d}.ts"
            (tmp / name).replace(out / target)
            segments.append((target, duration))
            state.seconds += duration
    state.segments = segments
    state.final = final
    state.save(out)
    tmp_playlist = out / (PLAYLIST + ".tmp")
    tmp_playlist.write_text(playlist_text(state), encoding="utf-8")
    tmp_playlist.replace(out / PLAYLIST)
    return state


def make_test_clip(path: Path, *, seconds: int = 6) -> Path:
    """A WebM clip (VP8 + Opus, like a browser's MediaRecorder) from ffmpeg's test sources, for
    tests and the demo."""
    binary = ffmpeg_bin()
    if binary is None:
        raise PackagingError("ffmpeg is not installed")
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 (fixed arguments)
        [binary, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
         "-f", "lavfi", "-i", f"testsrc2=size=320x240:rate=25:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
         "-c:v", "libvpx", "-b:v", "300k", "-deadline", "realtime", "-cpu-used", "8",
         "-c:a", "libopus", "-shortest", "-live", "1", "-cluster_time_limit", "1000",
         "-g", "25", str(path)],
        capture_output=True, timeout=TIMEOUT, check=True,
    )  # fmt: skip
    return path
