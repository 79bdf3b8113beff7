"""Writes of the element tables: a side's answers, the judge's findings. One transaction and
one audit event each; the permission is checked first."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from fating.cases.models import Case
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, NotPermitted
from fating.elements import rules, selectors
from fating.elements.models import ElementAnswer, ElementFinding

MAX_NOTE = 500


def _table(case: Case) -> rules.Table:
    table = selectors.table_of(case)
    if table is None:
        raise FieldError({"cause": _("本案案由暂无要素表，不适用要素式审判。")})
    return table


def fill_elements(*, actor: Any, case: Case, side: str, answers: dict[str, str]) -> int:
    """Save one side's answers (only the elements given; an empty answer clears one). Returns
    how many answers changed. Every answer is checked before anything is written."""
    try:
        side_value = rules.Side(side)
    except ValueError:
        raise FieldError({"side": _("填写方应为原告方或被告方。")}) from None
    if not selectors.may_answer(actor, case, side_value):
        raise NotPermitted(_("您不能代表这一方填写要素表。"))
    table = _table(case)
    errors: dict[str, str] = {}
    clean: dict[str, str] = {}
    for key, value in answers.items():
        element = table.element(key)
        if element is None:
            errors[key] = _("要素表中没有这一项。")
            continue
        try:
            clean[key] = rules.normalise(element, value if isinstance(value, str) else "")
        except rules.InvalidAnswer as refusal:
            errors[key] = refusal.message
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not selectors.may_answer(actor, locked, side_value):
            raise NotPermitted(_("您不能代表这一方填写要素表。"))
        current = {a.element: a for a in ElementAnswer.objects.filter(case=case, side=side_value)}
        before: dict[str, str] = {}
        after: dict[str, str] = {}
        for key, value in clean.items():
            row = current.get(key)
            old = row.value if row else ""
            if old == value:
                continue
            before[key], after[key] = old, value
            if row is None:
                ElementAnswer.objects.create(
                    case=case, side=side_value, element=key, value=value, answered_by=actor
                )
            else:
                row.value, row.answered_by = value, actor
                row.save(update_fields=["value", "answered_by", "updated_at"])
        if after:
            record_event(
                actor=actor,
                action="elements.answer.fill",
                target=case,
                before={"side": side_value.value, "answers": before},
                after={"side": side_value.value, "answers": after},
            )
    return len(after)


def mark_element(
    *, actor: Any, case: Case, element: str, finding: str, note: str = ""
) -> ElementFinding:
    """The judge marks one element agreed (无争议) or disputed (有争议)."""
    if not selectors.can_mark(actor, case):
        raise NotPermitted(_("只有本案的法官、法官助理可以认定要素。"))
    table = _table(case)
    errors: dict[str, str] = {}
    if table.element(element) is None:
        errors["element"] = _("要素表中没有这一项。")
    if finding not in (rules.Finding.AGREED, rules.Finding.DISPUTED):
        errors["finding"] = _("认定应为无争议或有争议。")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        errors["note"] = _("说明不能超过500字。")
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        Case.objects.select_for_update().get(pk=case.pk)
        row = ElementFinding.objects.filter(case=case, element=element).first()
        before = {"finding": row.finding, "note": row.note} if row else None
        if row is None:
            row = ElementFinding.objects.create(
                case=case, element=element, finding=finding, note=note, marked_by=actor
            )
        elif (row.finding, row.note) != (finding, note):
            row.finding, row.note, row.marked_by = finding, note, actor
            row.save(update_fields=["finding", "note", "marked_by", "updated_at"])
        else:
            return row  # the same finding again (a retried request): nothing to record
        record_event(
            actor=actor,
            action="elements.finding.mark",
            target=case,
            before=before,
            after={"element": element, "finding": finding, "note": note},
        )
    return row
