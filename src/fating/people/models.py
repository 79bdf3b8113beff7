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
