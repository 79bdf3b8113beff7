"""The acceptance fee after acceptance: recomputation on a procedure change, claim changes and
counterclaims (反诉), and refunds paid out.

Every recomputation starts from the facts (kind, current amount, current procedure) and goes
through the pure rules (cases.rules.fees via cases.legal.case_fee), so halving is applied once
only however often the fee is recomputed (民诉法解释 第206条).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases import legal, selectors
from fating.cases.models import (
    Case,
    ClaimChange,
    Counterclaim,
    FeeAdjustment,
    FeeRelief,
    ProcedureChange,
    Refund,
)
from fating.cases.services.due_dates import recompute_due
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.money import parse_money

ZERO = Decimal("0.00")


def current_amount(case: Case) -> Decimal | None:
    """The claimed amount now: the last recorded change (办法 第21条), else the filing's."""
    change = case.claim_changes.order_by("-pk").first()
    return change.new_amount if change is not None else case.filing.claimed_amount


def fee_basis_amount(case: Case) -> Decimal | None:
    """The amount the fee is charged on: like current_amount, except that a decrease after the
    end of 法庭调查 does not lower it (办法 第35条: that part is borne by the plaintiff)."""
    basis = case.filing.claimed_amount
    for change in case.claim_changes.order_by("pk"):
        if change.after_investigation and basis is not None and change.new_amount < basis:
            continue
        basis = change.new_amount
    return basis


def _due_after_relief(case: Case, fee: Decimal) -> Decimal:
    relief = (
        case.filing.fee_reliefs.filter(status=FeeRelief.Status.APPROVED).order_by("-pk").first()
    )
    if relief is None or relief.kind == FeeRelief.Kind.DEFER:
        return fee
    if relief.kind == FeeRelief.Kind.EXEMPT:
        return ZERO
    share = Decimal(100 - (relief.reduction_percent or 0)) / Decimal(100)
    return (fee * share).quantize(Decimal("0.01"))


def recompute_fee(
    *,
    actor: User,
    case: Case,
    source: str,
    explanation: str,
    amount: Decimal | None = None,
    today: date | None = None,
) -> FeeAdjustment:
    """Recompute a locked open case's fee for its current procedure and `amount` and record the
    difference. No audit event of its own: it is part of the caller's state change.

    Increase → 补交 within 7 days after the notice (解释 第199条; 办法 第21条(一)、第22条);
    decrease → returned at closure (办法 第21条(二)、第53条)."""
    today = today or timezone.localdate()
    amount = fee_basis_amount(case) if amount is None else amount
    result = legal.case_fee(
        court=case.court,
        fee_kind=case.filing.fee_kind,
        amount=amount,
        procedure=case.procedure,
        on=case.accepted_on,
    )
    before, after = case.fee_amount, result.fee
    difference = after - before
    kind = (
        FeeAdjustment.Kind.SUPPLEMENT
        if difference > 0
        else FeeAdjustment.Kind.REFUND
        if difference < 0
        else FeeAdjustment.Kind.NONE
    )
    case.fee_amount = after
    case.fee_breakdown = result.as_dict()
    case.fee_due = _due_after_relief(case, after)
    due_on = None
    paid = selectors.paid_total(case)
    if case.fee_status in (Case.FeeStatus.PAID, Case.FeeStatus.UNPAID):
        if case.fee_due > paid:
            case.fee_status = Case.FeeStatus.UNPAID
            if kind == FeeAdjustment.Kind.SUPPLEMENT:
                due_on = legal.fee_due_on(today)
                case.fee_due_on = due_on
        else:
            case.fee_status = Case.FeeStatus.PAID
    case.save(
        update_fields=[
            "fee_amount", "fee_breakdown", "fee_due", "fee_status", "fee_due_on", "updated_at",
        ]
    )  # fmt: skip
    return FeeAdjustment.objects.create(
        case=case,
        source=source,
        kind=kind,
        fee_before=before,
        fee_after=after,
        difference=difference,
        due_on=due_on,
        explanation=explanation[:300],
        recorded_by=actor,
    )


def adjustment_dict(adjustment: FeeAdjustment) -> dict[str, Any]:
    return {
        "id": adjustment.pk,
        "source": adjustment.source,
        "kind": adjustment.kind,
        "kind_label": adjustment.get_kind_display(),
        "fee_before": str(adjustment.fee_before),
        "fee_after": str(adjustment.fee_after),
        "difference": str(adjustment.difference),
        "due_on": adjustment.due_on.isoformat() if adjustment.due_on else None,
        "explanation": adjustment.explanation,
    }


def convert_out_of_small_claims(
    *, actor: User, case: Case, reasons: str, on: date
) -> ProcedureChange | None:
    """A small-claims case with new claims or a counterclaim no longer qualifies: it goes on
    under the other rules of simple procedure (解释 第278条第1款; counterclaims are excluded
    from small claims, CPL 第166条（五）). Part of the caller's state change: no audit."""
    if case.procedure != Case.Procedure.SMALL_CLAIMS:
        return None
    change = ProcedureChange.objects.create(
        case=case,
        from_procedure=case.procedure,
        to_procedure=Case.Procedure.SIMPLE,
        on=on,
        reasons=reasons,
        decided_by=actor,
    )
    case.procedure = Case.Procedure.SIMPLE
    case.save(update_fields=["procedure", "updated_at"])
    recompute_due(case)
    return change


_MONEY_LABELS = {"new_amount": "变更后请求金额", "amount": "反诉金额"}


def _money(value: Any, field: str, *, required: bool) -> Decimal | None:
    return parse_money(
        value, field=field, label=_MONEY_LABELS.get(field, "金额"), required=required
    )


def _open_case(case: Case) -> Case:
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能再变更。"))
    return case


# --------------------------------------------------------------------------------------------
# Claim changes 变更诉讼请求 (办法 第21、35条)


@transaction.atomic
def record_claim_change(
    *,
    actor: User,
    case: Case,
    new_amount: Any,
    reasons: str,
    after_investigation: bool = False,
) -> ClaimChange:
    """Record the new total claimed amount and recompute the fee on it (办法 第21条): an
    increase is paid on top, a decrease is returned at closure; a decrease after the end of
    法庭调查 leaves the fee as it was, that part borne by the plaintiff (第35条). A small-claims
    case whose new amount exceeds the limit leaves small claims (解释 第278条)."""
    if not (selectors.can_manage_case(actor, case) or selectors.can_pay(actor, case)):
        raise NotPermitted(_("只有原告方（当事人、代理人）或本院法官、法官助理可以变更诉讼请求。"))
    case = _open_case(case)
    amount = _money(new_amount, "new_amount", required=True) or ZERO
    errors: dict[str, str] = {}
    if not (reasons or "").strip():
        errors["reasons"] = _("请写明变更诉讼请求的理由。")
    previous = current_amount(case)
    if amount is not None and previous is not None and amount == previous:
        errors["new_amount"] = _("变更后的金额与现在的请求金额相同。")
    if errors:
        raise FieldError(errors)
    today = timezone.localdate()
    change = ClaimChange.objects.create(
        case=case,
        previous_amount=previous,
        new_amount=amount,
        reasons=reasons.strip(),
        after_investigation=after_investigation,
        recorded_by=actor,
    )
    converted = None
    if case.procedure == Case.Procedure.SMALL_CLAIMS:
        wage = legal.wage_in_force(case.court, case.accepted_on)
        if wage is None or amount > wage.small_claims_limit:
            converted = convert_out_of_small_claims(
                actor=actor,
                case=case,
                reasons=_("变更诉讼请求后标的额超过小额诉讼标的限额（民诉法解释 第278条）"),
                on=today,
            )
    decreased = previous is not None and amount < previous
    if decreased and after_investigation:
        explanation = _("法庭调查终结后减少诉讼请求，减少部分的受理费由原告负担（办法 第35条）")
    elif decreased:
        explanation = _("减少诉讼请求，按减少后的数额计算，结案时退还（办法 第21条（二））")
    else:
        explanation = _("增加诉讼请求，按增加后的数额计算补交（办法 第21条（一））")
    adjustment = recompute_fee(
        actor=actor,
        case=case,
        source=FeeAdjustment.Source.CLAIM_CHANGE,
        explanation=explanation,
        today=today,
    )
    change.adjustment = adjustment
    change.save(update_fields=["adjustment", "updated_at"])
    record_event(
        actor=actor,
        action="cases.claim.change",
        target=case,
        before={"amount": previous},
        after={
            "change": change.pk,
            "amount": amount,
            "after_investigation": after_investigation,
            "procedure": case.procedure,
            "converted": converted is not None,
            "fee_adjustment": adjustment_dict(adjustment),
        },
    )
    return change


# --------------------------------------------------------------------------------------------
# Counterclaims 反诉 (办法 第18、22条; CPL 第166条（五）; 解释 第278条)


@transaction.atomic
def record_counterclaim(
    *,
    actor: User,
    case: Case,
    counterclaimant: str,
    claims: str,
    amount: Any = None,
    tried_together: bool = True,
) -> Counterclaim:
    """The court records a defendant's counterclaim and whether it is tried together (the
    decision is the court's, 办法 第18条). Tried together: charged on its own amount, halved
    once, to be prepaid by the counterclaimant within 7 days (第22条); a small-claims case
    leaves small claims (CPL 第166条（五）; 解释 第278条)."""
    if not selectors.can_manage_case(actor, case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    case = _open_case(case)
    value = _money(amount, "amount", required=False)
    errors: dict[str, str] = {}
    if not (counterclaimant or "").strip():
        errors["counterclaimant"] = _("请填写反诉人。")
    elif not case.filing.parties.filter(role="defendant", name=counterclaimant.strip()).exists():
        errors["counterclaimant"] = _("反诉人应当是本案被告（民事诉讼法 第54条）。")
    if not (claims or "").strip():
        errors["claims"] = _("请填写反诉请求。")
    if case.filing.fee_kind == "property" and value is None and tried_together:
        errors["amount"] = _("财产案件的反诉请填写反诉金额。")
    if errors:
        raise FieldError(errors)
    today = timezone.localdate()
    converted = None
    if tried_together:
        converted = convert_out_of_small_claims(
            actor=actor,
            case=case,
            reasons=_("被告提出反诉，不适用小额诉讼程序（民事诉讼法 第166条；民诉法解释 第278条）"),
            on=today,
        )
        result = legal.case_fee(
            court=case.court,
            fee_kind=case.filing.fee_kind,
            amount=value,
            procedure=case.procedure,
            on=today,
            counterclaim=True,
        )
        fee, breakdown, due_on = result.fee, result.as_dict(), legal.fee_due_on(today)
    else:
        fee, breakdown, due_on = ZERO, {}, None
    counterclaim = Counterclaim.objects.create(
        case=case,
        counterclaimant=counterclaimant.strip(),
        claims=claims.strip(),
        amount=value,
        tried_together=tried_together,
        fee=fee,
        fee_breakdown=breakdown,
        fee_due_on=due_on,
        recorded_by=actor,
    )
    record_event(
        actor=actor,
        action="cases.counterclaim.record",
        target=case,
        after={
            "counterclaim": counterclaim.pk,
            "amount": value,
            "tried_together": tried_together,
            "fee": fee,
            "fee_due_on": due_on,
            "procedure": case.procedure,
            "converted": converted is not None,
        },
    )
    return counterclaim


# --------------------------------------------------------------------------------------------
# Refunds paid out 退费 (办法 第53条)

# Refunds go through the court's finance; on the platform the court administrator or a clerk of
# the case's court records that the money left (selectors.restrict, action "pay_out").
can_pay_out = selectors.can_pay_out


@transaction.atomic
def mark_refund_paid(
    *, actor: User, refund: Refund, reference: str, paid_on: date | None = None
) -> Refund:
    """Record that a refund was paid out, with the finance reference and date. Repeating the
    same reference changes nothing (idempotent); a different one is refused."""
    if not can_pay_out(actor, refund.case):
        raise NotPermitted(_("只有本院的法院管理员或法官助理可以登记退费。"))
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    reference = (reference or "").strip()
    if not reference:
        raise FieldError({"reference": _("请填写退付凭证号。")})
    if refund.paid_out_at is not None:
        if refund.paid_out_reference == reference:
            return refund
        raise InvalidTransition(
            _("该退费已登记退付（凭证号 %(ref)s）。") % {"ref": refund.paid_out_reference}
        )
    today = timezone.localdate()
    paid_on = paid_on or today
    if paid_on > today:
        raise FieldError({"paid_on": _("退付日期不能晚于今天。")})
    if refund.case.closed_on and paid_on < refund.case.closed_on:
        raise FieldError({"paid_on": _("退付日期不能早于结案日期。")})
    refund.paid_out_at = timezone.now()
    refund.paid_out_on = paid_on
    refund.paid_out_reference = reference[:64]
    refund.paid_out_by = actor
    refund.save()
    record_event(
        actor=actor,
        action="cases.refund.paid_out",
        target=refund.case,
        after={
            "refund": refund.pk,
            "amount": refund.amount,
            "reference": refund.paid_out_reference,
            "paid_on": paid_on,
            "late": paid_on > refund.due_on,
        },
    )
    return refund


def refund_dict(refund: Refund) -> dict[str, Any]:
    return {
        "id": refund.pk,
        "amount": str(refund.amount),
        "reason": refund.reason,
        "due_on": refund.due_on.isoformat(),
        "paid_out": refund.paid_out_at is not None,
        "paid_out_on": refund.paid_out_on.isoformat() if refund.paid_out_on else None,
        "paid_out_reference": refund.paid_out_reference,
    }


__all__ = [
    "adjustment_dict",
    "can_pay_out",
    "convert_out_of_small_claims",
    "current_amount",
    "fee_basis_amount",
    "mark_refund_paid",
    "recompute_fee",
    "record_claim_change",
    "record_counterclaim",
    "refund_dict",
]
