from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FatingModel(models.Model):
    """Base of every Fating model (core/tests/test_events.py checks that each one is).

    The last line of defence before a write: a value its column cannot hold is refused, as a
    `FieldError` naming the field, before the row is sent to the database (SQLite would store it;
    PostgreSQL would answer 500). See fating.core.columns. Raw saves (loading fixtures) are the
    fixture's own business and are not checked.
    """

    class Meta:
        abstract = True

    def save_base(
        self,
        raw: bool = False,
        force_insert: Any = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Iterable[str] | None = None,
    ) -> None:
        if not raw:
            from fating.core.columns import column_errors
            from fating.core.exceptions import FieldError

            errors = column_errors(self)
            if errors:
                raise FieldError(errors)
        super().save_base(
            raw=raw,
            force_insert=force_insert,
            force_update=force_update,
            using=using,
            update_fields=update_fields,
        )


class TimeStampedModel(FatingModel):
    """Base for domain models: creation and modification times."""

    created_at = models.DateTimeField(
        _("创建时间"), auto_now_add=True, help_text=_("记录创建的时间。")
    )
    updated_at = models.DateTimeField(
        _("更新时间"), auto_now=True, help_text=_("记录最后修改的时间。")
    )

    class Meta:
        abstract = True


class AuditEvent(FatingModel):
    """One fact about a state change, written by a service function in the same transaction.

    Events form a keyed hash chain: `hash` is the HMAC-SHA256, under the key named by `key_id`, of
    the event's canonical content including `prev_hash`, the hash of the event before it. The keys
    live in the environment, never here, so whoever can only write the database cannot recompute
    the chain. Editing, deleting, inserting or reordering any event breaks the chain, which
    `fating audit verify` detects; signed checkpoints kept outside the database also catch a
    rewrite by someone who holds the key (see fating.core.audit). Events written before the chain
    was keyed have an empty `key_id` and a plain SHA-256 hash ("legacy"); they may only precede
    the first keyed event.
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
    hash = models.CharField(
        _("事件哈希"),
        max_length=64,
        help_text=_("本事件规范内容的 HMAC-SHA256（旧事件为 SHA-256）。"),
    )
    key_id = models.CharField(
        _("密钥编号"),
        max_length=32,
        blank=True,
        default="",
        help_text=_("签署本事件的审计密钥编号；为空表示启用密钥之前写入的旧事件（SHA-256）。"),
    )

    class Meta:
        ordering = ["seq"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(FatingModel):
    """The single row that serialises appends to the audit chain and remembers its tip.

    Keeping the tip here lets verification notice a truncated chain (the last events deleted),
    which the chain alone cannot show.
    """

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=1, help_text=_("单行表的固定主键，恒为 1。")
    )
    last_seq = models.PositiveBigIntegerField(
        _("最后序号"), default=0, help_text=_("审计链最后一个事件的序号；新事件取其加 1。")
    )
    last_hash = models.CharField(
        _("最后哈希"),
        max_length=64,
        default="0" * 64,
        help_text=_("审计链最后一个事件的哈希，作为下一事件的“前一事件哈希”；空链为 64 个 0。"),
    )
    last_key_id = models.CharField(
        _("最后密钥编号"),
        max_length=32,
        blank=True,
        default="",
        help_text=_("最后一个事件的密钥编号。"),
    )

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"


class OutboxMessage(FatingModel):
    """A notification to deliver, written in the same transaction as the change that causes it.

    A background worker delivers it (Celery; inline in the embedded default). `dedupe_key` is
    unique, so writing the same notification twice stores it once, and delivery marks the row
    under a lock, so a retried or duplicated task never sends it twice.
    """

    class Channel(models.TextChoices):
        IN_APP = "in_app", _("站内消息")
        SMS = "sms", _("短信")
        EMAIL = "email", _("电子邮件")

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    channel = models.CharField(
        _("渠道"),
        max_length=10,
        choices=Channel.choices,
        help_text=_("通知的发送渠道：站内消息、短信或电子邮件。"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("接收人"),
        help_text=_("接收通知的用户。"),
    )
    address = models.CharField(
        _("地址"), max_length=254, blank=True, help_text=_("手机号码或电子邮箱；站内消息为空。")
    )
    subject = models.CharField(
        _("标题"), max_length=200, help_text=_("通知标题，站内消息列表和邮件主题使用。")
    )
    body = models.TextField(_("正文"), help_text=_("通知正文（纯文本）。"))
    link = models.CharField(
        _("链接"), max_length=300, blank=True, help_text=_("点击通知后打开的站内链接；可为空。")
    )
    dedupe_key = models.CharField(
        _("去重键"), max_length=200, unique=True, help_text=_("同一通知只存一次、只发一次。")
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("发送状态：待发送、已发送或发送失败（重试次数用尽）。"),
    )
    attempts = models.PositiveSmallIntegerField(
        _("尝试次数"), default=0, help_text=_("已尝试发送的次数（次）。")
    )
    last_error = models.TextField(
        _("最后错误"), blank=True, help_text=_("最近一次发送失败的错误信息。")
    )
    created_at = models.DateTimeField(
        _("创建时间"),
        auto_now_add=True,
        help_text=_("通知写入发件箱的时间，与产生通知的事务同时提交。"),
    )
    sent_at = models.DateTimeField(
        _("发送时间"), null=True, blank=True, help_text=_("发送成功的时间；未发送为空。")
    )
    read_at = models.DateTimeField(
        _("阅读时间"), null=True, blank=True, help_text=_("接收人阅读站内消息的时间；未读为空。")
    )

    class Meta:
        verbose_name = _("待发通知")
        verbose_name_plural = _("待发通知")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.channel}:{self.subject}"


class OneTimeCode(FatingModel):
    """A short code sent by SMS to prove a person holds a phone (e.g. a party's consent)."""

    purpose = models.CharField(_("用途"), max_length=60, help_text=_("如 dispute.consent。"))
    object_ref = models.CharField(_("关联对象"), max_length=80, help_text=_("app.model:pk。"))
    mobile = models.CharField(
        _("手机号码"), max_length=11, help_text=_("接收验证码的 11 位手机号码。")
    )
    code_hash = models.CharField(
        _("验证码摘要"), max_length=64, help_text=_("验证码的 SHA-256 摘要；验证码明文不保存。")
    )
    expires_at = models.DateTimeField(_("过期时间"), help_text=_("验证码失效的时间。"))
    attempts = models.PositiveSmallIntegerField(
        _("错误次数"), default=0, help_text=_("输入错误的次数（次）；达到上限后验证码作废。")
    )
    used_at = models.DateTimeField(
        _("使用时间"),
        null=True,
        blank=True,
        help_text=_("验证码验证成功的时间；一码只能用一次，未使用为空。"),
    )
    created_at = models.DateTimeField(
        _("创建时间"), auto_now_add=True, help_text=_("验证码发出的时间，用于限制发送频率。")
    )

    class Meta:
        verbose_name = _("一次性验证码")
        verbose_name_plural = _("一次性验证码")
        indexes = [models.Index(fields=["purpose", "object_ref"])]

    def __str__(self) -> str:
        return f"{self.purpose} {self.object_ref}"


class IdempotencyKey(FatingModel):
    """The first answer to a create sent with an `Idempotency-Key`, kept so that a retry with the
    same key replays it instead of writing again (see fating.core.idempotency).

    The row is inserted in the same transaction as the write it guards and is unique on
    (user, key): a second request with the same key waits for the first to commit (then replays
    its answer) or to roll back (then runs itself), so two requests never both write. Keys live
    `IDEMPOTENCY_KEY_TTL_SECONDS` (24 hours); expired rows count as absent and are purged by the
    `purge_idempotency_keys` task and command.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("用户"),
        help_text=_("发出请求的用户；不同用户的相同键互不相干。"),
    )
    key = models.CharField(
        _("幂等键"), max_length=255, help_text=_("客户端在 Idempotency-Key 请求头中给出的值。")
    )
    request_hash = models.CharField(
        _("请求摘要"),
        max_length=64,
        help_text=_("方法、路径与规范化请求体的 SHA-256；同一键换了请求体即拒绝。"),
    )
    method = models.CharField(
        _("方法"), max_length=10, help_text=_("首次请求的 HTTP 方法，如 POST。")
    )
    path = models.CharField(
        _("路径"), max_length=300, help_text=_("首次请求的路径；同一幂等键用于其他路径时拒绝。")
    )
    response_status = models.PositiveSmallIntegerField(
        _("响应状态码"), help_text=_("首次请求的 HTTP 响应状态码，重复请求原样返回。")
    )
    response_headers = models.JSONField(
        _("响应头"), default=dict, help_text=_("重放时需要的响应头，如 Content-Type、Location。")
    )
    response_body = models.BinaryField(_("响应体"), help_text=_("首次响应的原样字节。"))
    created_at = models.DateTimeField(
        _("创建时间"), default=timezone.now, db_index=True, help_text=_("过期时间从此起算。")
    )

    class Meta:
        verbose_name = _("幂等键")
        verbose_name_plural = _("幂等键")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class HolidayYear(FatingModel):
    """One year of the State Council's holiday arrangement (国务院办公厅关于××年部分节假日安排
    的通知) loaded by a court, so deadlines in a new year are right without a release.

    A loaded year replaces the year shipped in fating/core/calendar/data/. `document` is the
    validated, canonical JSON (fating.core.calendar.normalise_year_document); `source`,
    `confidence` and `verified` repeat its fields so the list page and the admin can show them.
    Written only by fating.core.court_calendar.import_year (one audit event each)."""

    class Confidence(models.TextChoices):
        HIGH = "high", _("高（官方原文）")
        MEDIUM = "medium", _("中（权威媒体转载）")
        LOW = "low", _("低（未经核对）")

    year = models.PositiveSmallIntegerField(
        _("年度"), unique=True, help_text=_("节假日安排所属的公历年度。")
    )
    document = models.JSONField(
        _("节假日安排"), help_text=_("放假日期段与调休上班日，按通知原文录入。")
    )
    source = models.CharField(_("来源"), max_length=300, help_text=_("通知标题、文号和发布日期。"))
    confidence = models.CharField(
        _("可信度"),
        max_length=10,
        choices=Confidence.choices,
        default=Confidence.LOW,
        help_text=_(
            "该年度节假日数据的可信度：官方原文、权威媒体转载或未经核对；期间计算据此提示。"
        ),
    )
    verified = models.BooleanField(
        _("已核对"), default=False, help_text=_("是否已逐日对照通知原文核对。")
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("导入或更正该年度的用户；命令行导入未指定用户时为空。"),
    )
    loaded_at = models.DateTimeField(_("导入时间"), help_text=_("该年度节假日数据导入的时间。"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"
