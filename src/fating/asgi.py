"""ASGI entry point: HTTP through Django, WebSockets through Channels (routes added by apps).

HTTP requests run Django's WSGI handler in a pool of threads (a2wsgi), not Django's ASGI
handler: every view here is synchronous, and the ASGI handler's hops between the event loop and
its one thread for sync code (request_started, the middleware chain, the response's close) cost
about 2 ms of CPU per request, a sixth of the design point's mix (bench/README.md). The threads
also let several requests wait on the database at once. WebSockets stay on the event loop, and
sends to them from a view thread are handed to it (fating.core.layer).
"""

import logging
import os
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")
django_wsgi_app = get_wsgi_application()

from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs the app registry ready)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from fating.conversations.routing import websocket_urlpatterns as conversation_ws  # noqa: E402
from fating.core.layer import remember_server_loop  # noqa: E402
from fating.trials.routing import websocket_urlpatterns as trials_ws  # noqa: E402

websocket_urlpatterns: list = [*conversation_ws, *trials_ws]

_threaded_http = WSGIMiddleware(django_wsgi_app, workers=settings.FATING_HTTP_THREADS)


async def http(scope: dict, receive: Any, send: Any) -> None:
    remember_server_loop()
    await _threaded_http(scope, receive, send)  # type: ignore[arg-type]


async def lifespan(scope: dict, receive: Any, send: Any) -> None:
    """Start and stop what runs beside the requests: the embedded hearing recorder
    (fating.trials.recorder, when FATING_RECORDER is "embedded")."""
    from fating.trials import recorder

    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                await recorder.start_embedded()
            except Exception:  # the site serves without it; the browsers record
                logging.getLogger(__name__).exception("embedded recorder did not start")
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await recorder.stop_embedded()
            await send({"type": "lifespan.shutdown.complete"})
            return


application = ProtocolTypeRouter(
    {
        "lifespan": lifespan,
        "http": http,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
