"""Enforcement 执行: cases, parties, teams, property inquiries and control, the money ledger,
auctions. Rules in `rules/`; writes in `services.py`; reads in `selectors.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.enforcement.rules.deadlines import PROPERTY_LABELS
from fating.enforcement.rules.notices import (
    FLAG_LABELS,
    PROPOSAL_LABELS,
    TASK_KINDS,
    FlagStatus,
    TaskStatus,
)
from fating.enforcement.rules.triage import DOCUMENT_LABELS
from fating.enforcement.rules.workflow import EnforcementStatus as S

MONEY = {"max_digits": 14, "decimal_places": 2}


class EnforcementTeam(TimeStampedModel):
    """An enforcement team of a court: 速执团队 or 实施团队 (执行指挥中心 assigns by load)."""

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("法院"),
        help_text=_("团队所属的法院。"),
    )  # fmt: skip
    name = models.CharField(_("名称"), max_length=60, help_text=_("团队名称，如“速执一组”。"))
    speedy = models.BooleanField(
        _("速执团队"), default=False, help_text=_("真：速执团队，办理符合速执条件的简单案件；假：实施团队。")
    )  # fmt: skip
    active = models.BooleanField(_("在用"), default=True, help_text=_("停用的团队不再分案。"))

    class Meta:
        verbose_name = _("执行团队")
        verbose_name_plural = _("执行团队")

    def __str__(self) -> str:
        return self.name


class EnforcementCase(TimeStampedModel):
    """An enforcement case 执行案件 with its 执/执恢/执异/执保 number. States (rules.workflow.ENFORCEMENT)::

    filed -> triaged : 分案
    filed -> terminated : 终结执行
    filed -> not_enforced : 不予执行
    triaged -> investigating : 开始查控
    triaged -> settled : 执行和解
    triaged -> completed : 执行完毕
    triaged -> terminated : 终结执行
    triaged -> not_enforced : 不予执行
    investigating -> controlled : 控制财产
    investigating -> settled : 执行和解
    investigating -> completed : 执行完毕
    investigating -> terminated : 终结执行
    investigating -> concluded : 终结本次执行
    controlled -> controlled : 控制财产
    controlled -> disposing : 处置财产
    controlled -> settled : 执行和解
    controlled -> completed : 执行完毕
    controlled -> terminated : 终结执行
    controlled -> concluded : 终结本次执行
    disposing -> settled : 执行和解
    disposing -> completed : 执行完毕
    disposing -> terminated : 终结执行
    disposing -> concluded : 终结本次执行
    settled -> investigating : 恢复执行
    settled -> completed : 执行完毕
    settled -> terminated : 终结执行
    """

    class Status(models.TextChoices):
        FILED = S.FILED, _("已立案")
        TRIAGED = S.TRIAGED, _("已分案")
        INVESTIGATING = S.INVESTIGATING, _("查控中")
        CONTROLLED = S.CONTROLLED, _("已控制财产")
        DISPOSING = S.DISPOSING, _("处置中")
        SETTLED = S.SETTLED, _("执行和解")
        COMPLETED = S.COMPLETED, _("执行完毕")
        TERMINATED = S.TERMINATED, _("终结执行")
        CONCLUDED = S.CONCLUDED, _("终结本次执行")
        NOT_ENFORCED = S.NOT_ENFORCED, _("不予执行")

    court = models.ForeignKey(
        "network.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("执行法院"),
        help_text=_("受理执行申请的法院（民事诉讼法 第235条）。"),
    )  # fmt: skip
    type_code = models.CharField(
        _("类型代字"), max_length=8, default="执",
        help_text=_("执（首次执行）、执恢（恢复执行）、执异（执行异议）或执保（财产保全执行）。"),
    )  # fmt: skip
    case_number = models.CharField(
        _("案号"), max_length=40, unique=True, help_text=_("立案时从案号序列取得的执行案号，连续无空号。")
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=14, choices=Status.choices, default=Status.FILED,
        help_text=_("执行案件的状态。"),
    )  # fmt: skip
    source_kind = models.CharField(
        _("执行依据种类"), max_length=20, choices=list(DOCUMENT_LABELS.items()),
        help_text=_("生效法律文书的种类：确认调解协议裁定、调解书、支付令、判决书或上传的其他文书。"),
    )  # fmt: skip
    source_reference = models.CharField(
        _("执行依据文书号"), max_length=80, help_text=_("生效法律文书的案号或文号。")
    )  # fmt: skip
    confirmation = models.ForeignKey(
        "disputes.JudicialConfirmation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("司法确认"),
        help_text=_("执行依据为确认调解协议裁定（民特）时，对应的司法确认。"),
    )  # fmt: skip
    source_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("原审案件"), help_text=_("执行依据为本院审结案件的文书时，对应的案件。"),
    )  # fmt: skip
    resumed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("原执行案件"), help_text=_("执恢案件恢复的原执行案件。"),
    )  # fmt: skip
    amount = models.DecimalField(
        _("申请执行标的"), **MONEY,
        help_text=_("生效法律文书确定、尚未履行的金钱债务（元，不含一般债务利息）。"),
    )  # fmt: skip
    fee = models.DecimalField(
        _("申请执行费"), **MONEY,
        help_text=_("按诉讼费用交纳办法 第14条计算（元）；执行后交纳，由被执行人负担（第20条、第38条）。"),
    )  # fmt: skip
    effective_on = models.DateField(_("生效日期"), help_text=_("执行依据生效的日期。"))
    performance_last_day = models.DateField(
        _("履行期限届满日"), null=True, blank=True,
        help_text=_("文书规定的履行期间的最后一日（分期履行为最后一期）；申请执行期间从此日起算（民事诉讼法 第250条）。"),
    )  # fmt: skip
    filed_on = models.DateField(_("立案日期"), help_text=_("执行立案的日期。"))
    due_on = models.DateField(
        _("执行期限"), help_text=_("立案起6个月（非诉执行3个月）届满日（严格执行案件审理期限制度的若干规定 第5条）。")
    )  # fmt: skip
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("申请人账号"), help_text=_("在平台上提出申请的申请执行人或代理人。"),
    )  # fmt: skip
    team = models.ForeignKey(
        EnforcementTeam, null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
        verbose_name=_("执行团队"), help_text=_("分案后承办的团队。"),
    )  # fmt: skip
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("承办执行员"), help_text=_("承办本案的执行员或执行法官。"),
    )  # fmt: skip
    speedy = models.BooleanField(
        _("速执"), default=False, help_text=_("分案时是否符合全部速执条件。")
    )  # fmt: skip
    triage_reasons = models.JSONField(
        _("分案理由"), default=list, blank=True, help_text=_("逐项列出符合或不符合的速执条件。")
    )  # fmt: skip
    notice_served = models.BooleanField(
        _("已送达执行通知"), default=False, help_text=_("执行通知书和报告财产令已送达（民事诉讼法 第251–252条）。")
    )  # fmt: skip
    notice_served_on = models.DateField(
        _("执行通知送达日期"), null=True, blank=True,
        help_text=_("执行通知书向被执行人送达的日期，取自送达记录（民事诉讼法 第251条；执行工作若干问题的规定（试行）第23条）；未送达为空。"),
    )  # fmt: skip
    report_due_on = models.DateField(
        _("报告财产期限"), null=True, blank=True,
        help_text=_("报告财产令送达后被执行人报告财产的最后一日（民事诉讼法 第252条）；未送达为空。"),
    )  # fmt: skip
    consumption_ban_on = models.DateField(
        _("限制消费令日期"), null=True, blank=True, help_text=_("发出限制消费令的日期；未发出为空。")
    )  # fmt: skip
    blacklisted_on = models.DateField(
        _("纳入失信名单日期"), null=True, blank=True, help_text=_("纳入失信被执行人名单的日期；未纳入为空。")
    )  # fmt: skip
    blacklist_grounds = models.JSONField(
        _("失信情形"), default=list, blank=True, help_text=_("记录的失信情形（失信被执行人名单规定 第1条）。")
    )  # fmt: skip
    zhongben_evidence = models.JSONField(
        _("终本条件证据"), default=dict, blank=True,
        help_text=_("终本五项条件各自的证据说明（终本规定 第1条）。"),
    )  # fmt: skip
    applicant_interviewed = models.BooleanField(
        _("已约谈申请人"), default=False, help_text=_("终本前已约谈申请执行人并告知（终本规定 第5条）。")
    )  # fmt: skip
    closed_on = models.DateField(
        _("结案日期"), null=True, blank=True, help_text=_("结案的日期；未结为空。")
    )
    closure_note = models.TextField(_("结案说明"), blank=True, help_text=_("结案方式的理由。"))

    class Meta:
        verbose_name = _("执行案件")
        verbose_name_plural = _("执行案件")
        indexes = [models.Index(fields=["court", "status"])]

    def __str__(self) -> str:
        return self.case_number


class EnforcementParty(TimeStampedModel):
    """A party to an enforcement case: 申请执行人 or 被执行人."""

    class Role(models.TextChoices):
        APPLICANT = "applicant", _("申请执行人")
        RESPONDENT = "respondent", _("被执行人")

    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="parties", verbose_name=_("执行案件"),
        help_text=_("当事人所在的执行案件。"),
    )  # fmt: skip
    role = models.CharField(
        _("地位"), max_length=12, choices=Role.choices, help_text=_("申请执行人或被执行人。")
    )
    name = models.CharField(
        _("姓名或名称"), max_length=100, help_text=_("自然人的姓名或组织的全称。")
    )
    id_number = models.CharField(
        _("证件号码"), max_length=18, blank=True, help_text=_("公民身份号码或统一社会信用代码；页面上只显示掩码。")
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("账号"), help_text=_("当事人在平台上的账号；没有为空。"),
    )  # fmt: skip
    bank_account = models.CharField(
        _("收款账户"), max_length=40, blank=True, help_text=_("申请执行人的收款银行账户（发放执行款用）。")
    )  # fmt: skip
    bank_verified = models.BooleanField(
        _("账户已核实"), default=False, help_text=_("执行款发放前，收款账户已核实为申请执行人本人所有。")
    )  # fmt: skip

    class Meta:
        verbose_name = _("执行当事人")
        verbose_name_plural = _("执行当事人")

    def __str__(self) -> str:
        return self.name


class Inquiry(TimeStampedModel):
    """One property inquiry 网络查控 through the gateway (总对总 / 点对点)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待反馈")
        ANSWERED = "answered", _("已反馈")
        PARTIAL = "partial", _("部分反馈")
        FAILED = "failed", _("查询失败")

    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="inquiries", verbose_name=_("执行案件"),
        help_text=_("查询所属的执行案件。"),
    )  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING, help_text=_("查询的反馈状态。"))  # fmt: skip
    channel = models.CharField(
        _("查控系统"), max_length=20, help_text=_("网关类名与查询系统（总对总或点对点）。")
    )
    answered = models.JSONField(
        _("已反馈机构"), default=list, blank=True, help_text=_("已反馈结果的协助机构。")
    )
    failed = models.JSONField(
        _("未反馈机构"), default=list, blank=True, help_text=_("查询失败或尚未反馈的协助机构。")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("查询人"),
        help_text=_("发起查询的执行人员。"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("网络查控")
        verbose_name_plural = _("网络查控")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.pk}"


class Asset(TimeStampedModel):
    """Property of the respondent found by an inquiry or an in-person search."""

    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="assets", verbose_name=_("执行案件"),
        help_text=_("财产所属的执行案件。"),
    )  # fmt: skip
    inquiry = models.ForeignKey(
        Inquiry, null=True, blank=True, on_delete=models.SET_NULL, related_name="assets",
        verbose_name=_("来源查询"), help_text=_("发现该财产的网络查控；线下查找为空。"),
    )  # fmt: skip
    kind = models.CharField(_("财产类型"), max_length=12, choices=[(k.value, v) for k, v in PROPERTY_LABELS.items()], help_text=_("银行存款、动产、不动产或其他财产权。"))  # fmt: skip
    holder = models.CharField(
        _("协助机构"), max_length=60, help_text=_("开户银行、登记机关等协助执行单位。")
    )
    reference = models.CharField(
        _("财产标识"), max_length=60, help_text=_("账号、不动产权证号或车牌号（显示掩码）。")
    )
    value = models.DecimalField(
        _("余额或价值"), **MONEY, help_text=_("查询时的存款余额或估计价值（元）。")
    )
    disposal = models.CharField(_("处置方式"), max_length=8, blank=True, choices=[("sold", _("拍卖成交")), ("in_kind", _("以物抵债"))], help_text=_("财产已处置的方式；未处置为空（以物抵债：民诉法解释 第490条）。"))  # fmt: skip

    class Meta:
        verbose_name = _("被执行人财产")
        verbose_name_plural = _("被执行人财产")
        constraints = [models.UniqueConstraint(fields=["case", "holder", "reference"], name="enforcement_asset_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.holder} {self.reference}"


class Control(TimeStampedModel):
    """A freeze 冻结, seizure 查封/扣押 or deduction 扣划 of an asset, with its amount (民事诉讼法 第253条).

    `key` is unique: the gateway call is retried with the same key, so a failure or a retry never
    loses a freeze nor makes two."""

    class Action(models.TextChoices):
        FREEZE = "freeze", _("冻结")
        SEIZE = "seize", _("查封、扣押")
        DEDUCT = "deduct", _("扣划")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("已提交")
        DONE = "done", _("已办结")
        FAILED = "failed", _("失败待重试")
        RELEASED = "released", _("已解除")

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="controls", verbose_name=_("执行案件"), help_text=_("措施所属的执行案件。"))  # fmt: skip
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="controls", verbose_name=_("财产"), help_text=_("采取措施的财产。"))  # fmt: skip
    action = models.CharField(_("措施"), max_length=8, choices=Action.choices, help_text=_("冻结、查封扣押或扣划。"))  # fmt: skip
    amount = models.DecimalField(_("金额"), **MONEY, help_text=_("冻结或扣划的金额（元），不超过应履行义务的范围（民事诉讼法 第253条）。"))  # fmt: skip
    key = models.CharField(_("幂等键"), max_length=80, unique=True, help_text=_("同一措施重试时使用同一键，只办理一次。"))  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.REQUESTED, help_text=_("措施的办理状态。"))  # fmt: skip
    attempts = models.PositiveSmallIntegerField(
        _("尝试次数"), default=0, help_text=_("向协助机构提交的次数（次）。")
    )
    gateway_ref = models.CharField(
        _("回执号"), max_length=60, blank=True, help_text=_("协助机构的回执编号。")
    )
    starts_on = models.DateField(
        _("起始日"), null=True, blank=True, help_text=_("冻结、查封的起始日期。")
    )
    ends_on = models.DateField(_("届满日"), null=True, blank=True, help_text=_("冻结1年、动产2年、不动产3年（民诉法解释 第485条）。"))  # fmt: skip

    class Meta:
        verbose_name = _("控制措施")
        verbose_name_plural = _("控制措施")

    def __str__(self) -> str:
        return self.key


class LedgerEntry(TimeStampedModel):
    """One line of the case's enforcement-money account 执行款台账. Money in: deduction, voluntary
    performance, auction proceeds, the difference a creditor taking property in kind pays in;
    money out: payout to the applicant, the 申请执行费. `key` is
    unique, so a payout retried after a crash is paid once."""

    class Kind(models.TextChoices):
        DEDUCTION = "deduction", _("扣划款")
        VOLUNTARY = "voluntary", _("自动履行款")
        AUCTION = "auction", _("拍卖价款")
        IN_KIND = "in_kind", _("以物抵债")
        DIFFERENCE = "difference", _("抵债差价款")
        PAYOUT = "payout", _("发放申请执行人")
        FEE = "fee", _("申请执行费")

    class Status(models.TextChoices):
        BOOKED = "booked", _("已入账")
        PENDING = "pending", _("待发放")
        PAID = "paid", _("已发放")

    case = models.ForeignKey(EnforcementCase, on_delete=models.PROTECT, related_name="ledger", verbose_name=_("执行案件"), help_text=_("执行款所属的执行案件。"))  # fmt: skip
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, help_text=_("执行款的收支类别。"))  # fmt: skip
    amount = models.DecimalField(_("金额"), **MONEY, help_text=_("金额（元），恒为正；收支方向由类别决定。"))  # fmt: skip
    key = models.CharField(_("幂等键"), max_length=80, unique=True, help_text=_("同一笔款项只记一次、只发一次。"))  # fmt: skip
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.BOOKED, help_text=_("入账，或发放的进度。"))  # fmt: skip
    paid_at = models.DateTimeField(
        _("发放时间"), null=True, blank=True, help_text=_("款项实际发放的时间。")
    )
    bank_ref = models.CharField(
        _("银行流水号"), max_length=60, blank=True, help_text=_("发放成功后的银行流水号。")
    )
    note = models.CharField(_("摘要"), max_length=200, blank=True, help_text=_("款项说明。"))

    class Meta:
        verbose_name = _("执行款台账")
        verbose_name_plural = _("执行款台账")

    def __str__(self) -> str:
        return self.key


class Valuation(TimeStampedModel):
    """The reference price 处置参考价 of an asset before its auction: 当事人议价, 定向询价, 网络询价 or
    委托评估, with the date and the report or document. An auction's valuation comes from one."""

    class Method(models.TextChoices):
        NEGOTIATED = "negotiated", _("当事人议价")
        DIRECTED = "directed", _("定向询价")
        ONLINE = "online", _("网络询价")
        APPRAISAL = "appraisal", _("委托评估")

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="valuations", verbose_name=_("执行案件"), help_text=_("评估所属的执行案件。"))  # fmt: skip
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="valuations", verbose_name=_("评估财产"), help_text=_("确定参考价的财产。"))  # fmt: skip
    method = models.CharField(_("确定方式"), max_length=10, choices=Method.choices, help_text=_("当事人议价、定向询价、网络询价或委托评估。"))  # fmt: skip
    price = models.DecimalField(_("参考价"), **MONEY, help_text=_("确定的财产处置参考价（元）。"))  # fmt: skip
    valued_on = models.DateField(_("确定日期"), help_text=_("议价达成、询价或评估报告出具的日期。"))  # fmt: skip
    reference = models.CharField(_("报告或文书编号"), max_length=100, blank=True, help_text=_("评估报告、询价结果或议价笔录的编号。"))  # fmt: skip

    class Meta:
        verbose_name = _("处置参考价")
        verbose_name_plural = _("处置参考价")

    def __str__(self) -> str:
        return f"{self.asset_id}:{self.price}"


class Auction(TimeStampedModel):
    """A 网络司法拍卖 round of an asset, recorded and checked (the auction runs on the platform)."""

    class Result(models.TextChoices):
        PENDING = "pending", _("待拍")
        SOLD = "sold", _("成交")
        FAILED = "failed", _("流拍")

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="auctions", verbose_name=_("执行案件"), help_text=_("拍卖所属的执行案件。"))  # fmt: skip
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="auctions", verbose_name=_("拍卖财产"), help_text=_("被拍卖的财产。"))  # fmt: skip
    round = models.PositiveSmallIntegerField(
        _("拍次"), default=1, help_text=_("第几次拍卖（一拍、二拍）。")
    )
    valuation = models.DecimalField(_("评估价"), **MONEY, help_text=_("评估、询价或议价确定的参考价（元）。"))  # fmt: skip
    start_price = models.DecimalField(_("起拍价"), **MONEY, help_text=_("起拍价（元）：一拍不低于评估价70%，再拍降价不超过20%（网络司法拍卖规定 第10条、第26条）。"))  # fmt: skip
    deposit = models.DecimalField(_("保证金"), **MONEY, help_text=_("起拍价的5%–20%（元，网络司法拍卖规定 第17条）。"))  # fmt: skip
    appraisal = models.ForeignKey(Valuation, null=True, blank=True, on_delete=models.PROTECT, related_name="auctions", verbose_name=_("参考价记录"), help_text=_("评估价所依据的处置参考价记录。"))  # fmt: skip
    announced_on = models.DateField(_("公告日期"), null=True, blank=True, help_text=_("拍卖公告发布日期（动产提前15日，不动产提前30日）。"))  # fmt: skip
    starts_on = models.DateField(_("拍卖开始日"), null=True, blank=True, help_text=_("网络司法拍卖竞价开始的日期。"))  # fmt: skip
    platform_link = models.CharField(_("平台链接"), max_length=200, blank=True, help_text=_("网络司法拍卖平台上的拍卖页面地址。"))  # fmt: skip
    result = models.CharField(_("结果"), max_length=8, choices=Result.choices, default=Result.PENDING, help_text=_("待拍、成交或流拍。"))  # fmt: skip
    price = models.DecimalField(_("成交价"), **MONEY, null=True, blank=True, help_text=_("成交价（元）；未成交为空。"))  # fmt: skip

    class Meta:
        verbose_name = _("网络司法拍卖")
        verbose_name_plural = _("网络司法拍卖")
        constraints = [models.UniqueConstraint(fields=["asset", "round"], name="enforcement_auction_round_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.asset_id}#{self.round}"


class PropertyReport(TimeStampedModel):
    """A respondent's property report 财产报告 under the 报告财产令 (民事诉讼法 第252条): current property
    and the changes of the year before the notice, recorded by the respondent on its page or by
    the executor, then checked against the property the searches found."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="reports", verbose_name=_("执行案件"), help_text=_("报告所属的执行案件。"))  # fmt: skip
    party = models.ForeignKey(EnforcementParty, on_delete=models.PROTECT, related_name="reports", verbose_name=_("被执行人"), help_text=_("报告财产的被执行人。"))  # fmt: skip
    items = models.JSONField(
        _("报告事项"), default=list,
        help_text=_("逐项列明的存款、不动产、车辆、收入等及一年内的变动：类型、机构、标识、金额（元）、说明。"),
    )  # fmt: skip
    reported_on = models.DateField(_("报告日期"), help_text=_("被执行人提交报告的日期。"))
    late = models.BooleanField(
        _("逾期报告"), default=False, help_text=_("提交时报告财产令确定的期限已届满。")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("记录人"), help_text=_("在平台上提交报告的被执行人，或代为记录的执行人员。"),
    )  # fmt: skip
    by_party = models.BooleanField(
        _("本人提交"), default=False, help_text=_("真：被执行人本人在平台提交；假：执行人员根据书面报告记录。")
    )  # fmt: skip
    checked_at = models.DateTimeField(
        _("核查时间"), null=True, blank=True, help_text=_("最近一次与查控结果比对的时间；未核查为空。")
    )  # fmt: skip

    class Meta:
        verbose_name = _("财产报告")
        verbose_name_plural = _("财产报告")
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="enforcement_report_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.case_id}:{self.party_id}"


class SanctionFlag(TimeStampedModel):
    """A flag for sanction 违反财产报告制度: a missed report deadline, an omitted or a falsely
    declared item (民事诉讼法 第252条: 罚款、拘留 may follow; 失信规定 第1条: a ground for the list).
    Recorded with its proposal; nothing is imposed here: the 执行法官 dismisses it with a reason or
    converts it into a 失信 measure. States (rules.notices.FLAG)::

    open -> dismissed : 不予处罚
    open -> converted : 转为失信措施
    """

    class Status(models.TextChoices):
        OPEN = FlagStatus.OPEN, _("待决定")
        DISMISSED = FlagStatus.DISMISSED, _("不予处罚")
        CONVERTED = FlagStatus.CONVERTED, _("已转为失信措施")

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="flags", verbose_name=_("执行案件"), help_text=_("标记所属的执行案件。"))  # fmt: skip
    party = models.ForeignKey(EnforcementParty, on_delete=models.PROTECT, related_name="flags", verbose_name=_("被执行人"), help_text=_("被标记的被执行人。"))  # fmt: skip
    report = models.ForeignKey(PropertyReport, null=True, blank=True, on_delete=models.CASCADE, related_name="flags", verbose_name=_("财产报告"), help_text=_("据以标记的报告；逾期未报告为空。"))  # fmt: skip
    asset = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("查得财产"), help_text=_("漏报或虚报的查得财产；逾期为空。"))  # fmt: skip
    ground = models.CharField(_("情形"), max_length=10, choices=list(FLAG_LABELS.items()), help_text=_("逾期未报告、漏报或虚假报告（民事诉讼法 第252条）。"))  # fmt: skip
    detail = models.CharField(_("说明"), max_length=300, help_text=_("报告与查控结果的差异。"))
    proposal = models.CharField(_("处罚建议"), max_length=10, choices=list(PROPOSAL_LABELS.items()), help_text=_("建议罚款或拘留，由执行法官决定（民事诉讼法 第252条）。"))  # fmt: skip
    blacklist_ground = models.CharField(
        _("失信情形"), max_length=30, default="breaks_report_duty",
        help_text=_("可据以纳入失信被执行人名单的情形：违反财产报告制度（失信被执行人名单规定 第1条）。"),
    )  # fmt: skip
    key = models.CharField(_("标记键"), max_length=80, unique=True, help_text=_("同一差异只标记一次。"))  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN, help_text=_("待决定、不予处罚或已转为失信措施。"))  # fmt: skip
    decision_note = models.CharField(_("决定理由"), max_length=300, blank=True, help_text=_("执行法官不予处罚的理由；转为措施时为空。"))  # fmt: skip
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("决定人"), help_text=_("作出决定的执行法官；待决定为空。"))  # fmt: skip
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True, help_text=_("作出决定的时间；待决定为空。"))  # fmt: skip
    measure = models.ForeignKey("enforcement.Measure", null=True, blank=True, on_delete=models.PROTECT, related_name="flags", verbose_name=_("失信措施"), help_text=_("据此标记作出的失信决定；未转为措施为空。"))  # fmt: skip

    class Meta:
        verbose_name = _("违反财产报告制度标记")
        verbose_name_plural = _("违反财产报告制度标记")

    def __str__(self) -> str:
        return self.key


class CentreTask(TimeStampedModel):
    """An intensive task in the court's 执行事务中心 queue (查控, 送达, 网拍公告, 传统查控). States
    (rules.notices.CENTRE_TASK)::

    open -> claimed : 领取
    claimed -> open : 放回队列
    open -> done : 查控已反馈，自动办结
    claimed -> done : 办结
    claimed -> done : 查控已反馈，自动办结
    claimed -> returned : 退回承办团队
    """

    class Status(models.TextChoices):
        OPEN = TaskStatus.OPEN, _("待领取")
        CLAIMED = TaskStatus.CLAIMED, _("办理中")
        DONE = TaskStatus.DONE, _("已办结")
        RETURNED = TaskStatus.RETURNED, _("已退回")

    court = models.ForeignKey("network.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("法院"), help_text=_("事务中心所属的法院。"))  # fmt: skip
    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("执行案件"), help_text=_("事务所属的执行案件。"))  # fmt: skip
    kind = models.CharField(_("事务类型"), max_length=16, choices=list(TASK_KINDS.items()), help_text=_("网络查控、执行送达、网拍公告或传统查控。"))  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN, help_text=_("事务的办理状态。"))  # fmt: skip
    key = models.CharField(_("幂等键"), max_length=80, unique=True, help_text=_("同一事务只建一次。"))  # fmt: skip
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("领取人"), help_text=_("领取事务的执行人员；未领取为空。"))  # fmt: skip
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True, help_text=_("领取的时间；未领取为空。"))  # fmt: skip
    finished_at = models.DateTimeField(_("办结时间"), null=True, blank=True, help_text=_("办结或退回的时间；未办结为空。"))  # fmt: skip
    note = models.CharField(_("办理情况"), max_length=300, blank=True, help_text=_("办结情况或退回理由。"))  # fmt: skip

    class Meta:
        verbose_name = _("执行事务")
        verbose_name_plural = _("执行事务")
        indexes = [models.Index(fields=["court", "status"])]

    def __str__(self) -> str:
        return self.key


from fating.enforcement.models_disposal import InKindSettlement  # noqa: E402
from fating.enforcement.models_measures import Measure, Objection, ReSearch  # noqa: E402

__all__ = [
    "Asset",
    "Auction",
    "CentreTask",
    "Control",
    "EnforcementCase",
    "EnforcementParty",
    "EnforcementTeam",
    "InKindSettlement",
    "Inquiry",
    "LedgerEntry",
    "Measure",
    "Objection",
    "PropertyReport",
    "ReSearch",
    "SanctionFlag",
    "Valuation",
]  # fmt: skip
