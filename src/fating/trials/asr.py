"""Speech recognition through a self-hosted FunASR runtime server (its WebSocket protocol).

No model can be downloaded here, so the platform ships only this adapter: a court runs
FunASR's runtime server (docs/deploy.md) and sets FATING_ASR_URL=ws://host:10095. With no
engine configured, the clerk writes the transcript by hand.

Protocol (FunASR runtime, "offline" mode): the client sends a JSON start message
{"mode": "offline", "wav_name", "wav_format": "pcm", "audio_fs": 16000, "is_speaking": true,
"chunk_size": [5, 10, 5], "itn": true}, then the audio as binary frames (16-bit mono PCM), then
{"is_speaking": false}; the server answers with JSON {"mode": "offline", "text",
"wav_name", "is_final": true, "timestamp": ...}.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from django.conf import settings

CHUNK = 16000 * 2 // 10 * 6  # 600 ms of 16 kHz 16-bit mono


class ASRUnavailable(Exception):
    """No engine configured, or it could not be reached or answered nonsense."""


@dataclass(frozen=True)
class Recognised:
    text: str
    timestamp: str = ""


async def _recognise(url: str, pcm: bytes, name: str, timeout: float) -> Recognised:
    import websockets

    async with websockets.connect(url, open_timeout=timeout, max_size=2**20) as ws:
        await ws.send(json.dumps({"mode": "offline", "wav_name": name, "wav_format": "pcm",
                                  "audio_fs": 16000, "is_speaking": True,
                                  "chunk_size": [5, 10, 5], "itn": True}))  # fmt: skip
        for start in range(0, len(pcm), CHUNK):
            await ws.send(pcm[start : start + CHUNK])
        await ws.send(json.dumps({"is_speaking": False}))
        while True:
            raw = await asyncio.wait_for(ws.recv(), timeout)
            message = json.loads(raw)
            if not isinstance(message, dict):
                raise ASRUnavailable("unexpected answer")
            if message.get("is_final", True) or message.get("mode") == "offline":
                return Recognised(text=str(message.get("text", "")),
                                  timestamp=str(message.get("timestamp", "")))  # fmt: skip


def recognise(pcm: bytes, *, name: str = "hearing", url: str | None = None,
              timeout: float = 30.0) -> Recognised:  # fmt: skip
    """The text of 16 kHz 16-bit mono PCM audio, from the configured FunASR server."""
    url = url if url is not None else getattr(settings, "FATING_ASR_URL", "")
    if not url:
        raise ASRUnavailable("no speech recognition engine configured")
    try:
        return _run(_recognise(url, pcm, name, timeout))
    except (OSError, TimeoutError, ValueError) as exc:
        raise ASRUnavailable(str(exc)) from exc
    except Exception as exc:  # websockets' own errors (closed connection, bad handshake)
        raise ASRUnavailable(str(exc)) from exc


def _run(coroutine: Coroutine[Any, Any, Recognised]) -> Recognised:
    """Run the exchange to its end; from a thread that already runs an event loop (an async view,
    a consumer, a test that left its loop running) in a thread of its own, since asyncio.run
    refuses a loop inside a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def available() -> bool:
    return bool(getattr(settings, "FATING_ASR_URL", ""))
