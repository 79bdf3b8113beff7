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

from fating.core.models import FatingModel, TimeStampedModel
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
        verbose_name=_("法院"), help_text=_("设置本规则的法院。"),
    )  # fmt: skip
    kind = models.CharField(
        _("类型"),
        max_length=16,
        choices=Kind.choices,
        help_text=_("预警类型：群体性纠纷、立案吹哨、统计热点或突发事件。"),
    )
    name = models.CharField(_("名称"), max_length=60, help_text=_("如“同一被申请人 7 日 5 件”。"))
    active = models.BooleanField(
        _("启用"), default=True, help_text=_("是否启用；停用的规则不参与扫描。")
    )
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
    area, against what expected level (`explanation`, `observed`, `expected`, `p_value`).
    States (rules.WARNING)::

        new -> assessing : 会商研判
        new -> closed : 关闭
        assessing -> assessing : 会商研判
        assessing -> acting : 采取处置措施
        assessing -> closed : 关闭
        acting -> acting : 会商研判
        acting -> acting : 采取处置措施
        acting -> closed : 关闭
    """

    class Status(models.TextChoices):
        NEW = rules.Status.NEW, _("新预警")
        ASSESSING = rules.Status.ASSESSING, _("会商研判中")
        ACTING = rules.Status.ACTING, _("处置中")
        CLOSED = rules.Status.CLOSED, _("已关闭")

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="warnings",
        verbose_name=_("法院"),
        help_text=_("预警所属的法院。"),
    )
    rule = models.ForeignKey(
        WarningRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="warnings",
        verbose_name=_("触发规则"), help_text=_("触发预警的规则；人工登记的预警为空。"),
    )  # fmt: skip
    kind = models.CharField(
        _("类型"),
        max_length=16,
        choices=Kind.choices,
        help_text=_("预警类型：群体性纠纷、立案吹哨、统计热点或突发事件。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        help_text=_("处置状态：新预警、会商研判中、处置中或已关闭。"),
    )
    subject_key = models.CharField(
        _("预警对象"), max_length=160,
        help_text=_("同一对象（被申请人、区域×案由×周）在未关闭前只保留一条预警，新增记录并入其中。"),
    )  # fmt: skip
    title = models.CharField(_("标题"), max_length=160, help_text=_("预警标题，概括涉及的纠纷。"))
    area = models.ForeignKey(
        "network.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("区域"), help_text=_("预警所涉的行政区划。"),
    )  # fmt: skip
    tribunal = models.ForeignKey(
        "network.Tribunal", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("人民法庭"), help_text=_("负责处置的人民法庭。"),
    )  # fmt: skip
    service_point = models.ForeignKey(
        "network.ServicePoint", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("服务点"), help_text=_("预警所涉的服务点。"),
    )  # fmt: skip
    category = models.CharField(
        _("案由类别"), max_length=60, blank=True, help_text=_("预警所涉的案由类别。")
    )
    window_start = models.DateField(_("统计起日"), help_text=_("统计窗口的第一日（含）。"))
    window_end = models.DateField(_("统计止日"), help_text=_("统计窗口的最后一日（含）。"))
    observed = models.PositiveIntegerField(_("观察数"), help_text=_("窗口内计入的件数或人数。"))
    expected = models.FloatField(_("期望数"), null=True, blank=True, help_text=_("基线期望件数。"))
    p_value = models.FloatField(
        _("p 值"),
        null=True,
        blank=True,
        help_text=_("统计热点检验的 p 值（0–1）；越小越显著，其他类型为空。"),
    )
    explanation = models.TextField(_("预警说明"), help_text=_("计了什么、窗口、区域、期望水平。"))
    evidence = models.JSONField(
        _("计入记录"), default=list, blank=True,
        help_text=_("计入的纠纷与立案申请，如 {\"type\": \"dispute\", \"id\": 12}。"),
    )  # fmt: skip
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("报告人"), help_text=_("突发事件的报告人；系统检测为空。"),
    )  # fmt: skip
    closed_at = models.DateTimeField(
        _("关闭时间"), null=True, blank=True, help_text=_("预警关闭的时间。")
    )
    closing_note = models.TextField(
        _("关闭说明"), blank=True, help_text=_("关闭预警时的处置结果说明。")
    )

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
        EarlyWarning,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("预警"),
        help_text=_("会商研判的预警。"),
    )
    held_at = models.DateTimeField(_("会商时间"), help_text=_("会商的时间。"))
    participants = models.JSONField(
        _("参加人员"), default=list,
        help_text=_("[{\"name\": 姓名, \"unit\": court|township|police|justice_office|other}]"),
    )  # fmt: skip
    notes = models.TextField(_("研判意见"), help_text=_("研判意见。"))
    decisions = models.TextField(_("会商决定"), blank=True, help_text=_("会商作出的决定。"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"), help_text=_("登记会商的用户。"),
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
        EarlyWarning,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("预警"),
        help_text=_("处置措施所针对的预警。"),
    )
    kind = models.CharField(
        _("措施类型"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("措施类型：联合调解、司法建议或其他措施。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_("措施状态：进行中、待回复、已回复或已完成。"),
    )
    description = models.TextField(_("内容"), help_text=_("措施内容；司法建议为建议书的要点。"))
    department = models.CharField(
        _("建议对象"), max_length=80, blank=True, help_text=_("司法建议的受文单位。")
    )
    document_id = models.PositiveBigIntegerField(
        _("文书"), null=True, blank=True, help_text=_("生成的司法建议书（documents 应用）。")
    )
    reply_due_on = models.DateField(
        _("回复期限"),
        null=True,
        blank=True,
        help_text=_("被建议单位应回复的期限（晚于登记日）。"),
    )
    replied_on = models.DateField(
        _("回复日期"), null=True, blank=True, help_text=_("收到回复的日期。")
    )
    reply = models.TextField(_("回复内容"), blank=True, help_text=_("被建议单位的回复内容。"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"), help_text=_("登记措施的用户。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("处置措施")
        verbose_name_plural = _("处置措施")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.warning} {self.get_kind_display()}"


class WeeklyTally(FatingModel):
    """Weekly counts per court × township × category × source, kept incrementally as records are
    scanned; the history behind hotspot and 立案吹哨 baselines (no rescans of raw tables)."""

    class Source(models.TextChoices):
        DISPUTE = "dispute", _("纠纷")
        FILING = "filing", _("立案申请")

    court = models.ForeignKey(
        "network.Court", on_delete=models.CASCADE, related_name="+", help_text=_("计数所属的法院。")
    )
    township = models.ForeignKey(
        "network.Area",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("计数所属的镇街。"),
    )
    category = models.CharField(_("案由"), max_length=60, help_text=_("计数的案由类别。"))
    source = models.CharField(
        _("来源"), max_length=8, choices=Source.choices, help_text=_("计数来源：纠纷或立案申请。")
    )
    week = models.DateField(_("周一"), help_text=_("该周的星期一。"))
    count = models.PositiveIntegerField(
        _("件数"), default=0, help_text=_("该周该镇街该类别的件数（件），用于统计热点检验。")
    )

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


class ScanMark(FatingModel):
    """A record already counted by detection (so the task is idempotent and backfills resume)."""

    source = models.CharField(
        max_length=8,
        choices=WeeklyTally.Source.choices,
        help_text=_("已扫描记录的来源：纠纷或立案申请。"),
    )
    source_id = models.PositiveBigIntegerField(
        help_text=_("已扫描记录的主键；同一记录只扫描一次。")
    )
    scanned_at = models.DateTimeField(auto_now_add=True, help_text=_("扫描的时间。"))

    class Meta:
        verbose_name = _("已检测记录")
        verbose_name_plural = _("已检测记录")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="scan_mark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source}#{self.source_id}"


GROUP_KEY_LENGTH = 120  # names are at most 100 characters; NFKC may lengthen a few


class GroupingMark(FatingModel):
    """A scanned dispute's normalised project, employer or housing-estate key, written once with
    its ScanMark. Mass-dispute counting by these keys reads this narrow indexed table instead of
    re-reading (and re-normalising) the disputes of the window."""

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("分组记录所属的法院。"),
    )
    key_kind = models.CharField(
        _("分组依据"), max_length=10,
        choices=[(k, v) for k, v in rules.GROUP_KEYS.items() if k != "respondent"], help_text=_("分组依据：项目、用工单位或小区。"),
    )  # fmt: skip
    key = models.CharField(
        _("归一名称"),
        max_length=GROUP_KEY_LENGTH,
        help_text=_("归一化后的名称（warnings.rules.group_key），用于群体性纠纷计数。"),
    )
    name = models.CharField(_("原始名称"), max_length=100, help_text=_("记录中的原始名称。"))
    source = models.CharField(
        _("来源"),
        max_length=8,
        choices=WeeklyTally.Source.choices,
        help_text=_("记录来源：纠纷或立案申请。"),
    )
    source_id = models.PositiveBigIntegerField(help_text=_("来源记录的主键。"))
    reference = models.CharField(
        _("编号"), max_length=40, help_text=_("来源记录的编号，向用户展示。")
    )
    day = models.DateField(_("日期"), help_text=_("来源记录的上报或提交日期，用于时间窗口计数。"))

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
