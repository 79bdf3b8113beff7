"""Service of documents (送达): consents, services, attempts and receipts.

A `Service` is one document to one recipient (a party of a dispute or case) — the single copy
the recipient sees, whatever happens on the wire. It is made through one or more `Attempt`s
(in-app, SMS link, e-mail, in person, post, public notice); each attempt keeps every `Receipt`
(sent, read, replied, signed, refused, returned, …). When the service counts as served is
computed from the receipts by `rules.service_time` (LEGAL-RULES.md D8), never typed in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel
from fating.delivery import rules

CHANNELS = [(c, _(label)) for c, label in rules.CHANNEL_LABELS.items()]
ELECTRONIC_CHANNELS = [
    (c, _(rules.CHANNEL_LABELS[c])) for c in (rules.IN_APP, rules.SMS, rules.EMAIL)
]


class ServiceConsent(FatingModel):
    """A party's consent to electronic service on one channel and address (民事诉讼法 第90条;
    在线诉讼规则 第29–30条). Withdrawn consents are kept, with the time of withdrawal."""

    matter_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("同意所涉事项的类型（纠纷、案件等）。"),
    )
    matter_id = models.PositiveBigIntegerField(_("事项编号"), help_text=_("同意所涉事项的主键。"))
    matter = GenericForeignKey("matter_type", "matter_id")
    party_key = models.CharField(
        _("当事人"), max_length=40, help_text=_("当事人记录，如 disputes.disputeparty:5。")
    )
    party_name = models.CharField(
        _("当事人姓名或名称"), max_length=100, help_text=_("作出同意的当事人的姓名或名称。")
    )
    channel = models.CharField(
        _("送达方式"),
        max_length=10,
        choices=ELECTRONIC_CHANNELS,
        help_text=_("同意采用的电子送达方式（民事诉讼法 第90条；在线诉讼规则 第29条）。"),
    )
    address = models.CharField(
        _("电子地址"), max_length=254, blank=True,
        help_text=_("手机号码或电子邮箱；站内送达为当事人的平台账号。"),
    )  # fmt: skip
    basis = models.CharField(
        _("同意依据"), max_length=20, choices=list(rules.CONSENT_BASES.items()),
        help_text=_("在线诉讼规则第29条第2款所列情形。"),
    )  # fmt: skip
    method = models.CharField(
        _("确认方式"), max_length=10, choices=list(rules.CONSENT_METHODS.items()),
        help_text=_("在线诉讼规则第30条：电话、在线或书面确认。"),
    )  # fmt: skip
    address_confirmed = models.BooleanField(
        _("地址经当事人提供或确认"), default=True,
        help_text=_("是：到达即送达（第31条第1款）；否：须回复或阅知（第31条第2款）。"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"), help_text=_("登记同意的用户。"),
    )  # fmt: skip
    recorded_at = models.DateTimeField(
        _("记录时间"), auto_now_add=True, help_text=_("登记同意的时间。")
    )
    withdrawn_at = models.DateTimeField(
        _("撤回时间"),
        null=True,
        blank=True,
        help_text=_("当事人撤回同意的时间；撤回后不得再以该方式送达，未撤回为空。"),
    )

    class Meta:
        verbose_name = _("电子送达同意")
        verbose_name_plural = _("电子送达同意")
        indexes = [models.Index(fields=["matter_type", "matter_id", "party_key"])]

    def __str__(self) -> str:
        return f"{self.party_name} {self.channel}"


class Service(FatingModel):
    """One document served on one recipient: the one copy they see in the app.
    States (rules.SERVICE)::

        in_progress -> in_progress : 再次送达
        in_progress -> served : 完成送达
        served -> served : 更正为更早的送达时间
        served -> served : 出具送达回证
        served -> served : 申请纸质文书
    """

    class Status(models.TextChoices):
        IN_PROGRESS = rules.ServiceStatus.IN_PROGRESS, _("送达中")
        SERVED = rules.ServiceStatus.SERVED, _("已送达")

    matter_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("送达所涉事项的类型（纠纷、案件等）。"),
    )
    matter_id = models.PositiveBigIntegerField(_("事项编号"), help_text=_("送达所涉事项的主键。"))
    matter = GenericForeignKey("matter_type", "matter_id")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="services",
        verbose_name=_("送达文书"), help_text=_("被送达的文书。"),
    )  # fmt: skip
    party_key = models.CharField(
        _("当事人"), max_length=40, help_text=_("受送达当事人在事项中的标识。")
    )
    recipient_name = models.CharField(
        _("受送达人"), max_length=100, help_text=_("受送达人的姓名或名称。")
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="services_received", verbose_name=_("受送达人账号"), help_text=_("受送达人在平台上的账号；没有账号为空。"),
    )  # fmt: skip
    address = models.CharField(
        _("送达地址"),
        max_length=200,
        blank=True,
        help_text=_("当事人确认的送达地址（解释 第136条）。"),
    )
    personal_only = models.BooleanField(
        _("须直接送达本人"), default=False,
        help_text=_("调解书须直接送达当事人本人，不适用留置送达（民诉法解释第133条）。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.IN_PROGRESS,
        help_text=_("送达中或已送达。"),
    )
    served_at = models.DateTimeField(
        _("送达时间"),
        null=True,
        blank=True,
        help_text=_("送达完成的时间（第一个成功的送达方式为准）。"),
    )
    served_channel = models.CharField(
        _("生效送达方式"),
        max_length=10,
        blank=True,
        choices=CHANNELS,
        help_text=_("使送达生效的送达方式。"),
    )
    served_basis = models.CharField(
        _("送达依据"),
        max_length=200,
        blank=True,
        help_text=_("认定送达的依据，如“系统显示已阅知”（在线诉讼规则 第31条）。"),
    )
    certificate = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("送达回证"), help_text=_("生成的送达回证（民事诉讼法 第87条）。"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("送达人"), help_text=_("发起送达的用户。"),
    )  # fmt: skip
    created_at = models.DateTimeField(
        _("创建时间"), auto_now_add=True, help_text=_("发起送达的时间。")
    )
    paper_copy_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="paper_copy",
        verbose_name=_("所对应的电子送达"),
        help_text=_("受送达人申请提供纸质文书时（民事诉讼法第90条第1款），纸质文书作为关联送达，"
                    "其送达时间不改变电子送达的送达日期（第90条第2款）。"),
    )  # fmt: skip
    paper_requested_at = models.DateTimeField(
        _("申请纸质文书时间"),
        null=True,
        blank=True,
        help_text=_("受送达人申请提供纸质文书的时间（民事诉讼法 第90条第1款）。"),
    )
    paper_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("申请记录人"),
        help_text=_("受送达人本人在线申请，或承办人员记录其当面、电话申请。"),
    )  # fmt: skip
    paper_request_note = models.CharField(
        _("申请说明"), max_length=300, blank=True, help_text=_("申请纸质文书的说明。")
    )

    class Meta:
        verbose_name = _("送达")
        verbose_name_plural = _("送达")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The one copy a recipient sees; a paper copy given on request is linked to it, not
            # a second service of the same document.
            models.UniqueConstraint(
                fields=["document", "party_key"], condition=models.Q(paper_copy_of__isnull=True),
                name="one_copy_per_recipient",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.document} → {self.recipient_name}"

    @property
    def is_paper_copy(self) -> bool:
        return self.paper_copy_of_id is not None

    @property
    def legal_served_at(self) -> Any:
        """The date of service in law: for a paper copy, that of the electronic service it
        copies (民事诉讼法 第90条第2款), never the paper's arrival."""
        return self.paper_copy_of.served_at if self.paper_copy_of_id else self.served_at


class Attempt(FatingModel):
    """One way of delivering a service: an electronic send (through the durable outbox), a
    liaison's visit, a posted letter or a public notice."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("待发送/待办理")
        SENT = "sent", _("已发送")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("送达"),
        help_text=_("本次尝试所属的送达。"),
    )
    channel = models.CharField(
        _("送达方式"), max_length=10, choices=CHANNELS, help_text=_("本次尝试的送达方式。")
    )
    address = models.CharField(
        _("地址"),
        max_length=254,
        blank=True,
        help_text=_("本次尝试使用的地址：手机号码、电子邮箱或邮寄地址。"),
    )
    consent = models.ForeignKey(
        ServiceConsent, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("所依据的同意"), help_text=_("电子送达所依据的当事人同意；非电子方式为空。"),
    )  # fmt: skip
    outbox = models.OneToOneField(
        "core.OutboxMessage", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("待发通知"), help_text=_("为本次电子送达写入发件箱的通知。"),
    )  # fmt: skip
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="service_tasks", verbose_name=_("承办人"),
        help_text=_("直接送达时前往送达的联络员或工作人员。"),
    )  # fmt: skip
    tracking_number = models.CharField(
        _("邮件单号"), max_length=40, blank=True, help_text=_("邮寄送达的邮件单号；其他方式为空。")
    )
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=Status.choices,
        default="queued",
        help_text=_("尝试状态：待发送/待办理、已发送、已完成或失败。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("发起本次尝试的用户。"),
    )
    created_at = models.DateTimeField(
        _("创建时间"), auto_now_add=True, help_text=_("发起本次尝试的时间。")
    )

    class Meta:
        verbose_name = _("送达尝试")
        verbose_name_plural = _("送达尝试")
        ordering = ["service", "pk"]

    def __str__(self) -> str:
        return f"{self.service_id}:{self.channel}"


def receipt_upload_to(instance: models.Model, filename: str) -> str:
    return f"delivery/{instance.attempt_id}/{filename}"  # type: ignore[attr-defined]


class Receipt(FatingModel):
    """A fact about an attempt (sent, read, replied, signed, refused and left, postal receipt,
    returned, published, failed). Append-only; photos and signatures are hashed."""

    attempt = models.ForeignKey(
        Attempt,
        on_delete=models.CASCADE,
        related_name="receipts",
        verbose_name=_("送达尝试"),
        help_text=_("本回执所属的送达尝试。"),
    )
    kind = models.CharField(
        _("回执类型"),
        max_length=14,
        choices=[(k, _(v)) for k, v in rules.RECEIPT_LABELS.items()],
        help_text=_("送达回执类型，如已阅知、签收、留置送达、邮件退回（民事诉讼法 第89条）。"),
    )
    occurred_at = models.DateTimeField(_("发生时间"), help_text=_("回执所记载的事件发生的时间。"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("记录人"), help_text=_("系统自动记录时为空。"),
    )  # fmt: skip
    file = models.FileField(
        _("照片或签名"),
        upload_to=receipt_upload_to,
        blank=True,
        max_length=200,
        help_text=_("签收照片、签名或留置送达现场照片。"),
    )
    sha256 = models.CharField(
        _("文件SHA-256"),
        max_length=64,
        blank=True,
        help_text=_("回执文件的 SHA-256，上传时计算，每次读取时核对。"),
    )
    witness = models.CharField(
        _("见证人"),
        max_length=100,
        blank=True,
        help_text=_("留置送达时在场的见证人（民事诉讼法 第89条）。"),
    )
    note = models.CharField(
        _("说明"), max_length=300, blank=True, help_text=_("对回执的补充说明。")
    )
    created_at = models.DateTimeField(
        _("记录时间"), auto_now_add=True, help_text=_("回执登记的时间。")
    )

    class Meta:
        verbose_name = _("送达回执")
        verbose_name_plural = _("送达回执")
        ordering = ["attempt", "occurred_at", "pk"]
        constraints = [
            # The system records each automatic fact once, however often a task re-runs.
            models.UniqueConstraint(
                fields=["attempt", "kind"],
                condition=models.Q(recorded_by__isnull=True),
                name="one_system_receipt_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.kind}"
