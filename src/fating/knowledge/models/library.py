"""The legal library: statutes article by article, typical cases, and the search-index stamp."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel, TimeStampedModel
from fating.knowledge.rules import TOPICS


class Law(TimeStampedModel):
    """One version of a statute or judicial interpretation, imported from one Markdown file.

    A new version date is a new row; older versions and their articles stay, and `is_current`
    marks the latest version of each title (民事诉讼法 2021 and 2023 are both kept).
    """

    title = models.CharField(
        _("名称"), max_length=200, help_text=_("法律全称，如“中华人民共和国民法典”。")
    )
    subtitle = models.CharField(
        _("分编"),
        max_length=60,
        blank=True,
        help_text=_("一部法律分文件收录时的编名，如民法典“合同编”。"),
    )
    category = models.CharField(
        _("类别"),
        max_length=60,
        help_text=_("资料包中的分类目录，如“司法解释”“民法典”“社会法”。"),
    )
    version_date = models.DateField(
        _("版本日期"),
        null=True,
        blank=True,
        help_text=_("文件名中的日期；没有时取施行日期或最后修正日期。"),
    )
    source_path = models.CharField(
        _("来源路径"),
        max_length=300,
        help_text=_("资料包中的相对路径（与 LawRefBook/Laws 一致）。"),
    )
    checksum = models.CharField(
        _("校验和"), max_length=64, help_text=_("文件内容的 SHA-256；未变化的文件重新导入时跳过。")
    )
    header = models.TextField(_("制定信息"), blank=True, help_text=_("通过、修正、施行的记载。"))
    preamble = models.TextField(_("序言"), blank=True, help_text=_("第一条之前的文字。"))
    is_current = models.BooleanField(
        _("现行版本"), default=True, help_text=_("同名法律中版本日期最新的一版。")
    )

    class Meta:
        verbose_name = _("法律法规")
        verbose_name_plural = _("法律法规")
        ordering = ["category", "title", "subtitle", "-version_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_path", "version_date"], name="law_unique_version"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.title}·{self.subtitle}" if self.subtitle else self.title

    @property
    def short_name(self) -> str:
        """The name without 中华人民共和国, as lawyers cite it (民法典, 民事诉讼法)."""
        name = self.title.removeprefix("中华人民共和国")
        return f"{name}·{self.subtitle}" if self.subtitle else name


class Article(FatingModel):
    """One article (条) of a law version, with where it sits (编/分编/章/节)."""

    law = models.ForeignKey(
        Law,
        on_delete=models.CASCADE,
        related_name="articles",
        verbose_name=_("法律"),
        help_text=_("条文所属的法律或司法解释。"),
    )
    position = models.PositiveIntegerField(_("顺序"), help_text=_("在文件中的顺序，从 1 开始。"))
    number = models.PositiveIntegerField(_("条号"), help_text=_("条文序号，如 667。"))
    label = models.CharField(_("条文"), max_length=20, help_text=_("如“第六百六十七条”。"))
    book = models.CharField(
        _("编"),
        max_length=80,
        blank=True,
        help_text=_("条文所在的编，如民法典“第三编 合同”；无编的为空。"),
    )
    part = models.CharField(
        _("分编"), max_length=80, blank=True, help_text=_("条文所在的分编；无分编的为空。")
    )
    chapter = models.CharField(
        _("章"), max_length=80, blank=True, help_text=_("条文所在的章；无章的为空。")
    )
    section = models.CharField(
        _("节"), max_length=80, blank=True, help_text=_("条文所在的节；无节的为空。")
    )
    text = models.TextField(_("条文内容"), help_text=_("条文全文，各款以换行分隔。"))

    class Meta:
        verbose_name = _("法条")
        verbose_name_plural = _("法条")
        ordering = ["law", "position"]
        indexes = [models.Index(fields=["law", "number"])]

    def __str__(self) -> str:
        return f"{self.law.short_name} {self.label}"

    @property
    def heading_path(self) -> str:
        return " · ".join(p for p in (self.book, self.part, self.chapter, self.section) if p)


class TypicalCase(TimeStampedModel):
    """A typical or guiding case in the public library, or a court's own closed case.

    Imported cases are published SPC/ministry typical cases. A court's own case enters only
    anonymised (法释〔2016〕19号 第8–10条; LEGAL-RULES E): `facts` and `body` hold the anonymised
    text, `replacements` the audit list of what was replaced, and a judge's review publishes it.
    """

    class Origin(models.TextChoices):
        LIBRARY = "library", _("典型案例库")
        COURT = "court", _("本院案例")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        PUBLISHED = "published", _("已发布")
        REJECTED = "rejected", _("退回")
        WITHDRAWN = "withdrawn", _("已撤回")

    origin = models.CharField(
        _("来源类型"),
        max_length=10,
        choices=Origin.choices,
        help_text=_("来源：典型案例库导入，或本院提交的案例。"),
    )
    title = models.CharField(
        _("案例名称"), max_length=200, help_text=_("如“高某诉某公司农村土地承包合同案”。")
    )
    headline = models.CharField(
        _("标题"), max_length=200, blank=True, help_text=_("发布时的标题，常概括裁判规则。")
    )
    cause = models.CharField(
        _("案由"), max_length=60, blank=True, help_text=_("如“民间借贷纠纷”。")
    )
    topic = models.CharField(
        _("专题"),
        max_length=20,
        choices=[(t.key, t.label) for t in TOPICS],
        default="other",
        help_text=_("普法专题：土地承包、婚姻家庭、邻里纠纷、换届选举、劳务、物业……"),
    )
    collection = models.CharField(
        _("栏目"), max_length=60, blank=True, help_text=_("资料包中的目录，如“劳动人事”。")
    )
    facts = models.TextField(_("基本案情"), blank=True, help_text=_("基本案情。"))
    holding = models.TextField(_("裁判要旨"), blank=True, help_text=_("裁判要旨。"))
    result = models.TextField(_("裁判结果"), blank=True, help_text=_("裁判结果。"))
    reasoning = models.TextField(_("裁判理由"), blank=True, help_text=_("裁判理由。"))
    significance = models.TextField(_("典型意义"), blank=True, help_text=_("典型意义。"))
    keywords = models.CharField(
        _("关键词"), max_length=200, blank=True, help_text=_("关键词，以空格或顿号分隔，用于检索。")
    )
    body = models.TextField(
        _("全文"), blank=True, help_text=_("整理后的全文（本院案例为脱敏文本）。")
    )
    source = models.CharField(
        _("出处"),
        max_length=200,
        blank=True,
        help_text=_("发布机关与日期，如“最高人民法院发布 2022-03-15”。"),
    )
    source_path = models.CharField(
        _("来源路径"), max_length=300, blank=True, help_text=_("资料包中的相对路径；本院案例为空。")
    )
    checksum = models.CharField(
        _("校验和"),
        max_length=64,
        blank=True,
        help_text=_("导入内容的校验和，用于判断来源是否更新。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text=_("审核状态：待审核、已发布、退回或已撤回。"),
    )
    court = models.ForeignKey(
        "network.Court",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_cases",
        verbose_name=_("法院"),
        help_text=_("发布本院案例的法院；案例库案例为空。"),
    )
    replacements = models.JSONField(
        _("脱敏记录"),
        default=list,
        blank=True,
        help_text=_("每处替换的类型、原文位置、替换结果与依据条文，供审核与审计。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提交人"),
        help_text=_("提交案例的用户；导入的案例为空。"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核法官"),
        help_text=_("审核案例的法官。"),
    )
    reviewed_at = models.DateTimeField(
        _("审核时间"), null=True, blank=True, help_text=_("审核的时间。")
    )
    review_note = models.TextField(_("审核意见"), blank=True, help_text=_("审核意见，退回时填写。"))

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
        ordering = ["topic", "title"]
        indexes = [models.Index(fields=["status", "topic"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_path"],
                condition=~models.Q(source_path=""),
                name="typicalcase_unique_source",
            )
        ]

    def __str__(self) -> str:
        return self.title


class LibraryStamp(FatingModel):
    """One row whose version changes whenever searchable data changes (import, publication).

    Each process keeps its search index in memory and rebuilds it when the stamp it built from
    is no longer the one stored here, so every process sees new data after one query.
    """

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=1, help_text=_("单行表的固定主键，恒为 1。")
    )
    version = models.PositiveBigIntegerField(
        _("版本"), default=0, help_text=_("法律库内容的版本号，每次导入后递增，用于缓存失效。")
    )
    token = models.CharField(
        _("版本标识"),
        max_length=32,
        blank=True,
        help_text=_("每次变更随机生成；数据库重建后版本号相同也能识别。"),
    )

    class Meta:
        verbose_name = _("检索索引版本")
        verbose_name_plural = _("检索索引版本")

    def __str__(self) -> str:
        return f"library v{self.version}"
