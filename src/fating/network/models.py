"""The court network: areas, the three tiers (court → tribunal → service point), mediation
organisations, mediators and liaisons. DESIGN.md §1."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel


class Area(TimeStampedModel):
    """An administrative area: county → township/street (镇街) → village/community (村居) → grid.

    Population and its year feed 万人成讼率 (cases per 10,000 residents).
    """

    class Level(models.TextChoices):
        COUNTY = "county", _("县（区）")
        TOWNSHIP = "township", _("镇（街道）")
        VILLAGE = "village", _("村（社区）")
        GRID = "grid", _("网格")

    code = models.CharField(
        _("区划代码"),
        max_length=15,
        unique=True,
        help_text=_("统计用区划代码（12 位）或网格编码。"),
    )
    name = models.CharField(
        _("名称"), max_length=60, help_text=_("区划名称，如“青禾镇”“李家庄村”。")
    )
    level = models.CharField(
        _("层级"), max_length=10, choices=Level.choices, help_text=_("行政层级。")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级区划"),
        help_text=_("上一级区划；县为空。"),
    )
    population = models.PositiveIntegerField(
        _("常住人口"), null=True, blank=True, help_text=_("常住人口数，用于万人成讼率。")
    )
    population_year = models.PositiveSmallIntegerField(
        _("人口统计年度"), null=True, blank=True, help_text=_("人口数所属年度。")
    )
    boundary = models.JSONField(
        _("边界"),
        null=True,
        blank=True,
        help_text=_("GeoJSON 几何（Polygon/MultiPolygon，WGS84 经纬度），用于地图。"),
    )

    class Meta:
        verbose_name = _("区划")
        verbose_name_plural = _("区划")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "parent"])]

    def __str__(self) -> str:
        return self.name


class Court(TimeStampedModel):
    """A basic people's court (level 1). 法院代字 per 法〔2015〕137号 第4–5条, e.g. 鲁0321."""

    name = models.CharField(_("名称"), max_length=60, help_text=_("法院全称，如“青禾县人民法院”。"))
    code = models.CharField(
        _("法院代字"), max_length=12, unique=True, help_text=_("案号中的法院代字，如“鲁0321”。")
    )
    province = models.CharField(
        _("省份"),
        max_length=12,
        help_text=_("所在省级行政区，决定诉讼费标准与平均工资等省级数据。"),
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="courts",
        verbose_name=_("辖区"),
        help_text=_("法院管辖的县（区）。"),
    )
    active = models.BooleanField(
        _("运行中"), default=True, help_text=_("撤销的法院保留历史记录，不再出现在新建选项中。")
    )

    class Meta:
        verbose_name = _("法院")
        verbose_name_plural = _("法院")

    def __str__(self) -> str:
        return self.name


class Tribunal(TimeStampedModel):
    """A people's tribunal (人民法庭, level 2). It has no case-number code of its own: its cases
    carry the basic court's code (人民法院组织法 第26条)."""

    class Kind(models.TextChoices):
        RURAL = "rural", _("农村法庭")
        URBAN = "urban", _("城区法庭")
        CIRCUIT = "circuit", _("巡回法庭")

    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="tribunals",
        verbose_name=_("法院"),
        help_text=_("人民法庭所属的基层人民法院；法庭以该院名义审判（人民法院组织法 第26条）。"),
    )
    name = models.CharField(_("名称"), max_length=60, help_text=_("如“东岭人民法庭”。"))
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="tribunals",
        verbose_name=_("辖区镇街"),
        help_text=_("法庭负责的镇（街道）。"),
    )
    address = models.CharField(
        _("地址"), max_length=200, blank=True, help_text=_("人民法庭的办公地址。")
    )
    phone = models.CharField(
        _("联系电话"), max_length=20, blank=True, help_text=_("人民法庭的对外联系电话。")
    )
    kind = models.CharField(
        _("法庭类型"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.RURAL,
        help_text=_(
            "农村法庭、城区法庭或巡回法庭（最高人民法院关于进一步加强新时代人民法庭工作的意见）。"
        ),
    )
    active = models.BooleanField(
        _("运行中"), default=True, help_text=_("撤并的法庭保留历史记录，不再接收新的服务点。")
    )

    class Meta:
        verbose_name = _("人民法庭")
        verbose_name_plural = _("人民法庭")
        ordering = ["court", "name"]

    def __str__(self) -> str:
        return self.name


class ServicePoint(TimeStampedModel):
    """An E+ service point (level 3) in a township centre, village, enterprise or park."""

    class Kind(models.TextChoices):
        GOVERNANCE_CENTRE = "governance_centre", _("镇街综治中心")
        VILLAGE = "village", _("村居")
        ENTERPRISE = "enterprise", _("企业")
        INDUSTRIAL_PARK = "industrial_park", _("产业园区")
        JUDGE_STUDIO = "judge_studio", _("法官工作室")
        LITIGATION_SERVICE = "litigation_service", _("诉讼服务站")
        CIRCUIT_COURT = "circuit_court", _("巡回审判点")

    tribunal = models.ForeignKey(
        Tribunal,
        on_delete=models.PROTECT,
        related_name="service_points",
        verbose_name=_("人民法庭"),
        help_text=_("负责指导该服务点的人民法庭。"),
    )
    name = models.CharField(_("名称"), max_length=80, help_text=_("如“李家庄村 E+ 服务点”。"))
    kind = models.CharField(
        _("类型"),
        max_length=24,
        choices=Kind.choices,
        help_text=_(
            "服务点类型：镇街综治中心、村居、企业、产业园区、法官工作室、诉讼服务站或巡回审判点。"
        ),
    )
    address = models.CharField(
        _("地址"), max_length=200, blank=True, help_text=_("服务点的地址，向群众展示。")
    )
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, help_text=_("WGS84 经度，用于地图。")
    )
    latitude = models.DecimalField(
        _("纬度"), max_digits=9, decimal_places=6, help_text=_("WGS84 纬度，用于地图。")
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="service_points", verbose_name=_("覆盖区域")
    )
    paired_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="paired_service_points",
        verbose_name=_("对口联络干警"),
        help_text=_("对口联系该服务点的法官或法官助理。"),
    )
    opened_on = models.DateField(_("启用日期"), help_text=_("服务点挂牌启用的日期。"))
    active = models.BooleanField(
        _("运行中"), default=True, help_text=_("停用的服务点不再接收上报。")
    )

    class Meta:
        verbose_name = _("服务点")
        verbose_name_plural = _("服务点")
        ordering = ["tribunal", "name"]

    def __str__(self) -> str:
        return self.name


class MediationOrganisation(TimeStampedModel):
    """A mediation organisation (村调委会, 行业调解组织, 律师调解工作室, …)."""

    class Kind(models.TextChoices):
        VILLAGE_COMMITTEE = "village_committee", _("村（居）人民调解委员会")
        TOWNSHIP_COMMITTEE = "township_committee", _("镇（街道）人民调解委员会")
        INDUSTRY = "industry", _("行业性专业性调解组织")
        LAWYER_STUDIO = "lawyer_studio", _("律师调解工作室")
        ENTERPRISE = "enterprise", _("企事业单位调解委员会")
        OTHER = "other", _("其他调解组织")

    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("法院"),
        help_text=_("与之对接的法院。"),
    )
    name = models.CharField(
        _("名称"), max_length=100, help_text=_("调解组织的全称，如“××村人民调解委员会”。")
    )
    kind = models.CharField(
        _("类型"),
        max_length=24,
        choices=Kind.choices,
        help_text=_("调解组织类型；人民调解委员会依人民调解法 第8、34条设立。"),
    )
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("所在区划"),
        help_text=_("调解组织所在的行政区划。"),
    )
    is_court_invited = models.BooleanField(
        _("特邀调解组织"),
        default=False,
        help_text=_(
            "是否列入法院特邀调解组织名册（最高人民法院关于人民法院特邀调解的规定 第5条）。"
        ),
    )
    specialties = models.JSONField(
        _("擅长领域"),
        default=list,
        blank=True,
        help_text=_("擅长调解的纠纷类型列表，用于委派调解时匹配。"),
    )
    phone = models.CharField(
        _("联系电话"), max_length=20, blank=True, help_text=_("调解组织的联系电话。")
    )
    active = models.BooleanField(
        _("在册"), default=True, help_text=_("撤销的调解组织保留历史记录，不再接受委派。")
    )

    class Meta:
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")
        ordering = ["court", "name"]

    def __str__(self) -> str:
        return self.name


class Mediator(TimeStampedModel):
    """A mediator: a people's mediator (人民调解员) or a court-invited mediator (特邀调解员)."""

    class Kind(models.TextChoices):
        PEOPLES = "peoples", _("人民调解员")
        INVITED = "invited", _("特邀调解员")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediator_profile",
        verbose_name=_("账号"),
        help_text=_("调解员登录平台使用的账号；未开通账号为空。"),
    )
    name = models.CharField(_("姓名"), max_length=60, help_text=_("调解员姓名。"))
    kind = models.CharField(
        _("类型"),
        max_length=10,
        choices=Kind.choices,
        help_text=_("人民调解员（人民调解法 第13条）或法院特邀调解员（特邀调解规定）。"),
    )
    organisation = models.ForeignKey(
        MediationOrganisation,
        on_delete=models.PROTECT,
        related_name="mediators",
        verbose_name=_("调解组织"),
        help_text=_("调解员所属的调解组织；个人特邀调解员可为空。"),
    )
    specialties = models.JSONField(
        _("擅长领域"), default=list, blank=True, help_text=_("如 婚姻家庭、相邻关系、劳务、物业。")
    )
    phone = models.CharField(
        _("手机号码"), max_length=11, blank=True, help_text=_("调解员的手机号码，用于通知。")
    )
    active = models.BooleanField(
        _("在册"), default=True, help_text=_("是否仍在调解员名册中；退出名册的不再接受委派或委托。")
    )
    is_gold = models.BooleanField(
        _("金牌调解员"), default=False, help_text=_("是否为法院评定的金牌调解员。")
    )
    is_retired_judge = models.BooleanField(
        _("退休法官"),
        default=False,
        help_text=_("是否为受邀担任特邀调解员的退休法官（特邀调解规定 第6条）。"),
    )

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name


class Liaison(TimeStampedModel):
    """A liaison officer (便民联络员) attached to a service point."""

    class Kind(models.TextChoices):
        VILLAGE_SECRETARY = "village_secretary", _("村居书记")
        GRID_WORKER = "grid_worker", _("网格员")
        ENTERPRISE_CONTACT = "enterprise_contact", _("企业联络人")
        LEGAL_ADVISER = "legal_adviser", _("一村一法律顾问")
        OTHER = "other", _("其他联络员")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="liaison_profile",
        verbose_name=_("账号"),
        help_text=_("联络员登录平台使用的账号；未开通账号为空。"),
    )
    name = models.CharField(_("姓名"), max_length=60, help_text=_("联络员姓名。"))
    kind = models.CharField(
        _("类型"),
        max_length=24,
        choices=Kind.choices,
        help_text=_("联络员类型：村居书记、网格员、企业联络人、一村一法律顾问或其他。"),
    )
    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="liaisons",
        verbose_name=_("服务点"),
        help_text=_("联络员所在的服务点。"),
    )
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="liaisons",
        verbose_name=_("负责区域"),
        help_text=_("联络员负责的村（社区）或网格。"),
    )
    phone = models.CharField(
        _("手机号码"), max_length=11, blank=True, help_text=_("联络员的手机号码，用于通知。")
    )
    active = models.BooleanField(
        _("在岗"), default=True, help_text=_("是否在岗；离岗联络员不能代为上报纠纷。")
    )
    appointed_on = models.DateField(
        _("聘任日期"), null=True, blank=True, help_text=_("联络员受聘上岗的日期。")
    )
    paired_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="paired_liaisons",
        verbose_name=_("结对干警"),
        help_text=_("与联络员结对的本院法官或法官助理。"),
    )

    class Meta:
        verbose_name = _("联络员")
        verbose_name_plural = _("联络员")
        ordering = ["service_point", "name"]

    def __str__(self) -> str:
        return self.name


class AreaPopulation(TimeStampedModel):
    """The resident population of an area in one year (万人成讼率 uses the latest year)."""

    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="populations",
        verbose_name=_("区划"),
        help_text=_("人口数所属的区划。"),
    )
    year = models.PositiveSmallIntegerField(_("年度"), help_text=_("人口统计年度（公历年）。"))
    population = models.PositiveIntegerField(
        _("常住人口"), help_text=_("该年度的常住人口数（人），用于万人成讼率。")
    )

    class Meta:
        verbose_name = _("区划年度人口")
        verbose_name_plural = _("区划年度人口")
        ordering = ["area", "year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="network_area_population_year")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}"


class LiaisonTraining(TimeStampedModel):
    """One training a liaison attended (业务培训记录)."""

    liaison = models.ForeignKey(
        Liaison,
        on_delete=models.PROTECT,
        related_name="trainings",
        verbose_name=_("联络员"),
        help_text=_("参加培训的联络员。"),
    )
    held_on = models.DateField(_("培训日期"), help_text=_("培训举办的日期。"))
    topic = models.CharField(
        _("培训内容"), max_length=100, help_text=_("培训主题，如“诉前调解流程”。")
    )
    hours = models.DecimalField(
        _("学时"),
        max_digits=4,
        decimal_places=1,
        default=1,
        help_text=_("培训学时（小时）。"),
    )

    class Meta:
        verbose_name = _("联络员培训记录")
        verbose_name_plural = _("联络员培训记录")
        ordering = ["liaison", "-held_on"]

    def __str__(self) -> str:
        return f"{self.liaison} {self.topic}"


class Department(TimeStampedModel):
    """A department of 部门联动 (派出所, 司法所, 综治中心, 行业主管部门) the court works with on
    disputes; the court keeps the list as part of its network."""

    class Kind(models.TextChoices):
        POLICE_STATION = "police_station", _("派出所")
        JUSTICE_OFFICE = "justice_office", _("司法所")
        GOVERNANCE_CENTRE = "governance_centre", _("综治中心")
        INDUSTRY_AUTHORITY = "industry_authority", _("行业主管部门")
        OTHER = "other", _("其他部门")

    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("法院"),
        help_text=_("与该部门开展诉调对接、部门联动的法院。"),
    )
    name = models.CharField(_("名称"), max_length=80, help_text=_("部门全称，如“东岭派出所”。"))
    kind = models.CharField(
        _("类型"),
        max_length=24,
        choices=Kind.choices,
        help_text=_("派出所、司法所、综治中心、行业主管部门或其他部门。"),
    )
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("所在区划"),
        help_text=_("部门所在或负责的镇（街道）；县级部门为县。"),
    )
    phone = models.CharField(
        _("联系电话"), max_length=20, blank=True, help_text=_("部门联动的联系电话。")
    )
    active = models.BooleanField(
        _("运行中"), default=True, help_text=_("撤销的部门保留历史记录，不再出现在移送选项中。")
    )

    class Meta:
        verbose_name = _("联动部门")
        verbose_name_plural = _("联动部门")
        ordering = ["court", "name"]

    def __str__(self) -> str:
        return self.name
