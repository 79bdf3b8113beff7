"""Writes of the online courtroom. Each: permission first, one transaction, one audit event
(the event's payload names the room, and `fating.trials.subscribers` tells the room's live
connections to re-check after the commit: a removed person's connection closes at once).

    open_room(*, actor, hearing, clerk=None, kind="hearing") -> TrialRoom   or a 庭前会议
    add_person(*, actor, room, user, role, side="") -> Attendee        witnesses etc. (第26条)
    send_identity_code(*, actor, room) -> Attendee                      SMS code (第7条)
    verify_identity_code(*, actor, room, code) -> Attendee
    verify_at_service_point(*, actor, room, attendee) -> Attendee       by the liaison
    accept_notice(*, actor, room) / pass_device_test(*, actor, room) -> Attendee
    moderate(*, actor, attendee, action) -> Attendee                    admit/remove/mute/unmute
    set_broadcast(*, actor, room, broadcast, grounds=()) -> TrialRoom   (第27条)
    close_room(*, actor, room) -> TrialRoom
    add_line(*, actor, room, speaker, text, offset_seconds=None) -> TranscriptLine
    add_meeting_note(*, actor, room, section, text) -> MeetingNote      庭前会议笔录 (第225–226条)
    sign_transcript(*, actor, room) / record_refusal(*, actor, room, attendee, note) -> Signature
    file_transcript(*, actor, room) -> TrialRoom                        signed PDF into the dossier

The recording (庭审录像) and the broadcast (庭审直播) are written by `services_recording`, which the
pages, the API and the recorder call directly.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases.models import Hearing
from fating.core import otp
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.notify import notify
from fating.trials import rules, selectors, services_recording
from fating.trials.guards import locked_room, require
from fating.trials.models import (
    Attendee,
    MeetingNote,
    Recording,
    Signature,
    TranscriptLine,
    TrialRoom,
)

MAX_LINE = 5000
OTP_PURPOSE = "trials.identity"
PARTY_ROLES = {"plaintiff": rules.PLAINTIFF, "defendant": rules.DEFENDANT,
               "third_party": rules.THIRD_PARTY}  # fmt: skip
MODERATION_EVENTS = {
    "admit": "trials.attendee.admit",
    "remove": "trials.attendee.remove",
    "mute": "trials.attendee.mute",
    "unmute": "trials.attendee.unmute",
}


def _own_attendee(actor: Any, room: TrialRoom) -> Attendee:
    attendee = Attendee.objects.select_for_update().filter(room=room, user=actor).first()
    if attendee is None:
        raise NotVisible(_(selectors.MISSING))
    return attendee


@transaction.atomic
def open_room(*, actor: User, hearing: Hearing, clerk: User | None = None,
              kind: str = rules.KIND_HEARING) -> TrialRoom:  # fmt: skip
    """The judge opens the online courtroom of an online hearing (在线诉讼规则 第24条): the judge
    and the clerk sit at once; the parties with accounts (and a filing agent) are seated from
    the hearing's participants; witnesses and interpreters are added later (第26条). With
    kind "pretrial" the session is a 庭前会议 (民诉法解释 第224条) held in the same room."""
    hearing = Hearing.objects.select_for_update().select_related("case__filing").get(pk=hearing.pk)
    from fating.cases.selectors import restrict as case_restrict

    if not case_restrict(Hearing.objects.filter(pk=hearing.pk), actor, "view").exists():
        raise NotVisible(_("开庭安排不存在。"))
    if hearing.judge_id != actor.pk:
        raise NotPermitted(_(selectors.REFUSALS["preside"]))
    errors: dict[str, str] = {}
    if kind not in rules.KIND_LABELS:
        errors["kind"] = _("庭审类型应为开庭审理或庭前会议。")
    if hearing.mode != Hearing.Mode.ONLINE:
        errors["hearing"] = _("只有在线开庭可以开启在线庭审室。")
    elif hearing.status != Hearing.Status.SCHEDULED:
        errors["hearing"] = _("该开庭已不在排期中，不能开启庭审室。")
    elif hearing.ends_at <= timezone.now():
        errors["hearing"] = _("该开庭的预计结束时间已过，请重新排期。")
    elif TrialRoom.objects.filter(hearing=hearing).exists():
        errors["hearing"] = _("该开庭的庭审室已经开启。")
    if clerk is not None and not selectors.case_selectors.can_manage_case(clerk, hearing.case):
        errors["clerk"] = _("书记员应为本院办理该案件的工作人员。")
    if errors:
        raise FieldError(errors)
    now = timezone.now()
    room = TrialRoom.objects.create(hearing=hearing, opened_by=actor, opened_at=now, kind=kind)
    court = {"identity_method": rules.ID_LOGIN, "identity_checked_at": now,
             "notice_accepted_at": now, "status": Attendee.Status.ADMITTED}  # fmt: skip
    Attendee.objects.create(room=room, user=actor, name=actor.display_name, role=rules.JUDGE,
                            **court)  # fmt: skip
    if clerk is not None and clerk.pk != actor.pk:
        Attendee.objects.create(room=room, user=clerk, name=clerk.display_name, role=rules.CLERK,
                                **court)  # fmt: skip
    seated = {actor.pk, getattr(clerk, "pk", None)}
    for participant in hearing.participants.select_related("party__user"):
        party = participant.party
        if party is None or party.user is None or party.user_id in seated:
            continue
        seated.add(party.user_id)
        Attendee.objects.create(room=room, user=party.user, name=party.name,
                                role=PARTY_ROLES.get(party.role, rules.THIRD_PARTY),
                                status=Attendee.Status.ADMITTED)  # fmt: skip
    filing = hearing.case.filing
    if filing.filer_capacity == "agent" and filing.filer_id not in seated:
        Attendee.objects.create(room=room, user=filing.filer, name=filing.filer.display_name,
                                role=rules.AGENT, side=rules.PLAINTIFF,
                                status=Attendee.Status.ADMITTED)  # fmt: skip
    record_event(actor=actor, action="trials.room.open", target=room,
                 after={"room": room.pk, "hearing": hearing.pk, "case": hearing.case_id,
                        "kind": kind, "attendees": room.attendees.count()})  # fmt: skip
    return room


@transaction.atomic
def add_person(*, actor: User, room: TrialRoom, user: User | None, role: str,
               side: str = "") -> Attendee:  # fmt: skip
    """The judge seats a witness, interpreter, agent or clerk; witnesses and interpreters wait
    until the judge admits them, so they do not follow the hearing before testifying (第26条)."""
    require(actor, room, "preside")
    room = locked_room(room)
    errors: dict[str, str] = {}
    if user is None or not user.is_active:
        errors["user"] = _("请填写参加人的平台账号（用户名或手机号）。")
    elif Attendee.objects.filter(room=room, user=user).exists():
        errors["user"] = _("该账号已在本庭审室中。")
    if role not in (rules.WITNESS, rules.INTERPRETER, rules.AGENT, rules.CLERK):
        errors["role"] = _("只能添加证人、翻译人员、委托诉讼代理人或书记员。")
    elif role == rules.AGENT and side not in (rules.PLAINTIFF, rules.DEFENDANT, rules.THIRD_PARTY):
        errors["side"] = _("请选择代理人代理的一方。")
    elif (
        role == rules.CLERK
        and user is not None
        and not selectors.case_selectors.can_manage_case(user, room.hearing.case)
    ):
        errors["user"] = _("书记员应为本院办理该案件的工作人员。")
    if room.status != TrialRoom.Status.OPEN:
        errors["room"] = _("庭审已闭庭，不能再添加参加人。")
    if errors or user is None:
        raise FieldError(errors)
    now = timezone.now()
    extra: dict[str, Any] = {}
    if role == rules.CLERK:
        extra = {"identity_method": rules.ID_LOGIN, "identity_checked_at": now,
                 "notice_accepted_at": now, "status": Attendee.Status.ADMITTED}  # fmt: skip
    elif role == rules.AGENT:
        extra = {"status": Attendee.Status.ADMITTED}
    attendee = Attendee.objects.create(room=room, user=user, name=user.display_name, role=role,
                                       side=side if role == rules.AGENT else "", **extra)  # fmt: skip
    record_event(actor=actor, action="trials.attendee.add", target=attendee,
                 after={"room": room.pk, "user": user.pk, "role": role})  # fmt: skip
    return attendee


def _mobile_of(attendee: Attendee) -> str:
    from fating.cases.models import FilingParty

    party = (
        FilingParty.objects.filter(filing__case__hearings__trial_room=attendee.room_id,
                                   user_id=attendee.user_id)
        .exclude(mobile="")
        .first()
    )  # fmt: skip
    return party.mobile if party is not None else (attendee.user.mobile or "")


@transaction.atomic
def send_identity_code(*, actor: User, room: TrialRoom) -> Attendee:
    """Send a code to the registered mobile (在线诉讼规则 第7条: 短信验证)."""
    require(actor, room, "view")
    attendee = _own_attendee(actor, room)
    if attendee.identity_checked_at is not None:
        raise InvalidTransition(_("身份已核验，无需再次获取验证码。"))
    mobile = _mobile_of(attendee)
    if not mobile:
        raise FieldError({"mobile": _("没有登记手机号，请到诉讼服务点由联络员核验身份。")})
    otp.send_code(purpose=OTP_PURPOSE, obj=attendee, mobile=mobile,
                  text="【法庭E+】您参加在线庭审的身份验证码为{code}，10分钟内有效。")  # fmt: skip
    record_event(actor=actor, action="trials.attendee.code", target=attendee,
                 after={"room": room.pk, "mobile": mobile[:3] + "****" + mobile[-4:]})  # fmt: skip
    return attendee


def verify_identity_code(*, actor: User, room: TrialRoom, code: str) -> Attendee:
    """Check the SMS code. The code check runs in its own transaction first (a wrong attempt is
    counted even though this change is refused), then the attendee is marked."""
    require(actor, room, "view")
    attendee = Attendee.objects.filter(room=room, user=actor).first()
    if attendee is None:
        raise NotVisible(_(selectors.MISSING))
    otp.check_code(purpose=OTP_PURPOSE, obj=attendee, code=code)
    return _mark_identity(actor=actor, attendee=attendee, method=rules.ID_SMS, checker=None)


@transaction.atomic
def verify_at_service_point(*, actor: User, room: TrialRoom, attendee: Attendee) -> Attendee:
    """A liaison checked the person's ID card face to face at a service point; the person takes
    part from the point's terminal with the liaison present (recorded as such)."""
    require(actor, room, "verify")
    if attendee.room_id != room.pk:
        raise NotVisible(_("参加人不存在。"))
    if attendee.role in rules.COURT_ROLES:
        raise FieldError({"attendee": _("法院工作人员无需核验身份。")})
    return _mark_identity(actor=actor, attendee=attendee, method=rules.ID_SERVICE_POINT,
                          checker=actor)  # fmt: skip


@transaction.atomic
def _mark_identity(*, actor: User, attendee: Attendee, method: str,
                   checker: User | None) -> Attendee:  # fmt: skip
    attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
    attendee.identity_method = method
    attendee.identity_checked_at = timezone.now()
    attendee.identity_checked_by = checker
    attendee.at_service_point = method == rules.ID_SERVICE_POINT
    attendee.save(update_fields=["identity_method", "identity_checked_at", "identity_checked_by",
                                 "at_service_point", "updated_at"])  # fmt: skip
    record_event(actor=actor, action="trials.attendee.verify", target=attendee,
                 after={"room": attendee.room_id, "method": method})  # fmt: skip
    return attendee


@transaction.atomic
def accept_notice(*, actor: User, room: TrialRoom) -> Attendee:
    """The person confirms having read the courtroom discipline (第25条)."""
    require(actor, room, "view")
    attendee = _own_attendee(actor, room)
    attendee.notice_accepted_at = timezone.now()
    attendee.save(update_fields=["notice_accepted_at", "updated_at"])
    record_event(actor=actor, action="trials.attendee.notice", target=attendee,
                 after={"room": room.pk})  # fmt: skip
    return attendee


@transaction.atomic
def pass_device_test(*, actor: User, room: TrialRoom) -> Attendee:
    """The browser saw the camera and microphone working (the device test page)."""
    require(actor, room, "view")
    attendee = _own_attendee(actor, room)
    attendee.device_checked_at = timezone.now()
    attendee.save(update_fields=["device_checked_at", "updated_at"])
    record_event(actor=actor, action="trials.attendee.device", target=attendee,
                 after={"room": room.pk})  # fmt: skip
    return attendee


@transaction.atomic
def moderate(*, actor: User, attendee: Attendee, action: str) -> Attendee:
    """The judge admits (or readmits), removes, mutes or unmutes a participant."""
    room = attendee.room
    require(actor, room, "preside")
    if action not in MODERATION_EVENTS:
        raise FieldError({"action": _("操作无效。")})
    attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
    if attendee.role == rules.JUDGE:
        raise FieldError({"attendee": _("不能对审判人员本人进行该操作。")})
    if room.status != TrialRoom.Status.OPEN:
        raise InvalidTransition(_("庭审已闭庭。"))
    if action in ("admit", "remove"):
        attendee.status = rules.ATTENDEE.target(attendee.status, action)
    else:
        attendee.muted = action == "mute"
    attendee.save(update_fields=["status", "muted", "updated_at"])
    record_event(actor=actor, action=MODERATION_EVENTS[action], target=attendee,
                 after={"room": room.pk, "status": attendee.status, "muted": attendee.muted,
                        "user": attendee.user_id})  # fmt: skip
    return attendee


def _broadcast_title(room: TrialRoom) -> str:
    from fating.knowledge.anonymise import Person, Policy, Role, anonymise

    filing = room.hearing.case.filing
    parties = list(filing.parties.order_by("pk"))
    text = "与".join(f"{p.get_role_display()}{p.name}" for p in parties)
    text = f"{text}{filing.cause.name if filing.cause_id else ''}一案"
    people = [Person(name=p.name, role=Role.PARTY, id_numbers=(p.id_number,) if p.id_number else ())
              for p in parties if p.kind == "natural"]  # fmt: skip
    return anonymise(text, parties=people, policy=Policy(use_pos_tagger=False)).text[:200]


@transaction.atomic
def set_broadcast(*, actor: User, room: TrialRoom, broadcast: bool,
                  grounds: list[str] | tuple[str, ...] = ()) -> TrialRoom:  # fmt: skip
    """Mark the hearing for broadcast (庭审直播), or take it off. Refused for the kinds the rules
    keep off the internet (在线诉讼规则 第27条): the refusal is kept on the room, shown to the
    parties in the room and sent to them."""
    require(actor, room, "preside")
    room = locked_room(room)
    unknown = [g for g in grounds if g not in rules.DECLARED_GROUNDS]
    if unknown:
        raise FieldError({"grounds": _("不公开理由无效。")})
    refusals = selectors.broadcast_refusals_for(room, grounds)
    if broadcast and refusals:
        room.broadcast = False
        room.broadcast_refusal = "；".join(_(r) for r in refusals)[:300]
        for attendee in room.attendees.exclude(role__in=rules.COURT_ROLES).select_related("user"):
            notify(dedupe_key=f"trials.broadcast.refuse:{room.pk}:{attendee.pk}",
                   subject=_("庭审不予直播"), user=attendee.user, link=f"/trials/rooms/{room.pk}/",
                   body=_("本案庭审依法不在互联网公开：%(why)s。") % {"why": room.broadcast_refusal})  # fmt: skip
        action = "trials.room.broadcast_refuse"
    else:
        room.broadcast = broadcast
        room.broadcast_refusal = ""
        room.broadcast_title = _broadcast_title(room) if broadcast else room.broadcast_title
        action = "trials.room.broadcast" if broadcast else "trials.room.broadcast_stop"
    room.save(update_fields=["broadcast", "broadcast_refusal", "broadcast_title", "updated_at"])
    if room.broadcast:  # a hearing marked afterwards: its finished recordings for 点单 viewing
        for recording in room.recordings.filter(ended_at__isnull=False, hls_final=False):
            services_recording.queue_packaging(recording, final=True)
    record_event(actor=actor, action=action, target=room,
                 after={"room": room.pk, "broadcast": room.broadcast,
                        "refusal": room.broadcast_refusal})  # fmt: skip
    return room


@transaction.atomic
def close_room(*, actor: User, room: TrialRoom) -> TrialRoom:
    """闭庭: every connection closes; the transcript then goes for signatures."""
    require(actor, room, "preside")
    room = locked_room(room)
    room.status = rules.ROOM.target(room.status, "close")
    room.closed_at = timezone.now()
    running = list(Recording.objects.filter(room=room, ended_at__isnull=True))
    Recording.objects.filter(pk__in=[r.pk for r in running]).update(ended_at=room.closed_at,
                                                                    finished_by=actor)  # fmt: skip
    if any(r.source == rules.SOURCE_SERVER for r in running):
        services_recording.wake_recorder()  # it composes and files the server recording
    if room.broadcast:
        for recording in running:
            if recording.source == rules.SOURCE_BROWSER:
                services_recording.queue_packaging(recording, final=True)
    room.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(actor=actor, action="trials.room.close", target=room, after={"room": room.pk})
    return room


# --- The transcript (笔录), 民事诉讼法 第150条


@transaction.atomic
def add_line(*, actor: User, room: TrialRoom, speaker: Attendee | None, text: str,
             offset_seconds: int | None = None) -> TranscriptLine:  # fmt: skip
    """The clerk writes one line: who spoke, at what time of the hearing, what was said."""
    require(actor, room, "transcribe")
    room = locked_room(room)
    errors: dict[str, str] = {}
    text = (text or "").strip()
    if speaker is None or speaker.room_id != room.pk:
        errors["speaker"] = _("请选择本庭的发言人。")
    if not text:
        errors["text"] = _("发言内容不能为空。")
    elif len(text) > MAX_LINE:
        errors["text"] = _("一条发言不能超过5000字。")
    if room.status != TrialRoom.Status.OPEN and room.signatures.exists():
        errors["room"] = _("已有人签名，笔录不能再修改。")
    elif room.status == TrialRoom.Status.FILED:
        errors["room"] = _("笔录已归档，不能再修改。")
    if offset_seconds is None:
        offset_seconds = int((timezone.now() - room.opened_at).total_seconds())
    elif not isinstance(offset_seconds, int) or not 0 <= offset_seconds <= 86400:
        errors["offset_seconds"] = _("庭审时点应在0至86400秒之间。")
    if errors or speaker is None:
        raise FieldError(errors)
    line = TranscriptLine.objects.create(room=room, speaker=speaker, text=text,
                                         offset_seconds=max(offset_seconds, 0), written_by=actor)  # fmt: skip
    record_event(actor=actor, action="trials.transcript.line", target=line,
                 after={"room": room.pk, "speaker": speaker.pk, "offset": line.offset_seconds})  # fmt: skip
    return line


@transaction.atomic
def add_meeting_note(*, actor: User, room: TrialRoom, section: str, text: str) -> MeetingNote:
    """The clerk records one entry of a pre-trial meeting: the claims and defences made clear,
    the evidence exchanged, or a point in dispute (民诉法解释 第225条(一)(四)(五), 第226条)."""
    require(actor, room, "transcribe")
    room = locked_room(room)
    errors: dict[str, str] = {}
    text = text.strip() if isinstance(text, str) else ""
    if room.kind != rules.KIND_PRETRIAL:
        errors["room"] = _("只有庭前会议才记录会议事项。")
    if section not in rules.MEETING_SECTIONS:
        errors["section"] = _("事项应为明确诉讼请求和答辩意见、证据交换或争议焦点。")
    if not text:
        errors["text"] = _("记录内容不能为空。")
    elif len(text) > MAX_LINE:
        errors["text"] = _("一条记录不能超过5000字。")
    if room.status == TrialRoom.Status.FILED:
        errors["room"] = _("笔录已归档，不能再修改。")
    elif room.signatures.exists():
        errors["room"] = _("已有人签名，笔录不能再修改。")
    if errors:
        raise FieldError(errors)
    note = MeetingNote.objects.create(room=room, section=section, text=text, written_by=actor)
    record_event(actor=actor, action="trials.meeting.note", target=note,
                 after={"room": room.pk, "section": section})  # fmt: skip
    return note


def meeting_sections(room: TrialRoom) -> list[tuple[str, str, list[MeetingNote]]]:
    """The pre-trial meeting's record by section (code, label, entries), in the rule's order."""
    notes = list(room.notes.order_by("pk"))
    return [(code, _(label), [n for n in notes if n.section == code])
            for code, label in rules.MEETING_SECTIONS.items()]  # fmt: skip


def transcript_text(room: TrialRoom) -> str:
    lines = room.lines.select_related("speaker").order_by("offset_seconds", "pk")
    text = "\n".join(f"[{_clock(x.offset_seconds)}] {x.speaker.name}（{x.speaker.get_role_display()}）："
                     f"{x.text}" for x in lines)  # fmt: skip
    if room.kind == rules.KIND_PRETRIAL:
        notes = "\n".join(f"【{label}】{n.text}" for _c, label, ns in meeting_sections(room)
                          for n in ns)  # fmt: skip
        text = f"{text}\n{notes}" if text else notes
    return text


def transcript_hash(room: TrialRoom) -> str:
    return hashlib.sha256(transcript_text(room).encode("utf-8")).hexdigest()


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def signers(room: TrialRoom) -> list[Attendee]:
    """Who signs the transcript: everyone admitted to the hearing at some time (the court's
    people sign as well, 第150条第1款), witnesses their own part."""
    return list(room.attendees.exclude(identity_checked_at__isnull=True)
                .exclude(status=Attendee.Status.WAITING).order_by("pk"))  # fmt: skip


@transaction.atomic
def sign_transcript(*, actor: User, room: TrialRoom) -> Signature:
    """A participant reads the transcript after the hearing and signs it electronically."""
    require(actor, room, "view")
    room = locked_room(room)
    attendee = _own_attendee(actor, room)
    if room.status != TrialRoom.Status.CLOSED:
        raise InvalidTransition(_("闭庭后、归档前才能签署笔录。"))
    if not room.lines.exists() and not room.notes.exists():
        raise InvalidTransition(_("笔录还没有内容。"))
    if Signature.objects.filter(attendee=attendee).exists():
        raise InvalidTransition(_("您已签署过笔录。"))
    signature = Signature.objects.create(room=room, attendee=attendee, outcome=rules.SIGNED,
                                         transcript_sha256=transcript_hash(room), recorded_by=actor)  # fmt: skip
    record_event(actor=actor, action="trials.transcript.sign", target=signature,
                 after={"room": room.pk, "sha256": signature.transcript_sha256})  # fmt: skip
    return signature


@transaction.atomic
def record_refusal(*, actor: User, room: TrialRoom, attendee: Attendee, note: str) -> Signature:
    """The judge records that a participant refused to sign (第150条第2款: 记明情况附卷)."""
    require(actor, room, "preside")
    room = locked_room(room)
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if attendee.room_id != room.pk:
        errors["attendee"] = _("参加人不存在。")
    elif Signature.objects.filter(attendee=attendee).exists():
        errors["attendee"] = _("该参加人已签名或已记录拒签。")
    if not note:
        errors["note"] = _("请写明拒绝签名的情况。")
    elif len(note) > 300:
        errors["note"] = _("情况说明不能超过300字。")
    if errors:
        raise FieldError(errors)
    if room.status != TrialRoom.Status.CLOSED:
        raise InvalidTransition(_("闭庭后、归档前才能记录拒签。"))
    signature = Signature.objects.create(room=room, attendee=attendee, outcome=rules.REFUSED,
                                         transcript_sha256=transcript_hash(room), note=note,
                                         recorded_by=actor)  # fmt: skip
    record_event(actor=actor, action="trials.transcript.refuse", target=signature,
                 after={"room": room.pk, "attendee": attendee.pk})  # fmt: skip
    return signature


def transcript_pdf(room: TrialRoom) -> bytes:
    from fating.documents.render import render_template_pdf

    lines = room.lines.select_related("speaker").order_by("offset_seconds", "pk")
    signatures = {s.attendee_id: s for s in room.signatures.all()}
    return render_template_pdf("trials/transcript_pdf.html", {
        "room": room, "hearing": room.hearing, "case": room.hearing.case,
        "lines": [(_clock(x.offset_seconds), x) for x in lines],
        "signers": [(a, signatures.get(a.pk)) for a in signers(room)],
        "sha256": transcript_hash(room),
        "pretrial": room.kind == rules.KIND_PRETRIAL, "sections": meeting_sections(room),
    })  # fmt: skip


@transaction.atomic
def file_transcript(*, actor: User, room: TrialRoom) -> TrialRoom:
    """File the signed transcript as a PDF into the case's e-dossier (笔录), once everyone who
    must sign has signed or had a refusal recorded, and no line changed since."""
    require(actor, room, "transcribe")
    room = locked_room(room)
    rules.ROOM.target(room.status, "file")
    if room.kind == rules.KIND_PRETRIAL:
        if rules.meeting_record_missing(room.notes.values_list("section", flat=True)):
            raise FieldError({"section": _("请先记录归纳的争议焦点（民诉法解释 第226条）。")})
    outcomes = {str(s.attendee_id): s.outcome for s in room.signatures.all()}
    waiting = rules.transcript_complete([str(a.pk) for a in signers(room)], outcomes)
    if waiting:
        names = "、".join(a.name for a in signers(room) if str(a.pk) in waiting)
        raise InvalidTransition(_("尚待签名：%(names)s。") % {"names": names})
    digest = transcript_hash(room)
    if room.signatures.exclude(transcript_sha256=digest).exists():
        raise InvalidTransition(_("签名后笔录被改动，请重新签署。"))
    from fating.documents.services import add_to_dossier

    pdf = transcript_pdf(room)
    title = _("庭前会议笔录") if room.kind == rules.KIND_PRETRIAL else _("庭审笔录")
    entry = add_to_dossier(actor=actor, matter=room.hearing.case, title=title,
                           category="record", generated=True,
                           upload=ContentFile(pdf, name=f"{title}-{room.pk}.pdf"))  # fmt: skip
    room.status = rules.RoomStatus.FILED
    room.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action="trials.transcript.file", target=room,
                 after={"room": room.pk, "entry": entry.pk, "sha256": entry.sha256})  # fmt: skip
    return room
