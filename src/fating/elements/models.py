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
