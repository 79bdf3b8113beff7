"""Records of the measures against a respondent (限制消费令, 失信被执行人名单), objections to
enforcement (执行异议, 案外人异议) and the 6-monthly re-search after 终本. Imported by models.py.
Rules in `rules/records.py`; writes in `services_measures.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.enforcement.rules.records import MeasureKind, MeasureStatus, ObjectionKind
from fating.enforcement.rules.records import ObjectionStatus as OS


class Measure(TimeStampedModel):
    """A decision 限制消费令 or 纳入失信被执行人名单 against one respondent, with its legal ground,
    period and document. States (rules.records.MEASURE)::

    active -> lifted : 解除或删除
    active -> expired : 期满
    """

    class Kind(models.TextChoices):
        CONSUMPTION_BAN = MeasureKind.CONSUMPTION_BAN, _("限制消费令")
        BLACKLIST = MeasureKind.BLACKLIST, _("纳入失信被执行人名单")

    class Status(models.TextChoices):
        ACTIVE = MeasureStatus.ACTIVE, _("生效中")
        LIFTED = MeasureStatus.LIFTED, _("已解除（删除）")
        EXPIRED = MeasureStatus.EXPIRED, _("期满")

    case = models.ForeignKey(
        "enforcement.EnforcementCase", on_delete=models.PROTECT, related_name="measures",
        verbose_name=_("执行案件"), help_text=_("作出决定的执行案件。"),
    )  # fmt: skip
    party = models.ForeignKey(
        "enforcement.EnforcementParty", on_delete=models.PROTECT, related_name="measures",
        verbose_name=_("被执行人"), help_text=_("措施针对的被执行人。"),
    )  # fmt: skip
    kind = models.CharField(
        _("措施"), max_length=16, choices=Kind.choices,
        help_text=_("限制消费令（限制消费规定 第1条）或纳入失信被执行人名单（失信规定 第1条）。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, default=Status.ACTIVE,
        help_text=_("生效中、已解除（删除）或期满。"),
    )  # fmt: skip
    grounds = models.JSONField(
        _("失信情形"), default=list, blank=True,
        help_text=_("记录的失信情形代码（失信规定 第1条第1至6项）；限制消费令为空。"),
    )  # fmt: skip
    legal_basis = models.CharField(
        _("法律依据"), max_length=200,
        help_text=_("决定援引的条文，如“限制消费规定 第1条、第3条”“失信规定 第1条、第2条”。"),
    )  # fmt: skip
    facts = models.TextField(
        _("事实与理由"), max_length=1000, help_text=_("认定条件成就的事实，如执行通知送达日和履行期间。")
    )  # fmt: skip
    obligation = models.CharField(
        _("生效法律文书确定的义务"), max_length=300,
        help_text=_("执行依据文书号、应履行的金钱义务和履行情况（失信规定 第6条公布事项）。"),
    )  # fmt: skip
    extra_years = models.PositiveSmallIntegerField(
        _("延长年数"), default=0,
        help_text=_("失信期限在二年基础上延长的年数（0–3年，失信规定 第2条）。"),
    )  # fmt: skip
    starts_on = models.DateField(_("决定日期"), help_text=_("作出决定、开始生效并公布的日期。"))
    ends_on = models.DateField(
        _("期满日"), null=True, blank=True,
        help_text=_("失信名单期限的最后一日；限制消费令和仅因有能力拒不履行的失信没有固定期限，为空。"),
    )  # fmt: skip
    published = models.BooleanField(
        _("已公布"), default=False,
        help_text=_("失信名单信息已向社会公布（失信规定 第7条）；限制消费令不在公开名单上。"),
    )  # fmt: skip
    lifted_on = models.DateField(
        _("解除日期"), null=True, blank=True, help_text=_("解除限制消费令或删除失信信息的日期。")
    )  # fmt: skip
    lift_reason = models.CharField(
        _("解除理由"), max_length=24, blank=True,
        help_text=_("解除或删除的法定事由（限制消费规定 第9条；失信规定 第10条）。"),
    )  # fmt: skip
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("决定书"), help_text=_("生成的限制消费令或失信决定书（DOCX/PDF）。"),
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("决定人"), help_text=_("作出决定的执行法官。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("限制消费与失信措施")
        verbose_name_plural = _("限制消费与失信措施")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "kind"], condition=models.Q(status="active"),
                name="enforcement_measure_active_once",
            )
        ]  # fmt: skip
        indexes = [models.Index(fields=["kind", "status", "published"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.party_id}"


class Objection(TimeStampedModel):
    """An objection in enforcement with its 执异 number: 执行行为异议 (民事诉讼法 第236条) or
    案外人异议 (第238条). States (rules.records.OBJECTION)::

    filed -> upheld : 裁定异议成立
    filed -> rejected : 裁定驳回异议
    upheld -> reviewing : 申请复议
    rejected -> reviewing : 申请复议
    """

    class Kind(models.TextChoices):
        ACT = ObjectionKind.ACT, _("执行行为异议")
        THIRD_PARTY = ObjectionKind.THIRD_PARTY, _("案外人异议")

    class Status(models.TextChoices):
        FILED = OS.FILED, _("待审查")
        UPHELD = OS.UPHELD, _("异议成立")
        REJECTED = OS.REJECTED, _("异议驳回")
        REVIEWING = OS.REVIEWING, _("已申请复议")

    case = models.ForeignKey(
        "enforcement.EnforcementCase", on_delete=models.PROTECT, related_name="objections",
        verbose_name=_("执行案件"), help_text=_("异议所针对的执行案件。"),
    )  # fmt: skip
    number = models.CharField(
        _("执异案号"), max_length=40, unique=True, help_text=_("从案号序列取得的执异案号，连续无空号。")
    )  # fmt: skip
    kind = models.CharField(
        _("异议种类"), max_length=12, choices=Kind.choices,
        help_text=_("执行行为异议（民事诉讼法 第236条）或案外人异议（第238条）。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.FILED,
        help_text=_("待审查、异议成立、异议驳回或已申请复议。"),
    )  # fmt: skip
    objector_name = models.CharField(
        _("异议人"), max_length=100, help_text=_("提出书面异议的当事人、利害关系人或案外人的姓名或名称。")
    )  # fmt: skip
    objector_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("异议人账号"), help_text=_("在平台上提出异议的账号；书面递交为空。"),
    )  # fmt: skip
    target = models.CharField(
        _("异议对象"), max_length=200,
        help_text=_("所异议的执行行为（如冻结某账户），或案外人主张权利的执行标的。"),
    )  # fmt: skip
    reasons = models.TextField(
        _("异议请求与理由"), max_length=2000, help_text=_("异议人的请求和理由。")
    )  # fmt: skip
    received_on = models.DateField(
        _("收到书面异议日期"), help_text=_("法院收到书面异议的日期；审查期限自此起算。")
    )  # fmt: skip
    decide_by = models.DateField(
        _("审查期限"), help_text=_("收到之日起十五日届满日，经法院日历顺延节假日（民事诉讼法 第236条、第238条）。")
    )  # fmt: skip
    decided_on = models.DateField(
        _("裁定日期"), null=True, blank=True, help_text=_("作出异议裁定的日期；未裁定为空。")
    )  # fmt: skip
    ruling_text = models.TextField(
        _("裁定理由"), blank=True, max_length=2000, help_text=_("裁定认定的事实和理由。")
    )  # fmt: skip
    remedy_by = models.DateField(
        _("复议或起诉期限"), null=True, blank=True,
        help_text=_("按裁定当日送达计算的复议（十日）或起诉（十五日）期限届满日。"),
    )  # fmt: skip
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("异议裁定书"), help_text=_("生成的执行裁定书（DOCX/PDF）。"),
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("裁定人"), help_text=_("作出裁定的执行法官。"),
    )  # fmt: skip
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("登记人"), help_text=_("登记或在线提出异议的人。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("执行异议")
        verbose_name_plural = _("执行异议")

    def __str__(self) -> str:
        return self.number


class ReSearch(TimeStampedModel):
    """One of the ten 6-monthly property searches after 终本 (终本规定 第9条): run by the daily beat
    task through the property gateway; property found tells the executor and the applicant."""

    class Status(models.TextChoices):
        DONE = "done", _("已查询")
        FAILED = "failed", _("查询失败待重试")

    case = models.ForeignKey(
        "enforcement.EnforcementCase", on_delete=models.CASCADE, related_name="researches",
        verbose_name=_("执行案件"), help_text=_("终结本次执行的案件。"),
    )  # fmt: skip
    round = models.PositiveSmallIntegerField(
        _("轮次"), help_text=_("终本后第几次定期查询（1–10，每六个月一次，共五年）。")
    )
    due_on = models.DateField(_("应查日期"), help_text=_("终本之日起每满六个月的日期。"))
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, help_text=_("已查询，或网关失败待次日重试。")
    )  # fmt: skip
    inquiry = models.ForeignKey(
        "enforcement.Inquiry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("查询记录"), help_text=_("本次查询的网络查控记录。"),
    )  # fmt: skip
    found = models.PositiveIntegerField(
        _("新发现财产"), default=0, help_text=_("本次查询新发现的财产（项）。")
    )
    attempts = models.PositiveSmallIntegerField(
        _("尝试次数"), default=0, help_text=_("向查控系统提交的次数（次）。")
    )

    class Meta:
        verbose_name = _("终本后定期查询")
        verbose_name_plural = _("终本后定期查询")
        constraints = [models.UniqueConstraint(fields=["case", "round"], name="enforcement_research_round_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.case_id}#{self.round}"
