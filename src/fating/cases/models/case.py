"""Cases 案件: numbering, procedure, judge, fee, time limit and closure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.cases.rules.workflow import CaseStatus
from fating.core.models import FatingModel, TimeStampedModel


class CourtFeeSetting(TimeStampedModel):
    """A court's fee settings. 诉讼费用交纳办法 gives no rounding rule (LEGAL-RULES §0):
    the default is the exact value rounded half-up to the fen."""

    class Rounding(models.TextChoices):
        FEN = "fen", _("四舍五入到分")
        YUAN = "yuan", _("四舍五入到元")

    court = models.OneToOneField(
        "network.Court",
        on_delete=models.CASCADE,
        related_name="fee_setting",
        verbose_name=_("法院"),
        help_text=_("适用本诉讼费设置的基层人民法院，每院一条。"),
    )
    rounding = models.CharField(
        _("取整规则"),
        max_length=8,
        choices=Rounding.choices,
        default=Rounding.FEN,
        help_text=_("诉讼费计算结果的取整方式（办法未作规定，由法院设定）。"),
    )

    class Meta:
        verbose_name = _("诉讼费设置")
        verbose_name_plural = _("诉讼费设置")

    def __str__(self) -> str:
        return f"{self.court} · {self.get_rounding_display()}"


class CaseSequence(FatingModel):
    """The last number given per court × year × type code (案号规定 第9–10条).

    Acceptance locks the row (SELECT … FOR UPDATE) and increments it in the same transaction as
    the case insert, so numbers have no gap (a rolled-back acceptance rolls the number back too)
    and no duplicate under concurrency.
    """

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("法院"),
        help_text=_("编号所属的法院。"),
    )
    year = models.PositiveSmallIntegerField(
        _("收案年度"), help_text=_("收案年度，即案号中的（年度）。")
    )
    type_code = models.CharField(
        _("类型代字"), max_length=8, help_text=_("案件类型代字，如“民初”“民特”（案号规定 第7条）。")
    )
    last_seq = models.PositiveIntegerField(
        _("已用最大编号"), default=0, help_text=_("该法院该年度该类型已用的最大案件编号。")
    )

    class Meta:
        verbose_name = _("案号序列")
        verbose_name_plural = _("案号序列")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "type_code"], name="case_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.court_id} {self.year} {self.type_code} → {self.last_seq}"


class Case(TimeStampedModel):
    """A case accepted from a filing (立案). States (rules.workflow.CASE; closed by judgment,
    mediation, withdrawal, dismissal or transfer)::

        open -> closed : 结案

    Its 案号 comes from CaseSequence; its procedure from triage (繁简分流); its fee from
    cases.rules.calculate_fee with the breakdown stored; its due date (审限) from the time-limit
    rules, counted from the day after 立案.
    """

    class Status(models.TextChoices):
        OPEN = CaseStatus.OPEN, _("审理中")
        CLOSED = CaseStatus.CLOSED, _("已结案")

    class Procedure(models.TextChoices):
        SMALL_CLAIMS = "small_claims", _("小额诉讼程序")
        SIMPLE = "simple", _("简易程序")
        ORDINARY = "ordinary", _("普通程序")

    class Closure(models.TextChoices):
        JUDGMENT = "judgment", _("判决")
        MEDIATION = "mediation", _("调解")
        WITHDRAWAL = "withdrawal", _("撤诉")
        DISMISSAL = "dismissal", _("驳回起诉")
        TRANSFER = "transfer", _("移送")

    class FeeStatus(models.TextChoices):
        UNPAID = "unpaid", _("待交费")
        PAID = "paid", _("已交费")
        DEFERRED = "deferred", _("缓交")
        EXEMPT = "exempt", _("免交")
        NOT_PREPAID = "not_prepaid", _("无需预交")

    filing = models.OneToOneField(
        "cases.Filing",
        on_delete=models.PROTECT,
        related_name="case",
        verbose_name=_("立案申请"),
        help_text=_("据以立案的立案申请。"),
    )
    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("法院"),
        help_text=_("受理本案的基层人民法院，其法院代字用于案号。"),
    )
    tribunal = models.ForeignKey(
        "network.Tribunal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("人民法庭"),
        help_text=_("审理本案的人民法庭；法庭没有自己的法院代字（组织法 第26条）。"),
    )
    number = models.CharField(
        _("案号"), max_length=40, unique=True, help_text=_("如“（2026）鲁0321民初1234号”。")
    )
    year = models.PositiveSmallIntegerField(
        _("收案年度"), help_text=_("收案年度，即案号中的（年度）。")
    )
    type_code = models.CharField(
        _("类型代字"), max_length=8, help_text=_("案件类型代字，如“民初”“民特”。")
    )
    seq = models.PositiveIntegerField(
        _("案件编号"), help_text=_("该法院该年度该类型内的案件编号（从 1 起连续）。")
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_("审理中或已结案。"),
    )
    accepted_on = models.DateField(_("立案日期"), help_text=_("审限自次日起算。"))
    procedure = models.CharField(
        _("审理程序"),
        max_length=16,
        choices=Procedure.choices,
        help_text=_(
            "审理程序：小额诉讼程序（民事诉讼法 第165条）、简易程序（第160条）或普通程序。"
        ),
    )
    procedure_reasons = models.JSONField(
        _("分流理由"), default=list, blank=True, help_text=_("繁简分流的依据，向当事人展示。")
    )
    procedure_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("程序确认人"),
        help_text=_("标的额限额未经核实时，由立案人员人工确认审理程序。"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="judged_cases",
        verbose_name=_("承办法官"),
        help_text=_("承办本案的法官。"),
    )
    assignment_reason = models.CharField(
        _("分案理由"), max_length=200, blank=True, help_text=_("按何规则分配给承办法官。")
    )
    due_on = models.DateField(_("审限届满日"), help_text=_("审理期限的最后一日。"))
    time_limit_basis = models.CharField(
        _("审限依据"), max_length=200, blank=True, help_text=_("计算审限所依据的条文。")
    )
    fee_amount = models.DecimalField(
        _("案件受理费"),
        max_digits=14,
        decimal_places=2,
        help_text=_("立案时按诉讼费用交纳办法计算的应预交金额（未计缓减免）。"),
    )
    fee_breakdown = models.JSONField(
        _("计算明细"), default=dict, help_text=_("calculate_fee 的完整结果：分段、减半、条文。")
    )
    fee_due = models.DecimalField(
        _("应交金额"),
        max_digits=14,
        decimal_places=2,
        help_text=_("扣除减交、免交后当事人应预交的金额。"),
    )
    fee_status = models.CharField(
        _("交费状态"),
        max_length=12,
        choices=FeeStatus.choices,
        default=FeeStatus.UNPAID,
        help_text=_(
            "案件受理费的交纳状态；缓交、免交经司法救助批准（诉讼费用交纳办法 第44–51条）。"
        ),
    )
    fee_due_on = models.DateField(
        _("交费期限"),
        null=True,
        blank=True,
        help_text=_("收到交费通知次日起7日内交纳（办法 第22条）；缓交时为空。"),
    )
    closure = models.CharField(
        _("结案方式"),
        max_length=12,
        choices=Closure.choices,
        blank=True,
        help_text=_("结案方式：判决、调解、撤诉、驳回起诉或移送。"),
    )
    closed_on = models.DateField(
        _("结案日期"),
        null=True,
        blank=True,
        help_text=_("结案日期：宣判或调解书送达最后一方当事人之日（审限规定 第10条）。"),
    )
    closed_in_time = models.BooleanField(
        _("审限内结案"),
        null=True,
        blank=True,
        help_text=_("是否在审理期限内结案（扣除不计入审限的期间）。"),
    )
    final_fee = models.DecimalField(
        _("最终受理费"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("结案时按结案方式重新计算的受理费（调解、撤诉减半，只减半一次）。"),
    )
    fee_settlement = models.JSONField(
        _("诉讼费负担"), default=dict, blank=True, help_text=_("结案时各方负担与退费的明细。")
    )

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-accepted_on", "-seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "type_code", "seq"], name="case_number_unique_parts"
            )
        ]
        indexes = [models.Index(fields=["judge", "status"]), models.Index(fields=["due_on"])]

    def __str__(self) -> str:
        return self.number
