"""Special procedures: divorce pre-filing with cooling-off (离婚预立案、冷静期) and the lawyer's
investigation order (律师调查令). The rules and both machines are in cases.rules.procedures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.cases.rules.procedures import DivorceStatus, HolderAnswer, InvestigationStatus
from fating.core.models import TimeStampedModel


class DivorcePreFiling(TimeStampedModel):
    """A divorce application pre-filed (预立案) by a party before the case is filed. States
    (rules.procedures.DIVORCE; the cooling-off needs both parties' consent and lasts at most 3
    months, 家事意见 第40条 — unverified citation; family mediation, 民法典 第1079条)::

        prefiled -> cooling : 设定冷静期
        prefiled -> prefiled : 记录家事调解
        cooling -> cooling : 记录家事调解
        cooling -> cooling : 记录回访
        prefiled -> reconciled : 和好
        cooling -> reconciled : 和好
        prefiled -> withdrawn : 撤回
        cooling -> withdrawn : 撤回
        prefiled -> filed : 正式立案
        cooling -> filed : 正式立案

    Filing formally creates a real filing and case through the filing services (case number
    sequence, judge, fee, 审限 from that day): the cooling-off before it is outside 审限.
    """

    class Status(models.TextChoices):
        PREFILED = DivorceStatus.PREFILED, _("已预立案")
        COOLING = DivorceStatus.COOLING, _("冷静期中")
        RECONCILED = DivorceStatus.RECONCILED, _("已和好")
        WITHDRAWN = DivorceStatus.WITHDRAWN, _("已撤回")
        FILED = DivorceStatus.FILED, _("已正式立案")

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("法院"),
        help_text=_("受理预立案的基层人民法院。"),
    )
    tribunal = models.ForeignKey(
        "network.Tribunal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("人民法庭"),
        help_text=_("承办的人民法庭；未指定时由法院处理。"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人账号"),
        help_text=_("提交预立案的当事人账号。"),
    )
    applicant_name = models.CharField(
        _("申请人姓名"), max_length=60, help_text=_("要求离婚的一方（将来的原告）姓名。")
    )
    applicant_id_number = models.CharField(
        _("申请人身份证号"), max_length=18, help_text=_("申请人居民身份证号码（18位）。")
    )
    applicant_mobile = models.CharField(
        _("申请人手机号"), max_length=11, blank=True, help_text=_("申请人手机号码，11位。")
    )
    applicant_address = models.CharField(
        _("申请人住所"), max_length=200, help_text=_("申请人住所地或经常居住地。")
    )
    respondent_name = models.CharField(
        _("对方姓名"), max_length=60, help_text=_("配偶一方（将来的被告）姓名。")
    )
    respondent_mobile = models.CharField(
        _("对方手机号"),
        max_length=11,
        blank=True,
        help_text=_("对方手机号码，11位，用于联系调解。"),
    )
    respondent_address = models.CharField(
        _("对方住所"), max_length=200, help_text=_("对方住所地或经常居住地。")
    )
    facts = models.TextField(
        _("事实与理由"), max_length=4000, help_text=_("婚姻状况、感情状况、子女与财产情况。")
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.PREFILED,
        help_text=_("离婚预立案的状态。"),
    )
    prefiled_on = models.DateField(_("预立案日期"), help_text=_("提交预立案申请的日期。"))
    applicant_consents = models.BooleanField(
        _("申请人同意冷静期"), default=False, help_text=_("申请人是否同意设定冷静期。")
    )
    respondent_consents = models.BooleanField(
        _("对方同意冷静期"), default=False, help_text=_("对方是否同意设定冷静期。")
    )
    consent_note = models.TextField(
        _("同意记录"), blank=True, max_length=500, help_text=_("双方同意冷静期的方式与时间。")
    )
    cooling_from = models.DateField(
        _("冷静期起始日"), null=True, blank=True, help_text=_("冷静期起算日（当日不计入）。")
    )
    cooling_until = models.DateField(
        _("冷静期届满日"),
        null=True,
        blank=True,
        help_text=_("冷静期最后一日，不超过3个月（家事意见 第40条，待核实）。"),
    )
    cooling_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("设定人"),
        help_text=_("设定冷静期的法官或法官助理。"),
    )
    mediation_note = models.TextField(
        _("家事调解记录"), blank=True, max_length=2000, help_text=_("家事调解的过程与结果。")
    )
    mediated_on = models.DateField(
        _("调解日期"), null=True, blank=True, help_text=_("最近一次家事调解的日期。")
    )
    visit_note = models.TextField(
        _("回访记录"), blank=True, max_length=2000, help_text=_("冷静期内回访的情况。")
    )
    visited_on = models.DateField(
        _("回访日期"), null=True, blank=True, help_text=_("最近一次回访的日期。")
    )
    outcome_note = models.TextField(
        _("结果说明"), blank=True, max_length=1000, help_text=_("和好、撤回或正式立案的说明。")
    )
    ended_on = models.DateField(
        _("办结日期"), null=True, blank=True, help_text=_("和好、撤回或正式立案的日期。")
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("办结人"),
        help_text=_("记录结果的用户。"),
    )
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="divorce_prefiling",
        verbose_name=_("正式立案案件"),
        help_text=_("正式立案后生成的案件。"),
    )

    class Meta:
        verbose_name = _("离婚预立案")
        verbose_name_plural = _("离婚预立案")
        indexes = [models.Index(fields=["court", "prefiled_on"], name="divorce_court_day")]

    def __str__(self) -> str:
        return f"{self.applicant_name}诉{self.respondent_name}离婚预立案"


class InvestigationOrder(TimeStampedModel):
    """A lawyer's investigation order (律师调查令): an agent asks for it in a case, naming the
    holder and the items the party cannot collect for objective reasons (民诉解释 第94条); the
    judge issues it with a number, validity and scope, or refuses with reasons (第95条); the agent
    records the holder's answer. States (rules.procedures.INVESTIGATION)::

        applied -> issued : 签发
        applied -> refused : 不予签发
        issued -> answered : 记录回复
    """

    class Status(models.TextChoices):
        APPLIED = InvestigationStatus.APPLIED, _("待审查")
        ISSUED = InvestigationStatus.ISSUED, _("已签发")
        REFUSED = InvestigationStatus.REFUSED, _("不予签发")
        ANSWERED = InvestigationStatus.ANSWERED, _("已回复")

    class Answer(models.TextChoices):
        PROVIDED = HolderAnswer.PROVIDED, _("已提供")
        PARTIAL = HolderAnswer.PARTIAL, _("部分提供")
        REFUSED = HolderAnswer.REFUSED, _("拒绝提供")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="investigation_orders",
        verbose_name=_("案件"),
        help_text=_("申请调查令的案件。"),
    )
    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("法院"),
        help_text=_("签发法院（编号序列按法院、年度）。"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请代理人"),
        help_text=_("申请并持令调查的诉讼代理人（律师）。"),
    )
    holder = models.CharField(
        _("证据持有人"), max_length=120, help_text=_("持有证据的单位或个人名称。")
    )
    holder_address = models.CharField(
        _("持有人地址"), max_length=200, blank=True, help_text=_("证据持有人的地址。")
    )
    items = models.TextField(
        _("调查事项"), max_length=2000, help_text=_("需要调查收集的证据名称与内容。")
    )
    reasons = models.TextField(
        _("不能自行收集的原因"),
        max_length=2000,
        help_text=_("因客观原因不能自行收集的理由（民诉解释 第94条）。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.APPLIED,
        help_text=_("调查令的状态。"),
    )
    applied_at = models.DateTimeField(_("申请时间"), help_text=_("提交申请的时间。"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审查法官"),
        help_text=_("签发或不予签发的法官。"),
    )
    decided_at = models.DateTimeField(
        _("审查时间"), null=True, blank=True, help_text=_("签发或不予签发的时间。")
    )
    refusal_reason = models.TextField(
        _("不予签发理由"),
        blank=True,
        max_length=1000,
        help_text=_("不予签发的理由（民诉解释 第95条）。"),
    )
    number = models.CharField(
        _("调查令编号"),
        max_length=40,
        blank=True,
        help_text=_("如“（2026）鲁0399调查令3号”，按法院、年度连续编号。"),
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), null=True, blank=True, help_text=_("编号中的年度。")
    )
    seq = models.PositiveIntegerField(
        _("序号"), null=True, blank=True, help_text=_("编号中的顺序号，连续无空号。")
    )
    issued_on = models.DateField(
        _("签发日期"), null=True, blank=True, help_text=_("调查令签发的日期。")
    )
    validity_days = models.PositiveSmallIntegerField(
        _("有效期（日）"), null=True, blank=True, help_text=_("有效期天数，1至30日。")
    )
    valid_until = models.DateField(
        _("有效期至"),
        null=True,
        blank=True,
        help_text=_("有效期最后一日，遇节假日顺延（民事诉讼法 第85条）。"),
    )
    scope = models.TextField(
        _("调查范围"), blank=True, max_length=2000, help_text=_("准许调查收集的证据范围。")
    )
    answer = models.CharField(
        _("持有人回复"),
        max_length=10,
        choices=Answer.choices,
        blank=True,
        help_text=_("证据持有人已提供、部分提供或拒绝提供。"),
    )
    answered_on = models.DateField(
        _("回复日期"), null=True, blank=True, help_text=_("证据持有人回复的日期。")
    )
    answer_note = models.TextField(
        _("回复说明"), blank=True, max_length=2000, help_text=_("持有人回复的情况，拒绝的理由。")
    )
    answer_evidence = models.ForeignKey(
        "cases.Evidence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("调取的证据"),
        help_text=_("持令调取并提交的证据，列入案件证据材料（带 SHA-256）。"),
    )

    class Meta:
        verbose_name = _("律师调查令")
        verbose_name_plural = _("律师调查令")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "seq"],
                condition=models.Q(seq__isnull=False),
                name="investigation_order_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.number or f"调查令申请 {self.pk}"
