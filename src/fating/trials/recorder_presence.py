"""Whether the server's hearing recorder runs, and waking it: what the services and pages ask of
the recorder without importing it (the recorder itself reads and writes through the services)."""

from __future__ import annotations

import logging

from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache

from fating.core.layer import group_send
from fating.trials.subscribers import RECORDER_GROUP

log = logging.getLogger(__name__)

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
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        group_send(RECORDER_GROUP, {"type": "recorder.wake"})
    except Exception:  # the recorder looks every RECONCILE_SECONDS anyway
        log.exception("waking the trial recorder failed")
