from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel, TimeStampedModel


class Role(models.TextChoices):
    """What a person does on the platform (DESIGN.md §1)."""

    COURT_ADMIN = "court_admin", _("法院管理员")
    JUDGE = "judge", _("法官")
    CLERK = "clerk", _("法官助理/书记员")
    LIAISON = "liaison", _("便民联络员")
    MEDIATOR = "mediator", _("调解员")
    PARTY = "party", _("当事人")
    AGENT = "agent", _("代理人/律师")
    GOVERNANCE = "governance", _("综治干部")
    ENFORCEMENT_JUDGE = "enforcement_judge", _("执行法官")
    EXECUTOR = "executor", _("执行员")
    DEPARTMENT_OFFICER = "department_officer", _("联动部门工作人员")


#: Roles that work inside a court's network and see its directories.
STAFF_ROLES = frozenset(
    {
        Role.COURT_ADMIN,
        Role.JUDGE,
        Role.CLERK,
        Role.LIAISON,
        Role.MEDIATOR,
        Role.GOVERNANCE,
        Role.ENFORCEMENT_JUDGE,
        Role.EXECUTOR,
    }
)
#: Enforcement personnel (执行局): granted at the court level, they work on its enforcement cases.
ENFORCEMENT_ROLES = frozenset({Role.ENFORCEMENT_JUDGE, Role.EXECUTOR})
#: Roles of court personnel (院机关 and 人民法庭).
COURT_ROLES = frozenset({Role.COURT_ADMIN, Role.JUDGE, Role.CLERK})


class User(FatingModel, AbstractUser):
    """A person who logs in, by username or by mobile number."""

    full_name = models.CharField(
        _("姓名"), max_length=60, blank=True, help_text=_("真实姓名，用于显示。")
    )
    mobile = models.CharField(
        _("手机号码"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        help_text=_("11 位中国大陆手机号码，可用于登录；唯一。"),
    )
    id_number = models.CharField(
        _("公民身份号码"),
        max_length=18,
        blank=True,
        help_text=_("18 位公民身份号码（可选），由法院管理员登记时校验；页面上只显示掩码。"),
    )
    must_change_password = models.BooleanField(
        _("须修改密码"),
        default=False,
        help_text=_("管理员签发临时密码后为真：下次登录须先修改密码；修改或短信重置后恢复为假。"),
    )
    session_generation = models.PositiveIntegerField(
        _("登录代次"),
        default=0,
        help_text=_("每次递增都使该用户已有的网页登录全部失效（结束身份、停用账号时）。"),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django keys each session to the password hash, so a password change ends the others.
        # An administrator ending a grant or deactivating the account must end them too without
        # touching the password: the generation joins the hash once it has been raised (at 0 the
        # hash is Django's own, so sessions that existed before this field stay valid).
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        value = self.password
        if self.session_generation:
            value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class Membership(TimeStampedModel):
    """Ties a user, in one role, to the place where they act.

    Scope by role: court administrator and governance officer → court; judge and clerk → tribunal
    (or the court itself for 院机关 staff); liaison → service point; mediator → mediation
    organisation; department officer → the 部门联动 department (派出所, 司法所, …) they work for;
    party and agent → no scope (they see only their own matters).
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("用户"),
        help_text=_("拥有该身份的用户。"),
    )
    role = models.CharField(
        _("角色"), max_length=20, choices=Role.choices, help_text=_("该身份下的角色。")
    )
    court = models.ForeignKey(
        "network.Court",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("法院"),
        help_text=_("所属法院；法庭、服务点、调解组织的成员也自动归属其法院。"),
    )
    tribunal = models.ForeignKey(
        "network.Tribunal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("人民法庭"),
        help_text=_("法官、法官助理所在的人民法庭。"),
    )
    service_point = models.ForeignKey(
        "network.ServicePoint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("服务点"),
        help_text=_("联络员所在的 E+ 服务点。"),
    )
    organisation = models.ForeignKey(
        "network.MediationOrganisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("调解组织"),
        help_text=_("调解员所在的调解组织。"),
    )
    department = models.ForeignKey(
        "network.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("联动部门"),
        help_text=_("联动部门工作人员所在的部门（派出所、司法所、综治中心、行业主管部门）。"),
    )
    active = models.BooleanField(
        _("有效"), default=True, help_text=_("停用后该身份不再授予任何权限。")
    )

    class Meta:
        verbose_name = _("身份")
        verbose_name_plural = _("身份")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "user", "role", "court", "tribunal", "service_point", "organisation",
                    "department",
                ],
                name="membership_unique_scope",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    @property
    def place_name(self) -> str:
        """The name of the place the grant is held at ("" for a party or agent)."""
        place = (
            self.service_point
            or self.tribunal
            or self.organisation
            or self.department
            or self.court
        )
        return place.name if place is not None else ""
