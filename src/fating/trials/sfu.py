"""The SFU adapter: optional. Without one (the default) the room runs as a peer-to-peer mesh of
up to rules.MESH_LIMIT participants. With LiveKit configured (FATING_SFU_URL, _API_KEY,
_API_SECRET; docs/deploy.md), the page is handed a LiveKit access token for the room instead.

The token is LiveKit's JWT (HS256) with a `video` grant; it is built here with the standard
library so no client package is needed on the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings


class SFU(Protocol):
    name: str

    def join_info(self, *, room: str, identity: str, display: str, publish: bool) -> dict[str, str]:
        """What the browser needs to join `room` as `identity`."""
        ...


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass(frozen=True)
class LiveKit:
    url: str
    api_key: str
    api_secret: str
    ttl: int = 6 * 3600
    name: str = "livekit"

    def token(self, *, room: str, identity: str, display: str, publish: bool,
              now: int | None = None) -> str:  # fmt: skip
        now = int(time.time()) if now is None else now
        header = {"alg": "HS256", "typ": "JWT"}
        claims = {
            "iss": self.api_key, "sub": identity, "name": display, "nbf": now, "exp": now + self.ttl,
            "video": {"room": room, "roomJoin": True, "canPublish": publish, "canSubscribe": True},
        }  # fmt: skip
        signing = ".".join(_b64(json.dumps(p, separators=(",", ":")).encode())
                           for p in (header, claims))  # fmt: skip
        mac = hmac.new(self.api_secret.encode(), signing.encode(), hashlib.sha256).digest()
        return f"{signing}.{_b64(mac)}"

    def join_info(self, *, room: str, identity: str, display: str, publish: bool) -> dict[str, str]:
        return {"sfu": self.name, "url": self.url,
                "token": self.token(room=room, identity=identity, display=display, publish=publish)}  # fmt: skip


def configured() -> SFU | None:
    """The configured SFU, or None: the room then runs peer to peer."""
    url = getattr(settings, "FATING_SFU_URL", "")
    key = getattr(settings, "FATING_SFU_API_KEY", "")
    secret = getattr(settings, "FATING_SFU_API_SECRET", "")
    if url and key and secret:
        return LiveKit(url=url, api_key=key, api_secret=secret)
    return None


def ice_servers() -> list[dict[str, object]]:
    """RTCPeerConnection's iceServers from settings; empty = host candidates only."""
    servers: list[dict[str, object]] = []
    if settings.FATING_STUN_URLS:
        servers.append({"urls": list(settings.FATING_STUN_URLS)})
    if settings.FATING_TURN_URLS:
        servers.append({"urls": list(settings.FATING_TURN_URLS),
                        "username": settings.FATING_TURN_USERNAME,
                        "credential": settings.FATING_TURN_CREDENTIAL})  # fmt: skip
    return servers
