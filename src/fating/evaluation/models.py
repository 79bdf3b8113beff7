"""Judicial appraisal (鉴定) in a case, and neutral evaluation (中立评估) in mediation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.evaluation import rules


class Appraisal(TimeStampedModel):
    """A judicial appraisal in a case (民事诉讼法 第79–81条; 证据规定 第30–42条)::

        applied -> granted : 准许鉴定
        applied -> refused : 不予准许
        granted -> abandoned : 视为放弃
        granted -> commissioned : 委托鉴定
        commissioned -> reported : 收到鉴定书
        reported -> appearance : 通知鉴定人出庭

    On the court's own motion it starts at `granted`. From the commission to the report's
    receipt the case's 审限 does not run (民诉法解释 第243条): `excluded_period`.
    """

    class Origin(models.TextChoices):
        APPLICATION = rules.Origin.APPLICATION.value, _("当事人申请")
        EX_OFFICIO = rules.Origin.EX_OFFICIO.value, _("依职权委托")

    class Chooser(models.TextChoices):
        AGREEMENT = rules.Chooser.AGREEMENT.value, _("双方协商确定")
        COURT = rules.Chooser.COURT.value, _("人民法院指定")

    class Status(models.TextChoices):
        APPLIED = rules.State.APPLIED.value, _("待审查")
        GRANTED = rules.State.GRANTED.value, _("准许鉴定")
        REFUSED = rules.State.REFUSED.value, _("不予准许")
        ABANDONED = rules.State.ABANDONED.value, _("视为放弃")
        COMMISSIONED = rules.State.COMMISSIONED.value, _("鉴定中")
        REPORTED = rules.State.REPORTED.value, _("已收到鉴定书")
        APPEARANCE = rules.State.APPEARANCE.value, _("通知鉴定人出庭")

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="appraisals",
        verbose_name=_("法院"), help_text=_("审理案件并委托鉴定的法院。"),
    )  # fmt: skip
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="appraisals",
        verbose_name=_("案件"), help_text=_("需要鉴定的案件。"),
    )  # fmt: skip
    origin = models.CharField(
        _("启动方式"), max_length=12, choices=Origin.choices,
        help_text=_("当事人申请（民事诉讼法 第79条第1款）或法院依职权委托（第79条第2款）。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.APPLIED,
        help_text=_("鉴定的进度。"),
    )  # fmt: skip
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="appraisal_applications", verbose_name=_("申请人账号"),
        help_text=_("提出申请的当事人或代理人；依职权委托为空。"),
    )  # fmt: skip
    applicant_name = models.CharField(
        _("申请人"), max_length=100, blank=True,
        help_text=_("申请鉴定的当事人姓名或名称；依职权委托为空。"),
    )  # fmt: skip
    matters = models.TextField(
        _("鉴定事项"), max_length=2000,
        help_text=_("需要鉴定的专门性问题，一行一项（证据规定 第32条第3款）。"),
    )  # fmt: skip
    purpose = models.CharField(
        _("鉴定范围和目的"), max_length=500,
        help_text=_("鉴定的范围及所要证明的待证事实（证据规定 第32条第3款）。"),
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("决定法官"), help_text=_("准许、不予准许或依职权委托的法官。"),
    )  # fmt: skip
    decided_on = models.DateField(
        _("决定日期"), null=True, blank=True, help_text=_("准许或不予准许鉴定的日期。")
    )
    decision_note = models.CharField(
        _("决定理由"), max_length=500, blank=True,
        help_text=_("不予准许的理由（解释 第121条第1款）或其他说明。"),
    )  # fmt: skip
    fee = models.DecimalField(
        _("鉴定费用"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("应预交的鉴定费用，单位元（证据规定 第31条第1款：申请人预交）。"),
    )  # fmt: skip
    fee_paid_on = models.DateField(
        _("预交日期"), null=True, blank=True, help_text=_("申请人预交鉴定费用的日期。")
    )
    institution = models.CharField(
        _("鉴定机构"), max_length=120, blank=True,
        help_text=_("具备相应资格的鉴定人或鉴定机构名称（民事诉讼法 第79条）。"),
    )  # fmt: skip
    chosen_by = models.CharField(
        _("确定方式"), max_length=12, choices=Chooser.choices, blank=True,
        help_text=_("双方协商确定，或协商不成、依职权委托时由法院指定（证据规定 第32条）。"),
    )  # fmt: skip
    commissioned_on = models.DateField(
        _("委托日期"), null=True, blank=True,
        help_text=_("出具鉴定委托书的日期；审限自次日起暂停计算（解释 第243条）。"),
    )  # fmt: skip
    report_due_on = models.DateField(
        _("鉴定期限"), null=True, blank=True,
        help_text=_("提交鉴定书的最后一日，按法院日历计算（证据规定 第35条；民事诉讼法 第85条）。"),
    )  # fmt: skip
    commission_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("鉴定委托书"), help_text=_("生成并归入电子卷宗的鉴定委托书。"),
    )  # fmt: skip
    excluded_period = models.ForeignKey(
        "cases.ExcludedPeriod", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("审限扣除期间"),
        help_text=_("不计入审限的鉴定期间（解释 第243条；审限规定 第9条（六））。"),
    )  # fmt: skip
    report_received_on = models.DateField(
        _("收到鉴定书日期"), null=True, blank=True,
        help_text=_("法院收到鉴定书的日期；鉴定期间至此结束。"),
    )  # fmt: skip
    report_entry = models.ForeignKey(
        "documents.DossierEntry", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("鉴定书卷宗条目"), help_text=_("归入电子卷宗的鉴定书。"),
    )  # fmt: skip
    report_summary = models.CharField(
        _("鉴定意见摘要"), max_length=500, blank=True, help_text=_("鉴定书的结论性意见摘要。")
    )
    objection_due_on = models.DateField(
        _("异议期限"), null=True, blank=True,
        help_text=_("当事人书面提出异议的最后一日（证据规定 第37条第2款）。"),
    )  # fmt: skip
    appearance_on = models.DateField(
        _("出庭日期"), null=True, blank=True,
        help_text=_("通知鉴定人出庭作证的日期（民事诉讼法 第81条；证据规定 第38条）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("鉴定")
        verbose_name_plural = _("鉴定")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case} 鉴定 {self.institution or self.get_status_display()}"


class AppraisalObjection(TimeStampedModel):
    """A party's written objection to the report (证据规定 第37条第2款)."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="objections",
        verbose_name=_("鉴定"), help_text=_("异议针对的鉴定。"),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("提出人账号"), help_text=_("提出异议的当事人或代理人。"),
    )  # fmt: skip
    party_name = models.CharField(
        _("当事人"), max_length=100, help_text=_("提出异议的当事人姓名或名称。")
    )
    text = models.TextField(_("异议内容"), max_length=2000, help_text=_("书面异议的内容。"))
    filed_on = models.DateField(_("提出日期"), help_text=_("提出异议的日期。"))

    class Meta:
        verbose_name = _("鉴定意见异议")
        verbose_name_plural = _("鉴定意见异议")
        ordering = ["appraisal", "pk"]

    def __str__(self) -> str:
        return f"{self.party_name}：{self.text[:20]}"


class NeutralEvaluation(TimeStampedModel):
    """A neutral evaluation (中立评估) of a dispute in mediation or a case in 委托调解::

        appointed -> issued : 出具评估意见
        issued -> acknowledged : 全部当事人阅知
        appointed -> withdrawn : 撤回评估

    The evaluator is an invited mediator or a retired judge (特邀调解规定 第6条), appointed with
    every party's consent; the opinion binds no one.
    """

    class Status(models.TextChoices):
        APPOINTED = rules.EvalState.APPOINTED.value, _("评估中")
        ISSUED = rules.EvalState.ISSUED.value, _("已出具意见")
        ACKNOWLEDGED = rules.EvalState.ACKNOWLEDGED.value, _("各方已阅知")
        WITHDRAWN = rules.EvalState.WITHDRAWN.value, _("已撤回")

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="neutral_evaluations",
        verbose_name=_("法院"), help_text=_("纠纷或案件所属的法院。"),
    )  # fmt: skip
    dispute = models.ForeignKey(
        "disputes.Dispute", null=True, blank=True, on_delete=models.PROTECT,
        related_name="neutral_evaluations", verbose_name=_("纠纷"),
        help_text=_("调解中的纠纷（委派调解等）；评估案件时为空。"),
    )  # fmt: skip
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT,
        related_name="neutral_evaluations", verbose_name=_("案件"),
        help_text=_("委托调解中的案件；评估纠纷时为空。"),
    )  # fmt: skip
    evaluator = models.ForeignKey(
        "network.Mediator", on_delete=models.PROTECT, related_name="neutral_evaluations",
        verbose_name=_("评估人"), help_text=_("特邀调解员或受邀的退休法官（特邀调解规定 第6条）。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.APPOINTED,
        help_text=_("中立评估的进度。"),
    )  # fmt: skip
    questions = models.TextField(
        _("评估问题"), max_length=2000, help_text=_("请评估人评估的争议焦点，一行一项。")
    )
    consent_note = models.CharField(
        _("当事人同意"), max_length=500,
        help_text=_("各方当事人同意中立评估及评估人人选的方式和时间。"),
    )  # fmt: skip
    consenting = models.JSONField(
        _("同意的当事人"), default=list,
        help_text=_("同意评估的当事人姓名（须为全部当事人）。"),
    )  # fmt: skip
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("选任人"), help_text=_("选任评估人的法官、法官助理或调解员。"),
    )  # fmt: skip
    appointed_on = models.DateField(_("选任日期"), help_text=_("选任评估人的日期。"))
    opinion = models.TextField(
        _("评估意见"), max_length=4000, blank=True, help_text=_("评估人对争议焦点的分析。")
    )
    likely_outcome = models.CharField(
        _("可能结果"), max_length=500, blank=True,
        help_text=_("评估人对裁判可能结果的判断；仅供参考，不具有约束力。"),
    )  # fmt: skip
    issued_on = models.DateField(
        _("出具日期"), null=True, blank=True, help_text=_("出具评估意见书的日期。")
    )
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("中立评估意见书"), help_text=_("生成的意见书（标明不具约束力）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("中立评估")
        verbose_name_plural = _("中立评估")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"中立评估 {self.dispute or self.case}"


class EvaluationAcknowledgement(TimeStampedModel):
    """A party's acknowledgement that they read the opinion (not an acceptance of it)."""

    evaluation = models.ForeignKey(
        NeutralEvaluation, on_delete=models.CASCADE, related_name="acknowledgements",
        verbose_name=_("中立评估"), help_text=_("阅知的评估。"),
    )  # fmt: skip
    party_key = models.CharField(
        _("当事人标识"), max_length=60,
        help_text=_("当事人记录的标识，如 disputes.disputeparty:3 或 cases.filingparty:5。"),
    )  # fmt: skip
    name = models.CharField(_("当事人"), max_length=100, help_text=_("当事人姓名或名称。"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("当事人账号"), help_text=_("当事人的平台账号。"),
    )  # fmt: skip
    acknowledged_on = models.DateField(
        _("阅知日期"), null=True, blank=True, help_text=_("当事人确认已阅知意见书的日期。")
    )

    class Meta:
        verbose_name = _("评估意见阅知")
        verbose_name_plural = _("评估意见阅知")
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "party_key"], name="one_ack_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.acknowledged_on or '未阅知'}"
