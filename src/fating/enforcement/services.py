"""Writes of enforcement. Each service: keyword-only, one transaction, permission first, one
audit event. Gateway calls (网络查控, freezes, payouts) are idempotent on the row's key, so a
failure leaves the row to retry and a retry never does the work twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.cases.services.acceptance import next_case_number
from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.disputes.models import DisputeParty, JudicialConfirmation
from fating.enforcement import selectors
from fating.enforcement.gateways import GatewayError, gateway
from fating.enforcement.models import (
    Asset,
    CentreTask,
    Control,
    EnforcementCase,
    EnforcementParty,
    EnforcementTeam,
    Inquiry,
    LedgerEntry,
)
from fating.enforcement.rules import deadlines, measures, money, notices, triage
from fating.enforcement.rules.workflow import ENFORCEMENT
from fating.network.models import Court

FILING_TYPES = ("执", "执恢", "执异", "执保")
MAX_AMOUNT = Decimal("999999999999.99")


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str
    id_number: str = ""
    user: Any = None
    bank_account: str = ""


def _today() -> dt.date:
    return timezone.localdate()


def _lock(case: EnforcementCase) -> EnforcementCase:
    return EnforcementCase.objects.select_for_update().get(pk=case.pk)


def _require(actor: Any, case: EnforcementCase, action: str = "manage") -> None:
    qs = EnforcementCase.objects.filter(pk=case.pk)
    if not selectors.restrict(qs, actor, "view").exists():
        raise NotVisible(selectors.CASE_NOT_FOUND)
    if not selectors.restrict(qs, actor, action).exists():
        if action == "decide":
            raise NotPermitted("只有本院执行法官可以作出该决定。")
        raise NotPermitted("只有本院执行人员可以办理。")


def _move(case: EnforcementCase, name: str, context: Any = None) -> str:
    before = case.status
    case.status = ENFORCEMENT.target(case.status, name, context)
    return before


def _check_amount(amount: Any, field: str = "amount", label: str = "金额") -> Decimal:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise FieldError({field: f"{label}须为数字"})
    if amount <= 0 or amount > MAX_AMOUNT or amount != amount.quantize(money.FEN):
        raise FieldError({field: f"{label}须大于零、精确到分且不超过{MAX_AMOUNT}元"})
    return amount


# -- filing 立案 ----------------------------------------------------------------------------


def _file(
    *,
    actor: Any,
    court: Court,
    type_code: str,
    source_kind: str,
    source_reference: str,
    amount: Decimal,
    effective_on: dt.date,
    performance_last_day: dt.date | None,
    instalment_due_days: Sequence[dt.date],
    parties: Sequence[PartyInput],
    applied_on: dt.date,
    confirmation: JudicialConfirmation | None = None,
    resumed_from: EnforcementCase | None = None,
    applicant_user: Any = None,
) -> EnforcementCase:
    errors: dict[str, str] = {}
    if type_code not in FILING_TYPES:
        errors["type_code"] = "类型代字须为执、执恢、执异或执保"
    if source_kind not in triage.DOCUMENT_LABELS:
        errors["source_kind"] = "执行依据种类无效"
    if not source_reference.strip() or len(source_reference) > 80:
        errors["source_reference"] = "请填写执行依据的案号或文号（不超过80字）"
    roles = {p.role for p in parties}
    if not {"applicant", "respondent"} <= roles or roles - {"applicant", "respondent"}:
        errors["parties"] = "须有申请执行人和被执行人"
    if any(not p.name.strip() or len(p.name) > 100 for p in parties):
        errors["parties"] = "当事人姓名或名称不能为空且不超过100字"
    if errors:
        raise FieldError(errors)
    _check_amount(amount, "amount", "申请执行标的")
    if type_code == "执":
        limit = deadlines.check_application_limit(
            applied_on=applied_on,
            effective_on=effective_on,
            performance_last_day=performance_last_day,
            instalment_due_days=instalment_due_days,
        )
        if not limit.in_time:
            raise FieldError({"effective_on": f"已超过申请执行期间：{limit.explanation()}"})
    _, number = next_case_number(court=court, year=applied_on.year, type_code=type_code)
    case = EnforcementCase.objects.create(
        court=court,
        type_code=type_code,
        case_number=number,
        source_kind=source_kind,
        source_reference=source_reference.strip(),
        confirmation=confirmation,
        resumed_from=resumed_from,
        amount=amount,
        fee=money.application_fee(amount).fee,
        effective_on=effective_on,
        performance_last_day=performance_last_day
        or (max(instalment_due_days) if instalment_due_days else None),
        filed_on=applied_on,
        due_on=deadlines.time_limit_end(applied_on),
        applicant_user=applicant_user,
    )
    for p in parties:
        EnforcementParty.objects.create(
            case=case, role=p.role, name=p.name.strip(), id_number=p.id_number, user=p.user,
            bank_account=p.bank_account,
        )  # fmt: skip
    record_event(actor=actor, action="enforcement.case.file", target=case,
                 after={"case_number": number, "amount": str(amount), "fee": str(case.fee)})  # fmt: skip
    return case


@transaction.atomic
def file_case(
    *,
    actor: Any,
    court: Court,
    source_kind: str,
    source_reference: str,
    amount: Decimal,
    effective_on: dt.date,
    parties: Sequence[PartyInput],
    performance_last_day: dt.date | None = None,
    type_code: str = "执",
    applied_on: dt.date | None = None,
) -> EnforcementCase:
    """执行立案 by the court's enforcement staff, from any effective document (uploaded from
    elsewhere or from a case of this court)."""
    scope = scope_of(actor)
    if not (scope.superuser or court.pk in scope.court_level(*selectors.ENFORCEMENT_ROLES)):
        raise NotPermitted("只有本院执行人员可以执行立案。")
    return _file(
        actor=actor, court=court, type_code=type_code, source_kind=source_kind,
        source_reference=source_reference, amount=amount, effective_on=effective_on,
        performance_last_day=performance_last_day, instalment_due_days=(), parties=parties,
        applied_on=applied_on or _today(),
    )  # fmt: skip


def confirmation_to_enforce(agreement: Any) -> JudicialConfirmation | None:
    """The confirmed 民特 ruling of a defaulted agreement, if there is one."""
    return (
        agreement.confirmations.filter(status=JudicialConfirmation.Status.CONFIRMED)
        .order_by("-decided_at")
        .first()
    )


@transaction.atomic
def apply_from_agreement(
    *, actor: Any, agreement: Any, applied_on: dt.date | None = None, bank_account: str = ""
) -> EnforcementCase:
    """申请强制执行 in one step from a defaulted, judicially confirmed agreement (民事诉讼法 第206条:
    the confirmation ruling is enforceable; 第250条 limit checked). The applicant is a party owed
    performance; the amount is the unpaid instalments; parties are taken from the dispute."""
    dispute = agreement.dispute
    creditors = dispute.parties.filter(role=DisputeParty.Role.APPLICANT)
    if not creditors.filter(user=actor).exists():
        raise NotPermitted("只有调解协议的权利人可以申请强制执行。")
    if agreement.status != "defaulted":
        raise InvalidTransition("调解协议未被认定逾期未履行，不能申请强制执行。")
    confirmation = confirmation_to_enforce(agreement)
    if confirmation is None:
        raise InvalidTransition("调解协议尚未经司法确认，请先申请司法确认或就协议起诉。")
    if (
        EnforcementCase.objects.filter(confirmation=confirmation)
        .exclude(status__in=["not_enforced"])
        .exists()
    ):
        raise InvalidTransition("该裁定已申请强制执行。")
    instalments = list(agreement.instalments.all())
    unpaid = sum((i.amount - i.paid_amount for i in instalments), Decimal(0))
    if unpaid <= 0:
        raise InvalidTransition("调解协议没有未履行的金钱给付。")
    parties = [
        PartyInput(role="applicant" if p.role == DisputeParty.Role.APPLICANT else "respondent",
                   name=p.name, id_number=p.id_number or "", user=p.user,
                   bank_account=bank_account if p.user_id == actor.pk else "")
        for p in dispute.parties.order_by("pk")
    ]  # fmt: skip
    decided = confirmation.decided_at or confirmation.updated_at
    return _file(
        actor=actor, court=confirmation.court, type_code="执", source_kind="mediation_ruling",
        source_reference=confirmation.case_number or str(confirmation.pk), amount=unpaid,
        effective_on=timezone.localtime(decided).date(),
        performance_last_day=agreement.deadline,
        instalment_due_days=[i.due_on for i in instalments], parties=parties,
        applied_on=applied_on or _today(), confirmation=confirmation, applicant_user=actor,
    )  # fmt: skip


# -- triage and search ---------------------------------------------------------------------


@transaction.atomic
def triage_case(
    *, actor: Any, case: EnforcementCase, respondent_refuses: bool = False
) -> EnforcementCase:
    """速执 or 实施: the criteria as data (rules.triage), the team by load."""
    _require(actor, case)
    case = _lock(case)
    found = None
    if case.inquiries.exists():
        found = case.assets.exists()
    result = triage.triage(
        triage.TriageFacts(amount=case.amount, document_kind=case.source_kind,
                           property_found=found, respondent_refuses=respondent_refuses)
    )  # fmt: skip
    before = _move(case, "triage")
    open_cases = Count("cases", filter=~Q(cases__status__in=["completed", "terminated",
                                                            "concluded", "not_enforced"]))  # fmt: skip
    teams = EnforcementTeam.objects.filter(court=case.court, active=True).annotate(load=open_cases)
    wanted = [(t.pk, t.load) for t in teams if t.speedy == result.speedy] or [
        (t.pk, t.load) for t in teams
    ]
    team_id = triage.least_loaded(wanted)
    case.team_id = team_id
    case.speedy = result.speedy
    case.triage_reasons = result.reasons()
    if case.executor_id is None and scope_of(actor).holds(Role.EXECUTOR):
        case.executor = actor
    case.save()
    record_event(actor=actor, action="enforcement.case.triage", target=case,
                 before={"status": before}, after={"status": case.status, "speedy": case.speedy,
                                                   "team": team_id})  # fmt: skip
    return case


def search_property(*, actor: Any, case: EnforcementCase) -> Inquiry:
    """网络查控: ask the gateway about every respondent. A gateway failure is recorded as a failed
    inquiry (nothing else changes); found property is recorded once (unique per holder and
    reference), so repeating a search adds only what is new. A search that answered (in full or
    in part) closes the case's open 网络查控 tasks in the 执行事务中心 (same transaction)."""
    _require(actor, case)
    respondents = list(case.parties.filter(role=EnforcementParty.Role.RESPONDENT))
    answers, failed_all = [], False
    gw = gateway()
    for party in respondents:
        try:
            answers.append(gw.inquire(key=f"{case.case_number}:{party.pk}", name=party.name,
                                      id_number=party.id_number))  # fmt: skip
        except GatewayError:
            failed_all = True
    with transaction.atomic():
        case = _lock(case)
        before = case.status
        if ENFORCEMENT.allows(case.status, "investigate"):
            _move(case, "investigate")
            case.save(update_fields=["status", "updated_at"])
        elif case.status not in ("investigating", "controlled", "disposing"):
            ENFORCEMENT.target(case.status, "investigate")  # refuses with the state's sentence
        answered = sorted({i for a in answers for i in a.answered})
        failed = sorted({i for a in answers for i in a.failed})
        status = Inquiry.Status.FAILED if failed_all and not answers else (
            Inquiry.Status.PARTIAL if failed or failed_all else Inquiry.Status.ANSWERED)  # fmt: skip
        inquiry = Inquiry.objects.create(case=case, status=status, channel=gw.name,
                                         answered=answered, failed=failed, requested_by=actor)  # fmt: skip
        for answer in answers:
            for found in answer.assets:
                Asset.objects.get_or_create(
                    case=case, holder=found.holder, reference=found.reference,
                    defaults={"kind": found.kind, "value": found.value, "inquiry": inquiry},
                )  # fmt: skip
        closed = _close_search_tasks(case, inquiry) if status != Inquiry.Status.FAILED else []
        record_event(actor=actor, action="enforcement.case.inquire", target=case,
                     before={"status": before},
                     after={"status": case.status, "inquiry": inquiry.pk, "result": status,
                            "tasks_done": closed})  # fmt: skip
    return inquiry


def _close_search_tasks(case: EnforcementCase, inquiry: Inquiry) -> list[int]:
    """A search that answered (in full or in part) does the 执行事务中心's open 网络查控 tasks of
    the case (waiting or claimed): they are done with the inquiry and any institution that did
    not answer noted, in the search's transaction. A search that failed altogether leaves them
    open for the centre."""
    done = []
    now = timezone.now()
    missing = f"；未反馈：{'、'.join(inquiry.failed)}" if inquiry.failed else ""
    for task in CentreTask.objects.select_for_update().filter(
        case=case, kind=notices.SEARCH_TASK, status__in=notices.OPEN_TASKS
    ):
        task.status = notices.CENTRE_TASK.target(task.status, "answered", notices.SEARCH_ANSWERED)
        task.finished_at = now
        task.note = f"网络查控已反馈（查询记录{inquiry.pk}{missing}），自动办结"[:300]
        task.save(update_fields=["status", "finished_at", "note", "updated_at"])
        done.append(task.pk)
    return done


# -- control: freeze, seize, deduct --------------------------------------------------------


def control_asset(
    *, actor: Any, asset: Asset, action: str, amount: Decimal, key: str | None = None,
    on: dt.date | None = None,
) -> Control:  # fmt: skip
    """Freeze, seize or deduct `amount` of `asset` (民事诉讼法 第253条: not beyond what is owed).
    The Control row is written (and kept) before the gateway is asked; a failure leaves it
    "failed" to retry with the same key; a deduction books the money into the ledger once."""
    case = EnforcementCase.objects.get(pk=asset.case_id)
    _require(actor, case)
    if action not in Control.Action.values:
        raise FieldError({"action": "措施须为冻结、查封扣押或扣划"})
    _check_amount(amount)
    owed = case.amount + case.fee
    if amount > owed:
        raise FieldError(
            {"amount": f"金额不得超出被执行人应当履行义务的范围（{owed}元；民事诉讼法 第253条）"}
        )
    if action == Control.Action.DEDUCT and asset.kind != "deposit":
        raise FieldError({"action": "只有存款可以扣划"})
    if not ENFORCEMENT.allows(case.status, "control"):
        ENFORCEMENT.target(case.status, "control")
    key = key or f"{case.case_number}:{asset.pk}:{action}:{case.controls.count() + 1}"
    if len(key) > 80:
        raise FieldError({"key": "幂等键不超过80字"})
    start = on or _today()
    with transaction.atomic():
        control, created = Control.objects.get_or_create(
            key=key,
            defaults={"case": case, "asset": asset, "action": action, "amount": amount,
                      "starts_on": start if action != "deduct" else None,
                      "ends_on": deadlines.freeze_end(asset.kind, start) if action != "deduct" else None},
        )  # fmt: skip
        if not created and (control.asset_id != asset.pk or control.action != action):
            raise FieldError({"key": "该幂等键已用于其他措施"})
    return _send_control(actor=actor, control=control)


def retry_control(*, actor: Any, control: Control) -> Control:
    _require(actor, control.case)
    return _send_control(actor=actor, control=control)


def _send_control(*, actor: Any, control: Control) -> Control:
    if control.status == Control.Status.DONE:
        return control
    asset = control.asset
    try:
        receipt = gateway().control(key=control.key, action=control.action, holder=asset.holder,
                                    reference=asset.reference, amount=control.amount)  # fmt: skip
    except GatewayError as exc:
        with transaction.atomic():
            locked = Control.objects.select_for_update().get(pk=control.pk)
            locked.attempts += 1
            locked.status = Control.Status.FAILED
            locked.save(update_fields=["attempts", "status", "updated_at"])
            record_event(actor=actor, action="enforcement.control.fail", target=locked,
                         after={"key": locked.key, "error": str(exc)[:200]})  # fmt: skip
        return locked
    with transaction.atomic():
        locked = Control.objects.select_for_update().get(pk=control.pk)
        if locked.status == Control.Status.DONE:
            return locked
        case = _lock(locked.case)
        before = case.status
        if ENFORCEMENT.allows(case.status, "control"):
            _move(case, "control")
            case.save(update_fields=["status", "updated_at"])
        locked.attempts += 1
        locked.status = Control.Status.DONE
        locked.gateway_ref = receipt
        locked.save(update_fields=["attempts", "status", "gateway_ref", "updated_at"])
        if locked.action == Control.Action.DEDUCT:
            # The deducted money was the frozen money: the freezes on this account are used up.
            Control.objects.filter(
                asset=asset, action=Control.Action.FREEZE, status=Control.Status.DONE
            ).update(status=Control.Status.RELEASED)
            LedgerEntry.objects.get_or_create(
                key=f"in:{locked.key}",
                defaults={"case": case, "kind": LedgerEntry.Kind.DEDUCTION, "amount": locked.amount,
                          "note": f"{asset.holder}扣划，回执{receipt}"},
            )  # fmt: skip
        record_event(actor=actor, action=f"enforcement.control.{locked.action}", target=locked,
                     before={"status": before},
                     after={"status": case.status, "amount": str(locked.amount), "receipt": receipt})  # fmt: skip
    return locked


# -- money 执行款 ---------------------------------------------------------------------------


@transaction.atomic
def record_receipt(
    *, actor: Any, case: EnforcementCase, kind: str, amount: Decimal, key: str, note: str = ""
) -> LedgerEntry:
    """Money in (voluntary performance or auction proceeds), once per key."""
    _require(actor, case)
    if kind not in (LedgerEntry.Kind.VOLUNTARY, LedgerEntry.Kind.AUCTION):
        raise FieldError({"kind": "收款类别须为自动履行款或拍卖价款"})
    _check_amount(amount)
    if not key or len(key) > 70:
        raise FieldError({"key": "请提供不超过70字的幂等键"})
    case = _lock(case)
    entry, created = LedgerEntry.objects.get_or_create(
        key=f"in:{key}", defaults={"case": case, "kind": kind, "amount": amount, "note": note[:200]}
    )
    if not created:
        if entry.case_id != case.pk or entry.amount != amount or entry.kind != kind:
            raise FieldError({"key": "该幂等键已用于另一笔款项"})
        return entry
    record_event(actor=actor, action="enforcement.ledger.receive", target=entry,
                 after={"kind": kind, "amount": str(amount)})  # fmt: skip
    return entry


PAYOUT_TASK = "fating.enforcement.tasks.send_payout"


@transaction.atomic
def pay_out(*, actor: Any, case: EnforcementCase) -> list[LedgerEntry]:
    """Split the money held: first to the applicant up to the unpaid debt, then the 申请执行费
    (borne by the respondent, 诉讼费用交纳办法 第38条) out of what is left. The payout is sent
    through a task after commit, exactly once (its key is unique and the gateway is idempotent).
    The balance never goes negative."""
    _require(actor, case)
    case = _lock(case)
    applicant = case.parties.filter(role=EnforcementParty.Role.APPLICANT).order_by("pk").first()
    if applicant is None or not applicant.bank_account or not applicant.bank_verified:
        raise FieldError({"bank_account": "申请执行人的收款账户尚未核实，不能发放执行款"})
    totals = selectors.ledger_totals(case)
    balance = totals["balance"]
    credited = sum(case.ledger.filter(kind=LedgerEntry.Kind.IN_KIND).values_list("amount", flat=True), Decimal(0))  # fmt: skip
    to_creditor = min(balance, case.amount - totals["payout"] - credited)
    to_fee = min(balance - max(to_creditor, Decimal(0)), case.fee - totals["fee"])
    if to_creditor <= 0 and to_fee <= 0:
        raise InvalidTransition("没有可发放的执行款。")
    n = case.ledger.filter(kind__in=selectors.MONEY_OUT).count()
    made: list[LedgerEntry] = []
    if to_creditor > 0:
        made.append(LedgerEntry.objects.create(
            case=case, kind=LedgerEntry.Kind.PAYOUT, amount=to_creditor, status=LedgerEntry.Status.PENDING,
            key=f"out:{case.case_number}:{n + 1}", note=f"发放{applicant.name}"))  # fmt: skip
    if to_fee > 0:
        made.append(LedgerEntry.objects.create(
            case=case, kind=LedgerEntry.Kind.FEE, amount=to_fee, key=f"out:{case.case_number}:{n + 2}",
            note="申请执行费由被执行人负担（诉讼费用交纳办法 第38条）"))  # fmt: skip
    record_event(actor=actor, action="enforcement.ledger.payout", target=case,
                 after={"payout": str(to_creditor), "fee": str(max(to_fee, Decimal(0)))})  # fmt: skip
    for entry in made:
        if entry.kind == LedgerEntry.Kind.PAYOUT:
            transaction.on_commit(lambda pk=entry.pk: _schedule_payout(pk))
    return made


def _schedule_payout(entry_id: int) -> None:
    from celery import current_app

    if current_app.conf.task_always_eager:
        send_payout(entry_id=entry_id)
        return
    current_app.send_task(PAYOUT_TASK, args=(entry_id,))


def send_payout(*, entry_id: int) -> LedgerEntry:
    """The worker's half of a payout: pay through the gateway with the entry's key and mark it
    paid. Safe to run again after a crash or a lost reply: a paid entry is left alone and the
    gateway pays one key once. When the applicant has everything, the case closes 执行完毕."""
    entry = LedgerEntry.objects.select_related("case").get(pk=entry_id)
    if entry.status == LedgerEntry.Status.PAID:
        return entry
    applicant = (
        entry.case.parties.filter(role=EnforcementParty.Role.APPLICANT).order_by("pk").first()
    )
    account = applicant.bank_account if applicant else ""
    receipt = gateway().pay(key=entry.key, account=account, amount=entry.amount)
    with transaction.atomic():
        locked = LedgerEntry.objects.select_for_update().get(pk=entry_id)
        if locked.status == LedgerEntry.Status.PAID:
            return locked
        locked.status = LedgerEntry.Status.PAID
        locked.paid_at = timezone.now()
        locked.bank_ref = receipt
        locked.save(update_fields=["status", "paid_at", "bank_ref", "updated_at"])
        record_event(actor=None, action="enforcement.ledger.paid", target=locked,
                     after={"amount": str(locked.amount), "receipt": receipt})  # fmt: skip
    case = locked.case
    totals = selectors.ledger_totals(case)
    if totals["paid"] + totals["in_kind"] >= case.amount and ENFORCEMENT.allows(
        case.status, "complete"
    ):
        close_case(actor=None, case=case, action="complete", note="执行款已全部发放申请执行人")
    return locked


# -- measures and closure ------------------------------------------------------------------
# 限制消费令 and 失信 are records of their own: services_measures.decide_measure.


@transaction.atomic
def record_zhongben_evidence(
    *, actor: Any, case: EnforcementCase, evidence: Mapping[str, str], interviewed: bool
) -> EnforcementCase:
    _require(actor, case)
    unknown = set(evidence) - set(measures.ZHONGBEN_CONDITIONS)
    if unknown or any(len(v) > 500 for v in evidence.values()):
        raise FieldError({"evidence": "终本条件只能是规定的五项，每项证据说明不超过500字"})
    case = _lock(case)
    case.zhongben_evidence = {
        **case.zhongben_evidence,
        **{k: v.strip() for k, v in evidence.items()},
    }
    case.applicant_interviewed = interviewed
    case.save(update_fields=["zhongben_evidence", "applicant_interviewed", "updated_at"])
    record_event(actor=actor, action="enforcement.case.zhongben_evidence", target=case,
                 after={"conditions": sorted(k for k, v in case.zhongben_evidence.items() if v)})  # fmt: skip
    return case


DECISIONS = {"conclude", "terminate", "refuse"}
CLOSURES = {"complete", "conclude", "terminate", "refuse"}


@transaction.atomic
def close_case(
    *, actor: Any, case: EnforcementCase, action: str, note: str = ""
) -> EnforcementCase:
    """Move the case along its machine: settle, resume, complete, conclude (终本, five conditions
    with evidence), terminate, refuse. 执行完毕 needs the applicant paid in full (money paid out
    and debt satisfied in kind, 以物抵债, together)."""
    if action not in ENFORCEMENT.names or action in {"triage", "investigate", "control"}:
        raise FieldError({"action": "不支持的操作"})
    if actor is not None:
        _require(actor, case, "decide" if action in DECISIONS else "manage")
    if len(note) > 1000:
        raise FieldError({"note": "说明不超过1000字"})
    case = _lock(case)
    context = None
    if action == "conclude":
        evidence = dict(case.zhongben_evidence)
        if (_today() - case.filed_on).days > 90 and not evidence.get("three_months"):
            evidence["three_months"] = f"{case.filed_on.isoformat()}立案，已超过三个月"
        context = measures.ZhongbenFacts(evidence=evidence,
                                         applicant_interviewed=case.applicant_interviewed)  # fmt: skip
        missing = measures.zhongben_missing(context)
        if missing:
            raise InvalidTransition("不能终结本次执行，尚缺：" + "；".join(missing))
        case.zhongben_evidence = evidence
    if action == "complete":
        totals = selectors.ledger_totals(case)
        paid, in_kind = totals["paid"], totals["in_kind"]
        if paid + in_kind < case.amount:
            kind = f"，以物抵债{in_kind}元" if in_kind else ""
            raise InvalidTransition(
                f"申请执行人尚未足额受领（已发放{paid}元{kind}，应执行{case.amount}元），不能以执行完毕结案。"
            )
    before = _move(case, action, context)
    if action in CLOSURES:
        case.closed_on = _today()
    case.closure_note = note.strip() or case.closure_note
    case.save()
    record_event(actor=actor, action=f"enforcement.case.{action}", target=case,
                 before={"status": before}, after={"status": case.status})  # fmt: skip
    return case


@transaction.atomic
def verify_account(
    *, actor: Any, case: EnforcementCase, bank_account: str = ""
) -> EnforcementParty:
    """The executor records that the applicant's account is the applicant's own (checked against
    the applicant's identity document) before any payout."""
    _require(actor, case)
    applicant = (
        case.parties.select_for_update()
        .filter(role=EnforcementParty.Role.APPLICANT)
        .order_by("pk")
        .first()
    )
    if applicant is None:
        raise FieldError({"bank_account": "本案没有申请执行人"})
    account = (bank_account or applicant.bank_account).strip()
    if not account.isdigit() or not 8 <= len(account) <= 40:
        raise FieldError({"bank_account": "收款账户须为8至40位数字"})
    applicant.bank_account, applicant.bank_verified = account, True
    applicant.save(update_fields=["bank_account", "bank_verified", "updated_at"])
    record_event(actor=actor, action="enforcement.party.verify_account", target=applicant)
    return applicant


@transaction.atomic
def renew_control(*, actor: Any, control: Control, on: dt.date | None = None) -> Control:
    """续行冻结、查封 before the current period ends, for at most the same period again
    (民诉法解释 第485条第2款)."""
    _require(actor, control.case)
    control = Control.objects.select_for_update().get(pk=control.pk)
    if control.action == Control.Action.DEDUCT or control.status != Control.Status.DONE:
        raise InvalidTransition("只有已办结的冻结、查封、扣押可以续行。")
    assert control.ends_on is not None  # noqa: S101 — set for every freeze and seizure
    try:
        new_end = deadlines.renewal_end(control.asset.kind, control.ends_on, on or _today())
    except ValueError as exc:
        raise InvalidTransition(str(exc)) from None
    before = control.ends_on
    control.ends_on = new_end
    control.save(update_fields=["ends_on", "updated_at"])
    record_event(actor=actor, action="enforcement.control.renew", target=control,
                 before={"ends_on": before}, after={"ends_on": new_end})  # fmt: skip
    return control


def remind_expiring_controls(*, today: dt.date | None = None) -> int:
    """Tell the case's executor of each freeze or seizure ending within REMIND_DAYS_BEFORE days
    (D10: remind before expiry), once per control and end day. Returns how many were told."""
    from fating.core.notify import notify

    today = today or _today()
    horizon = today + dt.timedelta(days=deadlines.REMIND_DAYS_BEFORE)
    due = Control.objects.filter(
        status=Control.Status.DONE, ends_on__gte=today, ends_on__lte=horizon,
        case__executor__isnull=False,
    ).select_related("case", "case__executor", "asset")  # fmt: skip
    told = 0
    for control in due:
        with transaction.atomic():
            executor = control.case.executor
            notify(dedupe_key=f"enforcement:control:{control.pk}:{control.ends_on}",
                   subject=f"{control.case.case_number}：{control.get_action_display()}即将到期",
                   body=(f"{control.asset.holder}的{control.get_action_display()}于{control.ends_on}届满，"
                         "如需续行请在届满前办理（民诉法解释 第485条）。"),
                   user=executor, link=f"/enforcement/{control.case_id}/")  # fmt: skip
        told += 1
    return told
