"""Property preservation (财产保全) applications, before or during suit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.preservation import rules


class PreservationApplication(TimeStampedModel):
    """An application to preserve the respondent's property (民事诉讼法 第103–106条; 财产保全规定)::

        applied -> awaiting_security : 责令提供担保
        applied -> granted : 裁定保全
        awaiting_security -> granted : 裁定保全
        applied -> refused : 裁定驳回
        awaiting_security -> refused : 裁定驳回
        granted -> released : 解除保全

    In suit it belongs to its case; before suit it is its own matter with a 财保 number.
    """

    class Kind(models.TextChoices):
        IN_SUIT = rules.Kind.IN_SUIT.value, _("诉中财产保全")
        PRE_SUIT = rules.Kind.PRE_SUIT.value, _("诉前财产保全")

    class Status(models.TextChoices):
        APPLIED = rules.State.APPLIED.value, _("待审查")
        AWAITING_SECURITY = rules.State.AWAITING_SECURITY.value, _("待提供担保")
        GRANTED = rules.State.GRANTED.value, _("裁定保全")
        REFUSED = rules.State.REFUSED.value, _("驳回申请")
        RELEASED = rules.State.RELEASED.value, _("已解除保全")

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="preservations",
        verbose_name=_("法院"), help_text=_("受理保全申请的法院。"),
    )  # fmt: skip
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT,
        related_name="preservations", verbose_name=_("案件"),
        help_text=_("诉中保全所属的案件；诉前保全为空。"),
    )  # fmt: skip
    kind = models.CharField(
        _("类型"), max_length=12, choices=Kind.choices,
        help_text=_("诉中（民事诉讼法 第103条）或诉前（第104条）财产保全。"),
    )  # fmt: skip
    number = models.CharField(
        _("案号"), max_length=40, blank=True,
        help_text=_("诉前保全的“财保”案号（案号规定）；诉中保全随本案，不另编号。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.APPLIED,
        help_text=_("申请的审查进度。"),
    )  # fmt: skip
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="preservations",
        verbose_name=_("申请人账号"), help_text=_("提交申请的当事人或代理人。"),
    )  # fmt: skip
    applicant_name = models.CharField(
        _("申请人"), max_length=100, help_text=_("申请保全人的姓名或名称。")
    )
    respondent_name = models.CharField(
        _("被申请人"), max_length=100, help_text=_("被保全财产所有人的姓名或名称。")
    )
    amount = models.DecimalField(
        _("请求保全数额"), max_digits=14, decimal_places=2,
        help_text=_("请求保全的财产数额，单位元；保全限于请求的范围（民事诉讼法 第105条）。"),
    )  # fmt: skip
    property_description = models.TextField(
        _("财产线索"), max_length=2000,
        help_text=_("被保全财产的种类、所在地、开户行等线索。"),
    )  # fmt: skip
    urgent = models.BooleanField(
        _("情况紧急"), default=False,
        help_text=_("情况紧急的，须在四十八小时内裁定（民事诉讼法 第103条第3款）。"),
    )  # fmt: skip
    received_at = models.DateTimeField(
        _("接受申请时间"), help_text=_("法院接受申请的时间，裁定期限由此起算。")
    )
    ruling_due_at = models.DateTimeField(
        _("裁定期限（时）"), null=True, blank=True,
        help_text=_("以小时计算的裁定期限届满时刻（48小时）。"),
    )  # fmt: skip
    ruling_due_on = models.DateField(
        _("裁定期限（日）"), null=True, blank=True,
        help_text=_("以日计算的裁定期限届满日（5日，财产保全规定 第4条）。"),
    )  # fmt: skip
    deadline_basis = models.CharField(
        _("期限依据"), max_length=100, blank=True, help_text=_("裁定期限所依据的条文。")
    )
    security_amount = models.DecimalField(
        _("担保数额"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("法院责令提供的担保数额，单位元（财产保全规定 第5条）。"),
    )  # fmt: skip
    security_given_on = models.DateField(
        _("提供担保日期"), null=True, blank=True, help_text=_("申请人提供担保的日期。")
    )
    fee = models.DecimalField(
        _("申请费"), max_digits=12, decimal_places=2,
        help_text=_("保全申请费，单位元（诉讼费用交纳办法 第14条(二)，最多5000元）。"),
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("裁定法官"), help_text=_("作出裁定的法官。"),
    )  # fmt: skip
    decided_at = models.DateTimeField(
        _("裁定时间"), null=True, blank=True, help_text=_("作出保全或驳回裁定的时间。")
    )
    decision_note = models.CharField(
        _("裁定理由"), max_length=500, blank=True, help_text=_("裁定或解除的简要理由。")
    )
    sue_by = models.DateField(
        _("起诉期限"), null=True, blank=True,
        help_text=_("诉前保全后申请人应当起诉的最后一日（民事诉讼法 第104条第3款，30日）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("财产保全申请")
        verbose_name_plural = _("财产保全申请")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} {self.applicant_name}"
