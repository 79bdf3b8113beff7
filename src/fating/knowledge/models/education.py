"""Legal education (普法): questions and answers, 点单 orders, village rules (乡规民约)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel, TimeStampedModel


class Question(TimeStampedModel):
    """你问我答: a resident asks, a judge answers, and the answer is published after review.

    Flow: asked → answered → published (or sent back to asked); closed when not to be answered.
    The asker's contact stays with the court; only the question and answer are published.
    """

    class Status(models.TextChoices):
        ASKED = "asked", _("待回答")
        ANSWERED = "answered", _("待审核")
        PUBLISHED = "published", _("已发布")
        CLOSED = "closed", _("已关闭")

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("法院"),
        help_text=_("回答问题的法院。"),
    )
    asker_name = models.CharField(
        _("提问人"), max_length=60, blank=True, help_text=_("可匿名；发布时不显示。")
    )
    contact = models.CharField(
        _("联系方式"), max_length=40, blank=True, help_text=_("仅法院可见，用于回访。")
    )
    title = models.CharField(
        _("问题"), max_length=120, help_text=_("群众提出的法律问题（一句话）。")
    )
    text = models.TextField(_("问题详情"), help_text=_("问题的详细情况。"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.ASKED,
        help_text=_("问题状态：待回答、待审核、已发布或已关闭。"),
    )
    answer = models.TextField(
        _("回答"), blank=True, help_text=_("法官的回答；发布前须经另一名法官审核。")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("回答法官"),
        help_text=_("回答问题的法官。"),
    )
    answered_at = models.DateTimeField(
        _("回答时间"), null=True, blank=True, help_text=_("提交回答的时间。")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核法官"),
        help_text=_("审核并发布回答的法官。"),
    )
    reviewed_at = models.DateTimeField(
        _("发布时间"), null=True, blank=True, help_text=_("回答审核通过并公开发布的时间。")
    )
    review_note = models.TextField(
        _("审核意见"), blank=True, help_text=_("审核法官的意见，退回修改时填写。")
    )

    class Meta:
        verbose_name = _("你问我答")
        verbose_name_plural = _("你问我答")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["court", "status"])]

    def __str__(self) -> str:
        return self.title


class OutreachOrder(TimeStampedModel):
    """普法“点单”: a village, community or enterprise orders a legal-education service.

    Flow: requested → scheduled → delivered (attendance and feedback recorded), or cancelled.
    Delivered orders count in the statistics.
    """

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("法律咨询")
        CASE_EXPLANATION = "case_explanation", _("以案释法")
        OPEN_HEARING = "open_hearing", _("庭审观摩")
        TRAINING = "training", _("法治讲堂")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("已点单")
        SCHEDULED = "scheduled", _("已排期")
        DELIVERED = "delivered", _("已完成")
        CANCELLED = "cancelled", _("已取消")

    class Requester(models.TextChoices):
        VILLAGE = "village", _("村")
        COMMUNITY = "community", _("社区")
        ENTERPRISE = "enterprise", _("企业")
        OTHER = "other", _("其他单位")

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="outreach_orders",
        verbose_name=_("法院"),
        help_text=_("承接普法点单的法院。"),
    )
    service_point = models.ForeignKey(
        "network.ServicePoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach_orders",
        verbose_name=_("服务点"),
        help_text=_("点单的 E+ 服务点。"),
    )
    requester_kind = models.CharField(
        _("点单单位类型"),
        max_length=12,
        choices=Requester.choices,
        help_text=_("点单单位类型：村、社区、企业或其他单位。"),
    )
    requester_name = models.CharField(
        _("点单单位"), max_length=100, help_text=_("如“李家庄村”“青禾食品有限公司”。")
    )
    kind = models.CharField(
        _("服务类型"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("点单的普法服务类型：法律咨询、以案释法、庭审观摩或法治讲堂。"),
    )
    topic = models.CharField(_("主题"), max_length=100, help_text=_("如“土地承包经营权流转”。"))
    description = models.TextField(
        _("需求说明"), blank=True, help_text=_("点单单位对服务内容的需求说明。")
    )
    preferred_date = models.DateField(
        _("期望日期"), null=True, blank=True, help_text=_("点单单位期望的服务日期。")
    )
    expected_attendance = models.PositiveIntegerField(
        _("预计人数"), null=True, blank=True, help_text=_("预计参加人数（人）。")
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.REQUESTED,
        help_text=_("点单状态：已点单、已排期、已完成或已取消。"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("点单人"),
        help_text=_("提交点单的用户。"),
    )
    scheduled_at = models.DateTimeField(
        _("安排时间"), null=True, blank=True, help_text=_("法院安排的服务时间。")
    )
    place = models.CharField(_("地点"), max_length=200, blank=True, help_text=_("服务地点。"))
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("主讲法官"),
        help_text=_("主讲或提供服务的法官。"),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("排期人"),
        help_text=_("安排排期的法院工作人员。"),
    )
    delivered_at = models.DateTimeField(
        _("完成时间"), null=True, blank=True, help_text=_("服务完成的时间。")
    )
    attendance = models.PositiveIntegerField(
        _("参加人数"), null=True, blank=True, help_text=_("实际参加人数（人）。")
    )
    feedback = models.TextField(_("反馈"), blank=True, help_text=_("点单单位的反馈意见。"))
    satisfaction = models.PositiveSmallIntegerField(
        _("满意度"), null=True, blank=True, help_text=_("1–5 分。")
    )
    cancel_reason = models.CharField(
        _("取消原因"), max_length=200, blank=True, help_text=_("取消的原因。")
    )

    class Meta:
        verbose_name = _("普法点单")
        verbose_name_plural = _("普法点单")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["court", "status"])]

    def __str__(self) -> str:
        return f"{self.requester_name} · {self.get_kind_display()}"


class VillageRules(TimeStampedModel):
    """乡规民约 of a village or community, reviewed by the tribunal for legality.

    Flow: submitted → reviewed (comments) → submitted again with a revised version → … → filed.
    Every submitted text is a VillageRulesVersion; none is overwritten.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审查")
        REVIEWED = "reviewed", _("已提出意见")
        FILED = "filed", _("审查通过")

    service_point = models.ForeignKey(
        "network.ServicePoint",
        on_delete=models.PROTECT,
        related_name="village_rules",
        verbose_name=_("服务点"),
        help_text=_("提交乡规民约的村居服务点。"),
    )
    title = models.CharField(_("名称"), max_length=120, help_text=_("如“李家庄村村规民约”。"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.SUBMITTED,
        help_text=_("合法性审查状态：待审查、已提出意见或审查通过。"),
    )
    current_version = models.PositiveIntegerField(
        _("当前版本"), default=1, help_text=_("当前有效（最新提交）的版本号。")
    )

    class Meta:
        verbose_name = _("乡规民约")
        verbose_name_plural = _("乡规民约")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class VillageRulesVersion(FatingModel):
    """One submitted text of a village's rules, with the tribunal's review of it."""

    rules = models.ForeignKey(
        VillageRules,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("乡规民约"),
        help_text=_("本版本所属的乡规民约。"),
    )
    number = models.PositiveIntegerField(_("版本号"), help_text=_("版本号，从 1 起连续递增。"))
    text = models.TextField(_("文本"), help_text=_("本版本的乡规民约全文。"))
    note = models.CharField(
        _("修改说明"), max_length=300, blank=True, help_text=_("相对上一版本的修改说明。")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提交人"),
        help_text=_("提交本版本的用户。"),
    )
    submitted_at = models.DateTimeField(
        _("提交时间"), auto_now_add=True, help_text=_("提交本版本的时间。")
    )
    review_comment = models.TextField(
        _("审查意见"),
        blank=True,
        help_text=_(
            "法官的审查意见，指出与法律、法规和国家政策相抵触的内容（村民委员会组织法 第27条）。"
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审查人"),
        help_text=_("审查本版本的法官。"),
    )
    reviewed_at = models.DateTimeField(
        _("审查时间"), null=True, blank=True, help_text=_("审查本版本的时间。")
    )

    class Meta:
        verbose_name = _("乡规民约版本")
        verbose_name_plural = _("乡规民约版本")
        ordering = ["rules", "number"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "number"], name="village_rules_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.rules} v{self.number}"
