"""Celery tasks of the online courtroom: packaging a broadcast hearing's recording into HLS."""

from __future__ import annotations

import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="fating.trials.tasks.package_broadcast")
def package_broadcast(recording_id: int, final: bool = False) -> float | None:
    """Package what is new of the recording (services_recording.package_broadcast); a failed
    ffmpeg run is logged and the next slice or the end of the recording tries again."""
    from fating.trials import hls, services_recording

    try:
        recording = services_recording.package_broadcast(recording_id=recording_id, final=final)
    except hls.PackagingError:
        log.exception("packaging recording %s into HLS failed", recording_id)
        return None
    return recording.hls_seconds if recording is not None else None
