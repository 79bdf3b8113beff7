"""委托调解: a filed case entrusted to a court-invited mediation organisation or mediator."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.cases.rules.workflow import EntrustmentStatus
from fating.core.models import TimeStampedModel


class Entrustment(TimeStampedModel):
    """The court entrusts an accepted case to an invited organisation (特邀调解规定 第11条).
    States (rules.workflow.ENTRUSTMENT; accepted within 3 working days, 在线调解规则 第12条,
    declined with reasons; after success the case closes by mediation or goes on, 第20条; on
    failure it goes on; on expiry the file returns automatically)::

        offered -> declined : 不予接受
        offered -> lapsed : 逾期未确认
        offered -> mediating : 接受委托
        mediating -> mediating : 延长调解期限
        mediating -> succeeded : 调解成功
        mediating -> failed : 调解不成
        mediating -> returned : 期满退回

    The clock — 15 days ordinary, 7 simple — runs from acceptance (特邀调解规定 第27条; 在线调解规则
    第24条); longer only with every party's consent, and only that extension is left out of 审限
    (立案后延长的调解期限不计入审理期限): `excluded_period` holds it.
    """

    class Status(models.TextChoices):
        OFFERED = EntrustmentStatus.OFFERED, _("待接受")
        DECLINED = EntrustmentStatus.DECLINED, _("不予接受")
        LAPSED = EntrustmentStatus.LAPSED, _("逾期未确认")
        MEDIATING = EntrustmentStatus.MEDIATING, _("调解中")
        SUCCEEDED = EntrustmentStatus.SUCCEEDED, _("调解成功")
        FAILED = EntrustmentStatus.FAILED, _("调解不成")
        RETURNED = EntrustmentStatus.RETURNED, _("期满退回")

    class Kind(models.TextChoices):
        ORDINARY = "post_filing_ordinary", _("委托调解（普通程序，15日）")
        SIMPLE = "post_filing_simple", _("委托调解（简易程序，7日）")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="entrustments",
        verbose_name=_("案件"),
        help_text=_("委托调解的案件。"),
    )
    organisation = models.ForeignKey(
        "network.MediationOrganisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("特邀调解组织"),
        help_text=_("接受委托的特邀调解组织。"),
    )
    mediator = models.ForeignKey(
        "network.Mediator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("特邀调解员"),
        help_text=_("承办的特邀调解员；由组织指定时可为空。"),
    )
    kind = models.CharField(
        _("期限类别"),
        max_length=24,
        choices=Kind.choices,
        help_text=_("调解期限类别：普通程序 15 日，简易程序 7 日（特邀调解规定 第27条）。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.OFFERED,
        help_text=_("委托调解的状态。"),
    )
    entrusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("委托人"),
        help_text=_("作出委托的法官。"),
    )
    entrusted_at = models.DateTimeField(_("委托时间"), help_text=_("法院作出委托的时间。"))
    respond_by = models.DateField(
        _("确认期限"), help_text=_("收到委托后三个工作日内确认（在线调解规则 第12条）。")
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("接受人"),
        help_text=_("代表调解组织接受委托的用户。"),
    )
    accepted_at = models.DateTimeField(
        _("接受时间"),
        null=True,
        blank=True,
        help_text=_("接受委托的时间；调解期限自此起算（在线调解规则 第24条）。"),
    )
    decline_reasons = models.TextField(
        _("不予接受理由"), blank=True, help_text=_("不予接受委托的理由。")
    )
    extension_days = models.PositiveSmallIntegerField(
        _("经同意延长天数"),
        default=0,
        help_text=_("经各方当事人同意延长的天数（日），不计入审限（特邀调解规定 第27条）。"),
    )
    consent_note = models.TextField(
        _("当事人同意记录"), blank=True, help_text=_("各方当事人同意延长调解期限的记录。")
    )
    due_at = models.DateTimeField(
        _("调解期限届满"),
        null=True,
        blank=True,
        help_text=_("调解期限届满的时间，含经同意的延长。"),
    )
    reminders_sent = models.JSONField(
        _("已发送提醒"),
        default=list,
        blank=True,
        help_text=_("已发送的到期提醒的标识列表，防止重复提醒。"),
    )
    ended_at = models.DateTimeField(
        _("结束时间"), null=True, blank=True, help_text=_("委托调解结束的时间；未结束为空。")
    )
    outcome_note = models.TextField(
        _("调解结果说明"),
        blank=True,
        help_text=_(
            "调解结果的说明；调解成功的，由法院出具调解书或准许撤诉（特邀调解规定 第20条）。"
        ),
    )
    excluded_period = models.OneToOneField(
        "cases.ExcludedPeriod",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entrustment",
        verbose_name=_("不计入审限的延长期间"),
        help_text=_("经同意延长的调解期间，登记为不计入审限的期间。"),
    )

    class Meta:
        verbose_name = _("委托调解")
        verbose_name_plural = _("委托调解")
        ordering = ["-entrusted_at"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.case} → {self.organisation}"
