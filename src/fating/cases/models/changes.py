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
        help_text=_("受理费调整所属的案件。"),
    )
    source = models.CharField(
        _("原因"),
        max_length=20,
        choices=Source.choices,
        help_text=_("调整的原因：程序转换或变更诉讼请求。"),
    )
    kind = models.CharField(
        _("类型"),
        max_length=12,
        choices=Kind.choices,
        help_text=_("补交（7 日内，解释 第199条）、结案时退还（办法 第21、53条）或无变化。"),
    )
    fee_before = models.DecimalField(
        _("原受理费"), max_digits=14, decimal_places=2, help_text=_("调整前的案件受理费（元）。")
    )
    fee_after = models.DecimalField(
        _("新受理费"),
        max_digits=14,
        decimal_places=2,
        help_text=_("按诉讼费用交纳办法重新计算的案件受理费（元）。"),
    )
    difference = models.DecimalField(
        _("差额"), max_digits=14, decimal_places=2, help_text=_("正数补交，负数结案时退还。")
    )
    due_on = models.DateField(
        _("补交期限"), null=True, blank=True, help_text=_("接到通知次日起7日内（解释 第199条）。")
    )
    explanation = models.CharField(
        _("说明"), max_length=300, help_text=_("计算过程与法律依据的文字说明，向当事人展示。")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("登记调整的用户。"),
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
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="claim_changes",
        verbose_name=_("案件"),
        help_text=_("变更诉讼请求所属的案件。"),
    )
    previous_amount = models.DecimalField(
        _("原请求金额"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("变更前的诉讼请求金额（元）。"),
    )
    new_amount = models.DecimalField(
        _("变更后请求金额"),
        max_digits=14,
        decimal_places=2,
        help_text=_(
            "变更后的诉讼请求金额（元）；法庭调查终结后减少的，受理费不变（办法 第35条）。"
        ),
    )
    reasons = models.TextField(_("变更理由"), help_text=_("当事人变更诉讼请求的理由。"))
    after_investigation = models.BooleanField(
        _("法庭调查终结后提出"), default=False, help_text=_("办法 第35条。")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("登记变更的用户。"),
    )
    adjustment = models.OneToOneField(
        FeeAdjustment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_change",
        verbose_name=_("受理费调整"),
        help_text=_("因本次变更产生的受理费调整；受理费无变化时也记录。"),
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
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="counterclaims",
        verbose_name=_("案件"),
        help_text=_("反诉所针对的本诉案件。"),
    )
    counterclaimant = models.CharField(
        _("反诉人"), max_length=100, help_text=_("提出反诉的被告的姓名或名称。")
    )
    claims = models.TextField(_("反诉请求"), help_text=_("反诉请求的内容。"))
    amount = models.DecimalField(
        _("反诉金额"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("反诉请求金额（元）；非财产请求为空。"),
    )
    tried_together = models.BooleanField(
        _("合并审理"),
        default=True,
        help_text=_("是否与本诉合并审理；合并审理的减半交纳（办法 第18条）。"),
    )
    fee = models.DecimalField(
        _("反诉受理费"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("反诉应交的案件受理费（元）。"),
    )
    fee_breakdown = models.JSONField(
        _("计算明细"),
        default=dict,
        blank=True,
        help_text=_("受理费的分段计算明细（机器可读），向当事人展示。"),
    )
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
        help_text=_("登记反诉的用户。"),
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
        "network.Court",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("法院"),
        help_text=_("速裁团队所属的法院。"),
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
    name = models.CharField(
        _("名称"), max_length=60, help_text=_("速裁团队名称，如“第一速裁团队”。")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="speedy_teams", verbose_name=_("成员法官")
    )
    active = models.BooleanField(
        _("启用"), default=True, help_text=_("是否启用；停用的团队不再分案。")
    )

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
    wage_year = models.PositiveSmallIntegerField(
        _("工资年度"), help_text=_("工资数据所属的年度，即上年度（解释 第272条）。")
    )
    average_wage = models.DecimalField(
        _("年平均工资"),
        max_digits=12,
        decimal_places=2,
        help_text=_("省、自治区、直辖市上年度就业人员年平均工资（元）。"),
    )
    small_claims_limit = models.DecimalField(
        _("小额诉讼标的限额"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("小额诉讼标的额上限（元）：年平均工资的 50%（民事诉讼法 第165条第1款）。"),
    )
    agreed_limit = models.DecimalField(
        _("约定适用限额"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "当事人约定适用小额诉讼的标的额上限（元）：年平均工资的 2 倍（民事诉讼法 第165条第2款）。"
        ),
    )
    effective_from = models.DateField(_("起用日期"), help_text=_("法院开始使用该数据的日期。"))
    source = models.CharField(
        _("来源文件"), max_length=300, help_text=_("数据来源文件，如高级人民法院的通知文号。")
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("载入人"),
        help_text=_("载入数据的法院管理员。"),
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
