"""Disputes (纠纷) and their tiered mediation: 村居先调 → 部门联动 → 诉讼兜底.

Each workflow model's docstring draws its machine from the pure rules module (rules.DISPUTE,
DELEGATION, REFERRAL, AGREEMENT, CONFIRMATION), one arrow a line; test_machines keeps them equal.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel, TimeStampedModel
from fating.disputes import rules


class Dispute(TimeStampedModel):
    """A conflict reported before any filing: 村居先调 → 部门联动 → (委派调解) → agreement, or
    诉讼兜底 (a filing draft), or withdrawal. States (rules.DISPUTE)::

        reported -> village : 启动村居调解
        reported -> joint : 启动部门联动调解
        reported -> delegated : 委派调解
        reported -> referred : 转入诉讼（生成立案草稿）
        reported -> withdrawn : 撤回
        village -> joint : 升级为部门联动调解
        village -> delegated : 委派调解
        village -> agreed : 调解协议生效
        village -> referred : 转入诉讼（生成立案草稿）
        village -> withdrawn : 撤回
        joint -> reported : 联动部门不予接收，退回
        joint -> village : 联动部门不予接收，退回村居调解
        joint -> delegated : 委派调解
        joint -> agreed : 调解协议生效
        joint -> referred : 转入诉讼（生成立案草稿）
        joint -> withdrawn : 撤回
        delegated -> joint : 委派调解退回
        delegated -> agreed : 调解协议生效
        delegated -> withdrawn : 撤回
        agreed -> resolved : 纠纷化解完毕
        agreed -> referred : 转入诉讼（生成立案草稿）
        agreed -> withdrawn : 撤回
    """

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
        verbose_name=_("上报人"), help_text=_("在平台上登记该纠纷的用户。"),
    )  # fmt: skip
    reporter_kind = models.CharField(
        _("上报方式"),
        max_length=12,
        choices=ReporterKind.choices,
        help_text=_("纠纷来源：联络员代为上报、当事人自行上报、部门移送或法院导入。"),
    )
    department = models.CharField(
        _("移送部门"),
        max_length=60,
        blank=True,
        help_text=_("派出所、司法所、综治中心、行业主管部门等。"),
    )
    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="disputes",
        verbose_name=_("法院"),
        help_text=_("负责指导该纠纷化解的基层人民法院。"),
    )
    tribunal = models.ForeignKey(
        "network.Tribunal", on_delete=models.PROTECT, related_name="disputes",
        verbose_name=_("人民法庭"), help_text=_("负责指导的人民法庭。"),
    )  # fmt: skip
    service_point = models.ForeignKey(
        "network.ServicePoint", null=True, blank=True, on_delete=models.PROTECT,
        related_name="disputes", verbose_name=_("服务点"), help_text=_("受理上报的服务点；当事人自行上报时可为空。"),
    )  # fmt: skip
    area = models.ForeignKey(
        "network.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="disputes",
        verbose_name=_("发生地"), help_text=_("纠纷发生的村（社区）或镇街。"),
    )  # fmt: skip
    cause_revision = models.CharField(
        _("案由版本"), max_length=4, blank=True, help_text=_("案由规定的版本，如 2025。")
    )
    cause_code = models.CharField(
        _("案由代码"),
        max_length=12,
        blank=True,
        help_text=_("案由在《民事案件案由规定》中的编码，须与案由版本一并理解。"),
    )
    cause_name = models.CharField(
        _("案由"),
        max_length=60,
        blank=True,
        help_text=_("案由名称（上报时的写法），用于统计和展示。"),
    )
    cause_free_text = models.CharField(
        _("纠纷类型（自述）"), max_length=100, blank=True, help_text=_("上报人说不清案由时的描述。")
    )
    amount = models.DecimalField(
        _("争议金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("争议金额（元）；非财产纠纷为空。"),
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
        _("紧急程度"),
        max_length=10,
        choices=Urgency.choices,
        default=Urgency.NORMAL,
        help_text=_("紧急程度；“特急”指可能激化、需立即处置的纠纷。"),
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
    closed_at = models.DateTimeField(
        _("结束时间"),
        null=True,
        blank=True,
        help_text=_("纠纷化解、转立案或撤回而结束的时间；未结束为空。"),
    )
    outcome_note = models.TextField(
        _("结果说明"), blank=True, help_text=_("纠纷结束时对化解结果的说明。")
    )

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
        Dispute,
        on_delete=models.CASCADE,
        related_name="parties",
        verbose_name=_("纠纷"),
        help_text=_("当事人所涉的纠纷。"),
    )
    role = models.CharField(
        _("地位"),
        max_length=12,
        choices=Role.choices,
        help_text=_("当事人在纠纷中的地位：申请人或被申请人。"),
    )
    kind = models.CharField(
        _("类型"), max_length=12, choices=Kind.choices, help_text=_("自然人，或法人和非法人组织。")
    )
    name = models.CharField(
        _("姓名或名称"), max_length=100, help_text=_("自然人的姓名或组织的全称。")
    )
    id_number = models.CharField(
        _("公民身份号码"),
        max_length=18,
        blank=True,
        help_text=_("自然人的 18 位公民身份号码；组织为空。"),
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        help_text=_("组织的 18 位统一社会信用代码；自然人为空。"),
    )
    mobile = models.CharField(
        _("手机号码"),
        max_length=11,
        blank=True,
        help_text=_("当事人的手机号码，用于验证码确认和通知。"),
    )
    address = models.CharField(
        _("住所"),
        max_length=200,
        blank=True,
        help_text=_("自然人的住所或组织的主要办事机构所在地。"),
    )
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
        DisputeParty,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("当事人"),
        help_text=_("作出同意的当事人。"),
    )
    method = models.CharField(
        _("方式"),
        max_length=10,
        choices=Method.choices,
        help_text=_(
            "同意的方式：本人手机验证码确认，或上传本人签字的书面同意书（调解自愿，人民调解法 第3、17条）。"
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("登记该同意的用户。"),
    )
    given_at = models.DateTimeField(_("同意时间"), help_text=_("当事人作出同意的时间。"))
    mobile = models.CharField(
        _("确认手机号"),
        max_length=11,
        blank=True,
        help_text=_("验证码确认时使用的手机号码；书面同意为空。"),
    )
    paper = models.FileField(
        _("书面同意书"),
        upload_to="disputes/consents/%Y/",
        blank=True,
        help_text=_("本人签字的书面同意书扫描件；验证码确认为空。"),
    )
    paper_sha256 = models.CharField(
        _("文件SHA-256"),
        max_length=64,
        blank=True,
        help_text=_("书面同意书文件的 SHA-256，上传时计算，每次读取时核对。"),
    )

    class Meta:
        verbose_name = _("当事人同意")
        verbose_name_plural = _("当事人同意")

    def __str__(self) -> str:
        return f"{self.party} {self.get_method_display()}"


class Attachment(TimeStampedModel):
    """A file attached to a dispute, hashed at upload and verified when read."""

    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("纠纷"),
        help_text=_("附件所属的纠纷。"),
    )
    title = models.CharField(_("名称"), max_length=100, help_text=_("附件名称，如“借条照片”。"))
    file = models.FileField(
        _("文件"), upload_to="disputes/attachments/%Y/", help_text=_("上传的附件文件。")
    )
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, help_text=_("附件文件的 SHA-256，上传时计算，每次读取时核对。")
    )
    size = models.PositiveIntegerField(_("大小（字节）"), help_text=_("附件文件大小（字节）。"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
        help_text=_("上传附件的用户。"),
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
        Dispute,
        on_delete=models.CASCADE,
        related_name="guidance",
        verbose_name=_("纠纷"),
        help_text=_("接受指导的纠纷。"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("法官"),
        help_text=_("给出指导的法官。"),
    )
    kind = models.CharField(
        _("类型"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.COMMENT,
        help_text=_("书面指导意见，或在线视频指导。"),
    )
    text = models.TextField(_("内容"), help_text=_("指导内容；法官对调解的指导不代替裁判。"))
    suggested_cases = models.JSONField(
        _("推荐类案"), default=list, blank=True, help_text=_("推荐参考的典型案例标题。")
    )
    session_at = models.DateTimeField(
        _("在线指导时间"), null=True, blank=True, help_text=_("在线指导的时间；书面指导意见为空。")
    )

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
        Dispute,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("纠纷"),
        help_text=_("预约所涉的纠纷。"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="judge_bookings",
        verbose_name=_("法官"), help_text=_("被预约的法官。"),
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
        help_text=_("发起预约的用户（联络员或调解员）。"),
    )
    starts_at = models.DateTimeField(_("开始时间"), help_text=_("预约的开始时间。"))
    ends_at = models.DateTimeField(_("结束时间"), help_text=_("预约的结束时间。"))
    place = models.CharField(_("地点"), max_length=200, help_text=_("见面地点或在线会议链接。"))
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.REQUESTED,
        help_text=_("预约状态：待确认、已接受、已拒绝或已取消。"),
    )
    note = models.CharField(
        _("说明"), max_length=200, blank=True, help_text=_("预约事由或法官答复的说明。")
    )

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
    States (rules.DELEGATION)::

        pending -> accepted : 接受委派
        pending -> declined : 不予接受
        pending -> withdrawn : 随纠纷撤回
        accepted -> accepted : 延长调解期限
        accepted -> succeeded : 调解成功
        accepted -> failed : 调解不成
        accepted -> expired : 期满退回
        accepted -> withdrawn : 随纠纷撤回
    """

    class Status(models.TextChoices):
        PENDING = rules.DelegationStatus.PENDING, _("待接受")
        ACCEPTED = rules.DelegationStatus.ACCEPTED, _("调解中")
        DECLINED = rules.DelegationStatus.DECLINED, _("不予接受")
        SUCCEEDED = rules.DelegationStatus.SUCCEEDED, _("调解成功")
        FAILED = rules.DelegationStatus.FAILED, _("调解不成")
        EXPIRED = rules.DelegationStatus.EXPIRED, _("期满退回")
        WITHDRAWN = rules.DelegationStatus.WITHDRAWN, _("纠纷已撤回")

    dispute = models.ForeignKey(
        Dispute,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("纠纷"),
        help_text=_("被委派调解的纠纷。"),
    )
    kind = models.CharField(
        _("类型"), max_length=24, choices=[(k.value, k.value) for k in rules.DelegationKind],
        default=rules.DelegationKind.PRE_FILING, help_text=_("诉前委派调解，或立案后委托调解（普通程序 15 日、简易程序 7 日；特邀调解规定 第27条）。"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        "network.MediationOrganisation", on_delete=models.PROTECT, related_name="delegations",
        verbose_name=_("特邀调解组织"), help_text=_("接受委派的特邀调解组织。"),
    )  # fmt: skip
    mediator = models.ForeignKey(
        "network.Mediator", null=True, blank=True, on_delete=models.PROTECT,
        related_name="delegations", verbose_name=_("特邀调解员"), help_text=_("承办的特邀调解员；由组织指定时可为空。"),
    )  # fmt: skip
    delegated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("委派人"),
        help_text=_("作出委派的法院工作人员。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("委派调解的状态。"),
    )
    accept_by = models.DateField(
        _("接受期限"), help_text=_("收到委派后 3 个工作日内确认是否接受。")
    )
    accepted_at = models.DateTimeField(
        _("接受时间"),
        null=True,
        blank=True,
        help_text=_("调解组织或调解员接受委派的时间；调解期限自此起算（在线调解规则 第24条）。"),
    )
    due_at = models.DateTimeField(
        _("调解期限"),
        null=True,
        blank=True,
        help_text=_("调解期限届满的时间，含经当事人同意的延长。"),
    )
    extension_days = models.PositiveIntegerField(
        _("延长天数"),
        default=0,
        help_text=_(
            "经各方当事人同意延长的天数（日）；延长期间不计入审限（特邀调解规定 第27条）。"
        ),
    )
    reminders_sent = models.JSONField(
        _("已发提醒"),
        default=list,
        blank=True,
        help_text=_("已发送的到期提醒的标识列表，防止重复提醒。"),
    )
    ended_at = models.DateTimeField(
        _("结束时间"), null=True, blank=True, help_text=_("委派调解结束的时间；未结束为空。")
    )
    end_reason = models.CharField(
        _("结束原因"), max_length=200, blank=True, help_text=_("调解结束的原因说明。")
    )

    class Meta:
        verbose_name = _("委派调解")
        verbose_name_plural = _("委派调解")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.dispute.reference} → {self.organisation}"


class DepartmentReferral(TimeStampedModel):
    """A dispute handed to a 部门联动 department (派出所, 司法所, 综治中心, 行业主管部门), which
    accepts it (or declines with reasons: the dispute goes back to the tier that handed it),
    records its work and returns it resolved with an agreement or not resolved, for the next
    tier. States (rules.REFERRAL)::

        pending -> accepted : 接收
        pending -> declined : 不予接收
        pending -> withdrawn : 随纠纷终止
        accepted -> accepted : 登记办理情况
        accepted -> resolved : 化解并退回
        accepted -> unresolved : 未化解退回
        accepted -> withdrawn : 随纠纷终止
    """

    class Status(models.TextChoices):
        PENDING = rules.ReferralStatus.PENDING, _("待接收")
        ACCEPTED = rules.ReferralStatus.ACCEPTED, _("办理中")
        DECLINED = rules.ReferralStatus.DECLINED, _("不予接收")
        RESOLVED = rules.ReferralStatus.RESOLVED, _("已化解")
        UNRESOLVED = rules.ReferralStatus.UNRESOLVED, _("未化解退回")
        WITHDRAWN = rules.ReferralStatus.WITHDRAWN, _("已终止")

    dispute = models.ForeignKey(
        Dispute, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("纠纷"),
        help_text=_("交由联动部门办理的纠纷。"),
    )  # fmt: skip
    department = models.ForeignKey(
        "network.Department", on_delete=models.PROTECT, related_name="referrals",
        verbose_name=_("联动部门"), help_text=_("接收办理的部门：派出所、司法所、综治中心或行业主管部门。"),
    )  # fmt: skip
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("移交人"), help_text=_("把纠纷交给部门的联络员或法院工作人员；部门退回时通知此人。"),
    )  # fmt: skip
    handed_from = models.CharField(
        _("移交时层级"), max_length=12, choices=Dispute.Status.choices,
        help_text=_("移交时纠纷所处的层级；部门不予接收的，纠纷退回此层级。"),
    )  # fmt: skip
    request = models.TextField(
        _("移交说明"), help_text=_("请部门协助的事项，如“请派出所协助约谈被申请人”。")
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.PENDING,
        help_text=_("部门办理的状态，见模型说明中的状态图。"),
    )  # fmt: skip
    accept_by = models.DateField(
        _("接收期限"),
        help_text=_("移交后 3 个工作日内确认是否接收（本院与部门的诉调对接工作机制）。"),
    )
    accepted_at = models.DateTimeField(
        _("接收时间"), null=True, blank=True, help_text=_("部门接收的时间；办理期限自次日起算。")
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("承办人"), help_text=_("接收并承办的部门工作人员。"),
    )  # fmt: skip
    due_on = models.DateField(
        _("办理期限"), null=True, blank=True,
        help_text=_("接收后 30 日届满之日（末日为节假日的顺延，民事诉讼法 第85条）；未接收为空。"),
    )  # fmt: skip
    ended_at = models.DateTimeField(
        _("结束时间"), null=True, blank=True, help_text=_("不予接收、退回或终止的时间；办理中为空。")
    )  # fmt: skip
    outcome = models.TextField(
        _("办理结果"), blank=True,
        help_text=_("不予接收的理由，或退回时对办理结果的说明（化解的写明协议要点，未化解的写明原因）。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("部门联动")
        verbose_name_plural = _("部门联动")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return f"{self.dispute.reference} → {self.department}"


class DepartmentWork(TimeStampedModel):
    """One piece of a department's work on a referral: a contact, a meeting, a note, a file."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("联系当事人")
        MEETING = "meeting", _("约谈或现场调处")
        NOTE = "note", _("工作记录")

    referral = models.ForeignKey(
        DepartmentReferral, on_delete=models.CASCADE, related_name="work",
        verbose_name=_("部门联动"), help_text=_("所属的部门联动办理。"),
    )  # fmt: skip
    kind = models.CharField(
        _("类型"), max_length=10, choices=Kind.choices,
        help_text=_("联系当事人、约谈或现场调处，或其他工作记录。"),
    )  # fmt: skip
    happened_at = models.DateTimeField(_("时间"), help_text=_("联系、约谈或工作发生的时间。"))
    people = models.CharField(
        _("参加人员"), max_length=200, blank=True, help_text=_("联系或参加约谈的人员，如“张某、李某”。")
    )  # fmt: skip
    text = models.TextField(_("内容"), help_text=_("经过与结果。"))
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("附件"), help_text=_("随本条记录上传的文件（存为纠纷附件，上传时计算 SHA-256）。"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"), help_text=_("登记本条记录的部门工作人员。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("部门办理记录")
        verbose_name_plural = _("部门办理记录")
        ordering = ["happened_at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral} {self.get_kind_display()}"


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
        Dispute,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("纠纷"),
        help_text=_("本次调解所涉的纠纷。"),
    )
    tier = models.CharField(
        _("层级"),
        max_length=12,
        choices=Dispute.Status.choices,
        help_text=_("调解所处的层级（三层过滤：村居先调、部门联动、委派调解）。"),
    )
    mode = models.CharField(
        _("方式"), max_length=10, choices=Mode.choices, help_text=_("线上或线下调解。")
    )
    held_at = models.DateTimeField(_("时间"), help_text=_("调解进行的时间。"))
    place = models.CharField(
        _("地点或会议链接"), max_length=200, help_text=_("线下调解的地点，或线上调解的会议链接。")
    )
    attendees = models.JSONField(_("参加人员"), default=list, help_text=_("姓名与身份列表。"))
    minutes = models.TextField(_("调解笔录"), help_text=_("调解笔录（人民调解法 第27条）。"))
    outcome = models.CharField(
        _("结果"),
        max_length=10,
        choices=Outcome.choices,
        help_text=_("本次调解的结果：达成协议、部分达成、调解不成或择期再调。"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("登记本次调解的用户。"),
    )

    class Meta:
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"{self.dispute.reference} {self.held_at:%Y-%m-%d}"


class ReferenceSequence(FatingModel):
    """Issues dispute references without gaps or duplicates: one row per year, locked on use."""

    year = models.PositiveSmallIntegerField(primary_key=True, help_text=_("纠纷编号所属的年度。"))
    last = models.PositiveIntegerField(default=0, help_text=_("该年度已用的最大纠纷编号序号。"))

    class Meta:
        verbose_name = _("纠纷编号序列")
        verbose_name_plural = _("纠纷编号序列")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


# The agreements' models are kept in their own module (under the module size); imported last and
# re-exported so that `disputes.models.Agreement` and the others keep working.
from fating.disputes.models_agreements import (  # noqa: E402
    Agreement,
    AgreementSignature,
    Instalment,
    JudicialConfirmation,
)

__all__ = [
    "Agreement", "AgreementSignature", "Attachment", "Consent", "Delegation", "DepartmentReferral",
    "DepartmentWork", "Dispute", "DisputeParty", "Guidance", "Instalment", "JudgeBooking",
    "JudicialConfirmation", "MediationSession", "ReferenceSequence",
]  # fmt: skip
