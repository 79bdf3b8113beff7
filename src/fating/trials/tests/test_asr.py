"""The FunASR adapter against a fake server speaking the runtime's WebSocket protocol."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator

import pytest

from fating.trials import asr


@pytest.fixture
def fake_funasr() -> Iterator[tuple[str, dict[str, object]]]:
    """A local server: takes the start message, binary PCM frames and the end message, answers
    with the final text the way FunASR's runtime server does."""
    import websockets

    seen: dict[str, object] = {"bytes": 0}
    ready = threading.Event()
    loop = asyncio.new_event_loop()
    holder: dict[str, object] = {}

    async def handler(ws: object) -> None:
        async for message in ws:  # type: ignore[attr-defined]
            if isinstance(message, bytes):
                seen["bytes"] = int(seen["bytes"]) + len(message)  # type: ignore[arg-type]
                continue
            data = json.loads(message)
            if data.get("is_speaking") is True:
                seen["start"] = data
            elif data.get("is_speaking") is False:
                await ws.send(json.dumps({"mode": "offline", "wav_name": seen["start"]["wav_name"],  # type: ignore[attr-defined,index]
                                          "text": "原告坚持诉讼请求", "is_final": True}))  # fmt: skip

    async def main() -> None:
        server = await websockets.serve(handler, "127.0.0.1", 0)
        holder["port"] = server.sockets[0].getsockname()[1]
        holder["server"] = server
        ready.set()
        await server.wait_closed()

    thread = threading.Thread(target=lambda: loop.run_until_complete(main()), daemon=True)
    thread.start()
    assert ready.wait(5)
    yield f"ws://127.0.0.1:{holder['port']}", seen
    loop.call_soon_threadsafe(holder["server"].close)  # type: ignore[attr-defined]
    thread.join(5)


def test_recognises_speech_through_the_funasr_protocol(fake_funasr) -> None:  # type: ignore[no-untyped-def]
    url, seen = fake_funasr
    pcm = b"\x00\x01" * 16000  # one second of 16 kHz 16-bit mono
    result = asr.recognise(pcm, url=url, name="hearing-1", timeout=5)
    assert result.text == "原告坚持诉讼请求"
    assert seen["bytes"] == len(pcm)
    start = seen["start"]
    assert (
        start["mode"] == "offline"
        and start["audio_fs"] == 16000
        and start["wav_name"] == "hearing-1"
    )  # type: ignore[index]


def test_no_engine_configured_means_editing_by_hand(settings) -> None:  # type: ignore[no-untyped-def]
    settings.FATING_ASR_URL = ""
    assert not asr.available()
    with pytest.raises(asr.ASRUnavailable):
        asr.recognise(b"\x00\x00")


def test_an_unreachable_engine_is_reported() -> None:
    with pytest.raises(asr.ASRUnavailable):
        asr.recognise(b"\x00\x00", url="ws://127.0.0.1:9", timeout=2)
