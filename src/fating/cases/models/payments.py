"""Fee relief (缓减免), payments through a gateway, receipts and refunds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel, TimeStampedModel


class FeeRelief(TimeStampedModel):
    """An application for 司法救助 in fees (诉讼费用交纳办法 第44–51条; LEGAL-RULES A7).

    免交 only for natural persons (第44条); 减交 at least 30% (第46条); 缓交 decided before 立案
    (第49条). Decided by a judge or the court administrator of the competent court; a refusal
    gives reasons in writing (第48条).

        pending ──approve──▶ approved
           └────refuse────▶ refused
    """

    class Kind(models.TextChoices):
        DEFER = "defer", _("缓交")
        REDUCE = "reduce", _("减交")
        EXEMPT = "exempt", _("免交")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("不予批准")

    filing = models.ForeignKey(
        "cases.Filing",
        on_delete=models.CASCADE,
        related_name="fee_reliefs",
        verbose_name=_("立案申请"),
        help_text=_("申请司法救助的立案申请。"),
    )
    kind = models.CharField(
        _("类型"),
        max_length=8,
        choices=Kind.choices,
        help_text=_("缓交、减交或免交诉讼费用（诉讼费用交纳办法 第44–47条）；免交仅限自然人。"),
    )
    grounds = models.TextField(_("理由"), help_text=_("申请理由，如“低保对象，无其他收入”。"))
    reduction_percent = models.PositiveSmallIntegerField(
        _("减交比例（%）"), null=True, blank=True, help_text=_("减交时不低于30%（第46条）。")
    )
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("审批状态：待审批、已批准或不予批准。"),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
        help_text=_("提出申请的用户。"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审批人"),
        help_text=_("作出审批的法院工作人员。"),
    )
    decided_at = models.DateTimeField(
        _("审批时间"),
        null=True,
        blank=True,
        help_text=_("作出审批的时间；缓交应在立案前决定（办法 第49条）。"),
    )
    decision_reasons = models.TextField(
        _("审批意见"),
        blank=True,
        help_text=_("审批意见；不予批准的应书面说明理由（办法 第48条）。"),
    )

    class Meta:
        verbose_name = _("缓减免申请")
        verbose_name_plural = _("缓减免申请")
        ordering = ["filing", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}申请 #{self.pk}"


class Payment(TimeStampedModel):
    """One payment order sent to a gateway. Paid only by a verified callback. An order either
    pays the case's acceptance fee (`counterclaim` empty) or a counterclaim's fee (办法 第18、22条);
    the two are never added together. A fee has at most one open (pending) order: asking again
    returns it, and an order whose amount no longer matches what is due is voided and replaced.
    Money arriving for a voided order or for a fee already paid becomes an Overpayment.

    pending ──verified callback──▶ paid
       └──────superseded────────▶ void
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待支付")
        PAID = "paid", _("已支付")
        FAILED = "failed", _("支付失败")
        VOID = "void", _("已作废")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("案件"),
        help_text=_("交费所属的案件。"),
    )
    counterclaim = models.ForeignKey(
        "cases.Counterclaim",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("反诉"),
        help_text=_("交纳反诉受理费时填写；为空时为本案受理费。"),
    )
    order_id = models.CharField(
        _("订单号"), max_length=40, unique=True, help_text=_("发给支付网关的订单号，全局唯一。")
    )
    gateway = models.CharField(_("支付网关"), max_length=20, help_text=_("如“sandbox”。"))
    amount = models.DecimalField(
        _("金额"), max_digits=14, decimal_places=2, help_text=_("应付金额（元）。")
    )
    purpose = models.CharField(
        _("用途"),
        max_length=40,
        default="案件受理费",
        help_text=_("交费用途，如“案件受理费”“补交受理费”。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=8,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("支付状态：待支付、已支付、支付失败或已作废。"),
    )
    pay_url = models.CharField(
        _("支付地址"), max_length=200, blank=True, help_text=_("支付网关返回的支付页面地址。")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发起人"),
        help_text=_("发起交费订单的用户。"),
    )
    paid_at = models.DateTimeField(
        _("支付时间"), null=True, blank=True, help_text=_("支付网关确认到账的时间；未支付为空。")
    )
    gateway_reference = models.CharField(
        _("网关流水号"), max_length=64, blank=True, help_text=_("支付网关的交易流水号，用于对账。")
    )

    class Meta:
        verbose_name = _("交费")
        verbose_name_plural = _("交费")
        ordering = ["-created_at"]
        constraints = [
            # At most one open order per fee, whatever the race (the service also checks).
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending", counterclaim__isnull=True),
                name="payment_one_open_order_per_case_fee",
            ),
            models.UniqueConstraint(
                fields=["counterclaim"],
                condition=models.Q(status="pending", counterclaim__isnull=False),
                name="payment_one_open_order_per_counterclaim_fee",
            ),
        ]

    def __str__(self) -> str:
        return self.order_id


class PaymentCallback(FatingModel):
    """Every verified callback, unique by order id and nonce, and a paid callback also by the
    gateway's transaction id: a replay (the same body, or the same transaction delivered again)
    finds its row and is ignored, so one payment is counted once."""

    order_id = models.CharField(_("订单号"), max_length=40, help_text=_("回调所指的交费订单号。"))
    nonce = models.CharField(
        _("随机数"),
        max_length=64,
        help_text=_("回调携带的随机数；同一随机数只接受一次，防止重放。"),
    )
    gateway = models.CharField(
        _("支付网关"),
        max_length=20,
        blank=True,
        default="",
        help_text=_("发出回调的支付网关名称。"),
    )
    reference = models.CharField(
        _("网关流水号"),
        max_length=64,
        blank=True,
        default="",
        help_text=_("支付成功回调的网关交易号；同一网关内唯一，同一笔付款重复送达只计一次。"),
    )
    received_at = models.DateTimeField(
        _("接收时间"), auto_now_add=True, help_text=_("收到回调的时间。")
    )
    payload = models.JSONField(
        _("回调内容"), help_text=_("回调的原始内容（已验签），用于对账和核查。")
    )

    class Meta:
        verbose_name = _("支付回调")
        verbose_name_plural = _("支付回调")
        constraints = [
            models.UniqueConstraint(fields=["order_id", "nonce"], name="payment_callback_once"),
            models.UniqueConstraint(
                fields=["gateway", "reference"],
                condition=~models.Q(reference=""),
                name="payment_callback_transaction_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}/{self.nonce}"


class Receipt(TimeStampedModel):
    """The receipt (收据) for a paid order."""

    payment = models.OneToOneField(
        Payment,
        on_delete=models.PROTECT,
        related_name="receipt",
        verbose_name=_("交费"),
        help_text=_("本收据对应的交费（案件受理费等诉讼费用）。"),
    )
    number = models.CharField(
        _("收据号"), max_length=40, unique=True, help_text=_("诉讼费用收据号，全院唯一。")
    )
    amount = models.DecimalField(
        _("金额"),
        max_digits=14,
        decimal_places=2,
        help_text=_("收据金额（元），等于实际到账金额。"),
    )
    payer = models.CharField(_("交款人"), max_length=100, help_text=_("交款人的姓名或名称。"))
    issued_at = models.DateTimeField(_("开具时间"), help_text=_("收据开具的时间。"))

    class Meta:
        verbose_name = _("收据")
        verbose_name_plural = _("收据")

    def __str__(self) -> str:
        return self.number


class Overpayment(TimeStampedModel):
    """Money the gateway confirmed that is not owed: a second payment of an order, a payment of
    a voided order, or a payment arriving when the fee is already paid. It is never counted as
    paid and gets no receipt; the court's finance returns it and a clerk records that.

        pending ──refund recorded──▶ refunded
    """

    class Reason(models.TextChoices):
        ORDER_PAID = "order_paid", _("同一订单重复支付")
        ORDER_VOID = "order_void", _("已作废订单到账")
        FEE_SETTLED = "fee_settled", _("费用已交清后到账")

    class Status(models.TextChoices):
        PENDING = "pending", _("待退还")
        REFUNDED = "refunded", _("已退还")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="overpayments",
        verbose_name=_("案件"),
        help_text=_("多收款项所属的案件。"),
    )
    counterclaim = models.ForeignKey(
        "cases.Counterclaim",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="overpayments",
        verbose_name=_("反诉"),
        help_text=_("多交的是反诉受理费时填写。"),
    )
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        related_name="overpayments",
        verbose_name=_("交费订单"),
        help_text=_("款项到账所对应的订单。"),
    )
    amount = models.DecimalField(
        _("金额"), max_digits=14, decimal_places=2, help_text=_("多收的金额（元）。")
    )
    reason = models.CharField(
        _("原因"),
        max_length=12,
        choices=Reason.choices,
        help_text=_("多收的原因：重复支付、已作废订单到账或费用已交清后到账。"),
    )
    gateway_reference = models.CharField(
        _("网关流水号"), max_length=64, blank=True, help_text=_("这笔多付款项的网关交易号。")
    )
    received_at = models.DateTimeField(_("到账时间"), help_text=_("多收款项到账的时间。"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("待退还或已退还。"),
    )
    refunded_at = models.DateTimeField(
        _("退还登记时间"), null=True, blank=True, help_text=_("登记退还的时间。")
    )
    refund_reference = models.CharField(
        _("退还凭证号"), max_length=64, blank=True, help_text=_("财务退还的凭证号或银行流水号。")
    )
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("退还登记人"),
        help_text=_("登记退还的用户。"),
    )

    class Meta:
        verbose_name = _("多付款项")
        verbose_name_plural = _("多付款项")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.payment} 多付 {self.amount}"


class Refund(TimeStampedModel):
    """Money the court returns at closure: halving for mediation or withdrawal (第15条), a
    dismissal (第8条), or the winner's prepaid fee the loser bears (解释 第207条). Within 15
    days after the document takes effect (第53条)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="refunds",
        verbose_name=_("案件"),
        help_text=_("退费所属的案件。"),
    )
    amount = models.DecimalField(
        _("金额"), max_digits=14, decimal_places=2, help_text=_("退还的金额（元）。")
    )
    reason = models.CharField(
        _("理由"),
        max_length=200,
        help_text=_("退费理由，如调解结案减半、变更诉讼请求减少（办法 第15、21条）。"),
    )
    due_on = models.DateField(_("退费期限"), help_text=_("法律文书生效后15日内（第53条）。"))
    paid_out_at = models.DateTimeField(
        _("退付时间"), null=True, blank=True, help_text=_("登记退付的时间。")
    )
    paid_out_on = models.DateField(
        _("退付日期"),
        null=True,
        blank=True,
        help_text=_("实际退付的日期；应在法律文书生效后 15 日内（办法 第53条）。"),
    )
    paid_out_reference = models.CharField(
        _("退付凭证号"), max_length=64, blank=True, help_text=_("财务退付的凭证号或银行流水号。")
    )
    paid_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("退付登记人"),
        help_text=_("登记退付的用户。"),
    )

    class Meta:
        verbose_name = _("退费")
        verbose_name_plural = _("退费")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.case} 退费 {self.amount}"
