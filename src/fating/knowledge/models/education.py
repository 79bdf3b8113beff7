"""Legal education (普法): questions and answers, 点单 orders, village rules (乡规民约)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel


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
    title = models.CharField(_("问题"), max_length=120)
    text = models.TextField(_("问题详情"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ASKED
    )
    answer = models.TextField(_("回答"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("回答法官"),
    )
    answered_at = models.DateTimeField(_("回答时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核法官"),
    )
    reviewed_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)

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
    requester_kind = models.CharField(_("点单单位类型"), max_length=12, choices=Requester.choices)
    requester_name = models.CharField(
        _("点单单位"), max_length=100, help_text=_("如“李家庄村”“青禾食品有限公司”。")
    )
    kind = models.CharField(_("服务类型"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("主题"), max_length=100, help_text=_("如“土地承包经营权流转”。"))
    description = models.TextField(_("需求说明"), blank=True)
    preferred_date = models.DateField(_("期望日期"), null=True, blank=True)
    expected_attendance = models.PositiveIntegerField(_("预计人数"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("点单人"),
    )
    scheduled_at = models.DateTimeField(_("安排时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("主讲法官"),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("排期人"),
    )
    delivered_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)
    feedback = models.TextField(_("反馈"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("满意度"), null=True, blank=True, help_text=_("1–5 分。")
    )
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)

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
    )
    title = models.CharField(_("名称"), max_length=120, help_text=_("如“李家庄村村规民约”。"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    current_version = models.PositiveIntegerField(_("当前版本"), default=1)

    class Meta:
        verbose_name = _("乡规民约")
        verbose_name_plural = _("乡规民约")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class VillageRulesVersion(models.Model):
    """One submitted text of a village's rules, with the tribunal's review of it."""

    rules = models.ForeignKey(
        VillageRules, on_delete=models.CASCADE, related_name="versions", verbose_name=_("乡规民约")
    )
    number = models.PositiveIntegerField(_("版本号"))
    text = models.TextField(_("文本"))
    note = models.CharField(_("修改说明"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提交人"),
    )
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    review_comment = models.TextField(_("审查意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审查人"),
    )
    reviewed_at = models.DateTimeField(_("审查时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("乡规民约版本")
        verbose_name_plural = _("乡规民约版本")
        ordering = ["rules", "number"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "number"], name="village_rules_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.rules} v{self.number}"
