"""审限 records of a case: extensions, periods excluded from the count, procedure changes.

The due date on Case is derived from these rows by cases.legal.case_time_limit (the pure
rules in cases.rules.time_limits); these rows are the facts, never the arithmetic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel


class TimeLimitExtension(TimeStampedModel):
    """An extension of 审限 asked by the judge and decided by the president (the court
    administrator records it) or, for a further extension, by the higher court (CPL 第152、164、
    168条; 2019 延长审限规定 第1条: ask at least 15 days before expiry). States::

        requested ──approve──▶ approved
                  └─refuse───▶ refused
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("不予批准")

    class Approver(models.TextChoices):
        PRESIDENT = "president", _("本院院长批准")
        HIGHER_COURT = "higher_court", _("上级人民法院批准")
        HIGH_COURT_FILING = "high_court_filing", _("层报高级人民法院备案")

    class Unit(models.TextChoices):
        MONTH = "month", _("月")
        DAY = "day", _("日")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="extensions", verbose_name=_("案件")
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    approver = models.CharField(
        _("审批机关"),
        max_length=20,
        choices=Approver.choices,
        help_text=_("按审限规则确定的下一级审批机关。"),
    )
    amount = models.PositiveSmallIntegerField(_("延长期限"))
    unit = models.CharField(_("单位"), max_length=8, choices=Unit.choices, default=Unit.MONTH)
    reasons = models.TextField(_("申请理由"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
    )
    requested_on = models.DateField(_("申请日期"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_on = models.DateField(_("审批日期"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("延长审限")
        verbose_name_plural = _("延长审限")
        ordering = ["case", "requested_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case} +{self.amount}{self.get_unit_display()}"


class ExcludedPeriod(TimeStampedModel):
    """A period not counted in 审限 (解释 第243条; 2000规定 第9条; 特邀调解规定 第27条; 在线调解规则
    第24条). Spans (start, end] like CPL 第85条; `end` empty while it is still running."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="excluded_periods",
        verbose_name=_("案件"),
    )
    kind = models.CharField(
        _("扣除事由"),
        max_length=32,
        help_text=_("cases.rules.time_limits.EXCLUDED_KINDS 中的一项。"),
    )
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("尚未结束的为空。"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )

    class Meta:
        verbose_name = _("审限扣除期间")
        verbose_name_plural = _("审限扣除期间")
        ordering = ["case", "start", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.start}–{self.end or '…'}"


class ProcedureChange(TimeStampedModel):
    """A ruling converting the procedure (解释 第258、260、278条); 审限 keeps counting from the
    original 立案 date (2000规定 第8条第2款)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="procedure_changes",
        verbose_name=_("案件"),
    )
    from_procedure = models.CharField(_("原程序"), max_length=16)
    to_procedure = models.CharField(_("转换后程序"), max_length=16)
    on = models.DateField(_("裁定日期"))
    before_first_hearing = models.BooleanField(_("首次开庭前"), default=False)
    reasons = models.TextField(_("转换理由"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决定人"),
    )

    class Meta:
        verbose_name = _("程序转换")
        verbose_name_plural = _("程序转换")
        ordering = ["case", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.from_procedure}→{self.to_procedure}"
