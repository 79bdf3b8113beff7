"""Preservation (财产保全) writes: apply, order security, record it, grant or refuse, release.
One transaction and one audit event each; the permission is checked first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.cases import selectors as case_selectors
from fating.cases.models import Case
from fating.cases.rules.fee_tables import FeeKind
from fating.cases.rules.fees import FeeRequest, calculate_fee
from fating.cases.services.acceptance import next_case_number
from fating.core.audit import record_event
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.money import MoneyError, parse_money
from fating.network.models import Court
from fating.preservation import rules, selectors
from fating.preservation.models import PreservationApplication

PRE_SUIT_TYPE = "财保"  # 案号规定: 诉前、仲裁前财产保全 (0901)


def _money(value: object, field: str, label: str, errors: dict[str, str]) -> Decimal | None:
    """A positive amount in yuan through the shared parser (`core.money.parse_money`), its
    refusal collected with the other fields' so one answer names them all."""
    try:
        return parse_money(value, field=field, label=label, required=True, allow_zero=False,
                           grouping=True)  # fmt: skip
    except MoneyError as refusal:
        errors[field] = refusal.reason
        return None


def _text(value: object, field: str, label: str, limit: int, errors: dict[str, str]) -> str:
    text = str(value or "").strip()
    if not text:
        errors[field] = _("请填写%(label)s。") % {"label": label}
    elif len(text) > limit:
        errors[field] = _("%(label)s不能超过%(n)d字。") % {"label": label, "n": limit}
    return text


def apply(
    *,
    actor: Any,
    kind: str,
    respondent_name: str,
    amount: object,
    property_description: str,
    urgent: bool = False,
    case: Case | None = None,
    court: Court | None = None,
    applicant_name: str = "",
) -> PreservationApplication:
    """File an application. In suit: by a plaintiff (or the filer) of the open case; before suit:
    by the person concerned, at the court where the property is (民事诉讼法 第104条)."""
    errors: dict[str, str] = {}
    try:
        kind_value = rules.Kind(kind)
    except ValueError:
        raise FieldError({"kind": _("请选择诉中或诉前财产保全。")}) from None
    if kind_value is rules.Kind.IN_SUIT:
        if case is None:
            raise FieldError({"case": _("诉中保全应在案件中申请。")})
        if not case_selectors.can_pay(actor, case):  # the case's plaintiff side, as for fees
            raise NotPermitted(_("只有本案原告或立案提交人可以申请诉中财产保全。"))
        if case.status != Case.Status.OPEN:
            errors["case"] = _("案件已结案，不能申请保全。")
        court = case.court
    elif court is None:
        errors["court"] = _("请选择被保全财产所在地的法院。")
    respondent = _text(respondent_name, "respondent_name", _("被申请人"), 100, errors)
    description = _text(property_description, "property_description", _("财产线索"), 2000, errors)
    name = (applicant_name or "").strip() or actor.get_full_name() or actor.get_username()
    if len(name) > 100:
        errors["applicant_name"] = _("申请人不能超过100字。")
    value = _money(amount, "amount", _("请求保全数额"), errors)
    if errors or value is None or court is None:
        raise FieldError(errors or {"amount": _("请填写请求保全数额。")})
    fee = calculate_fee(FeeRequest(kind=FeeKind.PRESERVATION, amount=value)).fee
    received = timezone.now()
    due_at, due_on, basis = rules.ruling_due(
        kind=kind_value, urgent=urgent, received=timezone.localtime(received),
        calendar=court_calendar(),
    )  # fmt: skip
    with transaction.atomic():
        number = ""
        if kind_value is rules.Kind.PRE_SUIT:
            _seq, number = next_case_number(
                court=court, year=timezone.localdate().year, type_code=PRE_SUIT_TYPE
            )
        application = PreservationApplication.objects.create(
            court=court, case=case if kind_value is rules.Kind.IN_SUIT else None,
            kind=kind_value.value, number=number, applicant=actor, applicant_name=name,
            respondent_name=respondent, amount=value, property_description=description,
            urgent=bool(urgent) or kind_value is rules.Kind.PRE_SUIT, received_at=received,
            ruling_due_at=due_at, ruling_due_on=due_on, deadline_basis=basis, fee=fee,
        )  # fmt: skip
        record_event(
            actor=actor, action="preservation.application.file", target=application,
            after={"kind": kind_value.value, "number": number, "amount": str(value),
                   "fee": str(fee), "case": case.pk if case else None},
        )  # fmt: skip
    return application


def _move(
    actor: Any, application: PreservationApplication, name: str, action: str
) -> PreservationApplication:
    if not selectors.may(actor, application, action):
        raise NotPermitted(_(selectors.REFUSALS[action]))
    locked = PreservationApplication.objects.select_for_update().get(pk=application.pk)
    locked.status = rules.PRESERVATION.target(locked.status, name)
    return locked


def order_security(
    *, actor: Any, application: PreservationApplication, amount: object
) -> PreservationApplication:
    """The judge orders security: before suit up to the amount preserved, in suit up to 30%
    (财产保全规定 第5条)."""
    errors: dict[str, str] = {}
    value = _money(amount, "security_amount", _("担保数额"), errors)
    if value is not None:
        cap = rules.security_cap(rules.Kind(application.kind), application.amount)
        if value > cap:
            errors["security_amount"] = _("担保数额不得超过%(cap)s元（财产保全规定 第5条）。") % {
                "cap": cap
            }
    if errors:
        raise FieldError(errors)
    with transaction.atomic():
        locked = _move(actor, application, "order_security", "decide")
        locked.security_amount = value
        locked.save(update_fields=["status", "security_amount", "updated_at"])
        record_event(actor=actor, action="preservation.security.order", target=locked,
                     after={"security_amount": str(value)})  # fmt: skip
    return locked


def record_security(
    *, actor: Any, application: PreservationApplication, given_on: date | None = None
) -> PreservationApplication:
    """The security was given: the 5-day period for the ruling runs from it (第4条)."""
    if not selectors.may(actor, application, "security"):
        raise NotPermitted(_(selectors.REFUSALS["security"]))
    given = given_on or timezone.localdate()
    if given > timezone.localdate():
        raise FieldError({"security_given_on": _("提供担保日期不能晚于今天。")})
    with transaction.atomic():
        locked = PreservationApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != PreservationApplication.Status.AWAITING_SECURITY:
            raise FieldError({"security_given_on": _("本申请没有待提供的担保。")})
        _due_at, due_on, basis = rules.ruling_due(
            kind=rules.Kind(locked.kind), urgent=locked.urgent,
            received=timezone.localtime(locked.received_at), security_given_on=given,
            calendar=court_calendar(),
        )  # fmt: skip
        if due_on is not None:
            locked.ruling_due_on, locked.deadline_basis = due_on, basis
        locked.security_given_on = given
        locked.save(update_fields=["security_given_on", "ruling_due_on", "deadline_basis",
                                   "updated_at"])  # fmt: skip
        record_event(actor=actor, action="preservation.security.record", target=locked,
                     after={"security_given_on": given.isoformat()})  # fmt: skip
    return locked


def decide(
    *, actor: Any, application: PreservationApplication, grant: bool, note: str = ""
) -> PreservationApplication:
    """裁定保全 or 裁定驳回. Before suit, and when security was ordered, a grant needs the
    security given (民事诉讼法 第103条第2款、第104条第1款: no security, the application is refused)."""
    note = (note or "").strip()
    if len(note) > 500:
        raise FieldError({"note": _("理由不能超过500字。")})
    if not grant and not note:
        raise FieldError({"note": _("驳回申请应当说明理由。")})
    with transaction.atomic():
        locked = _move(actor, application, "grant" if grant else "refuse", "decide")
        if grant and locked.security_amount and not locked.security_given_on:
            raise FieldError({"security_given_on": _("申请人尚未提供担保，不能裁定保全。")})
        if grant and locked.kind == rules.Kind.PRE_SUIT and not locked.security_given_on:
            raise FieldError(
                {"security_given_on": _("诉前财产保全应当提供担保（民事诉讼法 第104条）。")}
            )
        today = timezone.localdate()
        locked.decided_by, locked.decided_at, locked.decision_note = actor, timezone.now(), note
        if grant and locked.kind == rules.Kind.PRE_SUIT:
            locked.sue_by = rules.sue_by(today, calendar=court_calendar())
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note",
                                   "sue_by", "updated_at"])  # fmt: skip
        record_event(actor=actor, action=f"preservation.application.{'grant' if grant else 'refuse'}",
                     target=locked, after={"note": note, "sue_by": locked.sue_by.isoformat()
                                           if locked.sue_by else None})  # fmt: skip
    return locked


def release(
    *, actor: Any, application: PreservationApplication, note: str
) -> PreservationApplication:
    """解除保全: on the applicant's request, security given by the respondent, or no suit within
    30 days after a pre-suit preservation (民事诉讼法 第104条第3款、第107条)."""
    note = (note or "").strip()
    if not note or len(note) > 500:
        raise FieldError({"note": _("请说明解除保全的理由（不超过500字）。")})
    with transaction.atomic():
        locked = _move(actor, application, "release", "decide")
        locked.decision_note = note
        locked.save(update_fields=["status", "decision_note", "updated_at"])
        record_event(actor=actor, action="preservation.application.release", target=locked,
                     after={"note": note})  # fmt: skip
    return locked
