"""Rooms and messages: open a room, post text or a file, system events, read marks."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from fating.conversations import live, rules
from fating.conversations.models import Message, ReadMark, Room
from fating.conversations.selectors import Member, member_of, member_of_matter, room_for
from fating.core import uploads
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted, NotVisible

MAX_FILE_BYTES = 20 * 1024 * 1024


def check_upload(upload: Any, field: str, errors: dict[str, str]) -> tuple[str, int]:
    """Attachments and evidence in the chat are evidence: checked by their bytes against the
    evidence allow-list (fating.core.uploads). A refusal lands in `errors` under `field`."""
    try:
        checked = uploads.check_upload(
            upload, field=field, allowed=uploads.EVIDENCE, label="附件", max_bytes=MAX_FILE_BYTES
        )
    except FieldError as exc:
        errors[field] = exc.fields[field][0]
        return "", 0
    return checked.sha256, checked.size


def read_verified(name: str, expected: str, *, what: str) -> bytes:
    """The stored file after re-hashing it; IntegrityFailure (409) if it changed or is gone."""
    from fating.documents.exceptions import IntegrityFailure

    try:
        with default_storage.open(name, "rb") as fh:
            data = fh.read()
    except (FileNotFoundError, OSError) as exc:
        raise IntegrityFailure(_("%(what)s文件缺失，拒绝读取。") % {"what": what}) from exc
    if hashlib.sha256(data).hexdigest() != expected:
        raise IntegrityFailure(
            _("%(what)s文件与上传时的哈希值不一致，可能已被篡改，拒绝读取。") % {"what": what}
        )
    return data


def room_for_matter(matter: models.Model) -> Room:
    """The matter's room, created the first time (no permission check: callers check)."""
    ctype = ContentType.objects.get_for_model(type(matter))
    room = Room.objects.filter(matter_type=ctype, matter_id=matter.pk).first()
    if room is not None:
        return room
    try:
        with transaction.atomic():
            return Room.objects.create(matter_type=ctype, matter_id=matter.pk,
                                       title=str(matter)[:200])  # fmt: skip
    except IntegrityError:  # opened concurrently by another member
        return Room.objects.get(matter_type=ctype, matter_id=matter.pk)


@transaction.atomic
def open_room(*, actor: Any, matter: models.Model) -> Room:
    """Open (or create) the room of a matter the actor belongs to."""
    if member_of_matter(actor, matter) is None:
        raise NotVisible(_("群聊不存在。"))
    ctype = ContentType.objects.get_for_model(type(matter))
    existing = Room.objects.filter(matter_type=ctype, matter_id=matter.pk).first()
    if existing is not None:
        return existing
    room = room_for_matter(matter)
    record_event(actor=actor, action="conversations.room.open", target=room,
                 after={"matter": f"{ctype.app_label}.{ctype.model}#{matter.pk}"})  # fmt: skip
    return room


def _new_message(room: Room, member: Member | None, actor: Any, **fields: Any) -> Message:
    return Message.objects.create(
        room=room, author=actor, author_role=member.role if member else "",
        author_side=member.side if member else "", **fields,
    )  # fmt: skip


@transaction.atomic
def post_message(
    *,
    actor: Any,
    room: Room,
    text: str = "",
    upload: Any = None,
    reply_to: int | None = None,
    client_token: str = "",
) -> Message:
    """Store a text message or a file (hashed now, verified on every read), then push it live.
    Posting again with the same `client_token` returns the first message (safe retries)."""
    room, member = room_for(actor, room.pk, write=True)
    token = (client_token or "").strip()[:64]
    if token:
        existing = Message.objects.filter(room=room, author=actor, client_token=token).first()
        if existing is not None:
            return existing
    text = (text or "").strip()
    errors: dict[str, str] = {}
    if not text and upload is None:
        errors["text"] = _("消息内容不能为空。")
    elif len(text) > rules.MAX_TEXT:
        errors["text"] = _("消息不能超过%(max)s个字。") % {"max": rules.MAX_TEXT}
    parent = None
    if reply_to not in (None, ""):
        parent = (
            Message.objects.filter(room=room, pk=reply_to).first()
            if str(reply_to).isdigit()
            else None
        )
        if parent is None:
            errors["reply_to"] = _("回复的消息不存在。")
    sha256, size = ("", 0)
    if upload is not None:
        sha256, size = check_upload(upload, "file", errors)
    if errors:
        raise FieldError(errors)
    kind = Message.Kind.FILE if upload is not None else Message.Kind.TEXT
    message = _new_message(room, member, actor, kind=kind, body=text, reply_to=parent,
                           client_token=token)  # fmt: skip
    if upload is not None:
        name = (getattr(upload, "name", "") or "file.bin")[-200:]
        message.file.save(name, upload, save=False)
        message.file_name, message.file_size, message.file_sha256 = name, size, sha256
        message.save(update_fields=["file", "file_name", "file_size", "file_sha256"])
    record_event(actor=actor, action="conversations.message.post", target=message,
                 after={"room": room.pk, "kind": kind, "sha256": sha256 or None})  # fmt: skip
    live.push_message(message.pk, room.pk)
    return message


def post_system_event(room: Room, text: str, kind: str = "other") -> Message:
    """A system event in the room's timeline (a session scheduled, a document served, an
    agreement confirmed). Called by other apps' services inside their own transaction — which
    records the audit event for what happened — and pushed live after that commit."""
    if kind not in Message.SystemKind.values or not kind:
        kind = Message.SystemKind.OTHER
    message = Message.objects.create(room=room, kind=Message.Kind.SYSTEM, body=text[:rules.MAX_TEXT],
                                     system_kind=kind)  # fmt: skip
    live.push_message(message.pk, room.pk)
    return message


def post_system_event_for(matter: models.Model, text: str, kind: str = "other") -> Message:
    return post_system_event(room_for_matter(matter), text, kind)


@transaction.atomic
def mark_read(*, actor: Any, room: Room, message_id: int) -> ReadMark:
    """Record that the actor has read up to `message_id` (read receipts, unread counts). Marks
    only move forward. Observers may read, so a read mark is not a write to the room."""
    room, _member = room_for(actor, room.pk)
    if not Message.objects.filter(room=room, pk=message_id).exists():
        raise FieldError({"message_id": _("消息不存在。")})
    mark, _created = ReadMark.objects.select_for_update().get_or_create(room=room, user=actor)
    if message_id > mark.last_read_id:
        mark.last_read_id = message_id
        mark.save(update_fields=["last_read_id", "read_at"])
        live.push_read(room.pk, actor.pk, message_id)
    record_event(actor=actor, action="conversations.room.read", target=room,
                 after={"last_read_id": mark.last_read_id})  # fmt: skip
    return mark


def open_file_verified(*, actor: Any, message: Message) -> bytes:
    """An attachment's bytes, after checking the reader belongs to the room and the hash."""
    if member_of(actor, message.room) is None:
        raise NotVisible(_("消息不存在。"))
    if not message.file:
        raise NotPermitted(_("该消息没有附件。"))
    return read_verified(message.file.name, message.file_sha256, what=_("附件"))
