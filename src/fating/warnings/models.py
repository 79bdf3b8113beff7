"""Early warning (预警联动联调, 立案吹哨): tunable rules, the warnings they raise, and the
consultation and actions that follow. DESIGN.md §2 item 9.

Workflow of `Warning.status`::

    new ──assess──► assessing (会商研判: participants, notes, decisions)
     │                 │ act (joint mediation, 司法建议 issued as a document, reply tracked)
     │                 ▼
     │              acting ──close──► closed
     └──────────────────────close────────┘   (dismissed after assessment or at once, with reasons)
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.warnings import rules


class Kind(models.TextChoices):
    MASS_DISPUTE = "mass_dispute", _("群体性纠纷")
    FILING_WHISTLE = "filing_whistle", _("立案吹哨")
    HOTSPOT = "hotspot", _("统计热点")
    INCIDENT = "incident", _("突发事件")


class WarningRule(TimeStampedModel):
    """A detection rule the court tunes. Which parameters apply depends on `kind`:
    mass_dispute uses window_days (D), min_count (N), min_people (M) and group_by; filing_whistle uses
    categories, window_days, min_ratio, p_threshold, min_count; hotspot uses categories,
    p_threshold and min_count; incident has no parameters (flagged by people)."""

    court = models.ForeignKey(
        "network.Court", on_delete=models.CASCADE, related_name="warning_rules",
        verbose_name=_("法院"),
    )  # fmt: skip
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=60, help_text=_("如“同一被申请人 7 日 5 件”。"))
    active = models.BooleanField(_("启用"), default=True)
    window_days = models.PositiveSmallIntegerField(
        _("时间窗口（天）"), default=7, help_text=_("统计的天数 D；立案吹哨按整周取整。")
    )
    min_count = models.PositiveSmallIntegerField(
        _("最少件数"),
        default=5,
        help_text=_("群体性：同一对象至少 N 件；热点与吹哨：触发所需的最少观察件数。"),
    )
    min_people = models.PositiveIntegerField(
        _("涉及人数阈值"), default=30, help_text=_("群体性：单件纠纷涉及人数至少 M 人即预警。")
    )
    min_ratio = models.DecimalField(
        _("倍数阈值"), max_digits=5, decimal_places=2, default=2,
        help_text=_("立案吹哨：观察数至少为通常水平的几倍。"),
    )  # fmt: skip
    p_threshold = models.FloatField(
        _("显著性阈值"), default=rules.DEFAULT_P_THRESHOLD,
        help_text=_("泊松检验 p 值低于此值才预警，默认 0.01。"),
    )  # fmt: skip
    categories = models.JSONField(
        _("案由类别"), default=list, blank=True,
        help_text=_("适用的案由关键词（如“物业服务”）；为空时热点适用全部案由，吹哨适用涉众类别。"),
    )  # fmt: skip
    group_by = models.JSONField(
        _("分组依据"), default=rules.default_group_by, blank=True,
        help_text=_("群体性：按哪些对象计数，可选 respondent（被申请人）、project（项目）、"
                    "employer（用工单位）、estate（小区）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")
        ordering = ["court", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class EarlyWarning(TimeStampedModel):
    """A raised warning. Every warning explains itself: what was counted, over which window and
    area, against what expected level (`explanation`, `observed`, `expected`, `p_value`)."""

    class Status(models.TextChoices):
        NEW = "new", _("新预警")
        ASSESSING = "assessing", _("会商研判中")
        ACTING = "acting", _("处置中")
        CLOSED = "closed", _("已关闭")

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="warnings", verbose_name=_("法院")
    )
    rule = models.ForeignKey(
        WarningRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="warnings",
        verbose_name=_("触发规则"),
    )  # fmt: skip
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.NEW)
    subject_key = models.CharField(
        _("预警对象"), max_length=160,
        help_text=_("同一对象（被申请人、区域×案由×周）在未关闭前只保留一条预警，新增记录并入其中。"),
    )  # fmt: skip
    title = models.CharField(_("标题"), max_length=160)
    area = models.ForeignKey(
        "network.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("区域"),
    )  # fmt: skip
    tribunal = models.ForeignKey(
        "network.Tribunal", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("人民法庭"),
    )  # fmt: skip
    service_point = models.ForeignKey(
        "network.ServicePoint", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("服务点"),
    )  # fmt: skip
    category = models.CharField(_("案由类别"), max_length=60, blank=True)
    window_start = models.DateField(_("统计起日"))
    window_end = models.DateField(_("统计止日"))
    observed = models.PositiveIntegerField(_("观察数"), help_text=_("窗口内计入的件数或人数。"))
    expected = models.FloatField(_("期望数"), null=True, blank=True, help_text=_("基线期望件数。"))
    p_value = models.FloatField(_("p 值"), null=True, blank=True)
    explanation = models.TextField(_("预警说明"), help_text=_("计了什么、窗口、区域、期望水平。"))
    evidence = models.JSONField(
        _("计入记录"), default=list, blank=True,
        help_text=_("计入的纠纷与立案申请，如 {\"type\": \"dispute\", \"id\": 12}。"),
    )  # fmt: skip
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("报告人"), help_text=_("突发事件的报告人；系统检测为空。"),
    )  # fmt: skip
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    closing_note = models.TextField(_("关闭说明"), blank=True)

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["court", "status"]),
            models.Index(fields=["court", "kind", "subject_key"]),
        ]

    def __str__(self) -> str:
        return self.title


class Assessment(TimeStampedModel):
    """One consultation (会商研判) on a warning: who took part, what was said and decided."""

    warning = models.ForeignKey(
        EarlyWarning, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("预警")
    )
    held_at = models.DateTimeField(_("会商时间"))
    participants = models.JSONField(
        _("参加人员"), default=list,
        help_text=_("[{\"name\": 姓名, \"unit\": court|township|police|justice_office|other}]"),
    )  # fmt: skip
    notes = models.TextField(_("研判意见"))
    decisions = models.TextField(_("会商决定"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("会商研判")
        verbose_name_plural = _("会商研判")
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"{self.warning} {self.held_at:%Y-%m-%d}"


class Action(TimeStampedModel):
    """A response to a warning: joint mediation, or a judicial suggestion (司法建议) issued to a
    department as a document, whose reply is tracked."""

    class Kind(models.TextChoices):
        JOINT_MEDIATION = "joint_mediation", _("联合调解")
        JUDICIAL_SUGGESTION = "judicial_suggestion", _("司法建议")
        OTHER = "other", _("其他措施")

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        AWAITING_REPLY = "awaiting_reply", _("待回复")
        REPLIED = "replied", _("已回复")
        DONE = "done", _("已完成")

    warning = models.ForeignKey(
        EarlyWarning, on_delete=models.CASCADE, related_name="actions", verbose_name=_("预警")
    )
    kind = models.CharField(_("措施类型"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    description = models.TextField(_("内容"))
    department = models.CharField(
        _("建议对象"), max_length=80, blank=True, help_text=_("司法建议的受文单位。")
    )
    document_id = models.PositiveBigIntegerField(
        _("文书"), null=True, blank=True, help_text=_("生成的司法建议书（documents 应用）。")
    )
    reply_due_on = models.DateField(_("回复期限"), null=True, blank=True)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    reply = models.TextField(_("回复内容"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("处置措施")
        verbose_name_plural = _("处置措施")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.warning} {self.get_kind_display()}"


class WeeklyTally(models.Model):
    """Weekly counts per court × township × category × source, kept incrementally as records are
    scanned; the history behind hotspot and 立案吹哨 baselines (no rescans of raw tables)."""

    class Source(models.TextChoices):
        DISPUTE = "dispute", _("纠纷")
        FILING = "filing", _("立案申请")

    court = models.ForeignKey("network.Court", on_delete=models.CASCADE, related_name="+")
    township = models.ForeignKey(
        "network.Area", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField(_("案由"), max_length=60)
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices)
    week = models.DateField(_("周一"), help_text=_("该周的星期一。"))
    count = models.PositiveIntegerField(_("件数"), default=0)

    class Meta:
        verbose_name = _("周计数")
        verbose_name_plural = _("周计数")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "township", "category", "source", "week"], name="weekly_tally_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.week} {self.count}"


class ScanMark(models.Model):
    """A record already counted by detection (so the task is idempotent and backfills resume)."""

    source = models.CharField(max_length=8, choices=WeeklyTally.Source.choices)
    source_id = models.PositiveBigIntegerField()
    scanned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("已检测记录")
        verbose_name_plural = _("已检测记录")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="scan_mark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source}#{self.source_id}"


GROUP_KEY_LENGTH = 120  # names are at most 100 characters; NFKC may lengthen a few


class GroupingMark(models.Model):
    """A scanned dispute's normalised project, employer or housing-estate key, written once with
    its ScanMark. Mass-dispute counting by these keys reads this narrow indexed table instead of
    re-reading (and re-normalising) the disputes of the window."""

    court = models.ForeignKey("network.Court", on_delete=models.CASCADE, related_name="+")
    key_kind = models.CharField(
        _("分组依据"), max_length=10,
        choices=[(k, v) for k, v in rules.GROUP_KEYS.items() if k != "respondent"],
    )  # fmt: skip
    key = models.CharField(_("归一名称"), max_length=GROUP_KEY_LENGTH)
    name = models.CharField(_("原始名称"), max_length=100)
    source = models.CharField(_("来源"), max_length=8, choices=WeeklyTally.Source.choices)
    source_id = models.PositiveBigIntegerField()
    reference = models.CharField(_("编号"), max_length=40)
    day = models.DateField(_("日期"))

    class Meta:
        verbose_name = _("群体性分组记录")
        verbose_name_plural = _("群体性分组记录")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id", "key_kind"], name="grouping_mark_unique"
            )
        ]
        indexes = [models.Index(fields=["court", "key_kind", "key", "day"])]

    def __str__(self) -> str:
        return f"{self.key_kind}:{self.key} {self.source}#{self.source_id}"
