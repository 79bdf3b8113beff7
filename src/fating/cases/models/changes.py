"""Changes after acceptance that move the fee: claim changes, counterclaims, and the fee
adjustments they (and procedure changes) cause; 速裁 teams; verified small-claims wage figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel


class FeeAdjustment(TimeStampedModel):
    """The acceptance fee recomputed after acceptance through cases.rules.fees, from scratch each
    time so halving is applied once only (解释 第206条). A positive difference is paid on top
    (补交: 解释 第199条; 办法 第21条(一)), a negative one is returned at closure (办法 第21条(二)、
    第53条)."""

    class Source(models.TextChoices):
        PROCEDURE_CHANGE = "procedure_change", _("程序转换")
        CLAIM_CHANGE = "claim_change", _("变更诉讼请求")

    class Kind(models.TextChoices):
        SUPPLEMENT = "supplement", _("补交")
        REFUND = "refund", _("结案时退还")
        NONE = "none", _("无变化")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="fee_adjustments",
        verbose_name=_("案件"),
    )
    source = models.CharField(_("原因"), max_length=20, choices=Source.choices)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    fee_before = models.DecimalField(_("原受理费"), max_digits=14, decimal_places=2)
    fee_after = models.DecimalField(_("新受理费"), max_digits=14, decimal_places=2)
    difference = models.DecimalField(
        _("差额"), max_digits=14, decimal_places=2, help_text=_("正数补交，负数结案时退还。")
    )
    due_on = models.DateField(
        _("补交期限"), null=True, blank=True, help_text=_("接到通知次日起7日内（解释 第199条）。")
    )
    explanation = models.CharField(_("说明"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )

    class Meta:
        verbose_name = _("受理费调整")
        verbose_name_plural = _("受理费调整")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()} {self.difference}"


class ClaimChange(TimeStampedModel):
    """The plaintiff increases or decreases the claimed amount (办法 第21条). A decrease after
    the end of 法庭调查 does not lower the fee: that part is borne by the party (第35条)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="claim_changes", verbose_name=_("案件")
    )
    previous_amount = models.DecimalField(
        _("原请求金额"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    new_amount = models.DecimalField(_("变更后请求金额"), max_digits=14, decimal_places=2)
    reasons = models.TextField(_("变更理由"))
    after_investigation = models.BooleanField(
        _("法庭调查终结后提出"), default=False, help_text=_("办法 第35条。")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    adjustment = models.OneToOneField(
        FeeAdjustment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_change",
        verbose_name=_("受理费调整"),
    )

    class Meta:
        verbose_name = _("诉讼请求变更")
        verbose_name_plural = _("诉讼请求变更")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.previous_amount}→{self.new_amount}"


class Counterclaim(TimeStampedModel):
    """反诉 by a defendant. Tried together it is charged on its own amount, halved (办法 第18条;
    once only, 解释 第206条), prepaid by the counterclaimant within 7 days (第22条); not tried
    together it is a separate suit filed and charged on its own."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="counterclaims", verbose_name=_("案件")
    )
    counterclaimant = models.CharField(_("反诉人"), max_length=100)
    claims = models.TextField(_("反诉请求"))
    amount = models.DecimalField(
        _("反诉金额"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    tried_together = models.BooleanField(_("合并审理"), default=True)
    fee = models.DecimalField(_("反诉受理费"), max_digits=14, decimal_places=2, default=0)
    fee_breakdown = models.JSONField(_("计算明细"), default=dict, blank=True)
    fee_due_on = models.DateField(
        _("交费期限"), null=True, blank=True, help_text=_("提起反诉次日起7日内（办法 第22条）。")
    )
    paid_at = models.DateTimeField(
        _("交清时间"), null=True, blank=True, help_text=_("反诉受理费交清时由支付回调记录。")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )

    class Meta:
        verbose_name = _("反诉")
        verbose_name_plural = _("反诉")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.case} 反诉 #{self.pk}"


class SpeedyTrialTeam(TimeStampedModel):
    """速裁团队 (繁简分流): judges of a court or tribunal who take small-claims and simple cases."""

    court = models.ForeignKey(
        "network.Court", on_delete=models.CASCADE, related_name="+", verbose_name=_("法院")
    )
    tribunal = models.ForeignKey(
        "network.Tribunal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("人民法庭"),
        help_text=_("为空时为院本部的速裁团队。"),
    )
    name = models.CharField(_("名称"), max_length=60)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="speedy_teams", verbose_name=_("成员法官")
    )
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("速裁团队")
        verbose_name_plural = _("速裁团队")
        ordering = ["court", "pk"]

    def __str__(self) -> str:
        return self.name


class WageFigure(TimeStampedModel):
    """An official 上年度就业人员年平均工资 and small-claims limits loaded by a court
    administrator from the high court's notice (CPL 第165条; 解释 第272条). Overrides the
    estimated figures in rules/data/average-wages.json for the same province and date."""

    province = models.CharField(_("省份"), max_length=4, help_text=_("省级简称，如“鲁”。"))
    wage_year = models.PositiveSmallIntegerField(_("工资年度"))
    average_wage = models.DecimalField(_("年平均工资"), max_digits=12, decimal_places=2)
    small_claims_limit = models.DecimalField(
        _("小额诉讼标的限额"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    agreed_limit = models.DecimalField(
        _("约定适用限额"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    effective_from = models.DateField(_("起用日期"))
    source = models.CharField(_("来源文件"), max_length=300)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("载入人"),
    )

    class Meta:
        verbose_name = _("小额诉讼工资标准")
        verbose_name_plural = _("小额诉讼工资标准")
        ordering = ["province", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "effective_from"], name="wage_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.wage_year}"
