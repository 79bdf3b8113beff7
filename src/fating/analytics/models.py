"""Roll-up tables behind the governance dashboard (一屏尽览). DESIGN.md §2 item 11.

`DailyCell` holds daily counts per court × tribunal × township × village × service point ×
category × measure × state; `Contribution` remembers which cell each source record currently
counts in, so a status change moves exactly one unit from the old cell to the new one.

The dashboard never needs the cause or the tribunal, and a daily cell with them is almost as
fine-grained as the raw rows (at a million events the two are close in size). So every change
to a `DailyCell` is also applied to two coarser tables without those columns: `DayTotal` (per
day) and `MonthTotal` (per calendar month), each at three grains of place (`Grain`). A period
is read as its whole months from `MonthTotal` plus the days at either edge from `DayTotal`, at
the coarsest grain the view needs, which keeps the rows scanned per request bounded by places ×
states × months, not by events. A property test checks all three
always equal a full recomputation from the raw tables (analytics.rollup.recompute).

Place ids are plain integers with 0 for “unknown” (not nullable foreign keys) so that the cell
key is unique in SQL and the roll-up stays cheap to join and group.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel


class Measure(models.TextChoices):
    DISPUTE = "dispute", _("纠纷（按上报日）")
    FILING = "filing", _("立案申请（按提交日）")
    CASE = "case", _("案件（按立案日）")
    CONFIRMATION = "confirmation", _("司法确认（按申请日）")
    # The same case counted again on its 结案 date, so that cases carried over from before the
    # period (旧存) count in the period they close in (结案率, 审限内结案率, 调撤率).
    CLOSURE = "closure", _("结案（按结案日）")


KEY_FIELDS = ("court_id", "tribunal_id", "township_id", "village_id", "service_point_id",
              "category", "measure", "state", "detail", "flag", "day")  # fmt: skip


class _Key(FatingModel):
    court_id = models.PositiveIntegerField(
        _("法院"), help_text=_("所属法院的主键（不设外键，便于批量汇总）。")
    )
    tribunal_id = models.PositiveIntegerField(_("人民法庭"), default=0, help_text=_("0 表示未知。"))
    township_id = models.PositiveIntegerField(_("镇街"), default=0, help_text=_("0 表示未知。"))
    village_id = models.PositiveIntegerField(_("村居"), default=0, help_text=_("0 表示未知。"))
    service_point_id = models.PositiveIntegerField(
        _("服务点"), default=0, help_text=_("0 表示无。")
    )
    category = models.CharField(_("案由"), max_length=60, help_text=_("案由类别。"))
    measure = models.CharField(
        _("计量对象"),
        max_length=12,
        choices=Measure.choices,
        help_text=_(
            "计量对象及其计日口径：纠纷按上报日、立案申请按提交日、案件按立案日、司法确认按申请日、"
            "结案按结案日。"
        ),
    )
    state = models.CharField(
        _("状态"), max_length=24,
        help_text=_("纠纷状态；立案申请状态；案件结案方式（审理中为 open）；司法确认状态。"),
    )  # fmt: skip
    detail = models.CharField(
        _("细分"), max_length=12, blank=True,
        help_text=_("纠纷：达成协议的层级；立案申请与案件：类型代字（如“民初”）。"),
    )  # fmt: skip
    flag = models.CharField(
        _("标记"), max_length=8, blank=True,
        help_text=_(
            "案件与结案：审限内结案 1 / 超审限 0；立案申请：联络员协助 assisted；"
            "纠纷：进入过村居先调、部门联动或委派调解的记为 tier。"
        ),
    )  # fmt: skip
    day = models.DateField(
        _("日期"), help_text=_("上报、提交、立案、申请或结案的日期（本地时区）。")
    )

    class Meta:
        abstract = True


class DailyCell(_Key):
    """One roll-up cell: how many records, covering how many people, with how many handling days."""

    count = models.IntegerField(_("件数"), default=0, help_text=_("该单元的件数（件）。"))
    people = models.IntegerField(_("涉及人数"), default=0, help_text=_("用于小单元格隐私保护。"))
    days = models.IntegerField(
        _("办理天数合计"), default=0, help_text=_("已结案件立案至结案天数之和。")
    )

    class Meta:
        verbose_name = _("日汇总单元")
        verbose_name_plural = _("日汇总单元")
        constraints = [models.UniqueConstraint(fields=list(KEY_FIELDS), name="daily_cell_key")]
        indexes = [
            models.Index(fields=["court_id", "day"]),
            models.Index(fields=["court_id", "measure", "day"]),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.state} {self.day} {self.count}"


TOTAL_KEY_FIELDS = ("grain", "court_id", "township_id", "village_id", "service_point_id",
                    "measure", "state", "detail", "flag")  # fmt: skip


class Grain(models.TextChoices):
    """How finely a total keeps the place. Each change is counted once in every grain, so a
    county-wide view reads the township grain (a dozen places) instead of every village."""

    PLACE = "place", _("村居与服务点")
    TOWNSHIP = "township", _("镇街")
    POINT = "point", _("服务点（活跃度）")


class _Total(FatingModel):
    """`DailyCell`'s key without the cause and the tribunal, at one grain, with the same values:
    `place` keeps township, village and service point; `township` keeps the township only
    (village and point 0); `point` keeps township and service point with measure and flag only
    (state and detail blank), for records made through a service point."""

    grain = models.CharField(
        _("粒度"),
        max_length=8,
        choices=Grain.choices,
        help_text=_("地点粒度：村居与服务点、镇街，或服务点活跃度。"),
    )
    court_id = models.PositiveIntegerField(_("法院"), help_text=_("所属法院的主键。"))
    township_id = models.PositiveIntegerField(
        _("镇街"), default=0, help_text=_("所属镇街的主键；0 表示未知。")
    )
    village_id = models.PositiveIntegerField(
        _("村居"), default=0, help_text=_("所属村居的主键；镇街粒度为 0。")
    )
    service_point_id = models.PositiveIntegerField(
        _("服务点"), default=0, help_text=_("所属服务点的主键；0 表示无，镇街粒度为 0。")
    )
    measure = models.CharField(
        _("计量对象"), max_length=12, choices=Measure.choices, help_text=_("计量对象及其计日口径。")
    )
    state = models.CharField(
        _("状态"),
        max_length=24,
        help_text=_(
            "同 DailyCell：纠纷状态、立案申请状态、案件结案方式或司法确认状态；服务点粒度为空。"
        ),
    )
    detail = models.CharField(
        _("细分"),
        max_length=12,
        blank=True,
        help_text=_("同 DailyCell：达成协议的层级或类型代字；服务点粒度为空。"),
    )
    flag = models.CharField(
        _("标记"),
        max_length=8,
        blank=True,
        help_text=_(
            "同 DailyCell：案件与结案审限内结案 1 / 超审限 0；立案申请联络员协助 assisted；"
            "纠纷进入过调解层级 tier。"
        ),
    )
    count = models.IntegerField(_("件数"), default=0, help_text=_("件数（件）。"))
    people = models.IntegerField(_("涉及人数"), default=0, help_text=_("涉及人数（人）合计。"))
    days = models.IntegerField(
        _("办理天数合计"),
        default=0,
        help_text=_("已结案件立案至结案天数（日）之和，除以件数得平均办理天数。"),
    )

    class Meta:
        abstract = True


class DayTotal(_Total):
    day = models.DateField(_("日期"), help_text=_("合计所属的日期。"))

    class Meta:
        verbose_name = _("日合计")
        verbose_name_plural = _("日合计")
        constraints = [
            models.UniqueConstraint(fields=[*TOTAL_KEY_FIELDS, "day"], name="day_total_key")
        ]
        indexes = [models.Index(fields=["court_id", "grain", "day"])]

    def __str__(self) -> str:
        return f"{self.grain} {self.measure} {self.state} {self.day} {self.count}"


class MonthTotal(_Total):
    month = models.DateField(_("月份"), help_text=_("该月第一天。"))

    class Meta:
        verbose_name = _("月合计")
        verbose_name_plural = _("月合计")
        constraints = [
            models.UniqueConstraint(fields=[*TOTAL_KEY_FIELDS, "month"], name="month_total_key")
        ]
        indexes = [models.Index(fields=["court_id", "grain", "month"])]

    def __str__(self) -> str:
        return f"{self.grain} {self.measure} {self.state} {self.month:%Y-%m} {self.count}"


class Contribution(_Key):
    """Where one source record is counted now (its last synced key and values)."""

    source_id = models.PositiveBigIntegerField(
        _("来源记录"), help_text=_("贡献该汇总的来源记录的主键。")
    )
    people = models.IntegerField(default=0, help_text=_("该来源记录计入的涉及人数（人）。"))
    days = models.IntegerField(default=0, help_text=_("该来源记录计入的办理天数（日）。"))

    class Meta:
        verbose_name = _("汇总来源")
        verbose_name_plural = _("汇总来源")
        constraints = [
            models.UniqueConstraint(fields=["measure", "source_id"], name="contribution_source")
        ]

    def __str__(self) -> str:
        return f"{self.measure}#{self.source_id}"


class MonthlyReport(FatingModel):
    """One month's PDF report for one viewpoint (court, optionally an area or a service point),
    rendered in the background. The key is what the reader may see, suppression included, so
    repeated requests for the same month and scope reuse one job and one file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("正在生成")
        READY = "ready", _("已生成")
        FAILED = "failed", _("生成失败")

    court = models.ForeignKey(
        "network.Court", on_delete=models.CASCADE, related_name="monthly_reports",
        verbose_name=_("法院"), help_text=_("月报所属的法院。"),
    )  # fmt: skip
    area_id = models.PositiveIntegerField(
        _("区域"), default=0, help_text=_("限定的镇街或村居的主键；0 表示全院辖区。")
    )
    point_id = models.PositiveIntegerField(
        _("服务点"), default=0, help_text=_("限定的服务点的主键；0 表示不限。")
    )
    month = models.DateField(_("月份"), help_text=_("统计月份的第一天。"))
    suppressed = models.BooleanField(
        _("隐藏小单元格"), help_text=_("是否按综治干部口径将少于 5 人的单元格显示为“<5”。")
    )
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, default=Status.PENDING,
        help_text=_("排队中、正在生成、已生成或生成失败。"),
    )  # fmt: skip
    file = models.FileField(
        _("文件"), upload_to="analytics/reports/", blank=True,
        help_text=_("生成的 PDF；只向能看到该法院（及该口径）数据的人提供下载。"),
    )  # fmt: skip
    error = models.TextField(_("错误"), blank=True, help_text=_("生成失败时的原因。"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("申请人"), help_text=_("首次申请生成的人。"),
    )  # fmt: skip
    requested_at = models.DateTimeField(
        _("申请时间"), auto_now_add=True, help_text=_("首次申请的时间。")
    )
    finished_at = models.DateTimeField(
        _("完成时间"), null=True, blank=True, help_text=_("生成完成或失败的时间。")
    )
    render_seconds = models.FloatField(
        _("生成耗时"), null=True, blank=True, help_text=_("渲染 PDF 所用的秒数。")
    )

    class Meta:
        verbose_name = _("治理分析月报")
        verbose_name_plural = _("治理分析月报")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "area_id", "point_id", "month", "suppressed"],
                name="monthly_report_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.court_id} {self.month:%Y-%m} {self.status}"
