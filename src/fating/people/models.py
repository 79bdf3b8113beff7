"""People who sign themselves up, and the real-name status the court sees."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel, TimeStampedModel
from fating.people import rules


class SignUp(FatingModel):
    """A sign-up in progress: the SMS code (core.OneTimeCode) is tied to this row; completing it
    creates the account."""

    full_name = models.CharField(_("姓名"), max_length=60, help_text=_("注册人填写的真实姓名。"))
    mobile = models.CharField(
        _("手机号码"), max_length=11, help_text=_("接收验证码并用于登录的 11 位手机号码。")
    )
    id_number = models.CharField(
        _("公民身份号码"),
        max_length=18,
        help_text=_("18 位公民身份号码，已按 GB 11643-1999 校验（人民法院在线诉讼规则 第7条）。"),
    )
    created_at = models.DateTimeField(
        _("申请时间"), auto_now_add=True, help_text=_("提交注册信息、发送验证码的时间。")
    )
    completed_at = models.DateTimeField(
        _("完成时间"), null=True, blank=True, help_text=_("验证码核对通过、账号建立的时间。")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("账号"),
        help_text=_("注册完成后建立的账号；未完成为空。"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("代为注册的联络员"),
        help_text=_("在服务点当面核对身份证、代村民注册的联络员；本人自助注册为空。"),
    )
    service_point = models.ForeignKey(
        "network.ServicePoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("代为注册服务点"),
        help_text=_("联络员代为注册、现场核验所在的服务点；本人自助注册为空。"),
    )

    class Meta:
        verbose_name = _("自助注册")
        verbose_name_plural = _("自助注册")

    def __str__(self) -> str:
        return f"{self.full_name} {self.mobile[:3]}****{self.mobile[-4:]}"


class RealName(TimeStampedModel):
    """A person's real-name status (实名核验), shown to the court next to the party. No row means
    未核验."""

    class Status(models.TextChoices):
        UNVERIFIED = rules.UNVERIFIED, _("未核验")
        SMS = rules.SMS, _("短信核验")
        IN_PERSON = rules.IN_PERSON, _("现场核验")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="real_name",
        verbose_name=_("用户"),
        help_text=_("被核验身份的用户。"),
    )
    status = models.CharField(
        _("实名状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.UNVERIFIED,
        help_text=_("未核验、短信核验或现场核验（人民法院在线诉讼规则 第7条）；只升不降。"),
    )
    verified_at = models.DateTimeField(
        _("核验时间"), null=True, blank=True, help_text=_("最近一次提高实名状态的时间。")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("核验人"),
        help_text=_("现场核验的联络员；短信核验为空。"),
    )
    service_point = models.ForeignKey(
        "network.ServicePoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("核验服务点"),
        help_text=_("现场核验所在的服务点；短信核验为空。"),
    )

    class Meta:
        verbose_name = _("实名状态")
        verbose_name_plural = _("实名状态")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.status}"


def power_of_attorney_path(instance: Representation, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"people/representations/{instance.filing_id}/{instance.sha256[:16]}.{suffix}"


class Representation(TimeStampedModel):
    """Who represents whom: an agent for one party of a filing (and its case), on a 授权委托书
    (民事诉讼法 第61–62条). States (rules.REPRESENTATION)::

        pending -> confirmed : 确认委托
        pending -> refused : 不予确认
        pending -> revoked : 解除委托
        confirmed -> revoked : 解除委托
    """

    class Status(models.TextChoices):
        PENDING = rules.RepresentationStatus.PENDING, _("待确认")
        CONFIRMED = rules.RepresentationStatus.CONFIRMED, _("已确认")
        REFUSED = rules.RepresentationStatus.REFUSED, _("不予确认")
        REVOKED = rules.RepresentationStatus.REVOKED, _("已解除")

    class Scope(models.TextChoices):
        GENERAL = rules.GENERAL, _("一般授权")
        SPECIAL = rules.SPECIAL, _("特别授权")

    filing = models.ForeignKey(
        "cases.Filing",
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("立案申请"),
        help_text=_("委托所在的立案申请（立案后即其案件）。"),
    )
    party = models.ForeignKey(
        "cases.FilingParty",
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("被代理的当事人"),
        help_text=_("委托代理人的当事人（民事诉讼法 第61条）。"),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("代理人"),
        help_text=_("受委托的诉讼代理人的账号。"),
    )
    scope = models.CharField(
        _("授权范围"),
        max_length=10,
        choices=Scope.choices,
        help_text=_(
            "一般授权或特别授权；代为承认、放弃、变更诉讼请求，和解，反诉或上诉须特别授权（第62条）。"
        ),
    )
    power_of_attorney = models.FileField(
        _("授权委托书"),
        upload_to=power_of_attorney_path,
        max_length=200,
        help_text=_("当事人签名或盖章的授权委托书（第62条第1款）。"),
    )
    sha256 = models.CharField(
        _("文件摘要"), max_length=64, help_text=_("授权委托书文件的 SHA-256 摘要。")
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("待确认、已确认、不予确认或已解除；确认后才可代为行事。"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("确认人"),
        help_text=_("确认、不予确认或解除委托的当事人或法院工作人员。"),
    )
    decided_at = models.DateTimeField(
        _("确认时间"), null=True, blank=True, help_text=_("最近一次确认、不予确认或解除的时间。")
    )

    class Meta:
        verbose_name = _("委托代理")
        verbose_name_plural = _("委托代理")

    def __str__(self) -> str:
        return f"{self.agent_id}→{self.party_id}"
