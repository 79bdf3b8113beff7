"""ASGI entry point: HTTP through Django, WebSockets through Channels (routes added by apps)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs the app registry ready)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from fating.conversations.routing import websocket_urlpatterns as conversation_ws  # noqa: E402
from fating.trials.routing import websocket_urlpatterns as trials_ws  # noqa: E402

websocket_urlpatterns: list = [*conversation_ws, *trials_ws]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
