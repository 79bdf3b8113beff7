"""Sending to the channel layer from synchronous code (a page, an API call, a subscriber, a task).

The server runs Django's HTTP views in a pool of threads (fating.asgi) while the WebSocket
consumers live on the server's event loop. A send made from a view thread is therefore handed to
that loop, where the consumers' queues are: the in-memory layer of the embedded server is bound
to it, and a Redis layer keeps its connections per loop, so a fresh loop per send would open new
ones. Elsewhere (a Celery worker, a management command, a test) there is no server loop, and the
send runs as asgiref's async_to_sync runs it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer  # type: ignore[import-untyped]

log = logging.getLogger(__name__)

#: Seconds a view waits for its send to be handed over before giving up (and logging it).
SEND_TIMEOUT = 5.0

_server_loop: asyncio.AbstractEventLoop | None = None
_server_thread: int | None = None


def remember_server_loop() -> None:
    """Called on the server's loop (by the HTTP entry point) so sends from threads can reach it."""
    global _server_loop, _server_thread
    loop = asyncio.get_running_loop()
    if _server_loop is not loop:
        _server_loop, _server_thread = loop, threading.get_ident()


def group_send(group: str, event: dict[str, Any]) -> None:
    """Send `event` to `group`. A failed send is logged, not raised: what is pushed was stored
    first, and clients catch up (a chat reconnects with ?after=, a courtroom page on its next
    message, the recorder looks every few seconds)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = _server_loop
        if loop is not None and loop.is_running() and threading.get_ident() != _server_thread:
            asyncio.run_coroutine_threadsafe(layer.group_send(group, event), loop).result(
                timeout=SEND_TIMEOUT
            )
        else:
            async_to_sync(layer.group_send)(group, event)
    except Exception:
        log.exception("live push to %s failed", group)
