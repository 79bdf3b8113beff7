"""The lawyer's investigation order (律师调查令), the 辽宁 seed's "率先实施律师调查令".

The agent applies in the case for evidence the party cannot collect for objective reasons
(CPL 第67条第2款; 民诉解释 第94条: in writing, naming the holder and the items); the judge issues
the order — numbered in the court's own gap-free sequence （年度）法院代字调查令N号, valid for a
number of days counted like a CPL period (第85条) through the court calendar, with its scope —
or refuses with the reason (第95条). The agent records the holder's answer (provided, partial,
refused) and uploads what was obtained, which joins the case's evidence list with its SHA-256.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases import selectors_procedures as proc
from fating.cases.models import Case, Evidence, InvestigationOrder
from fating.cases.rules import procedures as rules
from fating.cases.services.acceptance import reserve_case_numbers
from fating.core import uploads
from fating.core.audit import record_event
from fating.core.calendar.periods import days, period_end
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _text(values: dict[str, str], limits: dict[str, int], required: dict[str, str]) -> dict:
    out = {k: (v or "").strip() for k, v in values.items()}
    errors: dict[str, str] = {}
    for field, value in out.items():
        if not value and field in required:
            errors[field] = _(required[field])
        elif len(value) > limits[field]:
            errors[field] = _("不能超过%(n)s个字。") % {"n": limits[field]}
    if errors:
        raise FieldError(errors)
    return out


@transaction.atomic
def apply(
    *, actor: User, case: Case, holder: str, items: str, reasons: str, holder_address: str = ""
) -> InvestigationOrder:
    """The agent applies (民诉解释 第94条第2款: in writing, before the time for evidence ends)."""
    if not proc.can_apply_investigation(actor, case):
        raise NotPermitted(_("只有受委托代理本案当事人的代理人可以申请调查令。"))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能申请调查令。"))
    values = _text(
        {"holder": holder, "holder_address": holder_address, "items": items, "reasons": reasons},
        {"holder": 120, "holder_address": 200, "items": 2000, "reasons": 2000},
        {"holder": "请填写证据持有人。", "items": "请填写调查事项。",
         "reasons": "请说明不能自行收集的客观原因（民诉解释 第94条）。"},
    )  # fmt: skip
    order = InvestigationOrder.objects.create(
        case=case, court_id=case.court_id, applicant=actor, applied_at=timezone.now(), **values
    )
    record_event(actor=actor, action="cases.investigation.apply", target=order,
                 after={"case": case.pk, "holder": order.holder})  # fmt: skip
    return order


def _decidable(actor: User, order: InvestigationOrder) -> InvestigationOrder:
    if not proc.restrict(InvestigationOrder.objects.filter(pk=order.pk), actor, "decide").exists():
        raise NotPermitted(_("只有本院法官可以签发或不予签发调查令。"))
    return InvestigationOrder.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def issue(
    *,
    actor: User,
    order: InvestigationOrder,
    validity_days: Any = rules.ORDER_VALIDITY_DEFAULT_DAYS,
    scope: str = "",
) -> InvestigationOrder:
    """Issue the order: the next number of the court's 调查令 sequence this year (no gap: taken
    in this transaction), validity from today through the court calendar, and its scope (the
    items applied for unless the judge narrows them)."""
    order = _decidable(actor, order)
    try:
        count = int(validity_days)
    except (TypeError, ValueError):
        count = 0
    problem = rules.validity_error(count)
    scope_text = (scope or "").strip() or order.items
    if problem:
        raise FieldError({"validity_days": _(problem)})
    if len(scope_text) > 2000:
        raise FieldError({"scope": _("不能超过%(n)s个字。") % {"n": 2000}})
    before = order.status
    order.status = rules.INVESTIGATION.target(order.status, "issue")
    if order.case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能签发调查令。"))
    today = timezone.localdate()
    seq = reserve_case_numbers(
        court=order.court, year=today.year, type_code=rules.ORDER_TYPE_CODE, count=1
    )
    order.number = rules.format_order_number(today.year, order.court.code, seq)
    order.year, order.seq = today.year, seq
    order.issued_on = today
    order.validity_days = count
    order.valid_until = period_end(today, days(count), calendar=court_calendar()).end
    order.scope = scope_text
    order.decided_by, order.decided_at = actor, timezone.now()
    order.save()
    record_event(
        actor=actor,
        action="cases.investigation.issue",
        target=order,
        before={"status": before},
        after={"status": order.status, "number": order.number, "valid_until": order.valid_until},
    )
    return order


@transaction.atomic
def refuse(*, actor: User, order: InvestigationOrder, reason: str) -> InvestigationOrder:
    """Refuse with the reason (民诉解释 第95条: irrelevant or unnecessary evidence)."""
    order = _decidable(actor, order)
    text = _text({"refusal_reason": reason}, {"refusal_reason": 1000},
                 {"refusal_reason": "请填写不予签发的理由（民诉解释 第95条）。"})  # fmt: skip
    before = order.status
    order.status = rules.INVESTIGATION.target(order.status, "refuse")
    order.refusal_reason = text["refusal_reason"]
    order.decided_by, order.decided_at = actor, timezone.now()
    order.save()
    record_event(actor=actor, action="cases.investigation.refuse", target=order,
                 before={"status": before}, after={"status": order.status})  # fmt: skip
    return order


@transaction.atomic
def record_answer(
    *,
    actor: User,
    order: InvestigationOrder,
    answer: str,
    answered_on: date | None = None,
    note: str = "",
    file: UploadedFile | None = None,
    title: str = "",
) -> InvestigationOrder:
    """The agent records the holder's answer within the validity; what was obtained is uploaded
    and joins the case's evidence (hashed). A refusal needs no file but a note."""
    if not proc.restrict(InvestigationOrder.objects.filter(pk=order.pk), actor, "answer").exists():
        raise NotPermitted(_("只有申请调查令的代理人可以记录回复。"))
    order = InvestigationOrder.objects.select_for_update().get(pk=order.pk)
    rules.INVESTIGATION.target(order.status, "answer")
    errors: dict[str, str] = {}
    on = answered_on or timezone.localdate()
    if answer not in InvestigationOrder.Answer.values:
        errors["answer"] = _("回复结果无效，应为已提供、部分提供或拒绝提供。")
    if order.issued_on and not (order.issued_on <= on <= (order.valid_until or on)):
        errors["answered_on"] = _("回复日期应在调查令有效期内（%(a)s至%(b)s）。") % {
            "a": order.issued_on, "b": order.valid_until}  # fmt: skip
    text = (note or "").strip()
    if len(text) > 2000:
        errors["note"] = _("不能超过%(n)s个字。") % {"n": 2000}
    if answer == InvestigationOrder.Answer.REFUSED and not text:
        errors["note"] = _("持有人拒绝提供的，请记录其理由。")
    if answer in (InvestigationOrder.Answer.PROVIDED, InvestigationOrder.Answer.PARTIAL):
        if file is None:
            errors["file"] = _("请上传调取的证据。")
    checked = None
    if file is not None:
        try:
            checked = uploads.check_upload(
                file, field="file", allowed=uploads.EVIDENCE, label="调取的证据",
                max_bytes=MAX_UPLOAD_BYTES,
            )  # fmt: skip
        except FieldError as exc:
            errors.update({k: v[0] for k, v in exc.fields.items()})
    if errors:
        raise FieldError(errors)
    before = order.status
    order.status = rules.INVESTIGATION.target(order.status, "answer")
    if checked is not None and file is not None:
        evidence = Evidence(
            filing=order.case.filing,
            kind=Evidence.Kind.EVIDENCE,
            title=((title or "").strip() or _("调查令调取的证据"))[:120],
            source=_("%(holder)s（%(number)s）") % {"holder": order.holder[:80],
                                                   "number": order.number},
            original_name=(getattr(file, "name", "") or "")[-200:],
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
        )  # fmt: skip
        evidence.file.save(getattr(file, "name", "") or "evidence.bin", file, save=False)
        evidence.save()
        order.answer_evidence = evidence
    order.answer, order.answered_on, order.answer_note = answer, on, text
    order.save()
    record_event(
        actor=actor,
        action="cases.investigation.answer",
        target=order,
        before={"status": before},
        after={"status": order.status, "answer": answer,
               "evidence": order.answer_evidence_id,
               "sha256": checked.sha256 if checked else ""},
    )  # fmt: skip
    return order
