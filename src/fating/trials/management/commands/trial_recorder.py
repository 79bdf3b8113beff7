"""`fating trial_recorder`: the server-side hearing recorder as a process of its own (production,
FATING_RECORDER=external, Redis channel layer). Run exactly one per deployment, on a host whose
UDP ports the browsers (or the TURN relay) can reach, with MEDIA_ROOT shared with the web
processes. docs/deploy.md, "Online courtroom"."""

from __future__ import annotations

import asyncio
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the server-side hearing recorder (aiortc) until SIGTERM."

    def handle(self, *args: object, **options: object) -> None:
        from fating.trials import media, recorder

        if settings.FATING_RECORDER == "off":
            raise CommandError("FATING_RECORDER is off: hearings are recorded by the browser.")
        if settings.FATING_RECORDER == "embedded":
            self.stderr.write("FATING_RECORDER is embedded: the ASGI server already runs one; "
                              "this process records only if that one is not running.")  # fmt: skip
        if not settings.REDIS_URL:
            self.stderr.write("No REDIS_URL: this process cannot reach the web server's "
                              "in-memory channel layer; it will not receive any participant.")  # fmt: skip
        if not media.available():
            raise CommandError("aiortc, PyAV (pip) or ffmpeg (apt) is missing.")
        logging.basicConfig(level=logging.INFO)
        self.stdout.write("Trial recorder running (Ctrl-C to stop).")
        asyncio.run(recorder.run_forever())
