"""Whether the server's hearing recorder runs, and waking it: what the services and pages ask of
the recorder without importing it (the recorder itself reads and writes through the services)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from fating.core.layer import group_send
from fating.trials.subscribers import RECORDER_GROUP

HEARTBEAT_KEY = "fating:trials:recorder"
HEARTBEAT_TTL = 20


def available() -> bool:
    """A recorder answered within the last HEARTBEAT_TTL seconds (and recording on the server
    is not switched off)."""
    if settings.FATING_RECORDER == "off":
        return False
    return cache.get(HEARTBEAT_KEY) is not None


def wake() -> None:
    """Tell the recorder(s) to look for work now (after a recording starts or ends)."""
    group_send(RECORDER_GROUP, {"type": "recorder.wake"})
