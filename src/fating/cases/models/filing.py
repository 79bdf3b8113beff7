"""Online filing 网上立案: the complaint, its parties, claims and evidence, and its review."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.cases.rules.fee_tables import FeeKind
from fating.cases.rules.workflow import FilingStatus
from fating.core.identifiers import mask_id_number, mask_mobile, mask_uscc
from fating.core.models import TimeStampedModel


class Filing(TimeStampedModel):
    """A complaint (立案申请) filed online under 立案登记制 (登记立案规定).

    States (rules.workflow.FILING; accepting creates the Case, refusing gives reasons in writing
    under 第9条, a correction notice lists what is missing and by when under 第7条)::

        draft -> draft : 修改
        draft -> submitted : 提交
        draft -> withdrawn : 撤回
        submitted -> submitted : 转交
        submitted -> correction_requested : 通知补正
        submitted -> accepted : 立案
        submitted -> refused : 不予受理
        submitted -> withdrawn : 撤回
        correction_requested -> correction_requested : 修改
        correction_requested -> resubmitted : 提交补正
        correction_requested -> withdrawn : 撤回
        resubmitted -> correction_requested : 通知补正
        resubmitted -> resubmitted : 转交
        resubmitted -> accepted : 立案
        resubmitted -> refused : 不予受理
        resubmitted -> withdrawn : 撤回

    The review clock (第8条: 7 days from receipt; 第7条: from receipt of the corrections) is kept
    per review round in FilingReview. Cross-region filing (跨域立案): `received_by` is the court
    where the complaint was handed in, `court` the competent court; the receiving court forwards
    it and both courts see its status.
    """

    class Status(models.TextChoices):
        DRAFT = FilingStatus.DRAFT, _("草稿")
        SUBMITTED = FilingStatus.SUBMITTED, _("已提交，待审查")
        CORRECTION_REQUESTED = FilingStatus.CORRECTION_REQUESTED, _("待补正")
        RESUBMITTED = FilingStatus.RESUBMITTED, _("已补正，待审查")
        ACCEPTED = FilingStatus.ACCEPTED, _("已立案")
        REFUSED = FilingStatus.REFUSED, _("不予受理")
        WITHDRAWN = FilingStatus.WITHDRAWN, _("已撤回")

    class FilerCapacity(models.TextChoices):
        PARTY = "party", _("当事人本人")
        AGENT = "agent", _("委托代理人")
        LIAISON = "liaison", _("联络员代为提交")

    status = models.CharField(
        _("状态"),
        max_length=24,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("立案申请所处的环节。"),
    )
    filer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("提交人"),
        help_text=_("在线提交立案申请的账号。"),
    )
    filer_capacity = models.CharField(
        _("提交身份"),
        max_length=12,
        choices=FilerCapacity.choices,
        help_text=_("提交人是当事人本人、委托代理人（须上传授权委托书）还是代为提交的联络员。"),
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assisted_filings",
        verbose_name=_("协助联络员"),
        help_text=_("帮助当事人网上立案的便民联络员。"),
    )
    consent_note = models.TextField(
        _("当事人同意记录"),
        blank=True,
        help_text=_("联络员代为提交时，当事人同意代为提交的记录（时间、方式）。"),
    )
    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("管辖法院"),
        help_text=_("当事人选择的、对案件有管辖权的法院。"),
    )
    tribunal = models.ForeignKey(
        "network.Tribunal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("人民法庭"),
        help_text=_("审理案件的人民法庭；可由当事人选择或立案时指定。"),
    )
    received_by = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="received_filings",
        verbose_name=_("收件法院"),
        help_text=_("接收诉状的法院；与管辖法院不同时为跨域立案。"),
    )
    forwarded_at = models.DateTimeField(
        _("转交时间"), null=True, blank=True, help_text=_("跨域立案中收件法院转交管辖法院的时间。")
    )
    type_code = models.CharField(
        _("类型代字"), max_length=8, default="民初", help_text=_("立案后案号的类型代字，如“民初”。")
    )
    fee_kind = models.CharField(
        _("收费类别"),
        max_length=24,
        choices=[(k.value, k.value) for k in FeeKind],
        default=FeeKind.PROPERTY.value,
        help_text=_("诉讼费用交纳办法 第13条的案件类别，决定受理费的计算方法。"),
    )
    cause = models.ForeignKey(
        "cases.CauseOfAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("案由"),
        help_text=_("提交日现行版本中的案由（第三级或第四级）。"),
    )
    facts = models.TextField(
        _("事实与理由"), blank=True, help_text=_("诉讼请求所根据的事实与理由。")
    )
    source_dispute_id = models.PositiveBigIntegerField(
        _("来源纠纷"),
        null=True,
        blank=True,
        help_text=_("调解不成转入立案时的纠纷编号（disputes 应用）。"),
    )
    submitted_at = models.DateTimeField(
        _("提交时间"), null=True, blank=True, help_text=_("首次提交（收到诉状）的时间。")
    )
    correction_items = models.JSONField(
        _("补正事项"), default=list, blank=True, help_text=_("一次性告知须补正的材料清单。")
    )
    correction_due_on = models.DateField(
        _("补正期限"), null=True, blank=True, help_text=_("当事人应在此日期前补正。")
    )
    refusal_reasons = models.TextField(
        _("不予受理理由"), blank=True, help_text=_("不予受理的书面理由（登记立案规定 第9条）。")
    )
    decided_at = models.DateTimeField(
        _("审查决定时间"), null=True, blank=True, help_text=_("作出立案或不予受理决定的时间。")
    )

    class Meta:
        verbose_name = _("立案申请")
        verbose_name_plural = _("立案申请")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["court", "status"])]

    def __str__(self) -> str:
        return f"立案申请 #{self.pk}"

    @property
    def is_cross_region(self) -> bool:
        return self.received_by_id != self.court_id

    @property
    def claimed_amount(self) -> Decimal:
        """Sum of the property claims (解释 第201条)."""
        return sum((c.amount or Decimal(0) for c in self.claims.all()), Decimal(0))


class FilingParty(TimeStampedModel):
    """A party named in the complaint (原告/被告/第三人), a person or an organisation.

    Identifiers are stored in full because the court needs them, and shown masked (mask_*) to
    everyone who does not need them in full.
    """

    class Role(models.TextChoices):
        PLAINTIFF = "plaintiff", _("原告")
        DEFENDANT = "defendant", _("被告")
        THIRD_PARTY = "third_party", _("第三人")

    class Kind(models.TextChoices):
        NATURAL = "natural", _("自然人")
        ORGANISATION = "organisation", _("法人或非法人组织")

    filing = models.ForeignKey(
        Filing,
        on_delete=models.CASCADE,
        related_name="parties",
        verbose_name=_("立案申请"),
        help_text=_("当事人所属的立案申请。"),
    )
    role = models.CharField(
        _("诉讼地位"),
        max_length=12,
        choices=Role.choices,
        help_text=_("诉讼地位：原告、被告或第三人。"),
    )
    kind = models.CharField(
        _("类型"), max_length=12, choices=Kind.choices, help_text=_("自然人，或法人和非法人组织。")
    )
    name = models.CharField(
        _("姓名或名称"),
        max_length=100,
        help_text=_("自然人的姓名或组织的全称（民事诉讼法 第124条）。"),
    )
    id_number = models.CharField(
        _("公民身份号码"), max_length=18, blank=True, help_text=_("自然人的18位公民身份号码。")
    )
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        help_text=_("组织的18位统一社会信用代码。"),
    )
    mobile = models.CharField(
        _("手机号码"),
        max_length=11,
        blank=True,
        help_text=_("当事人的手机号码，用于通知和电子送达。"),
    )
    address = models.CharField(
        _("住所"),
        max_length=200,
        blank=True,
        help_text=_("自然人的住所或组织的住所地（民事诉讼法 第124条）。"),
    )
    representative = models.CharField(
        _("法定代表人或主要负责人"), max_length=60, blank=True, help_text=_("组织当事人填写。")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="filing_parties",
        verbose_name=_("平台账号"),
        help_text=_("当事人在平台上的账号（如有），据此可查看本人案件。"),
    )

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["filing", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""

    @property
    def masked_uscc(self) -> str:
        return mask_uscc(self.uscc) if self.uscc else ""

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile) if self.mobile else ""


class Claim(TimeStampedModel):
    """One 诉讼请求. Property claims carry an amount; amounts are added for the fee (解释 第201条)."""

    filing = models.ForeignKey(
        Filing,
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("立案申请"),
        help_text=_("诉讼请求所属的立案申请。"),
    )
    text = models.TextField(_("请求内容"), help_text=_("如“判令被告偿还借款本金50000元”。"))
    amount = models.DecimalField(
        _("金额"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("财产请求的金额（元）；非财产请求为空。"),
    )

    class Meta:
        verbose_name = _("诉讼请求")
        verbose_name_plural = _("诉讼请求")
        ordering = ["filing", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


def evidence_path(instance: Evidence, filename: str) -> str:
    # The stored name never reuses the uploader's file name (it may contain personal data).
    suffix = filename.rsplit(".", 1)[-1][:8] if "." in filename else "bin"
    return f"cases/filings/{instance.filing_id}/{instance.sha256[:16]}.{suffix}"


class Evidence(TimeStampedModel):
    """An uploaded file: an item of evidence, a power of attorney, an identity document.

    The SHA-256 is computed at upload and checked every time the file is read
    (services.filing.read_evidence); a mismatch is refused, never served.
    """

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", _("证据")
        POWER_OF_ATTORNEY = "power_of_attorney", _("授权委托书")
        IDENTITY = "identity", _("身份证明")
        OTHER = "other", _("其他材料")

    filing = models.ForeignKey(
        Filing,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("立案申请"),
        help_text=_("材料所属的立案申请。"),
    )
    kind = models.CharField(
        _("材料类型"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("材料类型：证据、授权委托书、身份证明或其他材料。"),
    )
    title = models.CharField(_("名称"), max_length=120, help_text=_("如“借条”“转账记录”。"))
    source = models.CharField(_("来源"), max_length=120, blank=True, help_text=_("证据来源。"))
    purpose = models.CharField(
        _("证明目的"), max_length=200, blank=True, help_text=_("该证据拟证明的事实。")
    )
    file = models.FileField(
        _("文件"), upload_to=evidence_path, max_length=200, help_text=_("上传的材料文件。")
    )
    original_name = models.CharField(
        _("原文件名"), max_length=200, blank=True, help_text=_("上传时的原文件名。")
    )
    size = models.PositiveBigIntegerField(_("大小（字节）"), help_text=_("文件大小（字节）。"))
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, help_text=_("上传时计算的文件摘要，读取时校验。")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
        help_text=_("上传材料的用户。"),
    )

    class Meta:
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")
        ordering = ["filing", "pk"]

    def __str__(self) -> str:
        return self.title


class FilingReview(TimeStampedModel):
    """One review round under 立案登记制: received on `received_on`, due on `due_on`
    (登记立案规定 第8条; after a correction the period restarts from receipt, 第7条), decided
    by `decision` at `decided_at`. The in-time rate is computed over decided rounds."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("登记立案")
        CORRECTION = "correction", _("通知补正")
        REFUSED = "refused", _("不予受理")
        WITHDRAWN = "withdrawn", _("当事人撤回")

    filing = models.ForeignKey(
        Filing,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("立案申请"),
        help_text=_("被审查的立案申请。"),
    )
    received_on = models.DateField(_("收到日期"), help_text=_("收到诉状或补正材料的日期。"))
    due_on = models.DateField(_("审查期限"), help_text=_("应当作出决定的最后一日。"))
    decision = models.CharField(
        _("决定"), max_length=12, choices=Decision.choices, blank=True, help_text=_("未决时为空。")
    )
    decided_at = models.DateTimeField(
        _("决定时间"),
        null=True,
        blank=True,
        help_text=_("作出审查决定的时间；应在收到起诉状后 7 日内（民事诉讼法 第126条）。"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审查人"),
        help_text=_("作出决定的立案人员。"),
    )
    in_time = models.BooleanField(
        _("按期"), null=True, blank=True, help_text=_("是否在期限内作出决定；未决时为空。")
    )

    class Meta:
        verbose_name = _("立案审查")
        verbose_name_plural = _("立案审查")
        ordering = ["filing", "pk"]

    def __str__(self) -> str:
        return f"{self.filing} 审查（{self.received_on}）"
