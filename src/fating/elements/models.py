"""Element-style trial (要素式庭审): each side's answers to the cause's element table and the
judge's finding on each element. The tables themselves are data (rules.tables()).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.elements import rules

SIDES = [(rules.Side.PLAINTIFF.value, _("原告方")), (rules.Side.DEFENDANT.value, _("被告方"))]
FINDINGS = [(rules.Finding.AGREED.value, _("无争议")), (rules.Finding.DISPUTED.value, _("有争议"))]


class ElementAnswer(TimeStampedModel):
    """One side's answer to one element of its case's table, kept as last saved; each save is
    an audit event, so earlier answers remain in the case's timeline."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="element_answers",
        verbose_name=_("案件"),
        help_text=_("要素表所属的案件。"),
    )
    side = models.CharField(
        _("填写方"),
        max_length=12,
        choices=SIDES,
        help_text=_("填写本项要素的一方：原告方或被告方。"),
    )
    element = models.CharField(
        _("要素"),
        max_length=40,
        help_text=_("要素表中要素的代码（见 elements/data/tables.json）。"),
    )
    value = models.TextField(
        _("填写内容"),
        blank=True,
        max_length=rules.MAX_TEXT,
        help_text=_("该方对本项要素的陈述；金额以元计、日期为公历日期，空白表示未填写。"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("填写人"),
        help_text=_("最后填写本项要素的用户（当事人本人或其代理人）。"),
    )

    class Meta:
        verbose_name = _("要素填写")
        verbose_name_plural = _("要素填写")
        ordering = ["case", "side", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "side", "element"], name="element_answer_once")
        ]


class ElementFinding(TimeStampedModel):
    """The judge's finding on one element: agreed (无争议, not tried again) or disputed (有争议,
    the focus the court sums up and tries, 民事诉讼法解释 第226条 归纳争议焦点)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="element_findings",
        verbose_name=_("案件"),
        help_text=_("要素表所属的案件。"),
    )
    element = models.CharField(
        _("要素"),
        max_length=40,
        help_text=_("要素表中要素的代码（见 elements/data/tables.json）。"),
    )
    finding = models.CharField(
        _("认定"),
        max_length=12,
        choices=FINDINGS,
        help_text=_("法官对本项要素的认定：无争议或有争议。"),
    )
    note = models.CharField(
        _("说明"), max_length=500, blank=True, help_text=_("法官对认定的简要说明，如争议所在。")
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("认定人"),
        help_text=_("作出认定的法官或法官助理。"),
    )

    class Meta:
        verbose_name = _("要素认定")
        verbose_name_plural = _("要素认定")
        ordering = ["case", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "element"], name="element_finding_once")
        ]


class ModelLitigation(TimeStampedModel):
    """示范诉讼: a group of parallel cases of one cause decided through a lead case (示范案件), whose
    element findings are carried to each parallel case as a draft the judge confirms one by one
    (类案集中办理)."""

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="model_litigations",
        verbose_name=_("法院"),
        help_text=_("审理本组案件的法院（示范案件所在法院）。"),
    )
    name = models.CharField(
        _("名称"), max_length=100, help_text=_("本组类案的名称，如“某小区物业费系列案”。")
    )
    cause = models.CharField(
        _("案由"), max_length=100, help_text=_("本组案件共同的案由名称（决定所用的要素表）。")
    )
    lead = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="model_litigation",
        verbose_name=_("示范案件"),
        help_text=_("先行审理、其要素认定供平行案件参照的案件。"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("创建人"),
        help_text=_("确定示范案件、建立本组的法官或法官助理。"),
    )

    class Meta:
        verbose_name = _("示范诉讼")
        verbose_name_plural = _("示范诉讼")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class ParallelCase(TimeStampedModel):
    """A parallel case (平行案件) of a model litigation and the judge's decision on carrying the
    lead case's findings to it::

        pending -> confirmed : 确认参照
        pending -> excluded : 排除出本组
    """

    class Status(models.TextChoices):
        PENDING = rules.ParallelState.PENDING.value, _("待确认")
        CONFIRMED = rules.ParallelState.CONFIRMED.value, _("已确认参照")
        EXCLUDED = rules.ParallelState.EXCLUDED.value, _("已排除")

    litigation = models.ForeignKey(
        ModelLitigation,
        on_delete=models.CASCADE,
        related_name="parallel_cases",
        verbose_name=_("示范诉讼"),
        help_text=_("本案所属的示范诉讼组。"),
    )
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="parallel_of",
        verbose_name=_("平行案件"),
        help_text=_("参照示范案件处理的案件；一个案件只属于一个示范诉讼组。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("法官是否已逐案确认参照示范案件的认定。"),
    )
    applied = models.PositiveSmallIntegerField(
        _("参照认定项数"), default=0, help_text=_("确认时据示范案件写入本案的要素认定项数。")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("确认人"),
        help_text=_("确认参照或排除本案的法官或法官助理。"),
    )
    reason = models.CharField(
        _("排除理由"), max_length=300, blank=True, help_text=_("排除出本组时的理由。")
    )

    class Meta:
        verbose_name = _("平行案件")
        verbose_name_plural = _("平行案件")
        ordering = ["litigation", "pk"]
