"""Writes and reads of the hearing's recording (庭审录像) and its broadcast (庭审直播): started and
finished by the judge or clerk, recorded by the server's recorder (`fating.trials.recorder`) when it
runs, else uploaded by the browser in slices; hashed and filed into the dossier; packaged into HLS by
ffmpeg (`fating.trials.hls`) for broadcast-marked hearings. Each write: permission first, one
transaction, one audit event.

    start_recording / append_chunk / finish_recording                   庭审录像 into the dossier
    file_server_recording / fail_server_recording                       by the server's recorder
    package_broadcast / queue_live_packaging                            庭审直播 (HLS)
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotVisible
from fating.trials import hls, recorder_presence, rules, selectors
from fating.trials.guards import locked_room, require
from fating.trials.models import Recording, TrialRoom

MAX_CHUNK = 8 * 1024 * 1024  # one MediaRecorder slice
MAX_RECORDING = 4 * 1024 * 1024 * 1024


# --- Recording (庭审录像): by the server's recorder (fating.trials.recorder) when it runs, else
# by the judge's or clerk's browser, which uploads slices


def _recording_path(recording: Recording) -> Path:
    return Path(settings.MEDIA_ROOT) / recording.file_name


def parts_dir(recording: Recording) -> Path:
    """The server recorder's work folder: one file per participant track and connection."""
    name = f"{recording.room_id}-{recording.pk}.parts"
    return Path(settings.MEDIA_ROOT) / "trials" / "recordings" / name


def wake_recorder() -> None:
    """After the commit, tell the recorder process(es) a recording started or ended (they also
    look every few seconds, so a lost message only delays)."""
    transaction.on_commit(recorder_presence.wake)


@transaction.atomic
def start_recording(*, actor: User, room: TrialRoom, mime: str = "video/webm") -> Recording:
    """Start a recording; every participant's page shows the indicator and which way it is
    recorded (第27条第3款). The server records when its recorder is running (`mime` is then
    ignored: the server writes MP4); otherwise the browser records and uploads slices."""
    require(actor, room, "transcribe")
    room = locked_room(room)
    if room.status != TrialRoom.Status.OPEN:
        raise InvalidTransition(_("庭审已闭庭，不能录像。"))
    source = rules.recording_source(recorder_running=recorder_presence.available())
    mime = (mime or "video/webm").split(";")[0].strip()
    if source == rules.SOURCE_SERVER:
        mime = "video/mp4"
    elif mime not in ("video/webm", "video/mp4"):
        raise FieldError({"mime": _("录像格式只能是 WebM 或 MP4。")})
    if room.recordings.filter(ended_at__isnull=True).exists():
        raise InvalidTransition(_("正在录像中。"))
    now = timezone.now()
    recording = Recording.objects.create(room=room, started_by=actor, started_at=now, mime=mime,
                                         source=source, file_name="")  # fmt: skip
    ext = "mp4" if mime == "video/mp4" else "webm"
    recording.file_name = f"trials/recordings/{room.pk}-{recording.pk}.{ext}"
    recording.save(update_fields=["file_name"])
    if source == rules.SOURCE_SERVER:
        parts_dir(recording).mkdir(parents=True, exist_ok=True)
        wake_recorder()
    else:
        path = _recording_path(recording)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    record_event(actor=actor, action="trials.recording.start", target=recording,
                 after={"room": room.pk, "mime": mime, "source": source})  # fmt: skip
    return recording


@transaction.atomic
def append_chunk(*, actor: User, recording: Recording, data: bytes) -> Recording:
    """Append one MediaRecorder slice. Slices are not audited one by one: the finishing event
    carries the whole file's size and SHA-256, and the dossier chain keeps it."""
    require(actor, recording.room, "transcribe")
    recording = Recording.objects.select_for_update().get(pk=recording.pk)
    if recording.source != rules.SOURCE_BROWSER:
        raise InvalidTransition(_("本次录像由服务器录制，不接收浏览器上传的片段。"))
    if recording.ended_at is not None:
        raise InvalidTransition(_("录像已结束。"))
    if not data:
        raise FieldError({"chunk": _("录像片段为空。")})
    if len(data) > MAX_CHUNK or recording.size + len(data) > MAX_RECORDING:
        raise FieldError({"chunk": _("录像片段过大。")})
    with _recording_path(recording).open("ab") as out:
        out.write(data)
    recording.size += len(data)
    recording.save(update_fields=["size", "updated_at"])
    if recording.room.broadcast and _stale(recording):
        queue_packaging(recording, final=False)
    return recording


@transaction.atomic
def finish_recording(*, actor: User, recording: Recording) -> Recording:
    """End the recording. A browser recording is hashed and filed into the dossier as 庭审录像
    at once; a server recording is ended here and filed by the recorder once it has composed
    the file (file_server_recording)."""
    room = recording.room
    require(actor, room, "transcribe")
    recording = Recording.objects.select_for_update().get(pk=recording.pk)
    if recording.dossier_entry_id is not None:
        raise InvalidTransition(_("录像已归入卷宗。"))
    if recording.source == rules.SOURCE_SERVER:
        if recording.ended_at is not None:
            raise InvalidTransition(_("录像已结束，录像服务正在合成归档。"))
        recording.ended_at = timezone.now()
        recording.finished_by = actor
        recording.save(update_fields=["ended_at", "finished_by", "updated_at"])
        wake_recorder()
        record_event(actor=actor, action="trials.recording.finish", target=recording,
                     after={"room": room.pk, "source": recording.source,
                            "started_at": recording.started_at,
                            "ended_at": recording.ended_at})  # fmt: skip
        return recording
    if recording.size == 0:
        raise FieldError({"chunk": _("录像没有内容。")})
    recording.ended_at = recording.ended_at or timezone.now()
    recording.finished_by = recording.finished_by or actor
    entry = _file(actor=actor, recording=recording)
    recording.save(update_fields=["sha256", "ended_at", "finished_by", "dossier_entry_id",
                                  "updated_at"])  # fmt: skip
    if room.broadcast:
        queue_packaging(recording, final=True)
    record_event(actor=actor, action="trials.recording.finish", target=recording,
                 after={"room": room.pk, "source": recording.source, "sha256": recording.sha256,
                        "size": recording.size, "started_at": recording.started_at,
                        "ended_at": recording.ended_at, "entry": entry.pk})  # fmt: skip
    return recording


def _file(*, actor: User, recording: Recording) -> Any:
    """Hash the recording's file and file it into the case's dossier (sets sha256, size and
    dossier_entry_id; the caller saves)."""
    from django.core.files import File

    from fating.documents.services import add_to_dossier

    digest = hashlib.sha256()
    size = 0
    with _recording_path(recording).open("rb") as src:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    recording.sha256 = digest.hexdigest()
    recording.size = size
    with _recording_path(recording).open("rb") as src:
        upload = File(src, name=Path(recording.file_name).name)
        entry = add_to_dossier(actor=actor, matter=recording.room.hearing.case,
                               title=_("庭审录像"), category="record", generated=True,
                               upload=upload)  # fmt: skip
    recording.dossier_entry_id = entry.pk
    return entry


def server_recording_plan(recording: Recording) -> dict[str, Any]:
    """What the recorder needs to compose a server recording: its work folder and file, the time
    line's length, and the participants' order (the seats') and names for the tiles."""
    end = recording.ended_at or timezone.now()
    people = recording.room.attendees.order_by("pk")
    order = sorted(people, key=lambda a: (list(rules.ROLE_LABELS).index(a.role), a.pk))
    return {
        "folder": parts_dir(recording), "out": _recording_path(recording),
        "duration": max((end - recording.started_at).total_seconds(), 0.1),
        "order": [a.pk for a in order],
        "labels": {a.pk: f"{a.name} · {_(a.seat) or a.get_role_display()}" for a in order},
    }  # fmt: skip


@transaction.atomic
def file_server_recording(*, recording: Recording) -> Recording:
    """The recorder composed the ended server recording's file: hash it, store its size, and
    file it into the case's dossier as 庭审录像 in the name of whoever ended it."""
    locked = Recording.objects.select_for_update().select_related("room__hearing__case")
    recording = locked.get(pk=recording.pk)
    if recording.source != rules.SOURCE_SERVER or recording.ended_at is None:
        raise InvalidTransition(_("只有已结束的服务器录像可以由录像服务归档。"))
    if recording.dossier_entry_id is not None:
        raise InvalidTransition(_("录像已归入卷宗。"))
    if not _recording_path(recording).is_file():
        raise InvalidTransition(_("录像文件尚未合成。"))
    actor = recording.finished_by or recording.started_by
    entry = _file(actor=actor, recording=recording)
    recording.failure = ""
    recording.save(update_fields=["sha256", "size", "dossier_entry_id", "failure", "updated_at"])
    if recording.room.broadcast:
        queue_packaging(recording, final=True)
    record_event(actor=None, action="trials.recording.file", target=recording,
                 after={"room": recording.room_id, "source": recording.source,
                        "sha256": recording.sha256, "size": recording.size,
                        "started_at": recording.started_at, "ended_at": recording.ended_at,
                        "entry": entry.pk, "by": actor.pk})  # fmt: skip
    return recording


@transaction.atomic
def fail_server_recording(*, recording: Recording, reason: str) -> Recording:
    """The recorder could not compose or file the recording (nothing was received, ffmpeg or
    the filing failed): the reason is kept and shown, and the participants' files stay in the
    work folder (services_recording.parts_dir) for the court's technicians."""
    recording = Recording.objects.select_for_update().get(pk=recording.pk)
    if recording.dossier_entry_id is not None or recording.source != rules.SOURCE_SERVER:
        raise InvalidTransition(_("录像已归入卷宗。"))
    recording.failure = (reason or _("未知原因"))[:300]
    recording.save(update_fields=["failure", "updated_at"])
    record_event(actor=None, action="trials.recording.fail", target=recording,
                 after={"room": recording.room_id, "reason": recording.failure})  # fmt: skip
    return recording


def read_recording(recording: Recording) -> bytes:
    """The finished file, refused when it no longer matches its hash."""
    path = _recording_path(recording)
    data = path.read_bytes() if recording.sha256 and path.is_file() else b""
    if not data or hashlib.sha256(data).hexdigest() != recording.sha256:
        raise InvalidTransition(_("录像文件与校验值不符或尚未结束，已拒绝播放。"))
    return data


# --- 庭审直播: HLS packaged by ffmpeg from the uploaded recording (fating.trials.hls)

LIVE_REFRESH_SECONDS = 8
PACKAGE_TASK = "fating.trials.tasks.package_broadcast"


def hls_dir(recording: Recording) -> Path:
    return Path(settings.MEDIA_ROOT) / "trials" / "hls" / str(recording.pk)


def _stale(recording: Recording) -> bool:
    """A live refresh is due: nothing packaged yet, or the last refresh is older than
    LIVE_REFRESH_SECONDS (slices arrive every few seconds; ffmpeg need not run for each)."""
    state = hls_dir(recording) / hls.STATE
    try:
        age = timezone.now().timestamp() - state.stat().st_mtime
    except OSError:
        return True
    return age >= LIVE_REFRESH_SECONDS


def queue_packaging(recording: Recording, *, final: bool) -> None:
    """After the commit, package the recording into HLS: the Celery task PACKAGE_TASK, named
    rather than imported (that module imports this one); inline without a broker."""
    from fating.core.events import enqueue

    if not hls.available():
        return
    pk = recording.pk
    transaction.on_commit(lambda: enqueue(PACKAGE_TASK, pk, final))


def package_broadcast(*, recording_id: int, final: bool = False) -> Recording | None:
    """Package what is new of a broadcast hearing's recording into its HLS playlist; `final`
    (or an ended recording) closes the playlist for 点单 viewing. Nothing for a hearing not
    marked, or one the rules keep private (在线诉讼规则 第27条). Live refreshes are not audited
    one by one (like the slices); closing the playlist is, with its length."""
    recording = (
        Recording.objects.select_related("room__hearing__case__filing")
        .filter(pk=recording_id)
        .first()
    )
    if recording is None or not selectors.may_stream(recording.room) or recording.hls_final:
        return None
    final = final or recording.ended_at is not None
    source: Path | hls.Inputs = _recording_path(recording)
    if recording.source == rules.SOURCE_SERVER and not recording.sha256:
        if recording.ended_at is not None:
            return None  # packaged from the composed file once the recorder files it
        source = _live_inputs(recording)
    state = hls.package(source, hls_dir(recording), final=final)
    with transaction.atomic():
        locked = Recording.objects.select_for_update().get(pk=recording.pk)
        was_final = locked.hls_final
        locked.hls_seconds = state.seconds
        locked.hls_final = state.final
        locked.save(update_fields=["hls_seconds", "hls_final", "updated_at"])
        if state.final and not was_final:
            record_event(actor=None, action="trials.broadcast.package", target=locked,
                         after={"room": locked.room_id, "seconds": state.seconds,
                                "segments": len(state.segments or [])})  # fmt: skip
    return locked


LIVE_MARGIN_SECONDS = 3.0  # the newest seconds of the parts may still be in the writers' buffers


def _live_inputs(recording: Recording) -> hls.Inputs:
    """A running server recording's inputs for the live broadcast: the participants' track
    files composed on the fly, up to a few seconds ago (fating.trials.media.compose_args)."""
    from fating.trials import media

    plan = server_recording_plan(recording)
    manifest = media.Manifest.load(plan["folder"])
    until = (timezone.now() - recording.started_at).total_seconds() - LIVE_MARGIN_SECONDS
    font = media.font_file()

    def inputs(seconds: float) -> list[str] | None:
        if not manifest.parts or until - seconds < hls.SEGMENT_SECONDS:
            return None
        return media.compose_args(manifest, start=seconds, end=until, order=plan["order"],
                                  labels=plan["labels"], font=font)  # fmt: skip

    return inputs


def queue_live_packaging(recording_id: int) -> bool:
    """The recorder's periodic nudge while a server recording runs: package what is new for the
    live broadcast when the hearing is marked and the last refresh is old enough."""
    recording = Recording.objects.select_related("room").filter(pk=recording_id).first()
    if (
        recording is None
        or recording.ended_at is not None
        or not recording.room.broadcast
        or not _stale(recording)
    ):
        return False
    queue_packaging(recording, final=False)
    return True


def read_stream_file(recording: Recording, name: str) -> tuple[bytes, str]:
    """One file of a broadcast's HLS stream: the playlist or a segment; anything else is not
    there (no path is built from the request beyond these two shapes)."""
    if name == hls.PLAYLIST:
        mime = "application/vnd.apple.mpegurl"
    elif hls.SEGMENT_RE.match(name):
        mime = "video/mp2t"
    else:
        raise NotVisible(_("庭审直播不存在。"))
    path = hls_dir(recording) / name
    if not path.is_file():
        raise NotVisible(_("庭审直播尚未开始或已不存在。"))
    return path.read_bytes(), mime
