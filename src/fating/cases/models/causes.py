"""Causes of action 案由 as versioned data (民事案件案由规定, LEGAL-RULES §C)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel


class CauseOfAction(TimeStampedModel):
    """One entry of one revision of 民事案件案由规定.

    A code means nothing without its revision: "88" is 探矿权转让合同纠纷 in 2020 and 买卖合同纠纷
    in 2025 (data/causes/README.md). Cases keep the revision in force on their filing date; the
    2025 revision applies to filings from 2026-01-01 (法〔2025〕226号).
    """

    revision = models.CharField(
        _("版本"), max_length=8, help_text=_("案由规定的修订版本，如“2020”“2025”。")
    )
    code = models.CharField(
        _("编码"),
        max_length=16,
        help_text=_("版本内唯一：第一级 P<n>，第二级 G<n>，第三级为官方序号，第四级为“序号.k”。"),
    )
    path = models.CharField(
        _("编码路径"),
        max_length=80,
        help_text=_("从第一级到本级的编码，以“/”分隔，如“P4/G10/88”。"),
    )
    name = models.CharField(_("名称"), max_length=100, help_text=_("案由名称，与规定原文一致。"))
    level = models.PositiveSmallIntegerField(
        _("层级"), help_text=_("1 部分，2 类，3 第三级案由（有官方序号），4 第四级案由。")
    )
    number = models.PositiveIntegerField(
        _("序号"), null=True, blank=True, help_text=_("第三级案由的官方序号；其他层级为空。")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("上级案由"),
        help_text=_("同一版本中的上级；第一级为空。"),
    )
    position = models.PositiveIntegerField(
        _("顺序"), default=0, help_text=_("在规定原文中的顺序，用于按原文排列。")
    )
    valid_from = models.DateField(_("施行日期"), help_text=_("该版本开始适用的日期。"))
    valid_to = models.DateField(
        _("废止日期"),
        null=True,
        blank=True,
        help_text=_("该版本最后适用的日期（含）；现行版本为空。"),
    )

    class Meta:
        verbose_name = _("案由")
        verbose_name_plural = _("案由")
        ordering = ["revision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "code"], name="cause_unique_code")
        ]
        indexes = [models.Index(fields=["revision", "name"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.revision}版）"

    @property
    def selectable(self) -> bool:
        """Filings choose a numbered cause (level 3) or a sub-cause (level 4) — LEGAL-RULES §C."""
        return self.level >= 3

    @staticmethod
    def in_force_on(day: date) -> Q:
        return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
