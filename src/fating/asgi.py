"""ASGI entry point: HTTP through Django (its WSGI handler in a pool of threads, see
fating.core.threaded_http), WebSockets through Channels (routes added by apps)."""

import gc
import logging
import os
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")
django_wsgi_app = get_wsgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs the app registry ready)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from fating.conversations.routing import websocket_urlpatterns as conversation_ws  # noqa: E402
from fating.core.threaded_http import ThreadedHttp  # noqa: E402
from fating.trials.routing import websocket_urlpatterns as trials_ws  # noqa: E402

websocket_urlpatterns: list = [*conversation_ws, *trials_ws]

http = ThreadedHttp(django_wsgi_app, threads=settings.FATING_HTTP_THREADS)


def _tune_garbage_collector() -> None:
    """A request allocates tens of thousands of short-lived objects (query compilation, model
    rows, template nodes): at the default threshold of 700 the collector ran several times per
    request and took 13 % of the design point's CPU in-process, at 10,000 4 % (bench/README.md).
    What is loaded by the time the server starts (Django, the apps, the catalogues) lives as long
    as the process, so it is frozen out of the collector's scans. Done at the ASGI startup, in
    each server process, not on import: tests and commands import this module too."""
    gc.freeze()
    gc.set_threshold(10_000, 20, 50)


async def lifespan(scope: dict, receive: Any, send: Any) -> None:
    """Start and stop what runs beside the requests: the embedded hearing recorder
    (fating.trials.recorder, when FATING_RECORDER is "embedded")."""
    from fating.trials import recorder

    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            _tune_garbage_collector()
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
