"""The notification centre's own rows: each person's choice of channels per kind of notice.

The messages themselves are core's outbox rows (`core.OutboxMessage`, channel 站内消息): written in
the transaction of the change, shown in the inbox, marked read through `inbox.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.inbox import rules


class Preference(TimeStampedModel):
    """A person's channels for one kind of notice; no row means the kind's default channels.
    Mandatory channels (inbox.rules.KINDS) stay on whatever is stored here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preferences",
        verbose_name=_("用户"),
        help_text=_("设置通知渠道的用户。"),
    )
    kind = models.CharField(
        _("通知类别"),
        max_length=30,
        choices=[(k.key, _(k.label)) for k in rules.KINDS.values()],
        help_text=_("通知的类别，如补正通知、开庭通知、期限临近。"),
    )
    in_app = models.BooleanField(
        _("站内信"), default=True, help_text=_("是否在消息中心接收；法定通知不能关闭。")
    )
    sms = models.BooleanField(
        _("短信"), default=True, help_text=_("是否以短信接收（发往账号登记的手机号码）。")
    )
    email = models.BooleanField(
        _("邮件"), default=False, help_text=_("是否以电子邮件接收（发往账号登记的邮箱）。")
    )

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"

    def chosen(self) -> dict[str, bool]:
        return {rules.IN_APP: self.in_app, rules.SMS: self.sms, rules.EMAIL: self.email}
