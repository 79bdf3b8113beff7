"""Notifications through the durable outbox.

`notify(...)` writes OutboxMessage rows inside the caller's transaction and schedules delivery
after commit. Senders are pluggable: e-mail through Django's SMTP backend, SMS through the class
named by FATING_SMS_SENDER (a file sender by default), in-app messages are simply marked sent.
"""

from __future__ import annotations

import json
import logging
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from celery import current_app
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from fating.core.models import OutboxMessage

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


class SmsSender(Protocol):
    def send(self, *, mobile: str, text: str, message_id: int) -> None: ...


class FileSmsSender:
    """Appends each SMS as one JSON line to var/sms-outbox.jsonl (demo and tests)."""

    def send(self, *, mobile: str, text: str, message_id: int) -> None:
        path = Path(getattr(settings, "FATING_SMS_FILE", settings.DATA_DIR / "sms-outbox.jsonl"))
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "id": message_id,
            "mobile": mobile,
            "text": text,
            "at": timezone.now().isoformat(),
        }
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def sms_sender() -> SmsSender:
    path = getattr(settings, "FATING_SMS_SENDER", "fating.core.notify.FileSmsSender")
    sender: SmsSender = import_string(path)()
    return sender


def notify(
    *,
    dedupe_key: str,
    subject: str,
    body: str,
    user: object | None = None,
    mobile: str = "",
    email: str = "",
    link: str = "",
) -> list[OutboxMessage]:
    """Queue a notification on every channel the recipient has; idempotent per dedupe_key."""
    targets: list[tuple[str, str]] = []
    if user is not None:
        targets.append((OutboxMessage.Channel.IN_APP, ""))
    if mobile:
        targets.append((OutboxMessage.Channel.SMS, mobile))
    if email:
        targets.append((OutboxMessage.Channel.EMAIL, email))
    messages = []
    for channel, address in targets:
        message, created = OutboxMessage.objects.get_or_create(
            dedupe_key=f"{dedupe_key}:{channel}",
            defaults={
                "channel": channel,
                "recipient": user if getattr(user, "pk", None) else None,
                "address": address,
                "subject": subject[:200],
                "body": body,
                "link": link,
            },
        )
        messages.append(message)
        if created:
            transaction.on_commit(partial(_schedule, message.pk))
    return messages


DELIVER_TASK = "fating.core.tasks.deliver_message"


def _schedule(message_id: int) -> None:
    """Hand the message to a worker; with no broker (embedded default) deliver it right here."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        deliver(message_id)
        return
    # By the task's registered name: fating.core.tasks imports this module, not the other way.
    current_app.send_task(DELIVER_TASK, args=(message_id,))


def deliver(message_id: int) -> bool:
    """Send one message if it is still pending. Safe to call any number of times."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return False
        message.attempts += 1
        try:
            if message.channel == OutboxMessage.Channel.SMS:
                sms_sender().send(mobile=message.address, text=message.body, message_id=message.pk)
            elif message.channel == OutboxMessage.Channel.EMAIL:
                send_mail(message.subject, message.body, None, [message.address])
        except Exception as exc:  # any sender failure is recorded and retried later
            log.warning("delivery of outbox message %s failed: %s", message.pk, exc)
            message.last_error = str(exc)[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            return False
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at"])
        return True


def deliver_pending(limit: int = 500) -> int:
    """Retry what is still pending (run periodically by the worker's beat)."""
    ids = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).values_list(
        "pk", flat=True
    )[:limit]
    return sum(1 for pk in list(ids) if deliver(pk))


def mark_read(*, recipient: Any, ids: list[int] | None = None) -> int:
    """Mark the recipient's unread in-app messages read (all of them, or those in `ids`); the
    number marked. Called by the notification centre's services inside their transaction."""
    rows = OutboxMessage.objects.filter(
        recipient=recipient, channel=OutboxMessage.Channel.IN_APP, read_at__isnull=True
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
