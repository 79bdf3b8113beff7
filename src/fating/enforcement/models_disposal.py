"""The record of a 以物抵债 after a failed auction round, with its terms, the difference the
applicant pays in and the ruling. Imported by models.py. Rules in `rules/disposal.py`; writes in
`services_disposal.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.enforcement.rules.disposal import InKindStatus

MONEY = {"max_digits": 14, "decimal_places": 2}


class InKindSettlement(TimeStampedModel):
    """以物抵债 of the asset of a failed auction round at that round's reserve price (民诉法解释 第490条;
    the ruling transfers ownership when served, 第491条). When the value exceeds the applicant's
    unpaid claim the applicant pays in the difference first (补交差额). States
    (rules.disposal.IN_KIND)::

    awaiting_payment -> completed : 作出以物抵债裁定
    awaiting_payment -> cancelled : 撤销以物抵债
    """

    class Status(models.TextChoices):
        AWAITING_PAYMENT = InKindStatus.AWAITING_PAYMENT, _("待补交差价")
        COMPLETED = InKindStatus.COMPLETED, _("已裁定抵债")
        CANCELLED = InKindStatus.CANCELLED, _("已撤销")

    case = models.ForeignKey("enforcement.EnforcementCase", on_delete=models.PROTECT, related_name="in_kind_settlements", verbose_name=_("执行案件"), help_text=_("以物抵债所属的执行案件。"))  # fmt: skip
    auction = models.ForeignKey("enforcement.Auction", on_delete=models.PROTECT, related_name="in_kind_settlements", verbose_name=_("流拍的拍卖"), help_text=_("据以抵债的流拍拍卖（其保留价即抵债价）。"))  # fmt: skip
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, help_text=_("待补交差价、已裁定抵债或已撤销。"))  # fmt: skip
    value = models.DecimalField(_("抵债价"), **MONEY, help_text=_("流拍那一次拍卖的保留价（元）。"))  # fmt: skip
    claim = models.DecimalField(_("未受清偿债权"), **MONEY, help_text=_("确定抵债条件时申请执行人尚未受偿、且未由法院所存执行款覆盖的债权（元）。"))  # fmt: skip
    credited = models.DecimalField(_("抵偿金额"), **MONEY, help_text=_("以物抵偿的债权（元），为抵债价与未受清偿债权中的较小者。"))  # fmt: skip
    difference = models.DecimalField(_("应补交差价"), **MONEY, help_text=_("抵债价超过未受清偿债权的部分，由申请执行人补交（元）；不超过为0。"))  # fmt: skip
    pay_by = models.DateField(_("补交期限"), null=True, blank=True, help_text=_("法院指定的补交差价的最后一日；无差价为空。"))  # fmt: skip
    payment = models.OneToOneField("enforcement.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("差价款入账"), help_text=_("申请执行人补交差价的执行款台账记录；未补交为空。"))  # fmt: skip
    credit = models.OneToOneField("enforcement.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("抵债记账"), help_text=_("以物抵偿债权的执行款台账记录；裁定前为空。"))  # fmt: skip
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("以物抵债裁定书"), help_text=_("生成的以物抵债裁定书（DOCX/PDF），存入案件卷宗；裁定前为空。"))  # fmt: skip
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("办理法官"), help_text=_("记录申请执行人同意并确定抵债条件的执行法官。"))  # fmt: skip
    completed_on = models.DateField(_("裁定日期"), null=True, blank=True, help_text=_("作出以物抵债裁定的日期；未裁定为空。"))  # fmt: skip
    cancel_reason = models.CharField(_("撤销理由"), max_length=300, blank=True, help_text=_("撤销以物抵债的理由，如逾期未补交差价；未撤销为空。"))  # fmt: skip

    class Meta:
        verbose_name = _("以物抵债")
        verbose_name_plural = _("以物抵债")
        constraints = [
            models.UniqueConstraint(
                fields=["auction"], condition=~models.Q(status="cancelled"),
                name="enforcement_in_kind_once_per_auction",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.auction_id}:{self.status}"
