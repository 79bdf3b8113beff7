"""One case, one group chat (一案一群聊): a room per matter (a dispute or a case).

A room's members are never stored as the source of truth: they are derived from the matter
(its parties, agents, mediator, judge, clerk and liaison) by `selectors.member_of` on every read,
write and WebSocket connect, so someone removed from the matter loses the room at once.

Messages are stored first, then pushed live after commit; each carries a monotonically growing
primary key, which reconnecting clients use to fetch what they missed (`?after=<id>`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.conversations import rules
from fating.core.models import FatingModel


class Room(FatingModel):
    """The group chat of one matter (a dispute or a case); created on first open."""

    matter_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("事项类型"),
        help_text=_("群聊所属事项的模型（纠纷或案件）。"),
    )  # fmt: skip
    matter_id = models.PositiveBigIntegerField(_("事项编号"), help_text=_("所属事项的主键。"))
    matter = GenericForeignKey("matter_type", "matter_id")
    title = models.CharField(_("群聊名称"), max_length=200, help_text=_("默认为事项名称。"))
    created_at = models.DateTimeField(
        _("创建时间"), auto_now_add=True, help_text=_("群聊创建的时间。")
    )

    class Meta:
        verbose_name = _("案件群聊")
        verbose_name_plural = _("案件群聊")
        constraints = [
            models.UniqueConstraint(fields=["matter_type", "matter_id"], name="one_room_per_matter")
        ]

    def __str__(self) -> str:
        return self.title


def attachment_upload_to(instance: models.Model, filename: str) -> str:
    return f"conversations/{instance.room_id}/{filename}"  # type: ignore[attr-defined]


class Message(FatingModel):
    """One entry of a room's timeline: text, a file, an evidence item, a proposal or a system
    event. Files are hashed (SHA-256) on upload and verified on every read."""

    class Kind(models.TextChoices):
        TEXT = "text", _("文字")
        FILE = "file", _("附件")
        EVIDENCE = "evidence", _("证据")
        PROPOSAL = "proposal", _("调解方案")
        SYSTEM = "system", _("系统消息")

    class SystemKind(models.TextChoices):
        NONE = "", _("无")
        SESSION_SCHEDULED = "session_scheduled", _("安排调解/庭审")
        DOCUMENT_SERVED = "document_served", _("文书送达")
        AGREEMENT_CONFIRMED = "agreement_confirmed", _("协议确认")
        AGREEMENT_DRAFTED = "agreement_drafted", _("协议起草")
        BIDDING = "bidding", _("背对背报价")
        OTHER = "other", _("其他")

    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("群聊"),
        help_text=_("消息所在的群聊。"),
    )
    kind = models.CharField(
        _("类型"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.TEXT,
        help_text=_("消息类型：文字、附件、证据、调解方案或系统消息。"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("发送人"), help_text=_("系统消息为空。"),
    )  # fmt: skip
    author_role = models.CharField(
        _("发送人身份"), max_length=12, blank=True, choices=rules.MEMBER_ROLE_CHOICES,
        help_text=_("发送时在本事项中的身份。"),
    )  # fmt: skip
    author_side = models.CharField(
        _("发送人所属方"), max_length=12, blank=True,
        help_text=_("当事人或代理人所属的一方，如 applicant、defendant。"),
    )  # fmt: skip
    body = models.TextField(_("内容"), blank=True, help_text=_("消息正文。"))
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("回复"), help_text=_("所回复的消息；非回复为空。"),
    )  # fmt: skip
    file = models.FileField(
        _("附件"),
        upload_to=attachment_upload_to,
        max_length=200,
        blank=True,
        help_text=_("消息附带的文件。"),
    )
    file_name = models.CharField(
        _("原文件名"), max_length=200, blank=True, help_text=_("上传时的原文件名。")
    )
    file_size = models.PositiveBigIntegerField(
        _("文件大小"), default=0, help_text=_("附件大小（字节）。")
    )
    file_sha256 = models.CharField(
        _("文件SHA-256"), max_length=64, blank=True, help_text=_("上传时计算，读取时校验。")
    )
    system_kind = models.CharField(
        _("系统事件类型"),
        max_length=24,
        blank=True,
        choices=SystemKind.choices,
        help_text=_("系统消息所报告的事件类型；普通消息为“无”。"),
    )
    client_token = models.CharField(
        _("客户端标识"), max_length=64, blank=True,
        help_text=_("客户端生成的随机串；重发同一条消息只保存一次。"),
    )  # fmt: skip
    created_at = models.DateTimeField(
        _("发送时间"), auto_now_add=True, help_text=_("消息发送的时间。")
    )

    class Meta:
        verbose_name = _("群聊消息")
        verbose_name_plural = _("群聊消息")
        ordering = ["id"]
        indexes = [models.Index(fields=["room", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "author", "client_token"],
                condition=~models.Q(client_token=""),
                name="message_client_token_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.room_id}#{self.pk}"


class ReadMark(FatingModel):
    """How far a user has read a room: unread counts and read receipts come from it."""

    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        related_name="read_marks",
        help_text=_("已读标记所属的群聊。"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("已读标记所属的用户。"),
    )
    last_read_id = models.PositiveBigIntegerField(
        _("已读至"), default=0, help_text=_("已读的最后一条消息编号。")
    )
    read_at = models.DateTimeField(
        _("阅读时间"), auto_now=True, help_text=_("该用户最后阅读该群聊的时间，用于计算未读数。")
    )

    class Meta:
        verbose_name = _("已读记录")
        verbose_name_plural = _("已读记录")
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="one_mark_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.room_id}:{self.last_read_id}"


def evidence_upload_to(instance: models.Model, filename: str) -> str:
    return f"conversations/{instance.room_id}/evidence/{filename}"  # type: ignore[attr-defined]


class EvidenceItem(FatingModel):
    """An evidence item submitted in a room, hashed at upload and listed for cross-examination
    (质证)."""

    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("群聊"),
        help_text=_("证据提交所在的群聊。"),
    )
    message = models.OneToOneField(
        Message,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("消息"),
        help_text=_("提交证据时在群聊中发出的消息。"),
    )
    seq = models.PositiveIntegerField(_("证据序号"), help_text=_("本事项内从 1 开始编号。"))
    title = models.CharField(_("证据名称"), max_length=200, help_text=_("证据名称。"))
    purpose = models.TextField(
        _("证明目的"), blank=True, help_text=_("证明目的，即该证据拟证明的事实。")
    )
    side = models.CharField(_("提交方"), max_length=12, help_text=_("提交证据的一方。"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("提交人"), help_text=_("提交证据的用户。"),
    )  # fmt: skip
    file = models.FileField(
        _("证据文件"), upload_to=evidence_upload_to, max_length=200, help_text=_("证据文件。")
    )
    file_name = models.CharField(_("原文件名"), max_length=200, help_text=_("上传时的原文件名。"))
    file_size = models.PositiveBigIntegerField(_("文件大小"), help_text=_("证据文件大小（字节）。"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("上传时计算，下载时校验。"))
    created_at = models.DateTimeField(
        _("提交时间"), auto_now_add=True, help_text=_("提交证据的时间。")
    )

    class Meta:
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        ordering = ["room", "seq"]
        constraints = [models.UniqueConstraint(fields=["room", "seq"], name="evidence_seq_once")]

    def __str__(self) -> str:
        return f"证据{self.seq} {self.title}"


class EvidenceOpinion(FatingModel):
    """One opposing side's cross-examination opinion (质证意见) on an evidence item: the three
    properties 真实性 / 合法性 / 关联性, each admitted or disputed, with reasons."""

    evidence = models.ForeignKey(
        EvidenceItem,
        on_delete=models.CASCADE,
        related_name="opinions",
        verbose_name=_("证据"),
        help_text=_("被质证的证据。"),
    )
    side = models.CharField(_("发表意见方"), max_length=12, help_text=_("发表质证意见的一方。"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("发表人"), help_text=_("发表质证意见的用户。"),
    )  # fmt: skip
    authenticity = models.CharField(
        _("真实性"),
        max_length=10,
        choices=rules.OPINION_CHOICES,
        help_text=_("对证据真实性的意见：认可或有异议（证据规定 第104条）。"),
    )
    authenticity_reason = models.TextField(
        _("真实性理由"), blank=True, help_text=_("对真实性有异议的理由。")
    )
    legality = models.CharField(
        _("合法性"),
        max_length=10,
        choices=rules.OPINION_CHOICES,
        help_text=_("对证据合法性的意见：认可或有异议。"),
    )
    legality_reason = models.TextField(
        _("合法性理由"), blank=True, help_text=_("对合法性有异议的理由。")
    )
    relevance = models.CharField(
        _("关联性"),
        max_length=10,
        choices=rules.OPINION_CHOICES,
        help_text=_("对证据关联性的意见：认可或有异议。"),
    )
    relevance_reason = models.TextField(
        _("关联性理由"), blank=True, help_text=_("对关联性有异议的理由。")
    )
    created_at = models.DateTimeField(
        _("发表时间"), auto_now_add=True, help_text=_("发表意见的时间。")
    )

    class Meta:
        verbose_name = _("质证意见")
        verbose_name_plural = _("质证意见")
        constraints = [
            models.UniqueConstraint(fields=["evidence", "side"], name="one_opinion_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.evidence_id}:{self.side}"


class Proposal(FatingModel):
    """Mediation terms proposed by one side; the other side accepts, rejects or counters.
    States: open → accepted | rejected | countered | withdrawn (rules.PROPOSAL_TRANSITIONS)."""

    class Status(models.TextChoices):
        OPEN = "open", _("待回应")
        ACCEPTED = "accepted", _("已接受")
        REJECTED = "rejected", _("已拒绝")
        COUNTERED = "countered", _("已还价")

    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("群聊"),
        help_text=_("提出方案所在的群聊。"),
    )
    message = models.OneToOneField(
        Message,
        on_delete=models.PROTECT,
        related_name="proposal",
        verbose_name=_("消息"),
        help_text=_("提出方案时在群聊中发出的消息。"),
    )
    side = models.CharField(
        _("提出方"), max_length=12, help_text=_("提出方案的一方；系统按报价中间价提出时为空。")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("提出人"), help_text=_("提出方案的用户。"),
    )  # fmt: skip
    amount = models.DecimalField(
        _("给付金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("方案的给付金额（元）；无金钱给付为空。"),
    )
    schedule = models.CharField(
        _("履行安排"), max_length=300, blank=True, help_text=_("如“分三期，每月末支付”。")
    )
    terms = models.TextField(_("方案内容"), help_text=_("方案的具体内容。"))
    counter_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="counters",
        verbose_name=_("针对的方案"), help_text=_("本方案所还价的方案；首个方案为空。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_("方案状态：待回应、已接受、已拒绝或已还价。"),
    )
    accepted_sides = models.JSONField(
        _("已接受的各方"), default=list, blank=True,
        help_text=_("系统按中间价提出的方案须各方均接受；此处记录已接受的一方。"),
    )  # fmt: skip
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("回应人"), help_text=_("回应方案的用户。"),
    )  # fmt: skip
    responded_at = models.DateTimeField(
        _("回应时间"), null=True, blank=True, help_text=_("回应方案的时间。")
    )
    response_reason = models.TextField(_("回应理由"), blank=True, help_text=_("拒绝或还价的理由。"))
    agreement_id = models.PositiveBigIntegerField(
        _("调解协议"), null=True, blank=True, help_text=_("据此起草的调解协议（disputes 应用）。")
    )
    created_at = models.DateTimeField(
        _("提出时间"), auto_now_add=True, help_text=_("提出方案的时间。")
    )

    class Meta:
        verbose_name = _("调解方案")
        verbose_name_plural = _("调解方案")
        ordering = ["room", "id"]

    def __str__(self) -> str:
        return f"{self.room_id}#{self.pk} {self.status}"


class BlindBidding(FatingModel):
    """Confidential blind bidding (背对背报价) for a money dispute: the claimant side states what
    it asks, the other side what it offers; neither sees the other's figures. When the latest
    ask and offer come within `gap`, the system proposes settlement at the midpoint."""

    class Status(models.TextChoices):
        OPEN = "open", _("报价中")
        SETTLED = "settled", _("已接近，已提出中间价方案")
        CLOSED = "closed", _("已结束")

    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        related_name="biddings",
        verbose_name=_("群聊"),
        help_text=_("背对背报价所在的群聊。"),
    )
    claimant_side = models.CharField(
        _("主张给付方"), max_length=12, help_text=_("要求对方给付金额的一方（申请人/原告）。")
    )
    gap = models.DecimalField(
        _("可接受差额（元）"), max_digits=14, decimal_places=2,
        help_text=_("双方报价相差不超过该金额时，按中间价提出和解方案。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default="open",
        help_text=_("报价状态：报价中、已接近并提出中间价方案，或已结束。"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("发起人"), help_text=_("发起背对背报价的用户（通常为调解员）。"),
    )  # fmt: skip
    settlement = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="bidding",
        verbose_name=_("和解方案"), help_text=_("双方报价接近时自动提出的中间价和解方案。"),
    )  # fmt: skip
    created_at = models.DateTimeField(
        _("发起时间"), auto_now_add=True, help_text=_("发起报价的时间。")
    )

    class Meta:
        verbose_name = _("背对背报价")
        verbose_name_plural = _("背对背报价")

    def __str__(self) -> str:
        return f"{self.room_id} {self.status}"


class BlindOffer(FatingModel):
    """One side's confidential figure. Never shown to the other side, nor to the mediator."""

    bidding = models.ForeignKey(
        BlindBidding,
        on_delete=models.CASCADE,
        related_name="offers",
        verbose_name=_("报价"),
        help_text=_("本报价所属的背对背报价。"),
    )
    side = models.CharField(
        _("报价方"), max_length=12, help_text=_("报价的一方；对方看不到本报价的金额。")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("报价人"), help_text=_("作出报价的用户。"),
    )  # fmt: skip
    amount = models.DecimalField(
        _("金额（元）"), max_digits=14, decimal_places=2, help_text=_("报价金额（元）。")
    )
    created_at = models.DateTimeField(_("报价时间"), auto_now_add=True, help_text=_("报价的时间。"))

    class Meta:
        verbose_name = _("保密报价")
        verbose_name_plural = _("保密报价")
        ordering = ["bidding", "id"]

    def __str__(self) -> str:
        return f"{self.bidding_id}:{self.side}"
