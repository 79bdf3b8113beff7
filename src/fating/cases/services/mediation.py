"""委托调解: entrusting a filed case to a court-invited mediation organisation or mediator.

Time rules (LEGAL-RULES D7) come from the disputes app's pure delegation rules — the same
15/7-day clock from the mediator's acceptance, the same reminders — and are not copied here.
What is specific to a filed case: the invitee must be on the court's invited roster (特邀调解规定
第11条), and only the extension of the mediation period is left out of 审限 (特邀调解规定 第27条
第2款; 在线调解规则 第24条第1款: 立案后延长的调解期限不计入审理期限). The 15 or 7 days themselves
count in 审限.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import holders
from fating.cases import legal, selectors
from fating.cases.models import Case, Entrustment, ExcludedPeriod
from fating.cases.rules import workflow
from fating.cases.services.time_limits import recompute_due
from fating.core.audit import record_event
from fating.core.calendar import days, nominal_end
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.notify import notify
from fating.disputes.rules import (
    ACCEPTANCE_WORKING_DAYS,
    MEDIATION_DAYS,
    DelegationKind,
    delegation_clock,
    delegation_due,
    reminder_due,
)
from fating.network.models import MediationOrganisation, Mediator

LIVE = workflow.ENTRUSTMENT_LIVE
MEDIATION_EXTENSION = "mediation_extension"


def kind_for(procedure: str) -> str:
    """Simple procedure and small claims (which follow it, 解释 第281条) have 7 days; ordinary 15."""
    if procedure == Case.Procedure.ORDINARY:
        return str(DelegationKind.POST_FILING_ORDINARY)
    return str(DelegationKind.POST_FILING_SIMPLE)


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _due(entrustment: Entrustment) -> datetime:
    accepted = timezone.localtime(entrustment.accepted_at)
    return delegation_due(
        accepted,
        DelegationKind(entrustment.kind),
        extension_days=entrustment.extension_days,
        calendar=court_calendar(),
    )


def base_end(entrustment: Entrustment) -> date:
    """Nominal last day of the 15 or 7 days (before any holiday move): where the agreed extension
    left out of 审限 begins. The span is counted on nominal days so that it holds exactly the
    extension's days, while the deadline itself (`_due`) is moved off rest days (CPL 第85条)."""
    accepted = _local_day(entrustment.accepted_at)
    return nominal_end(accepted, days(MEDIATION_DAYS[DelegationKind(entrustment.kind)]))


def _invitees(entrustment: Entrustment) -> list[User]:
    if entrustment.mediator_id and entrustment.mediator.user_id:
        return [entrustment.mediator.user]
    return list(holders(Role.MEDIATOR, organisation=entrustment.organisation_id))


def _tell(
    entrustment: Entrustment, users: list[User], *, key: str, subject: str, body: str
) -> None:
    for user in users:
        notify(
            dedupe_key=f"cases.entrustment:{entrustment.pk}:{key}:{user.pk}",
            subject=subject,
            body=body,
            user=user,
            link=f"/cases/entrustments/{entrustment.pk}/",
        )


def _court_people(entrustment: Entrustment) -> list[User]:
    return [u for u in (entrustment.case.judge, entrustment.entrusted_by) if u is not None]


@transaction.atomic
def entrust(
    *,
    actor: User,
    case: Case,
    organisation: MediationOrganisation | None,
    mediator: Mediator | None = None,
) -> Entrustment:
    """Entrust an open case to an organisation on the court's invited roster (or to an invited
    mediator of it); the invitee has 3 working days to accept (在线调解规则 第12条)."""
    if not selectors.can_manage_case(actor, case):
        raise NotPermitted(_("只有本院的法官、法官助理可以办理该案件。"))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.OPEN:
        raise InvalidTransition(_("案件已结案，不能委托调解。"))
    if case.entrustments.filter(status__in=LIVE).exists():
        raise InvalidTransition(_("该案已有进行中的委托调解。"))
    if mediator is not None and organisation is None:
        organisation = mediator.organisation
    errors: dict[str, str] = {}
    if organisation is None:
        errors["organisation"] = _("请选择特邀调解组织。")
    elif organisation.court_id != case.court_id or not organisation.is_court_invited:
        errors["organisation"] = _("只能委托本院特邀调解名册中的调解组织。")
    if mediator is not None and (
        mediator.kind != Mediator.Kind.INVITED
        or not mediator.active
        or mediator.organisation_id != getattr(organisation, "pk", None)
    ):
        errors["mediator"] = _("只能委托该组织在册的特邀调解员。")
    if errors:
        raise FieldError(errors)
    now = timezone.now()
    entrustment = Entrustment.objects.create(
        case=case,
        organisation=organisation,
        mediator=mediator,
        kind=kind_for(case.procedure),
        entrusted_by=actor,
        entrusted_at=now,
        respond_by=legal.add_working_days(_local_day(now), ACCEPTANCE_WORKING_DAYS),
    )
    _tell(
        entrustment,
        _invitees(entrustment),
        key="offered",
        subject=f"委托调解：{case.number}",
        body=f"人民法院委托调解{case.number}，请于{entrustment.respond_by}前确认是否接受。",
    )
    record_event(
        actor=actor,
        action="cases.entrustment.entrust",
        target=entrustment,
        after={
            "case": case.number,
            "organisation": organisation.name,
            "mediator": mediator.name if mediator else "",
            "kind": entrustment.kind,
            "respond_by": entrustment.respond_by,
        },
    )
    return entrustment


def _locked(entrustment: Entrustment, transition: str, *, message: str) -> Entrustment:
    """Lock the entrustment; refused with `message` unless the machine allows `transition`."""
    entrustment = Entrustment.objects.select_for_update().get(pk=entrustment.pk)
    workflow.ENTRUSTMENT.target(entrustment.status, transition, refusal=message)
    return entrustment


@transaction.atomic
def accept(*, actor: User, entrustment: Entrustment) -> Entrustment:
    """The invitee accepts within 3 working days; the clock starts now (在线调解规则 第24条第2款)."""
    if not selectors.is_invitee(actor, entrustment):
        raise NotPermitted(_("只有受托的特邀调解组织或调解员可以接受或拒绝委托。"))
    entrustment = _locked(entrustment, "accept", message=_("该委托已不在待接受状态。"))
    now = timezone.now()
    if _local_day(now) > entrustment.respond_by:
        raise InvalidTransition(_("已超过三个工作日的确认期限，不能再接受。"))
    entrustment.status = workflow.ENTRUSTMENT.target(entrustment.status, "accept")
    entrustment.accepted_by = actor
    entrustment.accepted_at = now
    entrustment.due_at = _due(entrustment)
    entrustment.save()
    _tell(
        entrustment,
        _court_people(entrustment),
        key="accepted",
        subject=f"委托调解已接受：{entrustment.case.number}",
        body=f"{entrustment.organisation}已接受委托，调解期限至{_local_day(entrustment.due_at)}。",
    )
    record_event(
        actor=actor,
        action="cases.entrustment.accept",
        target=entrustment,
        before={"status": Entrustment.Status.OFFERED},
        after={"status": entrustment.status, "due_at": entrustment.due_at},
    )
    return entrustment


@transaction.atomic
def decline(*, actor: User, entrustment: Entrustment, reasons: str) -> Entrustment:
    """Decline with reasons written down (在线调解规则 第12条第1款); the court may choose another."""
    if not selectors.is_invitee(actor, entrustment):
        raise NotPermitted(_("只有受托的特邀调解组织或调解员可以接受或拒绝委托。"))
    entrustment = _locked(entrustment, "decline", message=_("该委托已不在待接受状态。"))
    if not reasons.strip():
        raise FieldError({"reasons": _("不予接受的，请写明理由。")})
    entrustment.status = workflow.ENTRUSTMENT.target(entrustment.status, "decline")
    entrustment.decline_reasons = reasons.strip()
    entrustment.ended_at = timezone.now()
    entrustment.save()
    _tell(
        entrustment,
        _court_people(entrustment),
        key="declined",
        subject=f"委托调解未被接受：{entrustment.case.number}",
        body=f"{entrustment.organisation}不予接受：{entrustment.decline_reasons}。可以重新指定。",
    )
    record_event(
        actor=actor,
        action="cases.entrustment.decline",
        target=entrustment,
        before={"status": Entrustment.Status.OFFERED},
        after={"status": entrustment.status, "reasons": entrustment.decline_reasons},
    )
    return entrustment


@transaction.atomic
def extend(
    *, actor: User, entrustment: Entrustment, days: int, party_ids: list[int], consent_note: str
) -> Entrustment:
    """Lengthen the mediation period with every party's consent (特邀调解规定 第27条第2款). The
    added days are recorded as a period excluded from 审限, starting the day after the 15 or
    7 days end."""
    if not (
        selectors.is_invitee(actor, entrustment)
        or selectors.can_manage_case(actor, entrustment.case)
    ):
        raise NotPermitted(_("只有受托调解员或本院法官、法官助理可以办理该委托调解。"))
    entrustment = _locked(entrustment, "extend", message=_("只有调解中的委托可以延长期限。"))
    errors: dict[str, str] = {}
    if days <= 0:
        errors["days"] = _("延长天数必须大于零。")
    parties = list(entrustment.case.filing.parties.order_by("pk"))
    missing = [p.name for p in parties if p.pk not in set(party_ids)]
    if missing:
        errors["party_ids"] = _("延长调解期限须经各方当事人同意，尚未同意：%(parties)s。") % {
            "parties": "、".join(missing)
        }
    if not consent_note.strip():
        errors["consent_note"] = _("请记录当事人同意的方式和时间。")
    if errors:
        raise FieldError(errors)
    before = entrustment.due_at
    case_due_before = entrustment.case.due_on
    entrustment.extension_days += days
    entrustment.due_at = _due(entrustment)
    entrustment.reminders_sent = []  # reminders count down to the new end
    note = consent_note.strip()
    entrustment.consent_note = "\n".join(x for x in (entrustment.consent_note, note) if x)
    start = base_end(entrustment)
    end = start + timedelta(days=entrustment.extension_days)
    period = entrustment.excluded_period
    if period is None:
        period = ExcludedPeriod.objects.create(
            case=entrustment.case,
            kind=MEDIATION_EXTENSION,
            start=start,
            end=end,
            note=f"委托调解经当事人同意延长（{entrustment.organisation}）"[:200],
            recorded_by=actor,
        )
        entrustment.excluded_period = period
    else:
        period.end = end
        period.save(update_fields=["end", "updated_at"])
    entrustment.save()
    recompute_due(entrustment.case)
    record_event(
        actor=actor,
        action="cases.entrustment.extend",
        target=entrustment,
        before={"due_at": before, "case_due_on": case_due_before},
        after={
            "due_at": entrustment.due_at,
            "case_due_on": entrustment.case.due_on,
            "extension_days": entrustment.extension_days,
            "consenting_parties": sorted(party_ids),
            "excluded_from_time_limit": [start, end],
        },
    )
    return entrustment


def _settle_exclusion(entrustment: Entrustment, ended_on: date, actor: User | None = None) -> None:
    """Only extension days actually used stay out of 审限: an ending inside the 15/7 days leaves
    none; an ending inside the extension keeps the days up to that day. The case's due date can
    move, so the change is an audit event on the case."""
    period = entrustment.excluded_period
    if period is None:
        return
    case = entrustment.case
    before = {"due_on": case.due_on, "period": period.pk, "start": period.start, "end": period.end}
    after = dict(before)
    if ended_on <= period.start:
        entrustment.excluded_period = None
        entrustment.save(update_fields=["excluded_period", "updated_at"])
        period.delete()
        after.update(period=None, start=None, end=None)
    elif period.end is None or ended_on < period.end:
        period.end = ended_on
        period.save(update_fields=["end", "updated_at"])
        after["end"] = ended_on
    recompute_due(case)
    after["due_on"] = case.due_on
    if after != before:
        record_event(
            actor=actor,
            action="cases.time_limit.exclusion_settle",
            target=case,
            before=before,
            after={**after, "entrustment": entrustment.pk},
        )


@transaction.atomic
def conclude(
    *, actor: User | None, entrustment: Entrustment, succeeded: bool, note: str = ""
) -> Entrustment:
    """Report the outcome. Success: the court issues a 调解书 or allows withdrawal (特邀调解规定
    第20条) — closing the case stays with the court (close_case with closure "mediation", fee
    halved by the rules). Failure: the case goes on to trial."""
    if actor is not None and not (
        selectors.is_invitee(actor, entrustment)
        or selectors.can_manage_case(actor, entrustment.case)
    ):
        raise NotPermitted(_("只有受托调解员或本院法官、法官助理可以办理该委托调解。"))
    outcome = "succeed" if succeeded else "fail"
    message = _("只有调解中的委托可以登记调解结果。")
    entrustment = _locked(entrustment, outcome, message=message)
    if not succeeded and not note.strip():
        raise FieldError({"note": _("调解不成的，请简要说明原因。")})
    now = timezone.now()
    entrustment.status = workflow.ENTRUSTMENT.target(entrustment.status, outcome)
    entrustment.ended_at = now
    entrustment.outcome_note = note.strip()
    entrustment.save()
    _settle_exclusion(entrustment, _local_day(now), actor)
    _tell(
        entrustment,
        _court_people(entrustment),
        key="concluded",
        subject=f"委托调解{entrustment.get_status_display()}：{entrustment.case.number}",
        body=f"{entrustment.organisation}：{entrustment.get_status_display()}。{entrustment.outcome_note}",
    )
    record_event(
        actor=actor,
        action="cases.entrustment.conclude",
        target=entrustment,
        before={"status": Entrustment.Status.MEDIATING},
        after={"status": entrustment.status, "note": entrustment.outcome_note},
    )
    return entrustment


@transaction.atomic
def _expire_one(entrustment: Entrustment, now: datetime, counts: dict[str, int]) -> None:
    entrustment = Entrustment.objects.select_for_update().get(pk=entrustment.pk)
    today = _local_day(now)
    if workflow.ENTRUSTMENT.allows(entrustment.status, "lapse") and today > entrustment.respond_by:
        entrustment.status = workflow.ENTRUSTMENT.target(entrustment.status, "lapse")
        entrustment.ended_at = now
        entrustment.save()
        _tell(
            entrustment,
            _court_people(entrustment),
            key="lapsed",
            subject=f"委托调解逾期未确认：{entrustment.case.number}",
            body="受托方未在三个工作日内确认接受，可以重新指定（在线调解规则 第12条第2款）。",
        )
        record_event(
            actor=None,
            action="cases.entrustment.lapse",
            target=entrustment,
            before={"status": Entrustment.Status.OFFERED},
            after={"status": entrustment.status},
        )
        counts["lapsed"] += 1
        return
    if not workflow.ENTRUSTMENT.allows(entrustment.status, "return") or entrustment.due_at is None:
        return
    clock = delegation_clock(entrustment.due_at, now)
    if clock.expired:
        entrustment.status = workflow.ENTRUSTMENT.target(entrustment.status, "return")
        entrustment.ended_at = now
        entrustment.outcome_note = "调解期限届满，案件自动退回审理。"
        entrustment.save()
        _settle_exclusion(entrustment, _local_day(entrustment.due_at))
        _tell(
            entrustment,
            [*_court_people(entrustment), *_invitees(entrustment)],
            key="returned",
            subject=f"委托调解期满退回：{entrustment.case.number}",
            body="委托调解期限届满未达成协议，案件已退回继续审理。",
        )
        record_event(
            actor=None,
            action="cases.entrustment.return",
            target=entrustment,
            before={"status": Entrustment.Status.MEDIATING},
            after={"status": entrustment.status},
        )
        counts["returned"] += 1
        return
    if clock.remind and clock.days_left is not None:
        threshold = reminder_due(clock.days_left, entrustment.reminders_sent)
        if threshold is None:
            return
        entrustment.reminders_sent = [*entrustment.reminders_sent, threshold]
        entrustment.save(update_fields=["reminders_sent", "updated_at"])
        _tell(
            entrustment,
            [*_invitees(entrustment), *_court_people(entrustment)],
            key=f"remind-{threshold}-{entrustment.due_at.date().isoformat()}",
            subject=f"委托调解即将届满：{entrustment.case.number}",
            body=f"调解期限至{_local_day(entrustment.due_at)}届满，尚余{clock.days_left}日。",
        )
        counts["reminded"] += 1


def expire_entrustments(*, now: datetime | None = None) -> dict[str, int]:
    """Lapse unanswered offers, return expired mediations automatically, send reminders (7, 3,
    1 days before expiry). Safe to run any number of times."""
    now = now or timezone.now()
    counts = {"lapsed": 0, "returned": 0, "reminded": 0}
    live = Entrustment.objects.filter(status__in=LIVE, case__status=Case.Status.OPEN)
    for pk in live.values_list("pk", flat=True):
        _expire_one(Entrustment.objects.get(pk=pk), now, counts)
    return counts
