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
from fating.elements.models import ElementAnswer, ElementFinding, ModelLitigation, ParallelCase

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


# --- Model litigation (示范诉讼) ----------------------------------------------------------------

MAX_NAME = 100
MAX_REASON = 300


def create_litigation(*, actor: Any, lead: Case, cases: list[Case], name: str) -> ModelLitigation:
    """Link a group of parallel cases to a lead case (示范案件). Every case must be open, of the
    lead's court and cause, managed by the actor and in no other group."""
    if not selectors.can_mark(actor, lead):
        raise NotPermitted(_("只有本案的法官、法官助理可以确定示范案件。"))
    _table(lead)
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("请填写本组类案的名称。")]
    elif len(name) > MAX_NAME:
        errors["name"] = [_("名称不能超过100字。")]
    allowed = set(selectors.candidates(actor, lead).values_list("pk", flat=True))
    picked = {c.pk: c for c in cases}
    if not picked:
        errors["cases"] = [_("请至少选择一件平行案件。")]
    for pk, case in picked.items():
        if pk not in allowed:
            errors.setdefault("cases", []).append(
                _(
                    "%(number)s 不能加入：应为本院同一案由、由您承办、未结且未加入其他示范诉讼的案件。"
                )
                % {"number": case.number or pk}
            )
    if selectors.grouped(lead) is not None:
        errors["lead"] = [_("该案件已在另一示范诉讼组中。")]
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk__in=[lead.pk, *picked]).count()
        litigation = ModelLitigation.objects.create(
            court_id=lead.court_id, name=name, cause=lead.filing.cause.name, lead=lead,
            created_by=actor,
        )  # fmt: skip
        ParallelCase.objects.bulk_create(
            [ParallelCase(litigation=litigation, case_id=pk) for pk in sorted(picked)]
        )
        record_event(
            actor=actor,
            action="elements.litigation.create",
            target=litigation,
            after={"name": name, "lead": lead.pk, "cases": sorted(picked)},
        )
    return litigation


def _decide(actor: Any, parallel: ParallelCase, name: str) -> ParallelCase:
    """Lock the row and move it by the machine; a refusal (already decided) is a 409."""
    if not selectors.can_mark(actor, parallel.litigation.lead):
        raise NotPermitted(_("只有示范案件的法官、法官助理可以处理平行案件。"))
    locked = ParallelCase.objects.select_for_update().get(pk=parallel.pk)
    locked.status = rules.PARALLEL.target(locked.status, name)
    locked.decided_by = actor
    return locked


def confirm_parallel(*, actor: Any, parallel: ParallelCase) -> ParallelCase:
    """The judge confirms the draft for one parallel case: the proposed findings are written to
    it (its own earlier findings are kept). Only once: a second confirmation is refused (409)."""
    litigation = parallel.litigation
    if not ElementFinding.objects.filter(case=litigation.lead).exists():
        raise FieldError({"lead": _("示范案件尚未认定任何要素，不能参照。")})
    if parallel.case.status != Case.Status.OPEN:
        raise FieldError({"case": _("该平行案件已结案。")})
    with transaction.atomic():
        locked = _decide(actor, parallel, "confirm")
        applied = []
        for p in selectors.proposals(litigation, parallel.case):
            if p.finding is None:
                continue
            ElementFinding.objects.create(
                case=parallel.case, element=p.element.key, finding=p.finding, note=p.note,
                marked_by=actor,
            )  # fmt: skip
            applied.append(p.element.key)
        locked.applied = len(applied)
        locked.save(update_fields=["status", "decided_by", "applied", "updated_at"])
        record_event(
            actor=actor,
            action="elements.parallel.confirm",
            target=parallel.case,
            before={"status": rules.ParallelState.PENDING.value},
            after={"status": locked.status, "litigation": litigation.pk, "applied": applied},
        )
    return locked


def exclude_parallel(*, actor: Any, parallel: ParallelCase, reason: str) -> ParallelCase:
    """Take a case out of the group (its facts differ): it is then tried on its own."""
    reason = (reason or "").strip()
    if not reason:
        raise FieldError({"reason": _("请说明排除的理由。")})
    if len(reason) > MAX_REASON:
        raise FieldError({"reason": _("理由不能超过300字。")})
    with transaction.atomic():
        locked = _decide(actor, parallel, "exclude")
        locked.reason = reason
        locked.save(update_fields=["status", "decided_by", "reason", "updated_at"])
        record_event(
            actor=actor,
            action="elements.parallel.exclude",
            target=parallel.case,
            before={"status": rules.ParallelState.PENDING.value},
            after={"status": locked.status, "litigation": parallel.litigation_id, "reason": reason},
        )
    return locked
