"""Hearings 开庭: online (互联网开庭, a room and a join link per participant) or in a courtroom."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel


class Hearing(TimeStampedModel):
    """A scheduled hearing. Conflicts (same judge, same courtroom, same party at overlapping
    times) are refused by services.hearings.schedule_hearing.

        scheduled ──record──▶ held
            ├──cancel──▶ cancelled
            └──adjourn──▶ adjourned (a new hearing is scheduled)
    """

    class Mode(models.TextChoices):
        ONLINE = "online", _("在线开庭")
        COURTROOM = "courtroom", _("法庭开庭")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已排期")
        HELD = "held", _("已开庭")
        CANCELLED = "cancelled", _("已取消")
        ADJOURNED = "adjourned", _("延期开庭")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="hearings", verbose_name=_("案件")
    )
    mode = models.CharField(_("方式"), max_length=12, choices=Mode.choices)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    courtroom = models.CharField(
        _("法庭"), max_length=60, blank=True, help_text=_("线下开庭的审判庭名称，如“第一审判庭”。")
    )
    room_code = models.CharField(
        _("在线庭审室"), max_length=32, blank=True, help_text=_("在线开庭的房间号。")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hearings",
        verbose_name=_("审判人员"),
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    record = models.TextField(_("庭审笔录摘要"), blank=True)

    class Meta:
        verbose_name = _("开庭")
        verbose_name_plural = _("开庭")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["judge", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.case} {self.starts_at:%Y-%m-%d %H:%M}"


class HearingParticipant(TimeStampedModel):
    """A person summoned to a hearing, with their own join link for an online hearing."""

    hearing = models.ForeignKey(
        Hearing, on_delete=models.CASCADE, related_name="participants", verbose_name=_("开庭")
    )
    party = models.ForeignKey(
        "cases.FilingParty",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hearing_seats",
        verbose_name=_("当事人"),
    )
    name = models.CharField(_("姓名"), max_length=100)
    role = models.CharField(_("身份"), max_length=20)
    join_token = models.CharField(
        _("入会凭证"), max_length=64, unique=True, help_text=_("在线开庭的个人入会链接凭证。")
    )
    attended = models.BooleanField(_("到庭"), null=True, blank=True)

    class Meta:
        verbose_name = _("参加人")
        verbose_name_plural = _("参加人")
        ordering = ["hearing", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.role}）"


class Adjournment(TimeStampedModel):
    """延期开庭 of a hearing (CPL 第149条) under the 2019 延长审限和延期开庭规定: at most two
    per case in ordinary procedure, one in simple or small-claims procedure (第3条); the next
    hearing within one month unless force majeure or the parties agree (第5条); an adjournment
    for "其他应当延期的情形" (force majeure or accident, 第2条) needs the president's approval
    (第6条). Count and reasons are disclosed to the parties (第7条) on the case timeline."""

    class Ground(models.TextChoices):
        ABSENCE = "absence", _("必须到庭的人有正当理由没有到庭（第149条（一））")
        RECUSAL = "recusal", _("当事人临时提出回避申请（第149条（二））")
        EVIDENCE = (
            "evidence",
            _("需要通知新的证人、调取新的证据、重新鉴定勘验或补充调查（第149条（三））"),
        )
        OTHER = "other", _("不可抗力或意外事件（第149条（四）；规定 第2条）")

    hearing = models.OneToOneField(
        Hearing, on_delete=models.CASCADE, related_name="adjournment", verbose_name=_("原开庭")
    )
    next_hearing = models.OneToOneField(
        Hearing,
        on_delete=models.PROTECT,
        related_name="adjourned_from",
        verbose_name=_("下次开庭"),
    )
    ground = models.CharField(_("延期事由"), max_length=12, choices=Ground.choices)
    reasons = models.TextField(_("具体理由"))
    parties_consent = models.BooleanField(
        _("当事人同意间隔超过一个月"), default=False, help_text=_("规定 第5条。")
    )
    president_approval = models.CharField(
        _("院长批准记录"), max_length=120, blank=True, help_text=_("规定 第6条：批准文号或记录。")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决定人"),
    )

    class Meta:
        verbose_name = _("延期开庭")
        verbose_name_plural = _("延期开庭")
        ordering = ["hearing__case", "pk"]

    def __str__(self) -> str:
        return f"{self.hearing} 延期"
