"""Pages of the online courtroom: the list of rooms, the room (with the steps before entering),
the device test, the transcript, recordings, and the public broadcast page. Thin: services
write, selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.accounts.models import User
from fating.core.exceptions import DomainError, FieldError, NotPermitted, NotVisible
from fating.core.http import page_view
from fating.trials import (
    asr,
    hls,
    recorder_presence,
    rules,
    selectors,
    services,
    services_recording,
    sfu,
)
from fating.trials.models import Attendee, Recording
from fating.trials.subscribers import RECORDER_PEER

MISSING_LABELS = {
    "identity": gettext_lazy("核验身份"),
    "notice": gettext_lazy("阅读并确认庭审纪律"),
    "device": gettext_lazy("检测摄像头和麦克风"),
    "admission": gettext_lazy("等待审判人员准许入庭"),
}


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@page_view
def index(request: HttpRequest) -> HttpResponse:
    rooms = selectors.rooms_for(request.user).order_by("-opened_at")[:50]
    return render(request, "trials/index.html", {
        "rooms": rooms, "openable": selectors.openable_hearings(request.user)[:50],
        "kinds": [(k, _(v)) for k, v in rules.KIND_LABELS.items()],
    })  # fmt: skip


@login_required
@page_view
@require_POST
def open_room(request: HttpRequest, hearing_id: int) -> HttpResponse:
    from fating.cases.selectors import hearing_for

    hearing = hearing_for(request.user, hearing_id)
    username = request.POST.get("clerk", "").strip()
    clerk = User.objects.filter(username=username).first() if username else None
    try:
        if username and clerk is None:
            raise FieldError({"clerk": _("没有这个账号。")})
        room = services.open_room(actor=request.user, hearing=hearing, clerk=clerk,
                                  kind=request.POST.get("kind") or rules.KIND_HEARING)  # fmt: skip
    except FieldError as exc:
        for field_messages in exc.fields.values():
            for message in field_messages:
                messages.error(request, message)
        return redirect("trials:index")
    return redirect("trials:room", pk=room.pk)


def _room_context(request: HttpRequest, room: Any) -> dict[str, Any]:
    me = selectors.attendee_of(request.user, room)
    presides = selectors.may(request.user, room, "preside")
    everyone = selectors.attendees(room)
    running = room.recordings.filter(ended_at__isnull=True).first()
    recorder_up = recorder_presence.available()
    return {
        "unverified": [
            a for a in everyone if a.role not in rules.COURT_ROLES and a.identity_checked_at is None
        ],
        "room": room,
        "hearing": room.hearing,
        "me": me,
        "missing": [(m, MISSING_LABELS[m]) for m in (me.missing if me else [])],
        "attendees": everyone,
        "presides": presides,
        "transcribes": selectors.may(request.user, room, "transcribe"),
        "verifies": selectors.may(request.user, room, "verify"),
        "notice": _(rules.DISCIPLINE_NOTICE),
        "grounds": [(k, _(v)) for k, v in rules.DECLARED_GROUNDS.items()],
        "add_roles": [
            (r, _(rules.ROLE_LABELS[r]))
            for r in (rules.WITNESS, rules.INTERPRETER, rules.AGENT, rules.CLERK)
        ],
        "recordings": room.recordings.order_by("started_at"),
        "pretrial": room.kind == rules.KIND_PRETRIAL,
        "evidence": selectors.evidence_table(room) if room.kind == rules.KIND_PRETRIAL else [],
        "recording_now": running,
        "recorder_up": recorder_up,
        "config": {
            "room": room.pk,
            "ws": f"/ws/trials/rooms/{room.pk}/",
            "ice": sfu.ice_servers(),
            "act": f"/trials/rooms/{room.pk}/act/",
            "recordings": f"/trials/rooms/{room.pk}/recordings/",
            "records": bool(selectors.may(request.user, room, "transcribe")),
            "mesh_limit": rules.MESH_LIMIT,
            "sfu": (sfu.configured().name if sfu.configured() else ""),  # type: ignore[union-attr]
            "recorder_peer": RECORDER_PEER,
            "running": {"id": running.pk, "source": running.source} if running else None,
        },
    }


@login_required
@page_view
def room(request: HttpRequest, pk: int) -> HttpResponse:
    trial_room = selectors.room_for(request.user, pk)
    return render(request, "trials/room.html", _room_context(request, trial_room))


@login_required
@page_view
def device(request: HttpRequest, pk: int) -> HttpResponse:
    trial_room = selectors.room_for(request.user, pk)
    if selectors.attendee_of(request.user, trial_room) is None:
        raise NotVisible(_(selectors.MISSING))
    return render(request, "trials/device.html", {"room": trial_room})


def _attendee(room: Any, raw: str) -> Attendee:
    attendee = Attendee.objects.filter(room=room, pk=int(raw) if raw.isdigit() else 0).first()
    if attendee is None:
        raise FieldError({"attendee": _("参加人不存在。")})
    return attendee


def _act(request: HttpRequest, room: Any, action: str) -> str:
    """Run one action of the room page; returns the success message."""
    post, user = request.POST, request.user
    if action == "code_send":
        services.send_identity_code(actor=user, room=room)
        return _("验证码已发送到登记的手机号。")
    if action == "code_verify":
        services.verify_identity_code(actor=user, room=room, code=post.get("code", ""))
        return _("身份核验通过。")
    if action == "verify":
        services.verify_at_service_point(actor=user, room=room,
                                         attendee=_attendee(room, post.get("attendee", "")))  # fmt: skip
        return _("已记录服务点当面核验。")
    if action == "notice":
        if post.get("accept") != "1":
            raise FieldError({"accept": _("请勾选确认已阅读庭审纪律。")})
        services.accept_notice(actor=user, room=room)
        return _("已确认庭审纪律。")
    if action == "device":
        services.pass_device_test(actor=user, room=room)
        return _("设备检测通过。")
    if action in services.MODERATION_EVENTS:
        services.moderate(actor=user, attendee=_attendee(room, post.get("attendee", "")),
                          action=action)  # fmt: skip
        return _("已完成。")
    if action == "add_person":
        if not selectors.may(user, room, "preside"):
            raise NotPermitted(_(selectors.REFUSALS["preside"]))
        name = post.get("username", "").strip()
        person = User.objects.filter(username=name).first() or (
            User.objects.filter(mobile=name).first() if name else None
        )
        services.add_person(actor=user, room=room, user=person, role=post.get("role", ""),
                            side=post.get("side", ""))  # fmt: skip
        return _("已添加参加人。")
    if action == "broadcast":
        room = services.set_broadcast(actor=user, room=room, broadcast=post.get("on") == "1",
                                      grounds=post.getlist("grounds"))  # fmt: skip
        if room.broadcast_refusal:
            raise FieldError(
                {"broadcast": _("不予直播：%(why)s") % {"why": room.broadcast_refusal}}
            )
        return _("已设置庭审直播。") if room.broadcast else _("已取消庭审直播。")
    if action == "close":
        services.close_room(actor=user, room=room)
        return _("已闭庭。")
    if action == "line":
        services.add_line(actor=user, room=room, speaker=_attendee(room, post.get("speaker", "")),
                          text=post.get("text", ""))  # fmt: skip
        return _("已记入笔录。")
    if action == "note":
        services.add_meeting_note(actor=user, room=room, section=post.get("section", ""),
                                  text=post.get("text", ""))  # fmt: skip
        return _("已记入庭前会议笔录。")
    if action == "asr":
        return _recognise(request, room)
    if action == "sign":
        services.sign_transcript(actor=user, room=room)
        return _("已签署笔录。")
    if action == "refuse":
        services.record_refusal(actor=user, room=room,
                                attendee=_attendee(room, post.get("attendee", "")),
                                note=post.get("note", ""))  # fmt: skip
        return _("已记录拒签情况。")
    if action == "file":
        services.file_transcript(actor=user, room=room)
        return _("笔录已归入电子卷宗。")
    raise FieldError({"action": _("操作无效。")})


def _recognise(request: HttpRequest, room: Any) -> str:
    if not selectors.may(request.user, room, "transcribe"):
        raise NotPermitted(_(selectors.REFUSALS["transcribe"]))
    audio = request.FILES.get("audio")
    if audio is None or audio.size > 20 * 1024 * 1024:
        raise FieldError({"audio": _("请上传不超过20MB的16千赫单声道录音。")})
    try:
        return asr.recognise(audio.read()).text or _("（未识别到语音）")
    except asr.ASRUnavailable as exc:
        raise FieldError({"audio": _("语音识别引擎不可用，请手工记录。")}) from exc


@login_required
@page_view
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    trial_room = selectors.room_for(request.user, pk)
    action = request.POST.get("action", "")
    back = request.POST.get("next", "")
    target = back if back in ("transcript", "device") else "room"
    try:
        message = _act(request, trial_room, action)
    except (NotVisible, NotPermitted):
        raise
    except DomainError as exc:
        texts = [m for msgs in getattr(exc, "fields", {}).values() for m in msgs] or [exc.message]
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": texts}, status=exc.status_code)
        for text in texts:
            messages.error(request, text)
        return redirect(f"trials:{target}", pk=trial_room.pk)
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return redirect(f"trials:{target}", pk=trial_room.pk)


@login_required
@page_view
def transcript(request: HttpRequest, pk: int) -> HttpResponse:
    trial_room = selectors.room_for(request.user, pk)
    me = selectors.attendee_of(request.user, trial_room)
    signatures = {s.attendee_id: s for s in trial_room.signatures.all()}
    return render(request, "trials/transcript.html", {
        "room": trial_room, "hearing": trial_room.hearing, "me": me,
        "lines": trial_room.lines.select_related("speaker").order_by("offset_seconds", "pk"),
        "attendees": selectors.attendees(trial_room),
        "signers": [(a, signatures.get(a.pk)) for a in services.signers(trial_room)],
        "signed": me is not None and me.pk in signatures,
        "transcribes": selectors.may(request.user, trial_room, "transcribe"),
        "presides": selectors.may(request.user, trial_room, "preside"),
        "asr": asr.available(),
        "pretrial": trial_room.kind == rules.KIND_PRETRIAL,
        "sections": services.meeting_sections(trial_room),
    })  # fmt: skip


@login_required
@page_view
@require_POST
def start_recording(request: HttpRequest, pk: int) -> HttpResponse:
    trial_room = selectors.room_for(request.user, pk)
    try:
        recording = services_recording.start_recording(
            actor=request.user, room=trial_room, mime=request.POST.get("mime", "video/webm")
        )
    except DomainError as exc:
        return JsonResponse({"ok": False, "errors": [exc.message]}, status=exc.status_code)
    return JsonResponse({"ok": True, "recording": recording.pk, "source": recording.source},
                        status=201)  # fmt: skip


def _recording(request: HttpRequest, pk: int) -> Recording:
    recording = selectors.recording_for(request.user, pk)
    if not selectors.may(request.user, recording.room, "transcribe"):
        raise NotPermitted(_(selectors.REFUSALS["transcribe"]))
    return recording


@login_required
@page_view
@require_POST
def recording_chunk(request: HttpRequest, pk: int) -> HttpResponse:
    recording = _recording(request, pk)
    if int(request.headers.get("Content-Length") or 0) > services_recording.MAX_CHUNK:
        return JsonResponse({"ok": False, "errors": [_("录像片段过大。")]}, status=413)
    try:
        recording = services_recording.append_chunk(
            actor=request.user, recording=recording, data=request.body
        )
    except DomainError as exc:
        return JsonResponse({"ok": False, "errors": [exc.message]}, status=exc.status_code)
    return JsonResponse({"ok": True, "size": recording.size})


@login_required
@page_view
@require_POST
def recording_finish(request: HttpRequest, pk: int) -> HttpResponse:
    recording = _recording(request, pk)
    try:
        recording = services_recording.finish_recording(actor=request.user, recording=recording)
    except DomainError as exc:
        return JsonResponse({"ok": False, "errors": [exc.message]}, status=exc.status_code)
    return JsonResponse({"ok": True, "source": recording.source, "sha256": recording.sha256,
                         "size": recording.size, "stage": recording.get_stage_display()})  # fmt: skip


def _video(recording: Recording) -> HttpResponse:
    try:
        data = services_recording.read_recording(recording)
    except DomainError as exc:
        return HttpResponse(exc.message, status=exc.status_code, content_type="text/plain")
    response = HttpResponse(data, content_type=recording.mime)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@page_view
def recording_file(request: HttpRequest, pk: int) -> HttpResponse:
    """庭审录像 for the court and the parties only."""
    return _video(selectors.recording_for(request.user, pk))


@page_view
def broadcasts(request: HttpRequest) -> HttpResponse:
    """庭审直播 (public, no login): hearings marked for broadcast that the rules allow, live and
    past (点单), named as the anonymisation rules say (LEGAL-RULES.md E), played with hls.js."""
    return render(request, "trials/broadcasts.html", {
        "rooms": selectors.public_broadcasts(), "packager": hls.available(),
    })  # fmt: skip


@page_view
def broadcast_stream(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The HLS playlist or a segment of a broadcast (public; 404 unless broadcast-marked and
    allowed by the rules, checked again on every request)."""
    recording = selectors.public_stream(pk)
    data, mime = services_recording.read_stream_file(recording, name)
    response = HttpResponse(data, content_type=mime)
    response["X-Content-Type-Options"] = "nosniff"
    # The live playlist changes every few seconds; segments never change once written.
    response["Cache-Control"] = "no-cache" if name == hls.PLAYLIST else "public, max-age=86400"
    return response


@page_view
def broadcast_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _video(selectors.public_recording(pk))
