"""Writes of the notification centre: read receipts and channel preferences. Each is
keyword-only, one transaction, permission first, one audit event.

Sending is `inbox.dispatch` (the system's own write, caused by an event already on the chain)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from fating.core import notify
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.models import OutboxMessage
from fating.inbox import rules, selectors
from fating.inbox.models import Preference


def _signed_in(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted(_("请先登录。"))


@transaction.atomic
def mark_read(*, actor: Any, message: OutboxMessage) -> OutboxMessage:
    """Opening a message is its read receipt: `read_at` is set once, the first time."""
    _signed_in(actor)
    message = selectors.message_for(actor, message.pk)
    if message.read_at is not None:
        return message
    notify.mark_read(recipient=actor, ids=[message.pk])
    message.refresh_from_db(fields=["read_at"])
    record_event(
        actor=actor,
        action="inbox.message.read",
        target=message,
        after={"read_at": message.read_at.isoformat() if message.read_at else None},
    )
    return message


@transaction.atomic
def mark_all_read(*, actor: Any) -> int:
    """Mark every unread message of the actor read; how many were."""
    _signed_in(actor)
    count = notify.mark_read(recipient=actor)
    record_event(actor=actor, action="inbox.message.read_all", target=None, after={"count": count})
    return count


@transaction.atomic
def set_preference(*, actor: Any, kind: str, in_app: bool, sms: bool, email: bool) -> Preference:
    """The actor's channels for one kind of notice; a mandatory channel cannot be turned off."""
    _signed_in(actor)
    if kind not in rules.KINDS:
        raise FieldError({"kind": _("通知类别不存在。")})
    chosen = {rules.IN_APP: bool(in_app), rules.SMS: bool(sms), rules.EMAIL: bool(email)}
    errors: dict[str, list[str]] = {}
    for channel in rules.refused_channels(kind, chosen):
        errors[channel] = [
            _("%(channel)s是%(kind)s的法定通知渠道，不能关闭。")
            % {"channel": _(rules.CHANNEL_LABELS[channel]), "kind": _(rules.KINDS[kind].label)}
        ]
    if chosen[rules.SMS] and rules.SMS not in rules.KINDS[kind].mandatory and not actor.mobile:
        errors.setdefault(rules.SMS, []).append(_("账号未登记手机号码，无法接收短信。"))
    if chosen[rules.EMAIL] and not getattr(actor, "email", ""):
        errors.setdefault(rules.EMAIL, []).append(_("账号未登记电子邮箱，无法接收邮件。"))
    if errors:
        raise FieldError(errors)
    before = Preference.objects.filter(user=actor, kind=kind).first()
    pref, _created = Preference.objects.update_or_create(
        user=actor, kind=kind, defaults={"in_app": chosen[rules.IN_APP], "sms": chosen[rules.SMS],
                                         "email": chosen[rules.EMAIL]}
    )  # fmt: skip
    record_event(
        actor=actor,
        action="inbox.preference.update",
        target=pref,
        before=before.chosen() if before else None,
        after={"kind": kind, **pref.chosen()},
    )
    return pref
