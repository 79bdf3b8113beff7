"""REST API of the online courtroom (mounted at /api/v1/trials/). Thin: the same selectors and
access rule as the pages (`fating.trials.selectors.restrict` through `obtain`: 404 when the room
is not visible, 403 when visible but the action is not the user's) and the same services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.accounts.models import User
from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.schema import LIST_OF_OBJECTS
from fating.trials import rules, selectors, services
from fating.trials.models import Attendee, MeetingNote, Signature, TranscriptLine, TrialRoom


def _time(value: Any) -> str | None:
    return value.isoformat() if value else None


def attendee_json(a: Attendee) -> dict[str, Any]:
    return {
        "id": a.pk, "name": a.name, "role": a.role, "role_label": a.get_role_display(),
        "seat": _(a.seat) if a.seat else "", "status": a.status,
        "status_label": a.get_status_display(), "muted": a.muted,
        "identity_checked": a.identity_checked_at is not None,
        "identity_method": a.identity_method or None, "at_service_point": a.at_service_point,
    }  # fmt: skip


def room_json(room: TrialRoom, user: Any, *, full: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": room.pk, "kind": room.kind, "kind_label": room.get_kind_display(),
        "hearing": room.hearing_id, "case": room.hearing.case_id,
        "case_number": room.hearing.case.number, "status": room.status,
        "status_label": room.get_status_display(), "opened_at": _time(room.opened_at),
        "closed_at": _time(room.closed_at), "broadcast": room.broadcast,
        "broadcast_title": room.broadcast_title, "broadcast_refusal": room.broadcast_refusal,
    }  # fmt: skip
    if full:
        me = selectors.attendee_of(user, room)
        data["me"] = None if me is None else {"attendee": me.pk, "missing": me.missing}
        data["may"] = {a: selectors.may(user, room, a) for a in ("preside", "transcribe", "verify")}
        data["attendees"] = [attendee_json(a) for a in selectors.attendees(room)]
        # The machine's next steps intersected with access: 闭庭 is the judge's, 归档 the clerks'.
        owner = {"close": "preside", "file": "transcribe"}
        data["transitions"] = [
            {"action": tr.name, "label": _(tr.label)}
            for tr in rules.ROOM.allowed(room.status)
            if data["may"].get(owner.get(tr.name, ""), False)
        ]
    return data


def line_json(line: TranscriptLine) -> dict[str, Any]:
    return {"id": line.pk, "speaker": line.speaker_id, "speaker_name": line.speaker.name,
            "offset_seconds": line.offset_seconds, "text": line.text}  # fmt: skip


def note_json(note: MeetingNote) -> dict[str, Any]:
    return {"id": note.pk, "section": note.section, "section_label": note.get_section_display(),
            "text": note.text}  # fmt: skip


def signature_json(s: Signature) -> dict[str, Any]:
    return {"id": s.pk, "attendee": s.attendee_id, "outcome": s.outcome,
            "outcome_label": s.get_outcome_display(), "transcript_sha256": s.transcript_sha256,
            "note": s.note, "at": _time(s.created_at)}  # fmt: skip


def _int(value: Any, name: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
        raise FieldError({name: _("请填写%(label)s的编号。") % {"label": label}})
    if len(str(value)) > 12:
        raise FieldError({name: _("%(label)s编号无效。") % {"label": label}})
    return int(value)


def _text(value: Any, name: str, label: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError({name: _("%(label)s应为文字。") % {"label": label}})
    return value


def _attendee(room: TrialRoom, value: Any, name: str = "attendee") -> Attendee:
    attendee = Attendee.objects.filter(room=room, pk=_int(value, name, _("参加人"))).first()
    if attendee is None:
        raise FieldError({name: _("参加人不存在。")})
    return attendee


@extend_schema(
    methods=["GET"], operation_id="v1_trials_rooms_list", responses={200: LIST_OF_OBJECTS}
)
@extend_schema(
    methods=["POST"], request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["GET", "POST"])
@idempotent
def rooms(request: Request) -> Response:
    """GET: the rooms the user may see (attendees, the case's court staff, the court's liaisons);
    `?status=open|closed|filed`. POST: the hearing's judge opens the room of an online hearing:
    `hearing` (编号), `clerk` (书记员的账号编号, optional), `kind` (hearing | pretrial, 庭前会议)."""
    if request.method == "GET":
        qs = selectors.rooms_for(request.user).order_by("-opened_at")
        status = request.query_params.get("status")
        if status:
            if status not in rules.ROOM.states:
                raise FieldError({"status": _("状态应为开庭中、已闭庭或笔录已归档。")})
            qs = qs.filter(status=status)
        return Response([room_json(r, request.user, full=False) for r in qs[:200]])
    from fating.cases.selectors import hearing_for

    d = request.data
    hearing = hearing_for(request.user, _int(d.get("hearing"), "hearing", _("开庭")))
    clerk = None
    if d.get("clerk") not in (None, ""):
        clerk = User.objects.filter(
            pk=_int(d.get("clerk"), "clerk", _("书记员")), is_active=True
        ).first()
        if clerk is None:
            raise FieldError({"clerk": _("书记员账号不存在。")})
    kind = _text(d.get("kind"), "kind", _("庭审类型")) or rules.KIND_HEARING
    room = services.open_room(actor=request.user, hearing=hearing, clerk=clerk, kind=kind)
    return Response(room_json(room, request.user), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def room(request: Request, pk: int) -> Response:
    """One room: its attendees and seats, what the user still lacks before entering (`me`), and
    what the user may do there."""
    return Response(room_json(selectors.room_for(request.user, pk), request.user))


@extend_schema(request=None, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def close(request: Request, pk: int) -> Response:
    """闭庭 (the hearing's judge): every connection closes; the transcript goes for signatures."""
    trial_room = selectors.room_for(request.user, pk, action="preside")
    trial_room = services.close_room(actor=request.user, room=trial_room)
    return Response(room_json(trial_room, request.user))


@extend_schema(request=dict, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def moderate(request: Request, pk: int, attendee_id: int) -> Response:
    """The hearing's judge admits (or readmits), removes, mutes or unmutes an attendee:
    `action` = admit | remove | mute | unmute."""
    trial_room = selectors.room_for(request.user, pk, action="preside")
    attendee = Attendee.objects.filter(room=trial_room, pk=attendee_id).first()
    if attendee is None:
        raise FieldError({"attendee": _("参加人不存在。")})
    action = _text(request.data.get("action"), "action", _("操作"))
    if action not in services.MODERATION_EVENTS:
        raise FieldError({"action": _("操作应为准许入庭、移出、静音或取消静音。")})
    attendee = services.moderate(actor=request.user, attendee=attendee, action=action)
    return Response(attendee_json(attendee))


@extend_schema(methods=["GET"], responses={200: dict})
@extend_schema(
    methods=["POST"], request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["GET", "POST"])
@idempotent
def transcript(request: Request, pk: int) -> Response:
    """GET: the transcript's lines (and a pre-trial meeting's record by section), its SHA-256 and
    the signatures. POST (the case's clerks and judges): one line, `speaker` (参加人编号),
    `text`, optional `offset_seconds` (0–86400, the recording's time line)."""
    trial_room = selectors.room_for(request.user, pk)
    if request.method == "GET":
        lines = trial_room.lines.select_related("speaker").order_by("offset_seconds", "pk")
        return Response({
            "room": trial_room.pk, "sha256": services.transcript_hash(trial_room),
            "lines": [line_json(x) for x in lines],
            "notes": [note_json(n) for n in trial_room.notes.order_by("pk")],
            "signatures": [signature_json(s) for s in trial_room.signatures.order_by("pk")],
            "signers": [a.pk for a in services.signers(trial_room)],
        })  # fmt: skip
    trial_room = selectors.room_for(request.user, pk, action="transcribe")
    d = request.data
    offset = d.get("offset_seconds")
    if offset is not None and (isinstance(offset, bool) or not isinstance(offset, int)):
        raise FieldError({"offset_seconds": _("庭审时点应在0至86400秒之间。")})
    line = services.add_line(actor=request.user, room=trial_room,
                             speaker=_attendee(trial_room, d.get("speaker"), "speaker"),
                             text=_text(d.get("text"), "text", _("发言内容")),
                             offset_seconds=offset)  # fmt: skip
    return Response(line_json(line), status=201)


@extend_schema(request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def notes(request: Request, pk: int) -> Response:
    """庭前会议笔录 (the case's clerks and judges): one entry, `section` = claims (明确诉讼请求和
    答辩意见) | evidence (证据交换) | issues (争议焦点), and `text` (民诉法解释 第225–226条)."""
    trial_room = selectors.room_for(request.user, pk, action="transcribe")
    d = request.data
    note = services.add_meeting_note(actor=request.user, room=trial_room,
                                     section=_text(d.get("section"), "section", _("事项")),
                                     text=_text(d.get("text"), "text", _("记录内容")))  # fmt: skip
    return Response(note_json(note), status=201)


@extend_schema(request=None, responses={200: LIST_OF_OBJECTS})
@api_view(["GET"])
def evidence(request: Request, pk: int) -> Response:
    """A pre-trial meeting's evidence list and 质证 table, from the case's conversation room."""
    return Response(selectors.evidence_table(selectors.room_for(request.user, pk)))


@extend_schema(request=None, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def sign(request: Request, pk: int) -> Response:
    """The user signs the transcript electronically (an attendee, after 闭庭)."""
    trial_room = selectors.room_for(request.user, pk)
    signature = services.sign_transcript(actor=request.user, room=trial_room)
    return Response(signature_json(signature), status=201)


@extend_schema(request=dict, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def refusals(request: Request, pk: int) -> Response:
    """The hearing's judge records a refusal to sign (民事诉讼法 第150条): `attendee`, `note`."""
    trial_room = selectors.room_for(request.user, pk, action="preside")
    d = request.data
    signature = services.record_refusal(actor=request.user, room=trial_room,
                                        attendee=_attendee(trial_room, d.get("attendee")),
                                        note=_text(d.get("note"), "note", _("情况说明")))  # fmt: skip
    return Response(signature_json(signature), status=201)


@extend_schema(request=None, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def file(request: Request, pk: int) -> Response:
    """File the signed transcript (or the pre-trial meeting's record) into the e-dossier."""
    trial_room = selectors.room_for(request.user, pk, action="transcribe")
    trial_room = services.file_transcript(actor=request.user, room=trial_room)
    return Response(room_json(trial_room, request.user))


@extend_schema(request=dict, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def broadcast(request: Request, pk: int) -> Response:
    """The hearing's judge marks the hearing for broadcast (`broadcast`: true) or takes it off,
    with optional `grounds` for keeping it private. A hearing the rules keep private (在线诉讼规则
    第27条) is refused: the answer carries `broadcast: false` and the reason in
    `broadcast_refusal`, which the parties are told."""
    trial_room = selectors.room_for(request.user, pk, action="preside")
    d = request.data
    on = d.get("broadcast")
    if not isinstance(on, bool):
        raise FieldError({"broadcast": _("是否直播应为 true 或 false。")})
    grounds = d.get("grounds") or []
    if not isinstance(grounds, list) or not all(isinstance(g, str) for g in grounds):
        raise FieldError({"grounds": _("不公开理由应为列表。")})
    trial_room = services.set_broadcast(actor=request.user, room=trial_room, broadcast=on,
                                        grounds=grounds[:10])  # fmt: skip
    return Response(room_json(trial_room, request.user))
