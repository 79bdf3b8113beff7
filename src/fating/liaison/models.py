"""Liaisons' daily work (日常联络): the liaison's log with the paired officer's feedback, the
parties' ratings of assisted acts, and the annual 无讼村居 evaluation of each village.
DESIGN.md §2.1; rules in fating.liaison.rules."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel, TimeStampedModel
from fating.liaison import rules

KIND_CHOICES = [(k, _(v)) for k, v in rules.KIND_LABELS.items()]
SOURCE_CHOICES = [(k, _(v)) for k, v in rules.SOURCE_LABELS.items()]
CRITERION_CHOICES = [(c.key, _(c.label)) for c in rules.CRITERIA]


class LogEntry(TimeStampedModel):
    """One line of a liaison's work diary: a visit, a dispute reported, a filing or a service
    assisted, a legal-education session. Assisted acts link their matter; the system writes
    them itself (source 系统自动记录) when it already knows the act."""

    liaison = models.ForeignKey(
        "network.Liaison", on_delete=models.PROTECT, related_name="log_entries",
        verbose_name=_("联络员"), help_text=_("做这项工作的便民联络员。"),
    )  # fmt: skip
    service_point = models.ForeignKey(
        "network.ServicePoint", on_delete=models.PROTECT, related_name="log_entries",
        verbose_name=_("服务点"), help_text=_("记录时联络员所在的服务点，用于服务点使用频率评价。"),
    )  # fmt: skip
    kind = models.CharField(
        _("工作类型"), max_length=10, choices=KIND_CHOICES,
        help_text=_("走访、矛盾上报、协助立案、协助送达或法治宣传。"),
    )  # fmt: skip
    occurred_on = models.DateField(_("日期"), help_text=_("工作发生的日期（公历）。"))
    place = models.ForeignKey(
        "network.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("地点（村居）"), help_text=_("工作所在的村（社区）或网格；不详为空。"),
    )  # fmt: skip
    people_met = models.CharField(
        _("接触人员"), max_length=rules.PEOPLE_MAX, blank=True,
        help_text=_("走访或服务的对象，如“张某某夫妇、村调委会李主任”。"),
    )  # fmt: skip
    notes = models.TextField(
        _("工作记录"), max_length=rules.NOTES_MAX, blank=True,
        help_text=_("做了什么、发现什么、需要法庭关注什么（2000 字以内）。"),
    )  # fmt: skip
    dispute = models.ForeignKey(
        "disputes.Dispute", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("上报的纠纷"), help_text=_("矛盾上报时上报的纠纷；其他类型为空。"),
    )  # fmt: skip
    filing = models.ForeignKey(
        "cases.Filing", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("协助的立案申请"), help_text=_("协助立案时代为提交的立案申请；其他类型为空。"),
    )  # fmt: skip
    service = models.ForeignKey(
        "delivery.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("协助的送达"), help_text=_("协助送达时直接送达的文书送达；其他类型为空。"),
    )  # fmt: skip
    source = models.CharField(
        _("来源"), max_length=6, choices=SOURCE_CHOICES, default=rules.MANUAL,
        help_text=_("联络员填写，或系统根据已办理的上报、立案、送达自动记录。"),
    )  # fmt: skip
    source_key = models.CharField(
        _("自动记录依据"), max_length=80, null=True, blank=True, unique=True,
        help_text=_("自动记录所依据的事件（如 disputes.dispute.report:12），同一事件只记一次。"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"), help_text=_("写下这条记录的账号（自动记录为办理该事项的联络员）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("联络日志")
        verbose_name_plural = _("联络日志")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["service_point", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}"


class Feedback(FatingModel):
    """The paired court officer's word on a log entry (对口联络干警的反馈). Append-only."""

    entry = models.ForeignKey(
        LogEntry, on_delete=models.CASCADE, related_name="feedback",
        verbose_name=_("联络日志"), help_text=_("反馈所针对的日志条目。"),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("反馈干警"), help_text=_("给出反馈的对口法官或法官助理。"),
    )  # fmt: skip
    text = models.TextField(
        _("反馈意见"), max_length=rules.FEEDBACK_MAX,
        help_text=_("对这项工作的指导或评价（1000 字以内）。"),
    )  # fmt: skip
    created_at = models.DateTimeField(
        _("反馈时间"), auto_now_add=True, help_text=_("反馈提交的时间。")
    )

    class Meta:
        verbose_name = _("干警反馈")
        verbose_name_plural = _("干警反馈")
        ordering = ["entry", "pk"]

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.pk}"


class Rating(FatingModel):
    """A party's satisfaction with an assisted act (1–5), given once per act and person."""

    entry = models.ForeignKey(
        LogEntry, on_delete=models.CASCADE, related_name="ratings",
        verbose_name=_("协助事项"), help_text=_("被评价的协助上报、协助立案或协助送达。"),
    )  # fmt: skip
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("评价人"), help_text=_("得到协助的当事人。"),
    )  # fmt: skip
    stars = models.PositiveSmallIntegerField(
        _("满意度"),
        validators=[MinValueValidator(rules.RATING_MIN), MaxValueValidator(rules.RATING_MAX)],
        help_text=_("1 至 5 分：1 很不满意，5 很满意。"),
    )
    comment = models.CharField(
        _("评价意见"), max_length=rules.COMMENT_MAX, blank=True,
        help_text=_("当事人的简短意见（300 字以内）。"),
    )  # fmt: skip
    created_at = models.DateTimeField(
        _("评价时间"), auto_now_add=True, help_text=_("评价提交的时间。")
    )

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "rated_by"], name="one_rating_per_act")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.stars}"


class CriterionSetting(TimeStampedModel):
    """A court's own threshold for one 无讼村居 criterion (the default is in liaison.rules)."""

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("法院"), help_text=_("采用该阈值的法院。"),
    )  # fmt: skip
    key = models.CharField(
        _("评价标准"), max_length=20, choices=CRITERION_CHOICES,
        help_text=_("无讼村居评价标准之一。"),
    )  # fmt: skip
    threshold = models.DecimalField(
        _("阈值"), max_digits=8, decimal_places=3,
        help_text=_("该标准的阈值，单位见标准说明（件、件/万人或比例）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("无讼村居标准阈值")
        verbose_name_plural = _("无讼村居标准阈值")
        constraints = [
            models.UniqueConstraint(fields=["court", "key"], name="one_threshold_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.court_id}:{self.key}"


class VillageEvaluation(TimeStampedModel):
    """A village's annual 无讼村居 evaluation: each criterion's value, threshold and result,
    computed from the data; the court then confirms or declines the title (rules.TITLE)::

        evaluated -> evaluated : 重新评估
        declined -> evaluated : 重新评估
        evaluated -> titled : 确认授予
        evaluated -> declined : 不予授予
        titled -> revoked : 撤销称号
    """

    class Status(models.TextChoices):
        EVALUATED = rules.TitleStatus.EVALUATED, _("已评估")
        TITLED = rules.TitleStatus.TITLED, _("已授予无讼村居")
        DECLINED = rules.TitleStatus.DECLINED, _("不予授予")
        REVOKED = rules.TitleStatus.REVOKED, _("已撤销称号")

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("法院"), help_text=_("作出评价的基层人民法院。"),
    )  # fmt: skip
    village = models.ForeignKey(
        "network.Area", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("村（社区）"), help_text=_("被评价的村或社区。"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("年度"), help_text=_("评价的公历年度。"))
    results = models.JSONField(
        _("各项结果"), default=list,
        help_text=_("每项标准的取值、阈值与是否达标：[{key, value, threshold, passed}]。"),
    )  # fmt: skip
    passed = models.BooleanField(
        _("全部达标"), default=False, help_text=_("是否所有标准均达标；全部达标方可授予。")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.EVALUATED,
        help_text=_("已评估、已授予无讼村居、不予授予或已撤销称号。"),
    )  # fmt: skip
    evaluated_at = models.DateTimeField(_("评估时间"), help_text=_("最近一次计算的时间。"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("决定人"), help_text=_("确认、不予授予或撤销称号的人。"),
    )  # fmt: skip
    decided_at = models.DateTimeField(
        _("决定时间"), null=True, blank=True, help_text=_("确认、不予授予或撤销称号的时间。")
    )
    note = models.CharField(
        _("说明"), max_length=300, blank=True, help_text=_("不予授予或撤销称号的理由。")
    )

    class Meta:
        verbose_name = _("无讼村居评价")
        verbose_name_plural = _("无讼村居评价")
        ordering = ["-year", "village__name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="one_evaluation_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.village_id}:{self.year}"
