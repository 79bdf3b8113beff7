"""Mediation agreements, their signatures and instalments, and judicial confirmation (part of
`disputes.models`, which imports this module last and re-exports its models; other models are
named by label here so that the two modules do not import each other)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.disputes import rules


class Agreement(TimeStampedModel):
    """A mediation agreement (调解协议). Contents per 人民调解法 第29条; it takes effect when every
    party and the mediator have signed (第29–30条). States (rules.AGREEMENT)::

        draft -> effective : 签署生效
        effective -> performed : 履行完毕
        effective -> defaulted : 逾期未履行
        defaulted -> performed : 履行完毕
    """

    class Status(models.TextChoices):
        DRAFT = rules.AgreementStatus.DRAFT, _("待签署")
        EFFECTIVE = rules.AgreementStatus.EFFECTIVE, _("已生效")
        PERFORMED = rules.AgreementStatus.PERFORMED, _("履行完毕")
        DEFAULTED = rules.AgreementStatus.DEFAULTED, _("未按期履行")
        VOID = rules.AgreementStatus.VOID, _("已作废")

    dispute = models.ForeignKey(
        "disputes.Dispute",
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("纠纷"),
        help_text=_("协议所化解的纠纷。"),
    )
    facts = models.TextField(
        _("主要事实与争议事项"),
        help_text=_("纠纷的主要事实、争议事项及各方当事人的责任（人民调解法 第29条）。"),
    )
    terms = models.TextField(_("协议内容"), help_text=_("当事人达成的协议条款。"))
    performance = models.CharField(
        _("履行方式与期限"), max_length=300, help_text=_("如“分三期通过银行转账支付”。")
    )
    total_amount = models.DecimalField(
        _("给付总额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("协议约定的给付总额（元）；无金钱给付为空。"),
    )
    deadline = models.DateField(
        _("履行期限"), help_text=_("全部义务履行完毕的期限；有分期的，不早于最后一期。")
    )
    mediator_name = models.CharField(
        _("调解员"), max_length=60, help_text=_("主持调解的调解员姓名，载入协议书。")
    )
    mediator_signed_at = models.DateTimeField(
        _("调解员签名时间"),
        null=True,
        blank=True,
        help_text=_("调解员签名的时间（人民调解法 第29条）。"),
    )
    organisation_name = models.CharField(
        _("调解组织"),
        max_length=100,
        help_text=_("调解组织名称，协议书加盖其印章（人民调解法 第29条）。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("协议状态：待签署、已生效、履行完毕、未按期履行或已作废。"),
    )
    effective_at = models.DateTimeField(
        _("生效时间"),
        null=True,
        blank=True,
        help_text=_("各方当事人签名、调解员签名并加盖印章后协议生效的时间（人民调解法 第29条）。"),
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起草人"),
        help_text=_("起草协议的用户。"),
    )

    class Meta:
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.dispute.reference} 调解协议"


class AgreementSignature(TimeStampedModel):
    """One party's signature: confirmed online (by SMS code) or signed on paper and uploaded."""

    class Method(models.TextChoices):
        ONLINE = "online", _("线上确认")
        PAPER = "paper", _("纸质签署")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("调解协议"),
        help_text=_("被签署的调解协议。"),
    )
    party = models.ForeignKey(
        "disputes.DisputeParty",
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("当事人"),
        help_text=_("签署协议的当事人。"),
    )
    method = models.CharField(
        _("方式"), max_length=10, choices=Method.choices, help_text=_("线上确认或纸质签署。")
    )
    signed_at = models.DateTimeField(_("签署时间"), help_text=_("当事人签署的时间。"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("登记签署的用户。"),
    )
    paper_sha256 = models.CharField(
        _("纸质文件SHA-256"),
        max_length=64,
        blank=True,
        help_text=_("纸质签署页扫描件的 SHA-256；线上确认为空。"),
    )

    class Meta:
        verbose_name = _("协议签署")
        verbose_name_plural = _("协议签署")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_signature_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.get_method_display()}"


class Instalment(TimeStampedModel):
    """One payment the agreement schedules."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="instalments",
        verbose_name=_("调解协议"),
        help_text=_("分期所属的调解协议。"),
    )
    obligor = models.ForeignKey(
        "disputes.DisputeParty",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("履行义务人"),
        help_text=_("负有本期履行义务的当事人。"),
    )
    due_on = models.DateField(_("履行期限"), help_text=_("本期应履行的最后一日（含）。"))
    amount = models.DecimalField(
        _("金额（元）"), max_digits=14, decimal_places=2, help_text=_("本期应履行的金额（元）。")
    )
    paid_amount = models.DecimalField(
        _("已履行（元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("本期已履行的金额（元）。"),
    )
    paid_on = models.DateField(
        _("履行日期"), null=True, blank=True, help_text=_("本期履行完毕的日期；未履行为空。")
    )

    class Meta:
        verbose_name = _("分期履行")
        verbose_name_plural = _("分期履行")
        ordering = ["agreement", "due_on"]

    def __str__(self) -> str:
        return f"{self.due_on} {self.amount}"


class JudicialConfirmation(TimeStampedModel):
    """Judicial confirmation of a mediation agreement (司法确认, a 民特 case; free of charge).
    States (rules.CONFIRMATION)::

        applied -> accepted : 受理
        accepted -> confirmed : 裁定确认有效
        accepted -> rejected : 裁定驳回申请
    """

    class Status(models.TextChoices):
        APPLIED = rules.ConfirmationStatus.APPLIED, _("已申请")
        ACCEPTED = rules.ConfirmationStatus.ACCEPTED, _("已受理")
        CONFIRMED = rules.ConfirmationStatus.CONFIRMED, _("裁定确认有效")
        REJECTED = rules.ConfirmationStatus.REJECTED, _("裁定驳回申请")
        NOT_ACCEPTED = rules.ConfirmationStatus.NOT_ACCEPTED, _("不予受理")
        WITHDRAWN = rules.ConfirmationStatus.WITHDRAWN, _("撤回申请")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="confirmations",
        verbose_name=_("调解协议"),
        help_text=_("申请确认的调解协议。"),
    )
    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("受理法院"),
        help_text=_("受理司法确认申请的人民法院（民事诉讼法 第205条）。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=14,
        choices=Status.choices,
        default=Status.APPLIED,
        help_text=_("司法确认的状态。"),
    )
    applied_at = models.DateTimeField(
        _("申请时间"),
        help_text=_(
            "双方当事人共同提出申请的时间；应在协议生效之日起 30 日内（民事诉讼法 第205条）。"
        ),
    )
    co_applicants = models.JSONField(
        _("已共同申请的当事人"), default=list, blank=True,
        help_text=_("线上共同申请时已确认的当事人编号；全部当事人确认后申请才算提出。"),
    )  # fmt: skip
    filed = models.BooleanField(
        _("已共同提出"),
        default=False,
        help_text=_("双方（全部）当事人均已申请（民诉法解释 第351条）。"),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提交人"),
        help_text=_("在平台上提交申请的用户。"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="confirmations", verbose_name=_("承办法官"), help_text=_("审查申请的法官（民事诉讼法 第185条，独任审查）。"),
    )  # fmt: skip
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("书记员"), help_text=_("负责记录的书记员。"),
    )  # fmt: skip
    case_number = models.CharField(
        _("案号"), max_length=40, blank=True, help_text=_("民特案件的案号；受理前为空。")
    )
    accepted_on = models.DateField(
        _("受理日期"), null=True, blank=True, help_text=_("法院受理申请的日期。")
    )
    decision_due = models.DateField(
        _("审查期限"),
        null=True,
        blank=True,
        help_text=_("审查期限届满之日：受理后 15 日，可延长 10 日（司法确认规定 第5条）。"),
    )
    decided_at = models.DateTimeField(
        _("裁定时间"), null=True, blank=True, help_text=_("作出裁定的时间。")
    )
    rejection_ground = models.CharField(
        _("驳回理由"), max_length=20, blank=True,
        choices=list(rules.REJECTION_GROUNDS.items()), help_text=_("裁定驳回申请的法定情形（解释 第358条）。"),
    )  # fmt: skip
    reasons = models.TextField(_("理由"), blank=True, help_text=_("裁定或不予受理的理由。"))

    class Meta:
        verbose_name = _("司法确认")
        verbose_name_plural = _("司法确认")
        ordering = ["-applied_at"]

    def __str__(self) -> str:
        return self.case_number or f"{self.agreement} 司法确认申请"
