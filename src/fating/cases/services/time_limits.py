"""审限 in the app: extensions, excluded periods, procedure changes, warnings before expiry.

After each change the case's due date is recomputed through cases.legal.case_time_limit,
which hands the recorded facts to the pure rules (cases.rules.time_limits).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.cases import legal, selectors
from fating.cases.models import (
    Case,
    ExcludedPeriod,
    FeeAdjustment,
    ProcedureChange,
    TimeLimitExtension,
)
from fating.cases.services import fees
from fating.cases.services.due_dates import recompute_due
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import OutboxMessage
from fating.core.notify import notify


def _open(case: Case) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能再变更审限。"))
    return case


def _as_field(exc: legal.RuleInputError, field: str) -> FieldError:
    return FieldError({field: exc.reason})


# --------------------------------------------------------------------------------------------
# Extensions: the judge asks, the president (recorded by the court administrator) decides


@transaction.atomic
def request_extension(
    *,
    actor: User,
    case: Case,
    reasons: str,
    amount: int | None = None,
    unit: str | None = None,
) -> TimeLimitExtension:
    """Ask to extend 审限 by the next rung of the ladder (CPL 第152、164、168条): the length the
    law allows there unless a shorter one is asked; the higher court's length must be given."""
    if not selectors.can_request_extension(actor, case):
        raise NotPermitted(_("只有承办法官可以申请延长审限。"))
    case = _open(case)
    if case.extensions.filter(status=TimeLimitExtension.Status.REQUESTED).exists():
        raise InvalidTransition(_("该案已有待审批的延长审限申请。"))
    errors: dict[str, str] = {}
    if not reasons.strip():
        errors["reasons"] = _("请填写申请延长的理由。")
    today = timezone.localdate()
    status = legal.case_time_limit(case, as_of=today)
    approver = legal.next_extension_approver(status)
    if approver is None:
        raise InvalidTransition(_("该案审限已不能再延长。"))
    default = legal.default_extension(str(status.procedure), approver)
    if amount is None and default is not None:
        amount, unit = default
    unit = unit or "month"
    if unit not in TimeLimitExtension.Unit.values:
        errors["unit"] = _("期限单位无效。")
    if not amount or amount <= 0:
        errors["amount"] = _("请填写延长的期限。")
    if errors:
        raise FieldError(errors)
    try:
        legal.case_time_limit(case, as_of=today, extra_extension=(approver, amount, unit, today))
    except legal.RuleInputError as exc:
        raise _as_field(exc, "amount") from None
    extension = TimeLimitExtension.objects.create(
        case=case,
        approver=approver,
        amount=amount,
        unit=unit,
        reasons=reasons.strip(),
        requested_by=actor,
        requested_on=today,
    )
    record_event(
        actor=actor,
        action="cases.time_limit.extension_request",
        target=case,
        after={
            "extension": extension.pk,
            "approver": approver,
            "amount": amount,
            "unit": unit,
            "due_on": case.due_on,
            "late_request": today > status.extension_request_by,
        },
    )
    return extension


@transaction.atomic
def decide_extension(
    *, actor: User, extension: TimeLimitExtension, approve: bool, note: str = ""
) -> TimeLimitExtension:
    """Approve or refuse; approval lengthens the due date at once."""
    if not selectors.can_decide_extension(actor, extension.case):
        raise NotPermitted(_("只有本院院长（由法院管理员登记）可以审批延长审限。"))
    extension = TimeLimitExtension.objects.select_for_update().get(pk=extension.pk)
    case = _open(extension.case)
    if extension.status != TimeLimitExtension.Status.REQUESTED:
        raise InvalidTransition(_("该延长审限申请已审批。"))
    if not approve and not note.strip():
        raise FieldError({"note": _("不予批准的，请写明理由。")})
    today = timezone.localdate()
    before = case.due_on
    if approve:
        try:
            legal.case_time_limit(
                case,
                as_of=today,
                extra_extension=(extension.approver, extension.amount, extension.unit, today),
            )
        except legal.RuleInputError as exc:
            raise _as_field(exc, "approve") from None
    extension.status = (
        TimeLimitExtension.Status.APPROVED if approve else TimeLimitExtension.Status.REFUSED
    )
    extension.decided_by = actor
    extension.decided_on = today
    extension.decision_note = note.strip()
    extension.save()
    if approve:
        recompute_due(case, as_of=today)
    record_event(
        actor=actor,
        action="cases.time_limit.extension_decide",
        target=case,
        before={"due_on": before},
        after={"extension": extension.pk, "status": extension.status, "due_on": case.due_on},
    )
    return extension


# --------------------------------------------------------------------------------------------
# Excluded periods 不计入审限的期间


@transaction.atomic
def record_excluded_period(
    *,
    actor: User,
    case: Case,
    kind: str,
    start: date,
    end: date | None = None,
    note: str = "",
) -> ExcludedPeriod:
    """A period not counted (公告、鉴定、管辖异议…, rules.time_limits.EXCLUDED_KINDS)."""
    if not selectors.can_manage_case(actor, case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    case = _open(case)
    if kind not in legal.EXCLUDED_KIND_LABELS:
        raise FieldError({"kind": _("扣除事由无效。")})
    if start < case.accepted_on:
        raise FieldError({"start": _("开始日期不能早于立案日期。")})
    try:
        legal.case_time_limit(case, as_of=timezone.localdate(), extra_excluded=(kind, start, end))
    except legal.RuleInputError as exc:
        raise _as_field(exc, "end" if "结束日期" in exc.reason else "kind") from None
    before = case.due_on
    period = ExcludedPeriod.objects.create(
        case=case, kind=kind, start=start, end=end, note=note.strip()[:200], recorded_by=actor
    )
    recompute_due(case)
    record_event(
        actor=actor,
        action="cases.time_limit.exclude",
        target=case,
        before={"due_on": before},
        after={
            "period": period.pk,
            "kind": kind,
            "start": start,
            "end": end,
            "due_on": case.due_on,
        },
    )
    return period


@transaction.atomic
def end_excluded_period(*, actor: User, period: ExcludedPeriod, end: date) -> ExcludedPeriod:
    """Close a running period (e.g. the appraisal report arrived)."""
    if not selectors.can_manage_case(actor, period.case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    period = ExcludedPeriod.objects.select_for_update().get(pk=period.pk)
    case = _open(period.case)
    if period.end is not None:
        raise InvalidTransition(_("该期间已经结束。"))
    if end < period.start:
        raise FieldError({"end": _("结束日期不能早于开始日期。")})
    before = case.due_on
    period.end = end
    period.save(update_fields=["end", "updated_at"])
    recompute_due(case)
    record_event(
        actor=actor,
        action="cases.time_limit.exclude_end",
        target=case,
        before={"due_on": before},
        after={"period": period.pk, "end": end, "due_on": case.due_on},
    )
    return period


# --------------------------------------------------------------------------------------------
# Procedure changes 程序转换


@transaction.atomic
def change_procedure(
    *,
    actor: User,
    case: Case,
    to: str,
    reasons: str,
    on: date | None = None,
    before_first_hearing: bool = False,
) -> ProcedureChange:
    """Convert the procedure by ruling; 审限 counts on from the original 立案 date (解释 第258条
    第3款) and extensions granted under the old procedure lapse with it."""
    if not selectors.can_manage_case(actor, case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    case = _open(case)
    on = on or timezone.localdate()
    errors: dict[str, str] = {}
    if to not in Case.Procedure.values:
        errors["to"] = _("审理程序无效。")
    elif to == case.procedure:
        errors["to"] = _("与现在的审理程序相同。")
    elif not legal.is_conversion_allowed(case.procedure, to):
        errors["to"] = _("不能由%(old)s转为%(new)s。") % {
            "old": Case.Procedure(case.procedure).label,
            "new": Case.Procedure(to).label,
        }
    if not reasons.strip():
        errors["reasons"] = _("请填写转换程序的理由。")
    if on < case.accepted_on:
        errors["on"] = _("裁定日期不能早于立案日期。")
    if errors:
        raise FieldError(errors)
    try:
        legal.case_time_limit(case, as_of=on, extra_change=(to, on, before_first_hearing))
    except legal.RuleInputError as exc:
        raise _as_field(exc, "to") from None
    old = case.procedure
    change = ProcedureChange.objects.create(
        case=case,
        from_procedure=old,
        to_procedure=to,
        on=on,
        before_first_hearing=before_first_hearing,
        reasons=reasons.strip(),
        decided_by=actor,
    )
    before = case.due_on
    case.procedure = to
    case.save(update_fields=["procedure", "updated_at"])
    recompute_due(case)
    # 办法 第16条 halves the fee of cases *tried* under simple procedure (small claims included,
    # 解释 第281条): leaving it recomputes the fee in full and the plaintiff pays the difference
    # within 7 days of the notice (解释 第199条).
    adjustment = fees.recompute_fee(
        actor=actor,
        case=case,
        source=FeeAdjustment.Source.PROCEDURE_CHANGE,
        explanation=_(
            "%(old)s转为%(new)s，按%(new)s重新计算受理费（办法 第16条；民诉法解释 第199、206条）"
        )
        % {"old": Case.Procedure(old).label, "new": Case.Procedure(to).label},
        today=on,
    )
    record_event(
        actor=actor,
        action="cases.time_limit.procedure_change",
        target=case,
        before={"procedure": old, "due_on": before},
        after={
            "procedure": to,
            "on": on,
            "due_on": case.due_on,
            "fee_adjustment": fees.adjustment_dict(adjustment),
        },
    )
    return change


# --------------------------------------------------------------------------------------------
# Warnings before expiry (2000规定 第21条 催办)


def time_limit_warnings(*, today: date | None = None) -> int:
    """Notify each open case's judge once per alert level and due date (30, 15, 5 days before,
    and overdue). The outbox dedupes on the key, so running twice sends nothing new; a new
    due date after an extension starts the warnings again. Returns how many were queued."""
    today = today or timezone.localdate()
    queued = 0
    cases = Case.objects.filter(status=Case.Status.OPEN, judge__isnull=False).select_related(
        "judge"
    )
    for case in cases.iterator():
        status = legal.case_time_limit(case, as_of=today)
        alert = str(status.alert)
        # While a period is running the count is suspended and the due date moves daily:
        # warning then would send one message per day.
        if status.paused or alert not in legal.WARNING_ALERTS:
            continue
        key = f"cases.time-limit:{case.pk}:{alert}:{status.due_on.isoformat()}"
        if OutboxMessage.objects.filter(dedupe_key__startswith=f"{key}:").exists():
            continue
        label = legal.ALERT_LABELS[alert]
        if alert == legal.OVERDUE:
            body = f"{case.number}已超过审限（届满日{status.due_on}），请尽快结案并说明情况。"
        else:
            body = (
                f"{case.number}审限将于{status.due_on}届满，尚余{status.days_remaining}日。"
                f"需要延长的，应在{status.extension_request_by}前提出申请。"
            )
        with transaction.atomic():
            notify(
                dedupe_key=key,
                subject=f"审限提醒：{case.number}（{label}）",
                body=body,
                user=case.judge,
                link=f"/cases/{case.pk}/",
            )
        queued += 1
    return queued
