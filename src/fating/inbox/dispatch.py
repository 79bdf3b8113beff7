"""Sending a notice: the system's own write, caused by an event already on the audit chain (the
subscriber's event, or the daily deadline check), so it records none of its own.

Each notice goes to one recipient on the channels their preference (inbox.rules) gives it, through
core's outbox: in-app, SMS through the configured provider adapter (FATING_SMS_SENDER; the demo's
sandbox writes a file), e-mail. The outbox key is unique per recipient and event, so a replayed
event or a second run of the daily check sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fating.core.models import OutboxMessage
from fating.core.notify import notify
from fating.inbox import rules, selectors


def send(
    *, kind: str, recipient: Any, event_ref: str, subject: str, body: str, link: str = ""
) -> list[OutboxMessage]:
    """Queue one notice to `recipient` on their channels for `kind`; idempotent per event."""
    if recipient is None or not getattr(recipient, "is_active", False):
        return []
    channels = selectors.channels_of(recipient, kind)
    with transaction.atomic():
        return notify(
            dedupe_key=rules.dedupe_key(kind, event_ref, recipient.pk),
            subject=subject,
            body=body,
            user=recipient if rules.IN_APP in channels else None,
            mobile=recipient.mobile if rules.SMS in channels else "",
            email=recipient.email if rules.EMAIL in channels else "",
            link=link,
        )


def send_all(
    *, kind: str, recipients: Iterable[Any], event_ref: str, subject: str, body: str, link: str = ""
) -> int:
    """`send` to each distinct recipient; the number of people notified."""
    seen: dict[int, Any] = {}
    for user in recipients:
        if user is not None and user.pk not in seen:
            seen[user.pk] = user
    for user in seen.values():
        send(kind=kind, recipient=user, event_ref=event_ref, subject=subject, body=body, link=link)
    return len(seen)
