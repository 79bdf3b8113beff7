"""Shared pieces of the dispute services: the state change itself, files, notifications."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.core import uploads
from fating.core.audit import record_event
from fating.core.exceptions import FieldError
from fating.core.notify import notify
from fating.core.uploads import FileKind
from fating.disputes import rules
from fating.disputes.models import Dispute

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def move(
    *, actor: User | None, dispute: Dispute, action: str, note: str = "", **changes: Any
) -> Dispute:
    """Apply `action` to the locked dispute, set `changes`, and write the one audit event."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    new_status = rules.DISPUTE.target(dispute.status, action)  # refused: a 409
    before = {"status": dispute.status, **{k: _plain(getattr(dispute, k)) for k in changes}}
    for name, value in changes.items():
        setattr(dispute, name, value)
    dispute.status = new_status
    if new_status in rules.FINAL:
        dispute.closed_at = timezone.now()
    if note:
        dispute.outcome_note = note
    dispute.save()
    after = {"status": dispute.status, **{k: _plain(getattr(dispute, k)) for k in changes}}
    if note:
        after["note"] = note
    record_event(
        actor=actor, action=f"disputes.dispute.{action}", target=dispute, before=before, after=after
    )
    return dispute


def _plain(value: Any) -> Any:
    return getattr(value, "pk", value)


def hash_upload(
    upload: UploadedFile,
    field: str,
    *,
    allowed: frozenset[FileKind] = uploads.SCANS,
    label: str = "文件",
) -> tuple[str, int]:
    """Check an upload by its bytes against `allowed` (signed papers and consents: PDF, JPEG,
    PNG; attachments: the evidence list) and return its SHA-256 and size."""
    checked = uploads.check_upload(
        upload, field=field, allowed=allowed, label=label, max_bytes=MAX_UPLOAD_BYTES
    )
    return checked.sha256, checked.size


def verify_file(field_file: Any, expected_sha256: str) -> bytes:
    """Read a stored file and check it against the hash taken at upload."""
    with field_file.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise FieldError({"file": _("文件校验失败：内容与上传时不一致，已拒绝读取。")})
    return data


def tell(*, key: str, users: list[User | None], subject: str, body: str, link: str = "") -> None:
    """Notify each user in-app and by SMS/e-mail where they have them; once per key and user."""
    for user in {u.pk: u for u in users if u is not None}.values():
        notify(
            dedupe_key=f"{key}:u{user.pk}",
            subject=subject,
            body=body,
            user=user,
            mobile=user.mobile or "",
            email=user.email or "",
            link=link,
        )
