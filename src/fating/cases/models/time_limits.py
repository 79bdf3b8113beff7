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
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("案件"),
        help_text=_("申请延长审限的案件。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.REQUESTED,
        help_text=_("审批状态：待审批、已批准或不予批准。"),
    )
    approver = models.CharField(
        _("审批机关"),
        max_length=20,
        choices=Approver.choices,
        help_text=_("按审限规则确定的下一级审批机关。"),
    )
    amount = models.PositiveSmallIntegerField(
        _("延长期限"),
        help_text=_(
            "申请延长的期限数值，单位见“单位”；普通程序经院长批准可延长 6 个月（民事诉讼法 第152条）。"
        ),
    )
    unit = models.CharField(
        _("单位"),
        max_length=8,
        choices=Unit.choices,
        default=Unit.MONTH,
        help_text=_("延长期限的单位：月或日。"),
    )
    reasons = models.TextField(
        _("申请理由"), help_text=_("申请延长的理由（延长审限和延期开庭规定 第1条）。")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
        help_text=_("提出申请的承办法官。"),
    )
    requested_on = models.DateField(
        _("申请日期"), help_text=_("提出申请的日期；应在审限届满前提出。")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审批人"),
        help_text=_("审批人（院长或其授权的人员）。"),
    )
    decided_on = models.DateField(
        _("审批日期"), null=True, blank=True, help_text=_("作出审批的日期。")
    )
    decision_note = models.TextField(_("审批意见"), blank=True, help_text=_("审批意见。"))

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
        help_text=_("期间所属的案件。"),
    )
    kind = models.CharField(
        _("扣除事由"),
        max_length=32,
        help_text=_("cases.rules.time_limits.EXCLUDED_KINDS 中的一项。"),
    )
    start = models.DateField(
        _("开始日期"),
        help_text=_("不计入审限期间的开始日期（含），如公告、鉴定、和解期间（解释 第243条）。"),
    )
    end = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("尚未结束的为空。"))
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("期间的事由说明。"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
        help_text=_("登记期间的用户。"),
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
        help_text=_("转换程序的案件。"),
    )
    from_procedure = models.CharField(_("原程序"), max_length=16, help_text=_("转换前的审理程序。"))
    to_procedure = models.CharField(
        _("转换后程序"),
        max_length=16,
        help_text=_("转换后的审理程序；审限自立案之日起连续计算（解释 第258条）。"),
    )
    on = models.DateField(_("裁定日期"), help_text=_("作出转换裁定的日期。"))
    before_first_hearing = models.BooleanField(
        _("首次开庭前"), default=False, help_text=_("转换是否在首次开庭前作出。")
    )
    reasons = models.TextField(
        _("转换理由"), help_text=_("转换程序的理由（民事诉讼法 第170条；解释 第278条）。")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决定人"),
        help_text=_("作出转换决定的审判人员。"),
    )

    class Meta:
        verbose_name = _("程序转换")
        verbose_name_plural = _("程序转换")
        ordering = ["case", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.from_procedure}→{self.to_procedure}"
