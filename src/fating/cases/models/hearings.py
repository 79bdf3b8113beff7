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
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="hearings",
        verbose_name=_("案件"),
        help_text=_("开庭所属的案件。"),
    )
    mode = models.CharField(
        _("方式"), max_length=12, choices=Mode.choices, help_text=_("在线开庭或在法庭开庭。")
    )
    starts_at = models.DateTimeField(_("开始时间"), help_text=_("开庭的开始时间。"))
    ends_at = models.DateTimeField(_("结束时间"), help_text=_("开庭的预计或实际结束时间。"))
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
        help_text=_("主持开庭的审判人员。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_("开庭状态：已排期、已开庭、已取消或延期开庭。"),
    )
    record = models.TextField(_("庭审笔录摘要"), blank=True, help_text=_("庭审笔录的摘要。"))

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
        Hearing,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("开庭"),
        help_text=_("参加的开庭。"),
    )
    party = models.ForeignKey(
        "cases.FilingParty",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hearing_seats",
        verbose_name=_("当事人"),
        help_text=_("参加开庭的当事人；代理人、证人等为空。"),
    )
    name = models.CharField(_("姓名"), max_length=100, help_text=_("参加人姓名。"))
    role = models.CharField(
        _("身份"), max_length=20, help_text=_("参加人的身份，如原告、委托诉讼代理人、证人。")
    )
    join_token = models.CharField(
        _("入会凭证"), max_length=64, unique=True, help_text=_("在线开庭的个人入会链接凭证。")
    )
    attended = models.BooleanField(_("到庭"), null=True, blank=True, help_text=_("是否到庭。"))

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
        Hearing,
        on_delete=models.CASCADE,
        related_name="adjournment",
        verbose_name=_("原开庭"),
        help_text=_("被延期的开庭。"),
    )
    next_hearing = models.OneToOneField(
        Hearing,
        on_delete=models.PROTECT,
        related_name="adjourned_from",
        verbose_name=_("下次开庭"),
        help_text=_("延期后再次开庭的安排，应在一个月内（延长审限和延期开庭规定 第5条）。"),
    )
    ground = models.CharField(
        _("延期事由"),
        max_length=12,
        choices=Ground.choices,
        help_text=_("延期开庭的法定事由（民事诉讼法 第149条）。"),
    )
    reasons = models.TextField(_("具体理由"), help_text=_("延期的具体理由。"))
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
        help_text=_(
            "决定延期的审判人员；不可抗力等情形需院长批准（2019 延长审限和延期开庭规定）。"
        ),
    )

    class Meta:
        verbose_name = _("延期开庭")
        verbose_name_plural = _("延期开庭")
        ordering = ["hearing__case", "pk"]

    def __str__(self) -> str:
        return f"{self.hearing} 延期"
