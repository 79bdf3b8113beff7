"""Adjudications (判决书、裁定书、民事调解书) after the trial: each party's service and appeal
deadline, effect (生效) and appeals sent up to the intermediate court.

Dates here are computed by `judgments.rules` on the court calendar, never typed in: the service
date comes from `delivery` (its served event), each deadline from CPL 第171条/第286条 via 第85条.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.judgments import rules


class Adjudication(TimeStampedModel):
    """One judgment, ruling or mediation statement of a case, issued by its judge.
    States (rules.ADJUDICATION)::

        issued -> issued : 登记送达
        appealed -> appealed : 上诉后登记送达
        issued -> appealed : 提起上诉
        appealed -> appealed : 另一方提起上诉
        issued -> effective : 生效
        appealed -> effective : 二审维持或撤回上诉
        appealed -> set_aside : 二审改判或发回重审
        effective -> effective : 出具生效证明
    """

    class Kind(models.TextChoices):
        JUDGMENT = "judgment", _("判决书")
        RULING = "ruling", _("裁定书")
        MEDIATION = "mediation", _("民事调解书")

    class Subkind(models.TextChoices):
        NONE = "", _("（不适用）")
        NOT_ACCEPTED = "not_accepted", _("不予受理")
        DISMISSED = "dismissed", _("驳回起诉")
        JURISDICTION = "jurisdiction", _("管辖权异议")
        WITHDRAWAL = "withdrawal", _("准许撤诉")

    class Status(models.TextChoices):
        ISSUED = rules.AdjudicationStatus.ISSUED, _("已签发")
        APPEALED = rules.AdjudicationStatus.APPEALED, _("已上诉")
        EFFECTIVE = rules.AdjudicationStatus.EFFECTIVE, _("已生效")
        SET_ASIDE = rules.AdjudicationStatus.SET_ASIDE, _("已被撤销")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="adjudications",
        verbose_name=_("案件"), help_text=_("作出本文书的案件。"),
    )  # fmt: skip
    kind = models.CharField(
        _("文书种类"), max_length=12, choices=Kind.choices,
        help_text=_("判决书、裁定书或民事调解书（民事诉讼法 第100、155、157条）。"),
    )  # fmt: skip
    subkind = models.CharField(
        _("裁定类型"), max_length=16, choices=Subkind.choices, blank=True, default="",
        help_text=_("裁定书的类型；不予受理、驳回起诉、管辖权异议可以上诉（民事诉讼法 第157条第2款）。"),
    )  # fmt: skip
    small_claims = models.BooleanField(
        _("小额诉讼"), default=False,
        help_text=_("签发时案件适用小额诉讼程序：一审终审，送达即生效（民事诉讼法 第165条）。"),
    )  # fmt: skip
    document_type = models.CharField(
        _("生效规则"), max_length=24, choices=[(d.value, rules.DOCUMENT_LABELS[d]) for d in rules.Document],
        help_text=_("生效计算所依据的文书类别（judgments.rules.Document）。"),
    )  # fmt: skip
    title = models.CharField(_("标题"), max_length=200, help_text=_("文书标题，如“民事判决书”。"))
    main_text = models.TextField(
        _("裁判主文"), max_length=4000,
        help_text=_("判决、裁定结果或调解协议内容（民事诉讼法 第155条第1款第3项）。"),
    )  # fmt: skip
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("文书文件"), help_text=_("签发生成的文书（PDF 与 DOCX），据以送达。"),
    )  # fmt: skip
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("签发法官"), help_text=_("签发文书的承办法官。"),
    )  # fmt: skip
    issued_on = models.DateField(_("签发日期"), help_text=_("文书落款日期。"))
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.ISSUED,
        help_text=_("已签发、已上诉、已生效或已被二审撤销。"),
    )  # fmt: skip
    effective_on = models.DateField(
        _("生效日期"), null=True, blank=True,
        help_text=_("全部当事人送达后由生效规则算出的生效日（民事诉讼法 第100、158条）；未全部送达或已上诉时为空。"),
    )  # fmt: skip
    certificate = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("生效证明"), help_text=_("应申请出具的最近一份生效证明。"),
    )  # fmt: skip
    certificate_requested = models.BooleanField(
        _("已申请生效证明"), default=False,
        help_text=_("当事人已申请生效证明、法院尚未出具。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("裁判文书")
        verbose_name_plural = _("裁判文书")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["status", "effective_on"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.title}"


class AdjudicationParty(TimeStampedModel):
    """One party's service of an adjudication and its own appeal deadline (each period runs
    from that party's service, CPL 第171条)."""

    adjudication = models.ForeignKey(
        Adjudication, on_delete=models.CASCADE, related_name="parties",
        verbose_name=_("文书"), help_text=_("所送达的文书。"),
    )  # fmt: skip
    party = models.ForeignKey(
        "cases.FilingParty", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("当事人"), help_text=_("受送达的案件当事人。"),
    )  # fmt: skip
    party_key = models.CharField(
        _("当事人标识"),
        max_length=40,
        help_text=_("送达记录中的当事人标识，如 cases.filingparty:5。"),
    )
    name = models.CharField(_("姓名或名称"), max_length=100, help_text=_("当事人姓名或名称。"))
    role = models.CharField(_("诉讼地位"), max_length=20, help_text=_("原告、被告或第三人。"))
    foreign_domicile = models.BooleanField(
        _("境内无住所"), default=False,
        help_text=_("在中华人民共和国领域内没有住所：上诉期30日（民事诉讼法 第286条）。"),
    )  # fmt: skip
    served_on = models.DateField(
        _("送达日期"), null=True, blank=True,
        help_text=_("送达（调解书为签收）之日，取自送达记录；未送达为空。"),
    )  # fmt: skip
    appeal_deadline = models.DateField(
        _("上诉期届满日"), null=True, blank=True,
        help_text=_("自送达次日起算15日（裁定10日，境内无住所30日），节假日顺延（民事诉讼法 第85、171条）；不可上诉为空。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("文书送达与上诉期")
        verbose_name_plural = _("文书送达与上诉期")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["adjudication", "party"], name="judgments_one_row_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.served_on or ''}"


class Appeal(TimeStampedModel):
    """A 上诉状 filed at this court against an adjudication, sent up with the dossier, and the
    higher court's result. States (rules.APPEAL)::

        filed -> transferred : 移送上级法院
        transferred -> decided : 登记二审结果
    """

    class Status(models.TextChoices):
        FILED = rules.AppealStatus.FILED, _("已递交")
        TRANSFERRED = rules.AppealStatus.TRANSFERRED, _("已移送上级法院")
        DECIDED = rules.AppealStatus.DECIDED, _("二审已审结")

    class Result(models.TextChoices):
        NONE = "", _("（尚无结果）")
        UPHELD = "upheld", _("维持原判")
        AMENDED = "amended", _("改判")
        REMANDED = "remanded", _("发回重审")
        WITHDRAWN = "withdrawn", _("撤回上诉")

    adjudication = models.ForeignKey(
        Adjudication, on_delete=models.PROTECT, related_name="appeals",
        verbose_name=_("原审文书"), help_text=_("被上诉的第一审文书。"),
    )  # fmt: skip
    appellant = models.ForeignKey(
        AdjudicationParty, on_delete=models.PROTECT, related_name="appeals",
        verbose_name=_("上诉人"), help_text=_("提起上诉的当事人。"),
    )  # fmt: skip
    filed_on = models.DateField(
        _("递交日期"),
        help_text=_(
            "上诉状递交本院（或交邮）之日，须在上诉期内（民事诉讼法 第85条第4款、第171条）。"
        ),
    )
    grounds = models.TextField(
        _("上诉请求和理由"),
        max_length=4000,
        help_text=_("上诉状的请求和理由（民事诉讼法 第172条）。"),
    )
    appealed_amount = models.DecimalField(
        _("上诉请求数额"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("不服一审判决部分的上诉请求数额（元），据以计算上诉案件受理费（诉讼费用交纳办法 第17条）。"),
    )  # fmt: skip
    fee = models.DecimalField(
        _("上诉案件受理费"), max_digits=14, decimal_places=2,
        help_text=_("按诉讼费用交纳办法 第17条计算；对裁定上诉不交纳（第8条第3项）。单位：元。"),
    )  # fmt: skip
    fee_breakdown = models.JSONField(
        _("计算明细"), default=dict, blank=True, help_text=_("费用引擎的计算结果。")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("递交人"), help_text=_("在线递交的当事人或登记纸质上诉状的工作人员。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.FILED,
        help_text=_("已递交、已移送上级法院或二审已审结。"),
    )  # fmt: skip
    higher_court = models.CharField(
        _("上级法院"), max_length=100, blank=True,
        help_text=_("受理上诉的中级人民法院（民事诉讼法 第171条）。"),
    )  # fmt: skip
    transferred_on = models.DateField(
        _("移送日期"), null=True, blank=True,
        help_text=_("连同全部案卷和证据报送上级法院之日（民事诉讼法 第174条）。"),
    )  # fmt: skip
    higher_case_number = models.CharField(
        _("二审案号"), max_length=60, blank=True,
        help_text=_("上级法院编立的民终案号，由本院登记，基层法院不编立民终案号。"),
    )  # fmt: skip
    result = models.CharField(
        _("二审结果"), max_length=12, choices=Result.choices, blank=True, default="",
        help_text=_("维持原判、改判、发回重审或撤回上诉（民事诉讼法 第177、180条）。"),
    )  # fmt: skip
    result_on = models.DateField(
        _("二审裁判日期"), null=True, blank=True, help_text=_("二审判决、裁定作出之日。")
    )

    class Meta:
        verbose_name = _("上诉")
        verbose_name_plural = _("上诉")
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.adjudication_id} {self.appellant_id} {self.filed_on}"


class AdjudicationDraft(TimeStampedModel):
    """A judgment, ruling or 调解书 drafted in one step from the case (文书一键生成): parties, claims,
    the element findings (a table in the 表格式 form), the articles applied, the main text and the
    fee burden from the fee engine. The judge edits it side by side with the dossier (左看右写),
    signs and issues it; issuing creates the Adjudication. States (rules.DRAFT)::

        drafting -> drafting : 修改
        drafting -> signed : 签署
        signed -> drafting : 退回修改
        signed -> issued : 签发
    """

    class Form(models.TextChoices):
        JUDGMENT = rules.DraftForm.JUDGMENT, _("民事判决书（普通式）")
        TABLE_JUDGMENT = rules.DraftForm.TABLE_JUDGMENT, _("民事判决书（表格式/要素式）")
        MEDIATION = rules.DraftForm.MEDIATION, _("民事调解书")
        NOT_ACCEPTED = rules.DraftForm.NOT_ACCEPTED, _("民事裁定书（不予受理）")
        DISMISSED = rules.DraftForm.DISMISSED, _("民事裁定书（驳回起诉）")
        WITHDRAWAL = rules.DraftForm.WITHDRAWAL, _("民事裁定书（准许撤诉）")
        JURISDICTION = rules.DraftForm.JURISDICTION, _("民事裁定书（管辖权异议）")

    class Status(models.TextChoices):
        DRAFTING = rules.DraftStatus.DRAFTING, _("起草中")
        SIGNED = rules.DraftStatus.SIGNED, _("已签署")
        ISSUED = rules.DraftStatus.ISSUED, _("已签发")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="adjudication_drafts",
        verbose_name=_("案件"), help_text=_("起草文书的案件。"),
    )  # fmt: skip
    form = models.CharField(
        _("文书样式"), max_length=16, choices=Form.choices,
        help_text=_("判决书（普通式或表格式）、民事调解书或程序性裁定书（民事诉讼法 第100、155、157条）。"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFTING,
        help_text=_("起草中、已签署（待签发）或已签发。"),
    )  # fmt: skip
    sections = models.JSONField(
        _("文书内容"), default=dict,
        help_text=_("各部分：当事人、诉讼请求、事实和理由、要素表、本院认为、适用法律、裁判主文、诉讼费用负担、尾部告知。"),
    )  # fmt: skip
    granted_amount = models.DecimalField(
        _("支持金额"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("判决支持（或调解确认）的金额（元），据以按比例分担诉讼费用（诉讼费用交纳办法 第29、31条）；空白为全部支持。"),
    )  # fmt: skip
    fee = models.JSONField(
        _("诉讼费用负担"), default=dict, blank=True,
        help_text=_("费用引擎算出的受理费、各方负担、退还原告与向被告收取的金额（元）及条文。"),
    )  # fmt: skip
    lead_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("参照的示范案件"),
        help_text=_("示范诉讼中据以起草本稿的示范案件；普通起草为空。"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("起草人"), help_text=_("一键生成本稿的承办法官。"),
    )  # fmt: skip
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("签署法官"), help_text=_("签署本稿的承办法官。"),
    )  # fmt: skip
    signed_at = models.DateTimeField(
        _("签署时间"), null=True, blank=True, help_text=_("法官签署本稿的时间。")
    )
    adjudication = models.OneToOneField(
        Adjudication, null=True, blank=True, on_delete=models.PROTECT, related_name="draft",
        verbose_name=_("签发的文书"), help_text=_("签发后生成的裁判文书（送达、上诉期与生效由其计算）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("裁判文书稿")
        verbose_name_plural = _("裁判文书稿")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_form_display()}"
