"""Disputes (纠纷) and their tiered mediation: 村居先调 → 部门联动 → 诉讼兜底.

State machine of `Dispute.status` (rules.TRANSITIONS is the source of truth)::

                 start_village            escalate
    reported ───────────────► village ─────────────► joint ◄──────────┐
       │  │  start_joint                   │ │          │  │         │ return_delegation
       │  └────────────────────────────────┼─┼──────────┘  │         │ (declined, failed,
       │              delegate             │ │ delegate    │delegate │  expired)
       └──────────────────────────────► delegated ◄────────┘─────────┘
                                  agree   │ │ agree (from village, joint, delegated)
                                          ▼
                                       agreed ──resolve──► resolved (performed / confirmed)
                                          │
    refer (from reported, village, joint, agreed) ──► referred (filing draft)
    withdraw (from any state that is not final) ──► withdrawn
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.disputes import rules


class Dispute(TimeStampedModel):
    """A conflict reported before any filing."""

    class Status(models.TextChoices):
        REPORTED = rules.Status.REPORTED, _("已上报")
        VILLAGE = rules.Status.VILLAGE, _("村居先调")
        JOINT = rules.Status.JOINT, _("部门联动")
        DELEGATED = rules.Status.DELEGATED, _("委派调解")
        AGREED = rules.Status.AGREED, _("已达成协议")
        RESOLVED = rules.Status.RESOLVED, _("已化解")
        REFERRED = rules.Status.REFERRED, _("已转立案")
        WITHDRAWN = rules.Status.WITHDRAWN, _("已撤回")

    class ReporterKind(models.TextChoices):
        LIAISON = "liaison", _("联络员代为上报")
        PARTY = "party", _("当事人自行上报")
        DEPARTMENT = "department", _("部门移送")
        COURT = "court", _("法院导入")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("一般")
        URGENT = "urgent", _("紧急")
        CRITICAL = "critical", _("特急（可能激化）")

    reference = models.CharField(
        _("纠纷编号"), max_length=20, unique=True, help_text=_("平台编号，如 JF2026-000123。")
    )
    title = models.CharField(
        _("纠纷概要"), max_length=100, help_text=_("一句话概括，如“张某与李某民间借贷纠纷”。")
    )
    description = models.TextField(_("纠纷描述"), help_text=_("事情经过与各方诉求。"))
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.REPORTED,
        help_text=_("当前所处层级或结果，见模型说明中的状态图。"),
    )  # fmt: skip
    status_before_delegation = models.CharField(
        _("委派前状态"), max_length=12, blank=True, help_text=_("委派退回时的参考。")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reported_disputes",
        verbose_name=_("上报人"),
    )  # fmt: skip
    reporter_kind = models.CharField(_("上报方式"), max_length=12, choices=ReporterKind.choices)
    department = models.CharField(
        _("移送部门"),
        max_length=60,
        blank=True,
        help_text=_("派出所、司法所、综治中心、行业主管部门等。"),
    )
    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="disputes", verbose_name=_("法院")
    )
    tribunal = models.ForeignKey(
        "network.Tribunal", on_delete=models.PROTECT, related_name="disputes",
        verbose_name=_("人民法庭"), help_text=_("负责指导的人民法庭。"),
    )  # fmt: skip
    service_point = models.ForeignKey(
        "network.ServicePoint", null=True, blank=True, on_delete=models.PROTECT,
        related_name="disputes", verbose_name=_("服务点"),
    )  # fmt: skip
    area = models.ForeignKey(
        "network.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="disputes",
        verbose_name=_("发生地"), help_text=_("纠纷发生的村（社区）或镇街。"),
    )  # fmt: skip
    cause_revision = models.CharField(
        _("案由版本"), max_length=4, blank=True, help_text=_("案由规定的版本，如 2025。")
    )
    cause_code = models.CharField(_("案由代码"), max_length=12, blank=True)
    cause_name = models.CharField(_("案由"), max_length=60, blank=True)
    cause_free_text = models.CharField(
        _("纠纷类型（自述）"), max_length=100, blank=True, help_text=_("上报人说不清案由时的描述。")
    )
    amount = models.DecimalField(
        _("争议金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    people_involved = models.PositiveIntegerField(
        _("涉及人数"), default=2,
        validators=[MinValueValidator(1), MaxValueValidator(rules.PEOPLE_INVOLVED_MAX)],
        help_text=_("1 至 1,000,000 人：群体性纠纷按实际人数，更大的数字只能是输入错误。"),
    )  # fmt: skip
    # Grouping names for mass-dispute (群体性) detection: many reports about one building project,
    # one employer or one housing estate are one cluster even when the respondents differ.
    project_name = models.CharField(
        _("项目名称"), max_length=100, blank=True,
        help_text=_("建设工程、商品房等纠纷涉及的工程或楼盘项目。"),
    )  # fmt: skip
    employer_name = models.CharField(
        _("用工单位"), max_length=100, blank=True,
        help_text=_("欠薪、劳务纠纷中实际用工或发包的单位，被申请人为包工头时也请填写。"),
    )  # fmt: skip
    housing_estate = models.CharField(
        _("小区名称"), max_length=100, blank=True,
        help_text=_("物业服务、商品房等纠纷所在的住宅小区。"),
    )  # fmt: skip
    urgency = models.CharField(
        _("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    organisation = models.ForeignKey(
        "network.MediationOrganisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="disputes", verbose_name=_("调解组织"), help_text=_("当前负责调解的组织。"),
    )  # fmt: skip
    mediator = models.ForeignKey(
        "network.Mediator", null=True, blank=True, on_delete=models.PROTECT,
        related_name="disputes", verbose_name=_("调解员"), help_text=_("当前负责调解的调解员。"),
    )  # fmt: skip
    agreed_at_tier = models.CharField(
        _("达成协议的层级"), max_length=12, blank=True, choices=Status.choices,
        help_text=_("调解协议生效时所处的层级，用于统计各层级化解占比。"),
    )  # fmt: skip
    filing_id = models.PositiveBigIntegerField(
        _("立案草稿"),
        null=True,
        blank=True,
        help_text=_("转入诉讼时生成的立案申请（cases 应用）编号。"),
    )
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome_note = models.TextField(_("结果说明"), blank=True)

    class Meta:
        verbose_name = _("纠纷")
        verbose_name_plural = _("纠纷")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["court", "status"]), models.Index(fields=["tribunal"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class DisputeParty(TimeStampedModel):
    """A party to a dispute. Identifiers are stored in full and masked wherever shown."""

    class Role(models.TextChoices):
        APPLICANT = "applicant", _("申请人")
        RESPONDENT = "respondent", _("被申请人")

    class Kind(models.TextChoices):
        PERSON = "person", _("自然人")
        ORGANISATION = "organisation", _("法人或非法人组织")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="parties", verbose_name=_("纠纷")
    )
    role = models.CharField(_("地位"), max_length=12, choices=Role.choices)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_number = models.CharField(_("公民身份号码"), max_length=18, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    address = models.CharField(_("住所"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="dispute_parties", verbose_name=_("平台账号"),
        help_text=_("当事人在平台上的账号（按手机号码关联）。"),
    )  # fmt: skip
    consent_given_at = models.DateTimeField(
        _("同意时间"),
        null=True,
        blank=True,
        help_text=_("联络员代为上报时，当事人确认同意的时间。"),
    )

    class Meta:
        verbose_name = _("纠纷当事人")
        verbose_name_plural = _("纠纷当事人")
        ordering = ["dispute", "role", "pk"]

    def __str__(self) -> str:
        return self.name


class Consent(TimeStampedModel):
    """A party's consent to a liaison reporting (and mediating) on their behalf."""

    class Method(models.TextChoices):
        SMS_CODE = "sms_code", _("本人手机验证码确认")
        PAPER = "paper", _("上传本人签字的书面同意书")

    party = models.ForeignKey(
        DisputeParty, on_delete=models.CASCADE, related_name="consents", verbose_name=_("当事人")
    )
    method = models.CharField(_("方式"), max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    given_at = models.DateTimeField(_("同意时间"))
    mobile = models.CharField(_("确认手机号"), max_length=11, blank=True)
    paper = models.FileField(_("书面同意书"), upload_to="disputes/consents/%Y/", blank=True)
    paper_sha256 = models.CharField(_("文件SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("当事人同意")
        verbose_name_plural = _("当事人同意")

    def __str__(self) -> str:
        return f"{self.party} {self.get_method_display()}"


class Attachment(TimeStampedModel):
    """A file attached to a dispute, hashed at upload and verified when read."""

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("纠纷")
    )
    title = models.CharField(_("名称"), max_length=100)
    file = models.FileField(_("文件"), upload_to="disputes/attachments/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
    )

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.title


class Guidance(TimeStampedModel):
    """A judge's guidance at any tier: a comment, suggested typical cases, an online session."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("指导意见")
        SESSION = "session", _("在线指导")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="guidance", verbose_name=_("纠纷")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("法官")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("内容"))
    suggested_cases = models.JSONField(
        _("推荐类案"), default=list, blank=True, help_text=_("推荐参考的典型案例标题。")
    )
    session_at = models.DateTimeField(_("在线指导时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("法官指导")
        verbose_name_plural = _("法官指导")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.dispute} {self.get_kind_display()}"


class JudgeBooking(TimeStampedModel):
    """A request for a judge to attend joint mediation on site (预约法官到场)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("待确认")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已拒绝")
        CANCELLED = "cancelled", _("已取消")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("纠纷")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="judge_bookings",
        verbose_name=_("法官"),
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("预约法官到场")
        verbose_name_plural = _("预约法官到场")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.judge} {self.starts_at:%Y-%m-%d %H:%M}"


class Delegation(TimeStampedModel):
    """Court-delegated mediation before filing (委派调解) to an invited organisation or mediator.

    The clock starts at the mediator's acceptance (在线调解规则 第24条); extensions need every
    party's consent (特邀调解规定 第27条); on expiry the dispute returns automatically.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待接受")
        ACCEPTED = "accepted", _("调解中")
        DECLINED = "declined", _("不予接受")
        SUCCEEDED = "succeeded", _("调解成功")
        FAILED = "failed", _("调解不成")
        EXPIRED = "expired", _("期满退回")
        WITHDRAWN = "withdrawn", _("纠纷已撤回")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("纠纷")
    )
    kind = models.CharField(
        _("类型"), max_length=24, choices=[(k.value, k.value) for k in rules.DelegationKind],
        default=rules.DelegationKind.PRE_FILING,
    )  # fmt: skip
    organisation = models.ForeignKey(
        "network.MediationOrganisation", on_delete=models.PROTECT, related_name="delegations",
        verbose_name=_("特邀调解组织"),
    )  # fmt: skip
    mediator = models.ForeignKey(
        "network.Mediator", null=True, blank=True, on_delete=models.PROTECT,
        related_name="delegations", verbose_name=_("特邀调解员"),
    )  # fmt: skip
    delegated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("委派人"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    accept_by = models.DateField(
        _("接受期限"), help_text=_("收到委派后 3 个工作日内确认是否接受。")
    )
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("调解期限"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("延长天数"), default=0)
    reminders_sent = models.JSONField(_("已发提醒"), default=list, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    end_reason = models.CharField(_("结束原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("委派调解")
        verbose_name_plural = _("委派调解")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.dispute.reference} → {self.organisation}"


class MediationSession(TimeStampedModel):
    """One mediation session, online or in person, with its minutes (笔录)."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("线上")
        IN_PERSON = "in_person", _("线下")

    class Outcome(models.TextChoices):
        AGREED = "agreed", _("达成协议")
        PARTIAL = "partial", _("部分达成")
        FAILED = "failed", _("调解不成")
        ADJOURNED = "adjourned", _("择期再调")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("纠纷")
    )
    tier = models.CharField(_("层级"), max_length=12, choices=Dispute.Status.choices)
    mode = models.CharField(_("方式"), max_length=10, choices=Mode.choices)
    held_at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点或会议链接"), max_length=200)
    attendees = models.JSONField(_("参加人员"), default=list, help_text=_("姓名与身份列表。"))
    minutes = models.TextField(_("调解笔录"))
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )

    class Meta:
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"{self.dispute.reference} {self.held_at:%Y-%m-%d}"


class Agreement(TimeStampedModel):
    """A mediation agreement (调解协议). Contents per 人民调解法 第29条; it takes effect when every
    party and the mediator have signed (第29–30条)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("待签署")
        EFFECTIVE = "effective", _("已生效")
        PERFORMED = "performed", _("履行完毕")
        DEFAULTED = "defaulted", _("未按期履行")
        VOID = "void", _("已作废")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("纠纷")
    )
    facts = models.TextField(_("主要事实与争议事项"))
    terms = models.TextField(_("协议内容"), help_text=_("当事人达成的协议条款。"))
    performance = models.CharField(
        _("履行方式与期限"), max_length=300, help_text=_("如“分三期通过银行转账支付”。")
    )
    total_amount = models.DecimalField(
        _("给付总额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(
        _("履行期限"), help_text=_("全部义务履行完毕的期限；有分期的，不早于最后一期。")
    )
    mediator_name = models.CharField(_("调解员"), max_length=60)
    mediator_signed_at = models.DateTimeField(_("调解员签名时间"), null=True, blank=True)
    organisation_name = models.CharField(_("调解组织"), max_length=100)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    effective_at = models.DateTimeField(_("生效时间"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起草人"),
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
        Agreement, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("调解协议")
    )
    party = models.ForeignKey(
        DisputeParty, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("当事人")
    )
    method = models.CharField(_("方式"), max_length=10, choices=Method.choices)
    signed_at = models.DateTimeField(_("签署时间"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    paper_sha256 = models.CharField(_("纸质文件SHA-256"), max_length=64, blank=True)

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
        Agreement, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("调解协议")
    )
    obligor = models.ForeignKey(
        DisputeParty, on_delete=models.PROTECT, related_name="+", verbose_name=_("履行义务人")
    )
    due_on = models.DateField(_("履行期限"))
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    paid_amount = models.DecimalField(_("已履行（元）"), max_digits=14, decimal_places=2, default=0)
    paid_on = models.DateField(_("履行日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("分期履行")
        verbose_name_plural = _("分期履行")
        ordering = ["agreement", "due_on"]

    def __str__(self) -> str:
        return f"{self.due_on} {self.amount}"


class JudicialConfirmation(TimeStampedModel):
    """Judicial confirmation of a mediation agreement (司法确认, a 民特 case; free of charge)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("已申请")
        ACCEPTED = "accepted", _("已受理")
        CONFIRMED = "confirmed", _("裁定确认有效")
        REJECTED = "rejected", _("裁定驳回申请")
        NOT_ACCEPTED = "not_accepted", _("不予受理")
        WITHDRAWN = "withdrawn", _("撤回申请")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="confirmations",
        verbose_name=_("调解协议"),
    )
    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("受理法院")
    )
    status = models.CharField(
        _("状态"), max_length=14, choices=Status.choices, default=Status.APPLIED
    )
    applied_at = models.DateTimeField(_("申请时间"))
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
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="confirmations", verbose_name=_("承办法官"),
    )  # fmt: skip
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("书记员"),
    )  # fmt: skip
    case_number = models.CharField(_("案号"), max_length=40, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    decision_due = models.DateField(_("审查期限"), null=True, blank=True)
    decided_at = models.DateTimeField(_("裁定时间"), null=True, blank=True)
    rejection_ground = models.CharField(
        _("驳回理由"), max_length=20, blank=True,
        choices=list(rules.REJECTION_GROUNDS.items()),
    )  # fmt: skip
    reasons = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("司法确认")
        verbose_name_plural = _("司法确认")
        ordering = ["-applied_at"]

    def __str__(self) -> str:
        return self.case_number or f"{self.agreement} 司法确认申请"


class ReferenceSequence(models.Model):
    """Issues dispute references without gaps or duplicates: one row per year, locked on use."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("纠纷编号序列")
        verbose_name_plural = _("纠纷编号序列")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
