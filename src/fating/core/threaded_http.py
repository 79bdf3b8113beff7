"""HTTP for the server's ASGI application: Django's WSGI handler in a pool of threads (a2wsgi).

Every view here is synchronous. Django's ASGI handler runs them by hopping between the event
loop and one thread for sync code several times per request (request_started, the middleware
chain, the response's close): about 2 ms of CPU per request, a sixth of the design point's mix
(bench/README.md), and one request's sync code at a time per process. Here a request takes one
hop into a pool thread and back.

A thread must never wait on the network, or a slow client (a village phone uploading evidence)
would hold it: the request body is read on the event loop first, as Django's ASGI handler reads
it (kept in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE, then in a temporary file), and the
response's chunks queue up to SEND_QUEUE_CHUNKS for the loop to send, so a view's thread is free
as soon as the view has answered unless the answer is a large streamed file.
"""

from __future__ import annotations

import tempfile
from typing import Any

from a2wsgi import WSGIMiddleware
from django.conf import settings

from fating.core.layer import remember_server_loop

#: Response chunks (FileResponse reads 4 KiB at a time) buffered before a view's thread waits.
SEND_QUEUE_CHUNKS = 256
_READ_CHUNK = 64 * 1024


class ThreadedHttp:
    def __init__(self, wsgi_app: Any, threads: int) -> None:
        self._wsgi = WSGIMiddleware(wsgi_app, workers=threads, send_queue_size=SEND_QUEUE_CHUNKS)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        remember_server_loop()
        spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
        try:
            size = 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return  # gone before the request was whole: nothing to answer
                chunk = message.get("body", b"")
                spool.write(chunk)
                size += len(chunk)
                if not message.get("more_body", False):
                    break
            spool.seek(0)
            left = size

            async def replay() -> dict[str, Any]:
                nonlocal left
                chunk = spool.read(min(_READ_CHUNK, left)) if left else b""
                left -= len(chunk)
                return {"type": "http.request", "body": chunk, "more_body": left > 0}

            await self._wsgi(scope, replay, send)  # type: ignore[arg-type]
        finally:
            spool.close()
