"""Acceptance 立案: the case number, procedure, judge, fee and time limit of a new case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role, User
from fating.accounts.selectors import holders
from fating.cases import legal
from fating.cases.models import (
    Case,
    CaseSequence,
    FeeRelief,
    Filing,
    FilingReview,
    SpeedyTrialTeam,
)
from fating.cases.rules import workflow
from fating.cases.rules.case_numbers import format_case_number
from fating.cases.services import fees
from fating.cases.services.filing import _close_round, require_reviewable
from fating.core.audit import record_event
from fating.core.exceptions import FieldError
from fating.network.models import Court, Tribunal


def reserve_case_numbers(*, court: Court, year: int, type_code: str, count: int) -> int:
    """Take `count` consecutive numbers of court × year × type (案号规定 第9–10条) and return
    the first. Must run inside the caller's transaction: the locked row is released, and the
    numbers kept, only on commit — so there is no gap and no duplicate under concurrency."""
    try:
        with transaction.atomic():  # savepoint: a concurrent creator may win the insert
            CaseSequence.objects.get_or_create(court=court, year=year, type_code=type_code)
    except IntegrityError:
        pass
    sequence = CaseSequence.objects.select_for_update().get(
        court=court, year=year, type_code=type_code
    )
    first = sequence.last_seq + 1
    sequence.last_seq += count
    sequence.save(update_fields=["last_seq"])
    return first


def next_case_number(*, court: Court, year: int, type_code: str) -> tuple[int, str]:
    """Take the next number of court × year × type, inside the acceptance transaction."""
    seq = reserve_case_numbers(court=court, year=year, type_code=type_code, count=1)
    return seq, format_case_number(year, court.code, type_code, seq)


@dataclass(frozen=True)
class Assignment:
    judge: User | None
    reason: str


def speedy_team(*, court: Court, tribunal: Tribunal | None) -> SpeedyTrialTeam | None:
    """The active 速裁团队 of the tribunal, else of the court's 院本部 (tribunal empty)."""
    teams = SpeedyTrialTeam.objects.filter(court=court, active=True).order_by("pk")
    if tribunal is not None:
        team = teams.filter(tribunal=tribunal).first()
        if team is not None:
            return team
    return teams.filter(tribunal__isnull=True).first()


def assign_judge(
    *,
    court: Court,
    tribunal: Tribunal | None,
    cause: str | None = None,
    procedure: str | None = None,
) -> Assignment:
    """By rule (rules.triage.assign_judge): the active judges of the tribunal (else of the
    court), the one with the fewest open cases; ties to the smallest id. Small-claims and
    simple cases go to the 速裁团队 when there is one (繁简分流), by the same load balance."""
    team = None
    if procedure in (Case.Procedure.SMALL_CLAIMS, Case.Procedure.SIMPLE):
        team = speedy_team(court=court, tribunal=tribunal)
    # A team member is a judge of this court (checked when the team was formed) who must still
    # hold that grant today.
    team_judges = holders(Role.JUDGE, court=court.pk).filter(speedy_teams=team)
    if team is not None and team_judges.exists():
        pool = team_judges
        where = _("速裁团队“%(name)s”") % {"name": team.name}
    elif tribunal is not None:
        pool = holders(Role.JUDGE, tribunal=tribunal.pk)
        where = tribunal.name
    else:
        pool = holders(Role.JUDGE, court=court.pk)
        where = court.name
    if team is None and procedure in (Case.Procedure.SMALL_CLAIMS, Case.Procedure.SIMPLE):
        where = _("%(where)s（未设速裁团队）") % {"where": where}
    pool = pool.distinct().annotate(
        open_cases=Count(
            "judged_cases", filter=Q(judged_cases__status=Case.Status.OPEN), distinct=True
        )
    )
    loads = [legal.JudgeLoad(j.pk, j.display_name, j.open_cases) for j in pool]
    picked = legal.pick_judge(loads, cause=cause)
    if picked is None:
        return Assignment(None, _("%(where)s没有可分配的在岗法官，待人工分案。") % {"where": where})
    judge_id, reason = picked
    return Assignment(User.objects.get(pk=judge_id), f"{where}：{reason}")


def _relief(filing: Filing) -> FeeRelief | None:
    return filing.fee_reliefs.filter(status=FeeRelief.Status.APPROVED).order_by("-pk").first()


def _due_after_relief(fee: Decimal, relief: FeeRelief | None) -> tuple[Decimal, str]:
    if relief is None:
        return fee, Case.FeeStatus.UNPAID
    if relief.kind == FeeRelief.Kind.EXEMPT:
        return Decimal("0.00"), Case.FeeStatus.EXEMPT
    if relief.kind == FeeRelief.Kind.DEFER:
        return fee, Case.FeeStatus.DEFERRED
    share = Decimal(100 - (relief.reduction_percent or 0)) / Decimal(100)
    return (fee * share).quantize(Decimal("0.01")), Case.FeeStatus.UNPAID


@transaction.atomic
def accept_filing(
    *,
    actor: User,
    filing: Filing,
    procedure: str | None = None,
    simple_case: bool | None = None,
    tribunal: Tribunal | None = None,
    accepted_on: date | None = None,
) -> Case:
    """Register the case (登记立案): number, procedure (triage unless the reviewer chooses it;
    `simple_case` is the reviewer's finding on 解释 第256条), judge by rule, fee with its
    breakdown and the fee notice's deadline, time limit."""
    filing = require_reviewable(actor, filing, _("立案"), transition="accept")
    if procedure is not None and procedure not in Case.Procedure.values:
        raise FieldError({"procedure": _("审理程序无效，应为小额诉讼、简易或普通程序。")})
    tribunal = tribunal or filing.tribunal
    if tribunal is not None and tribunal.court_id != filing.court_id:
        raise FieldError({"tribunal": _("人民法庭不属于管辖法院。")})
    today = accepted_on or timezone.localdate()
    amount = filing.claimed_amount
    triaged = legal.triage(
        amount=amount,
        court=filing.court,
        on=today,
        money_only=filing.fee_kind == "property",
        simple_case=simple_case,
    )
    confirmed_by = None
    if procedure is None:
        if triaged.needs_confirmation:
            # CPL 第165条 makes small claims compulsory and final: on a figure nobody verified
            # the clerk decides, the platform only recommends.
            raise FieldError(
                {
                    "procedure": _(
                        "%(flag)s：系统推荐适用%(procedure)s，请核实标的额限额后明确选择审理程序。"
                    )
                    % {
                        "flag": _(legal.LIMIT_UNVERIFIED),
                        "procedure": Case.Procedure(triaged.procedure).label,
                    }
                }
            )
        procedure, reasons = triaged.procedure, list(triaged.reasons)
    else:
        reasons = [_("立案人员指定适用%(p)s。") % {"p": Case.Procedure(procedure).label}]
        if triaged.needs_confirmation:
            confirmed_by = actor
            reasons.append(
                _("%(flag)s；系统推荐%(rec)s，立案人员%(who)s人工确认适用%(p)s。")
                % {
                    "flag": _(legal.LIMIT_UNVERIFIED),
                    "rec": Case.Procedure(triaged.procedure).label,
                    "who": actor.display_name,
                    "p": Case.Procedure(procedure).label,
                }
            )
    fee = legal.case_fee(
        court=filing.court, fee_kind=filing.fee_kind, amount=amount, procedure=procedure, on=today
    )
    relief = _relief(filing)
    fee_due, fee_status = _due_after_relief(fee.fee, relief)
    if fee_due == 0 and fee_status == Case.FeeStatus.UNPAID:
        fee_status = Case.FeeStatus.PAID
    seq, number = next_case_number(court=filing.court, year=today.year, type_code=filing.type_code)
    assignment = assign_judge(
        court=filing.court,
        tribunal=tribunal,
        cause=filing.cause.name if filing.cause else None,
        procedure=procedure,
    )
    limit = legal.trial_time_limit(accepted_on=today, procedure=procedure)
    case = Case.objects.create(
        filing=filing,
        court=filing.court,
        tribunal=tribunal,
        number=number,
        year=today.year,
        type_code=filing.type_code,
        seq=seq,
        accepted_on=today,
        procedure=procedure,
        procedure_reasons=reasons,
        procedure_confirmed_by=confirmed_by,
        judge=assignment.judge,
        assignment_reason=assignment.reason,
        due_on=limit.due_on,
        time_limit_basis=limit.basis,
        fee_amount=fee.fee,
        fee_breakdown=fee.as_dict(),
        fee_due=fee_due,
        fee_status=fee_status,
        fee_due_on=legal.fee_due_on(today) if fee_status == Case.FeeStatus.UNPAID else None,
    )
    before = filing.status
    filing.status = workflow.FILING.target(filing.status, "accept")
    filing.tribunal = tribunal
    filing.decided_at = timezone.now()
    filing.save()
    _close_round(filing, FilingReview.Decision.ACCEPTED, actor)
    record_event(
        actor=actor,
        action="cases.filing.accept",
        target=filing,
        before={"status": before},
        after={
            "status": filing.status,
            "case": case.pk,
            "number": number,
            "procedure": procedure,
            "procedure_confirmed_by": confirmed_by.pk if confirmed_by else None,
            "judge": assignment.judge.pk if assignment.judge else None,
            "fee": fee.fee,
            "fee_due": fee_due,
            "due_on": limit.due_on,
        },
    )
    return case


def fee_notice(case: Case) -> dict[str, object]:
    """The content of the 交纳诉讼费用通知 (办法 第22条), for the page, the API and documents."""
    breakdown = case.fee_breakdown or {}
    return {
        "case_number": case.number,
        "fee": str(case.fee_amount),
        "fee_due": str(case.fee_due),
        "fee_status": case.fee_status,
        "fee_status_label": case.get_fee_status_display(),
        "due_on": case.fee_due_on.isoformat() if case.fee_due_on else None,
        "breakdown": breakdown.get("breakdown", []),
        "halved": breakdown.get("halved", False),
        "halving_reason": breakdown.get("halving_reason"),
        "articles": breakdown.get("articles", []),
        "notice": _(
            "请于收到本通知次日起七日内交纳案件受理费；期满未交纳又未申请缓交的，按撤诉处理"
            "（诉讼费用交纳办法 第22条；登记立案规定 第11条）。"
        ),
        # Changes after acceptance (办法 第16、18、21条): 补交 due, refunds at closure.
        "adjustments": [fees.adjustment_dict(a) for a in case.fee_adjustments.all()],
        "counterclaims": [
            {
                "id": c.pk,
                "counterclaimant": c.counterclaimant,
                "amount": None if c.amount is None else str(c.amount),
                "tried_together": c.tried_together,
                "fee": str(c.fee),
                "fee_due_on": c.fee_due_on.isoformat() if c.fee_due_on else None,
            }
            for c in case.counterclaims.all()
        ],
        "refunds": [fees.refund_dict(r) for r in case.refunds.all()],
    }


__all__ = ["Assignment", "accept_filing", "assign_judge", "fee_notice", "next_case_number"]
