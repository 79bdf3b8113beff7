"""Hearings: scheduling with conflict checks, summons, the record; closure with fee settlement."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases import legal, selectors
from fating.cases.models import Adjournment, Case, Hearing, HearingParticipant, Refund
from fating.cases.rules import workflow
from fating.cases.services import fees
from fating.cases.services.payments import paid_total
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted


def _require_manage(actor: User, case: Case) -> None:
    if not selectors.can_manage_case(actor, case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))


def _conflicts(
    *, case: Case, judge: User, starts_at: datetime, ends_at: datetime, courtroom: str
) -> dict[str, str]:
    overlapping = Hearing.objects.filter(
        status=Hearing.Status.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    errors: dict[str, str] = {}
    if overlapping.filter(judge=judge).exists():
        errors["judge"] = _("审判人员在该时段已有其他开庭安排。")
    else:
        from fating.disputes.selectors import booking_clash

        booking = booking_clash(judge, starts_at, ends_at)
        if booking is not None:
            errors["judge"] = _("审判人员在该时段已预约到场参加联动调解（%(place)s）。") % {
                "place": booking.place
            }
    if courtroom and overlapping.filter(case__court=case.court, courtroom=courtroom).exists():
        errors["courtroom"] = _("%(courtroom)s在该时段已被占用。") % {"courtroom": courtroom}
    parties = case.filing.parties.all()
    ids = [p.id_number for p in parties if p.id_number] + [p.uscc for p in parties if p.uscc]
    users = [p.user_id for p in parties if p.user_id]
    clash = overlapping.exclude(case=case).filter(
        Q(participants__party__id_number__in=ids)
        | Q(participants__party__uscc__in=ids)
        | Q(participants__party__user_id__in=users)
    )
    if ids or users:
        if clash.exists():
            errors["participants"] = _("有当事人在该时段已有其他案件开庭。")
    return errors


def _new_hearing(
    *,
    case: Case,
    mode: str,
    starts_at: datetime,
    ends_at: datetime,
    courtroom: str,
    judge: User | None,
) -> Hearing:
    """Validate, check conflicts and create a hearing with its participants (no audit: part of
    the caller's state change)."""
    errors: dict[str, str] = {}
    if mode not in Hearing.Mode.values:
        errors["mode"] = _("开庭方式无效，应为在线开庭或法庭开庭。")
    if not isinstance(starts_at, datetime) or not isinstance(ends_at, datetime):
        errors["starts_at"] = _("开庭时间格式无效。")
    elif ends_at <= starts_at:
        errors["ends_at"] = _("结束时间必须晚于开始时间。")
    elif starts_at <= timezone.now():
        errors["starts_at"] = _("开庭时间必须晚于现在。")
    courtroom = (courtroom or "").strip()
    if mode == Hearing.Mode.COURTROOM and not courtroom:
        errors["courtroom"] = _("法庭开庭须指定审判庭。")
    judge = judge or case.judge
    if judge is None:
        errors["judge"] = _("案件尚未分配承办法官。")
    if errors or judge is None:
        raise FieldError(errors)
    errors = _conflicts(
        case=case, judge=judge, starts_at=starts_at, ends_at=ends_at, courtroom=courtroom
    )
    if errors:
        raise FieldError(
            errors, _("开庭时间冲突：%(errors)s") % {"errors": "；".join(errors.values())}
        )
    hearing = Hearing.objects.create(
        case=case,
        mode=mode,
        starts_at=starts_at,
        ends_at=ends_at,
        courtroom=courtroom if mode == Hearing.Mode.COURTROOM else "",
        room_code=secrets.token_hex(4).upper() if mode == Hearing.Mode.ONLINE else "",
        judge=judge,
    )
    for party in case.filing.parties.all():
        HearingParticipant.objects.create(
            hearing=hearing,
            party=party,
            name=party.name,
            role=party.get_role_display(),
            join_token=secrets.token_urlsafe(24),
        )
    return hearing


@transaction.atomic
def schedule_hearing(
    *,
    actor: User,
    case: Case,
    mode: str,
    starts_at: datetime,
    ends_at: datetime,
    courtroom: str = "",
    judge: User | None = None,
) -> Hearing:
    """Schedule a hearing online (a room and one join link per participant) or in a courtroom,
    refusing conflicts of judge, courtroom or parties. Summonses: services.documents.summonses."""
    _require_manage(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能安排开庭。"))
    hearing = _new_hearing(
        case=case, mode=mode, starts_at=starts_at, ends_at=ends_at, courtroom=courtroom, judge=judge
    )
    judge = hearing.judge
    record_event(
        actor=actor,
        action="cases.hearing.schedule",
        target=hearing,
        after={
            "case": case.pk,
            "mode": mode,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "courtroom": hearing.courtroom,
            "room_code": hearing.room_code,
            "judge": judge.pk,
        },
    )
    return hearing


@transaction.atomic
def record_hearing(
    *, actor: User, hearing: Hearing, record: str, attended: dict[int, bool] | None = None
) -> Hearing:
    """scheduled → held, with attendance and a summary of the record."""
    _require_manage(actor, hearing.case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.status != Hearing.Status.SCHEDULED:
        raise InvalidTransition(
            _("开庭处于“%(status)s”状态，不能记录庭审。") % {"status": hearing.get_status_display()}
        )
    hearing.status = Hearing.Status.HELD
    hearing.record = (record or "").strip()
    hearing.save()
    for participant in hearing.participants.all():
        if attended and participant.pk in attended:
            participant.attended = bool(attended[participant.pk])
            participant.save(update_fields=["attended", "updated_at"])
    record_event(
        actor=actor,
        action="cases.hearing.record",
        target=hearing,
        before={"status": Hearing.Status.SCHEDULED},
        after={
            "status": hearing.status,
            "attended": {str(k): v for k, v in (attended or {}).items()},
        },
    )
    return hearing


@transaction.atomic
def cancel_hearing(*, actor: User, hearing: Hearing, reason: str) -> Hearing:
    _require_manage(actor, hearing.case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.status != Hearing.Status.SCHEDULED:
        raise InvalidTransition(
            _("开庭处于“%(status)s”状态，不能取消。") % {"status": hearing.get_status_display()}
        )
    if not (reason or "").strip():
        raise FieldError({"reason": _("请写明取消理由。")})
    hearing.status = Hearing.Status.CANCELLED
    hearing.save()
    record_event(
        actor=actor,
        action="cases.hearing.cancel",
        target=hearing,
        before={"status": Hearing.Status.SCHEDULED},
        after={"status": hearing.status, "reason": reason.strip()},
    )
    return hearing


# --------------------------------------------------------------------------------------------
# Adjournment 延期开庭 (CPL 第149条; 2019 延长审限和延期开庭规定 第2、3、5、6条)

#: 规定 第3条: ordinary procedure at most two adjournments; simple and small claims one.
ADJOURNMENT_CAPS = {
    Case.Procedure.ORDINARY: 2,
    Case.Procedure.SIMPLE: 1,
    Case.Procedure.SMALL_CLAIMS: 1,
}
#: 规定 第5条: the next hearing within one month.
MAX_GAP_MONTHS = 1


def adjournments_used(case: Case) -> int:
    return Adjournment.objects.filter(hearing__case=case).count()


@transaction.atomic
def adjourn_hearing(
    *,
    actor: User,
    hearing: Hearing,
    ground: str,
    reasons: str,
    next_starts_at: datetime,
    next_ends_at: datetime,
    parties_consent: bool = False,
    president_approval: str = "",
    courtroom: str | None = None,
) -> Adjournment:
    """Adjourn a scheduled or held hearing and fix the next one, telling the parties when
    (规定 第5条). Refused beyond the cap of 第3条; the next hearing more than a month later
    only for force majeure or with the parties' consent (第5条); the ground "其他应当延期的
    情形" (不可抗力或者意外事件, 第2条) needs the president's approval on record (第6条)."""
    _require_manage(actor, hearing.case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    case = Case.objects.select_for_update().get(pk=hearing.case_id)
    if case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能延期开庭。"))
    if hearing.status not in (Hearing.Status.SCHEDULED, Hearing.Status.HELD):
        raise InvalidTransition(
            _("开庭处于“%(status)s”状态，不能延期。") % {"status": hearing.get_status_display()}
        )
    cap = ADJOURNMENT_CAPS[Case.Procedure(case.procedure)]
    used = adjournments_used(case)
    if used >= cap:
        raise InvalidTransition(
            _(
                "适用%(procedure)s审理的案件延期开庭审理次数不超过%(cap)s次，本案已延期%(used)s次，"
                "不能再延期（延长审限和延期开庭规定 第3条）。"
            )
            % {"procedure": case.get_procedure_display(), "cap": cap, "used": used}
        )
    errors: dict[str, str] = {}
    if ground not in Adjournment.Ground.values:
        errors["ground"] = _("延期事由无效（民事诉讼法 第149条）。")
    if not (reasons or "").strip():
        errors["reasons"] = _("请写明延期开庭的具体理由。")
    president_approval = (president_approval or "").strip()
    if ground == Adjournment.Ground.OTHER and not president_approval:
        errors["president_approval"] = _(
            "因不可抗力或意外事件延期开庭的，应当报本院院长批准，请登记批准记录"
            "（延长审限和延期开庭规定 第2、6条）。"
        )
    if isinstance(next_starts_at, datetime):
        held_on = timezone.localtime(hearing.starts_at).date()
        # One month on the court calendar (民法典 第202条; CPL 第85条): a limit falling on a
        # holiday moves to the next working day, when a hearing can be held at all.
        limit = legal.end_of_months(held_on, MAX_GAP_MONTHS)
        next_on = timezone.localtime(next_starts_at).date()
        if next_on > limit and not (ground == Adjournment.Ground.OTHER or parties_consent):
            errors["next_starts_at"] = _(
                "两次开庭间隔不得超过一个月（应在%(limit)s前），因不可抗力或当事人同意的除外"
                "（延长审限和延期开庭规定 第5条）。"
            ) % {"limit": limit.isoformat()}
        elif next_starts_at <= hearing.starts_at:
            errors["next_starts_at"] = _("下次开庭时间必须晚于本次开庭。")
    else:
        errors["next_starts_at"] = _("请填写下次开庭时间（延长审限和延期开庭规定 第5条）。")
    if errors:
        raise FieldError(errors)
    before = hearing.status
    hearing.status = Hearing.Status.ADJOURNED
    hearing.save(update_fields=["status", "updated_at"])
    next_hearing = _new_hearing(
        case=case,
        mode=hearing.mode,
        starts_at=next_starts_at,
        ends_at=next_ends_at,
        courtroom=hearing.courtroom if courtroom is None else courtroom,
        judge=hearing.judge,
    )
    adjournment = Adjournment.objects.create(
        hearing=hearing,
        next_hearing=next_hearing,
        ground=ground,
        reasons=reasons.strip(),
        parties_consent=parties_consent,
        president_approval=president_approval[:120],
        decided_by=actor,
    )
    # On the case so that the parties see count and reasons on the timeline (规定 第7条).
    record_event(
        actor=actor,
        action="cases.hearing.adjourn",
        target=case,
        before={"hearing": hearing.pk, "status": before},
        after={
            "adjournment": adjournment.pk,
            "count": used + 1,
            "cap": cap,
            "ground": ground,
            "reasons": adjournment.reasons,
            "president_approval": adjournment.president_approval,
            "next_hearing": next_hearing.pk,
            "next_starts_at": next_starts_at,
        },
    )
    return adjournment


# --------------------------------------------------------------------------------------------
# Closure 结案 and fee settlement (办法 第15、29–34条; 解释 第207条)


def _settlement(case: Case, closure: str, plaintiff_share: Decimal | None) -> tuple[Decimal, dict]:
    """The final fee and who bears it. Mediation/withdrawal halve once (第15条; 解释 第206条);
    a dismissal ruling charges no fee (第8条); a withdrawal is borne by the plaintiff (第34条);
    after judgment or mediation the court apportions (第29、31条)."""
    if closure == Case.Closure.DISMISSAL:
        final = Decimal("0.00")
    elif closure in (Case.Closure.MEDIATION, Case.Closure.WITHDRAWAL):
        final = legal.case_fee(
            court=case.court,
            fee_kind=case.filing.fee_kind,
            amount=fees.fee_basis_amount(case),
            procedure=case.procedure,
            closure=closure,
            on=case.accepted_on,
        ).fee
    else:
        final = case.fee_amount
    if closure == Case.Closure.WITHDRAWAL:
        plaintiff_share = final
    if closure == Case.Closure.TRANSFER:
        plaintiff_share = final  # the fee follows the case to the receiving court
    if plaintiff_share is None:
        raise FieldError({"plaintiff_share": _("请确定原告负担的诉讼费金额（其余由被告负担）。")})
    if not Decimal(0) <= plaintiff_share <= final:
        raise FieldError(
            {"plaintiff_share": _("原告负担金额应在0至%(final)s元之间。") % {"final": final}}
        )
    return final, {"plaintiff": str(plaintiff_share), "defendant": str(final - plaintiff_share)}


@transaction.atomic
def close_case(
    *,
    actor: User,
    case: Case,
    closure: str,
    closed_on: date | None = None,
    plaintiff_share: Decimal | None = None,
) -> Case:
    """open → closed by judgment, mediation, withdrawal, dismissal or transfer, with the fee
    settled: the final fee, who bears it, and the refund of what the plaintiff prepaid beyond
    their share (within 15 days after the document takes effect, 第53条)."""
    _require_manage(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    workflow.CASE.target(case.status, "close", refusal=_("案件已结案，不能重复结案。"))
    if closure not in Case.Closure.values:
        raise FieldError({"closure": _("结案方式无效。")})
    closed_on = closed_on or timezone.localdate()
    if closed_on < case.accepted_on:
        raise FieldError({"closed_on": _("结案日期不能早于立案日期。")})
    final, shares = _settlement(case, closure, plaintiff_share)
    paid = paid_total(case)
    refund = max(paid - Decimal(shares["plaintiff"]), Decimal("0.00"))
    if closure == Case.Closure.TRANSFER:
        refund = Decimal("0.00")
    case.status = workflow.CASE.target(case.status, "close")
    case.closure = closure
    case.closed_on = closed_on
    case.closed_in_time = closed_on <= case.due_on
    case.final_fee = final
    case.fee_settlement = {
        "final_fee": str(final),
        "paid": str(paid),
        "borne_by": shares,
        "refund_to_plaintiff": str(refund),
        "collect_from_defendant": shares["defendant"],
        # Changes after acceptance (办法 第16、21条): the fee above already reflects them.
        "adjustments": [fees.adjustment_dict(a) for a in case.fee_adjustments.all()],
        # Counterclaims tried together are charged separately to the counterclaimant (第18、22条).
        "counterclaims": [
            {
                "id": c.pk,
                "counterclaimant": c.counterclaimant,
                "fee": str(c.fee),
                "paid": c.paid_at is not None,
            }
            for c in case.counterclaims.filter(tried_together=True)
        ],
    }
    case.save()
    if refund > 0:
        Refund.objects.create(
            case=case,
            amount=refund,
            reason=f"{case.get_closure_display()}结案，预交受理费超出原告负担部分退还",
            due_on=legal.refund_due_on(closed_on),
        )
    record_event(
        actor=actor,
        action="cases.case.close",
        target=case,
        before={"status": Case.Status.OPEN},
        after={
            "status": case.status,
            "closure": closure,
            "closed_on": closed_on,
            **case.fee_settlement,
        },
    )
    return case


__all__ = [
    "adjourn_hearing",
    "adjournments_used",
    "cancel_hearing",
    "close_case",
    "record_hearing",
    "schedule_hearing",
]
