from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Base for domain models: creation and modification times."""

    created_at = models.DateTimeField(
        _("创建时间"), auto_now_add=True, help_text=_("记录创建的时间。")
    )
    updated_at = models.DateTimeField(
        _("更新时间"), auto_now=True, help_text=_("记录最后修改的时间。")
    )

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One fact about a state change, written by a service function in the same transaction.

    Events form a hash chain: `hash` is the SHA-256 of the event's canonical content including
    `prev_hash`, the hash of the event before it. Editing, deleting, inserting or reordering any
    event breaks the chain, which `fating audit verify` detects (see fating.core.audit).
    """

    seq = models.PositiveBigIntegerField(
        _("序号"), unique=True, help_text=_("链中的位置，从 1 开始连续递增。")
    )
    created_at = models.DateTimeField(_("时间"), help_text=_("事件发生的时间（UTC 存储）。"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("执行操作的用户；系统任务为空。"),
    )
    actor_label = models.CharField(
        _("操作人名称"),
        max_length=150,
        blank=True,
        help_text=_("操作时的用户名，便于账号变更后追溯。"),
    )
    action = models.CharField(
        _("动作"), max_length=80, help_text=_("机器可读的动作名，如 network.service_point.update。")
    )
    object_type = models.CharField(
        _("对象类型"),
        max_length=80,
        blank=True,
        help_text=_("app_label.model，如 network.servicepoint。"),
    )
    object_id = models.CharField(
        _("对象编号"), max_length=64, blank=True, help_text=_("对象主键。")
    )
    object_label = models.CharField(
        _("对象名称"), max_length=200, blank=True, help_text=_("操作时对象的可读名称。")
    )
    before = models.JSONField(_("变更前"), null=True, blank=True, help_text=_("变更前的字段值。"))
    after = models.JSONField(_("变更后"), null=True, blank=True, help_text=_("变更后的字段值。"))
    request_id = models.CharField(
        _("请求编号"), max_length=64, blank=True, help_text=_("产生该事件的 HTTP 请求或任务编号。")
    )
    prev_hash = models.CharField(
        _("前一事件哈希"), max_length=64, help_text=_("前一事件的 SHA-256；首个事件为 64 个 0。")
    )
    hash = models.CharField(_("事件哈希"), max_length=64, help_text=_("本事件规范内容的 SHA-256。"))

    class Meta:
        ordering = ["seq"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """The single row that serialises appends to the audit chain and remembers its tip.

    Keeping the tip here lets verification notice a truncated chain (the last events deleted),
    which the chain alone cannot show.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(_("最后序号"), default=0)
    last_hash = models.CharField(_("最后哈希"), max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"
