"""Writes of the measures as records (限制消费令, 失信被执行人名单), objections (执异) and the
6-monthly re-search after 终本, with 恢复执行 (执恢). Each service: keyword-only, one transaction,
permission first, one audit event. Rules in `rules/records.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fating.cases.services.acceptance import next_case_number
from fating.core.audit import record_event
from fating.core.calendar.periods import days, period_end
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.enforcement import selectors
from fating.enforcement.gateways import GatewayError, gateway
from fating.enforcement.models import (
    Asset,
    EnforcementCase,
    EnforcementParty,
    Inquiry,
    Measure,
    Objection,
    ReSearch,
    SanctionFlag,
)
from fating.enforcement.rules import measures as measure_rules
from fating.enforcement.rules import notices, records
from fating.enforcement.rules.workflow import CLOSED
from fating.enforcement.services import PartyInput, _file, _lock, _require

MAX_FACTS = 1000
MAX_TEXT = 2000


def _today() -> dt.date:
    return timezone.localdate()


def _generate(**kwargs: Any) -> Any:
    from fating.documents.services import generate_document

    return generate_document(**kwargs)


def _text(value: Any, field: str, label: str, limit: int, errors: dict[str, str]) -> str:
    text = str(value or "").strip()
    if not text:
        errors[field] = f"请填写{label}"
    elif len(text) > limit:
        errors[field] = f"{label}不超过{limit}字"
    return text


def _names(case: EnforcementCase, role: str) -> str:
    return "、".join(p.name for p in case.parties.filter(role=role).order_by("pk"))


def _obligation(case: EnforcementCase) -> str:
    paid = selectors.ledger_totals(case)["paid"]
    state = "全部未履行" if paid <= 0 else f"部分履行（已履行{paid}元）"
    return f"{case.source_reference}确定给付{case.amount}元；{state}"[:300]


# -- 限制消费令 and 失信被执行人名单 -----------------------------------------------------------


@transaction.atomic
def decide_measure(
    *,
    actor: Any,
    case: EnforcementCase,
    kind: str,
    party: EnforcementParty | None = None,
    grounds: Sequence[str] = (),
    extra_years: int = 0,
    facts: str = "",
    on: dt.date | None = None,
    flags: Sequence[SanctionFlag] = (),
) -> Measure:
    """The 执行法官 decides a 限制消费令 (限制消费规定 第1条: the 执行通知 served and not performed)
    or puts the respondent on the 失信 list (失信规定 第1条: a recorded ground; 第2条: 2 years, up to 3
    more for violence/threats or several grounds; published, 第7条). The decision is generated
    (documents kind `enforcement_measure`) and filed, to be served through `delivery`. `flags`:
    the open flags for breaching the report duty this 失信 decision converts (each must be of
    the case and the party; they are marked converted, with the measure, in this transaction)."""
    _require(actor, case, "decide")
    case = _lock(case)
    if case.status in CLOSED:
        raise InvalidTransition("执行案件已结案，不能再采取限制消费或失信措施。")
    errors: dict[str, str] = {}
    if kind not in records.MeasureKind.__members__.values():
        raise FieldError({"kind": "措施须为限制消费令或纳入失信被执行人名单"})
    respondents = list(case.parties.filter(role=EnforcementParty.Role.RESPONDENT).order_by("pk"))
    if party is None and len(respondents) == 1:
        party = respondents[0]
    if party is None or party.pk not in {p.pk for p in respondents}:
        raise FieldError({"party": "请选择本案的被执行人"})
    facts = _text(facts, "facts", "事实与理由", MAX_FACTS, errors)
    chosen = frozenset(grounds)
    if kind == records.MeasureKind.CONSUMPTION_BAN:
        if chosen or extra_years:
            errors["grounds"] = "限制消费令不记录失信情形和期限"
        if not measure_rules.consumption_ban_allowed(
            notice_served=case.notice_served, performed_in_time=False
        ):
            raise InvalidTransition(
                "执行通知送达且被执行人逾期未履行后，才能发出限制消费令（限制消费规定 第1条）。"
            )
    else:
        problem = measure_rules.blacklist_problem(chosen) or records.blacklist_period_problem(
            chosen, extra_years
        )
        if problem:
            errors["grounds" if "情形" in problem else "extra_years"] = problem
    locked = list(SanctionFlag.objects.select_for_update().filter(pk__in=[f.pk for f in flags]))
    if flags and (
        kind != records.MeasureKind.BLACKLIST or len(locked) != len({f.pk for f in flags})
        or any(f.case_id != case.pk or f.party_id != party.pk for f in locked)
    ):  # fmt: skip
        errors["flags"] = "只能将本案该被执行人的标记转为失信措施"
    for flag in locked:
        if flag.blacklist_ground not in chosen:
            errors["grounds"] = "转为失信措施须记录标记的失信情形：违反财产报告制度"
    if errors:
        raise FieldError(errors)
    for flag in locked:
        notices.FLAG.target(flag.status, "convert")  # refuses a flag already decided
    if Measure.objects.filter(party=party, kind=kind, status=Measure.Status.ACTIVE).exists():
        raise InvalidTransition("该被执行人已有生效中的同种措施。")
    start = on or _today()
    ban = kind == records.MeasureKind.CONSUMPTION_BAN
    ground_list = sorted(chosen)
    ends = None if ban else records.blacklist_end(start, chosen, extra_years)
    basis = records.CONSUMPTION_BAN_BASIS if ban else records.BLACKLIST_BASIS
    period = ""
    if not ban:
        period = (f"期限{records.BLACKLIST_BASE_YEARS + extra_years}年，至{ends.isoformat()}止" if ends
                  else "至被执行人履行生效法律文书确定的义务时止")  # fmt: skip
    document = _generate(
        actor=actor, matter=case, kind="enforcement_measure",
        context={
            "court": case.court.name, "case_number": case.case_number, "kind": kind,
            "applicant": _names(case, "applicant"), "respondent": party.name, "facts": facts,
            "legal_basis": basis,
            "items": list(records.CONSUMPTION_BAN_ACTS) if ban else records.ground_labels(ground_list),
            "period": period, "issued_on": start,
        },
    )  # fmt: skip
    measure = Measure.objects.create(
        case=case, party=party, kind=kind, grounds=ground_list, legal_basis=basis, facts=facts,
        obligation=_obligation(case), extra_years=extra_years, starts_on=start, ends_on=ends,
        published=not ban, document=document, decided_by=actor,
    )  # fmt: skip
    # The case's summary fields (read by 终本's second condition and the case page).
    if ban:
        case.consumption_ban_on = case.consumption_ban_on or start
    else:
        case.blacklisted_on = start
        case.blacklist_grounds = sorted(set(case.blacklist_grounds) | chosen)
    case.save(
        update_fields=["consumption_ban_on", "blacklisted_on", "blacklist_grounds", "updated_at"]
    )
    now = timezone.now()
    for flag in locked:
        flag.status = notices.FLAG.target(flag.status, "convert")
        flag.measure, flag.decided_by, flag.decided_at = measure, actor, now
        flag.save(update_fields=["status", "measure", "decided_by", "decided_at", "updated_at"])
    record_event(actor=actor, action=f"enforcement.measure.{kind}", target=measure,
                 after={"case": case.pk, "party": party.pk, "grounds": ground_list,
                        "ends_on": ends.isoformat() if ends else None, "document": document.pk,
                        "flags": [f.pk for f in locked]})  # fmt: skip
    return measure


def flag_facts(flag: SanctionFlag) -> str:
    """The facts a 失信 decision converted from `flag` states unless the judge writes others
    (text of the decision, in Chinese whatever the page's language)."""
    return (
        f"被执行人{flag.party.name}{notices.FLAG_LABELS.get(flag.ground, '')}：{flag.detail}"
        f"（{notices.REPORT_ARTICLE}）"
    )


def convert_flag(
    *, actor: Any, flag: SanctionFlag, facts: str = "", extra_grounds: Sequence[str] = (),
    extra_years: int = 0,
) -> Measure:  # fmt: skip
    """The 执行法官 converts a flag for breaching the report duty into a 失信 decision on that
    ground (失信规定 第1条, memory: 违反财产报告制度), with any other grounds recorded: one
    decide_measure (its one audit event names the flag). The facts default to the flag's."""
    facts = facts.strip() or flag_facts(flag)
    return decide_measure(
        actor=actor, case=flag.case, kind=records.MeasureKind.BLACKLIST, party=flag.party,
        grounds=[flag.blacklist_ground, *extra_grounds], extra_years=extra_years,
        facts=facts, flags=[flag],
    )  # fmt: skip


def _lift_reasons(measure: Measure) -> dict[str, str]:
    if measure.kind == Measure.Kind.CONSUMPTION_BAN:
        return dict(records.BAN_LIFT_REASONS)
    return dict(records.BLACKLIST_DELETE_REASONS)


@transaction.atomic
def lift_measure(
    *, actor: Any, measure: Measure, reason: str, on: dt.date | None = None
) -> Measure:
    """解除限制消费令 (限制消费规定 第9条) or 删除失信信息 early (失信规定 第10条, 第2条第3款): one of
    the legal reasons. The entry leaves the public list at once."""
    _require(actor, measure.case, "decide")
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    reasons = _lift_reasons(measure)
    if reason not in reasons:
        raise FieldError({"reason": "请选择法定的解除或删除事由：" + "、".join(reasons.values())})
    return _lift(actor=actor, measure=measure, reason=reason, on=on or _today())


def _lift(*, actor: Any, measure: Measure, reason: str, on: dt.date) -> Measure:
    before = measure.status
    measure.status = records.MEASURE.target(measure.status, "lift")
    measure.lifted_on, measure.lift_reason, measure.published = on, reason, False
    measure.save(update_fields=["status", "lifted_on", "lift_reason", "published", "updated_at"])
    record_event(actor=actor, action="enforcement.measure.lift", target=measure,
                 before={"status": before}, after={"status": measure.status, "reason": reason})  # fmt: skip
    return measure


#: A case closed this way ends its measures (限制消费规定 第9条; 失信规定 第10条).
CLOSING_REASONS = {"complete": "performed", "terminate": "case_closed", "refuse": "case_closed"}


def lift_on_closure(event: Any) -> None:
    """Subscriber of enforcement.case.{complete,terminate,refuse}: lift every active measure of
    the case, each with its own audit event, once (a lifted measure is not lifted again)."""
    reason = CLOSING_REASONS.get(event.name.rsplit(".", 1)[-1])
    if reason is None or not event.target_id:
        return
    with transaction.atomic():
        for measure in Measure.objects.select_for_update().filter(
            case_id=event.target_id, status=Measure.Status.ACTIVE
        ):
            _lift(actor=None, measure=measure, reason=reason, on=_today())


def expire_measures(*, today: dt.date | None = None) -> int:
    """Daily: 失信 entries past their last day leave the list (失信规定 第2条). Returns how many."""
    today = today or _today()
    done = 0
    due = Measure.objects.filter(status=Measure.Status.ACTIVE, ends_on__lt=today).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            measure = Measure.objects.select_for_update().get(pk=pk)
            if measure.status != Measure.Status.ACTIVE:
                continue
            measure.status = records.MEASURE.target(measure.status, "expire")
            measure.published = False
            measure.save(update_fields=["status", "published", "updated_at"])
            record_event(actor=None, action="enforcement.measure.expire", target=measure,
                         after={"ends_on": measure.ends_on.isoformat() if measure.ends_on else None})  # fmt: skip
        done += 1
    return done


# -- objections 执行异议 (民事诉讼法 第236条) and 案外人异议 (第238条) ---------------------------


def _may_object_online(actor: Any, case: EnforcementCase) -> bool:
    return case.parties.filter(user=actor).exists() or case.applicant_user_id == getattr(
        actor, "pk", None
    )


@transaction.atomic
def file_objection(
    *,
    actor: Any,
    case: EnforcementCase,
    kind: str,
    target: str,
    reasons: str,
    objector_name: str = "",
    received_on: dt.date | None = None,
) -> Objection:
    """A written objection, registered by the court's enforcement staff (on paper, from anyone:
    a party, an interested person or a third party) or filed online by a party of the case (an
    objection to an enforcement act). It takes a gapless 执异 number; the 15-day decision
    deadline runs from receipt through the court calendar."""
    if not selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), actor, "view").exists():
        raise NotVisible(selectors.CASE_NOT_FOUND)
    staff = selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), actor, "manage").exists()
    if not staff and not _may_object_online(actor, case):
        raise NotPermitted("只有本案当事人或本院执行人员可以提出、登记异议。")
    errors: dict[str, str] = {}
    if kind not in records.ObjectionKind.__members__.values():
        errors["kind"] = "异议种类须为执行行为异议或案外人异议"
    elif not staff and kind != records.ObjectionKind.ACT:
        errors["kind"] = "案外人异议请向法院递交书面异议，由执行人员登记"
    target = _text(target, "target", "异议对象", 200, errors)
    reasons = _text(reasons, "reasons", "异议请求与理由", MAX_TEXT, errors)
    name = str(objector_name or "").strip() or (
        "" if staff else (getattr(actor, "display_name", "") or actor.get_username())
    )
    if not name:
        errors["objector_name"] = "请填写异议人"
    elif len(name) > 100:
        errors["objector_name"] = "异议人不超过100字"
    today = _today()
    received = received_on if staff and received_on else today
    if received > today or received < case.filed_on:
        errors["received_on"] = "收到日期不能晚于今日或早于立案日"
    if errors:
        raise FieldError(errors)
    if case.status == "not_enforced":
        raise InvalidTransition("该案不予执行，不能提出异议。")
    due = period_end(received, days(records.DECIDE_DAYS), calendar=court_calendar()).end
    _seq, number = next_case_number(court=case.court, year=today.year, type_code="执异")
    objection = Objection.objects.create(
        case=case, number=number, kind=kind, objector_name=name,
        objector_user=None if staff else actor, target=target, reasons=reasons,
        received_on=received, decide_by=due, filed_by=actor,
    )  # fmt: skip
    record_event(actor=actor, action="enforcement.objection.file", target=objection,
                 after={"number": number, "kind": kind, "decide_by": due.isoformat()})  # fmt: skip
    return objection


@transaction.atomic
def decide_objection(
    *, actor: Any, objection: Objection, uphold: bool, ruling_text: str
) -> Objection:
    """The 执行法官 rules: upheld (撤销或改正 the act; for a third party, 中止 the execution of the
    object) or rejected. The 执行裁定书 is generated with the remedy notice."""
    _require(actor, objection.case, "decide")
    objection = (
        Objection.objects.select_for_update()
        .select_related("case", "case__court")
        .get(pk=objection.pk)
    )
    errors: dict[str, str] = {}
    ruling_text = _text(ruling_text, "ruling_text", "裁定理由", MAX_TEXT, errors)
    if errors:
        raise FieldError(errors)
    name = "uphold" if uphold else "reject"
    before = objection.status
    objection.status = records.OBJECTION.target(objection.status, name)
    kind = records.ObjectionKind(objection.kind)
    today = _today()
    remedy_days = records.REVIEW_DAYS if kind is records.ObjectionKind.ACT else records.SUIT_DAYS
    remedy_by = period_end(today, days(remedy_days), calendar=court_calendar()).end
    if uphold:
        outcome = f"异议人{objection.objector_name}的异议成立，{records.UPHELD_EFFECT[kind]}。"
    else:
        outcome = f"驳回异议人{objection.objector_name}的异议请求。"
    document = _generate(
        actor=actor, matter=objection.case, kind="enforcement_objection_ruling",
        context={
            "court": objection.case.court.name, "number": objection.number,
            "case_number": objection.case.case_number, "objector": objection.objector_name,
            "target": objection.target, "reasons": objection.reasons, "ruling_text": ruling_text,
            "legal_basis": records.OBJECTION_BASIS[kind], "outcome": outcome,
            "remedy": records.remedy_sentence(kind, remedy_by),
            "judge": getattr(actor, "display_name", "") or actor.get_username(), "issued_on": today,
        },
    )  # fmt: skip
    objection.decided_on, objection.ruling_text = today, ruling_text
    objection.remedy_by, objection.document, objection.decided_by = remedy_by, document, actor
    objection.save()
    record_event(actor=actor, action=f"enforcement.objection.{name}", target=objection,
                 before={"status": before},
                 after={"status": objection.status, "document": document.pk,
                        "in_time": today <= objection.decide_by})  # fmt: skip
    return objection


def may_request_review(actor: Any, objection: Objection) -> bool:
    """Who may record a 复议 application: the objector, a party of the case, or its staff."""
    if objection.objector_user_id == getattr(actor, "pk", None):
        return True
    qs = EnforcementCase.objects.filter(pk=objection.case_id)
    return selectors.restrict(qs, actor, "manage").exists() or _may_object_online(
        actor, objection.case
    )


@transaction.atomic
def request_review(*, actor: Any, objection: Objection, on: dt.date | None = None) -> Objection:
    """复议 of a ruling on an enforcement-act objection, to the higher court within 10 days of
    service (第236条): recorded here (the higher court decides it, 执复)."""
    visible = selectors.restrict(
        EnforcementCase.objects.filter(pk=objection.case_id), actor, "view"
    )
    if not visible.exists() and objection.objector_user_id != actor.pk:
        raise NotVisible(selectors.CASE_NOT_FOUND)
    if not may_request_review(actor, objection):
        raise NotPermitted("只有异议人、当事人或本院执行人员可以登记复议申请。")
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    day = on or _today()
    before = objection.status
    objection.status = records.OBJECTION.target(
        objection.status, "review", records.ObjectionKind(objection.kind)
    )
    if objection.remedy_by and day > objection.remedy_by:
        raise InvalidTransition(f"复议期限已于{objection.remedy_by}届满（民事诉讼法 第236条）。")
    objection.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action="enforcement.objection.review", target=objection,
                 before={"status": before}, after={"status": objection.status, "on": day.isoformat()})  # fmt: skip
    return objection


# -- 终本 re-search and 恢复执行 ---------------------------------------------------------------


def research_concluded(*, today: dt.date | None = None, limit: int = 500) -> int:
    """Daily beat: every 终本 case whose next 6-monthly search is due (5 years, 终本规定 第9条) is
    searched through the property gateway, outside any transaction; the answer is recorded once
    per round (unique case × round), a gateway failure is recorded as failed and retried the next
    day. New property tells the executor and the applicant and offers 恢复执行. Returns searches run."""
    today = today or _today()
    earliest = today - dt.timedelta(days=366 * records.RESEARCH_YEARS + records.RESEARCH_GRACE_DAYS)
    cases = EnforcementCase.objects.filter(status="concluded", closed_on__isnull=False,
                                           closed_on__gte=earliest).order_by("pk")  # fmt: skip
    done_by_case: dict[int, set[int]] = {}
    for case_id, round_ in ReSearch.objects.filter(
        case__in=cases, status=ReSearch.Status.DONE
    ).values_list("case_id", "round"):
        done_by_case.setdefault(case_id, set()).add(round_)
    ran = 0
    for case in cases[:limit]:
        assert case.closed_on is not None  # noqa: S101 — filtered above
        round_ = records.research_round_due(case.closed_on, done_by_case.get(case.pk, set()), today)
        if round_ is None:
            continue
        research_case(case=case, round_=round_)
        ran += 1
    return ran


def research_case(*, case: EnforcementCase, round_: int) -> ReSearch:
    respondents = list(case.parties.filter(role=EnforcementParty.Role.RESPONDENT).order_by("pk"))
    gw = gateway()
    answers, failed = [], False
    for party in respondents:
        try:
            answers.append(gw.inquire(key=f"{case.case_number}:research:{round_}:{party.pk}",
                                      name=party.name, id_number=party.id_number))  # fmt: skip
        except GatewayError:
            failed = True
    due = records.research_due(case.closed_on or _today(), round_)
    with transaction.atomic():
        row, _created = ReSearch.objects.select_for_update().get_or_create(
            case=case, round=round_, defaults={"due_on": due, "status": ReSearch.Status.FAILED}
        )
        if row.status == ReSearch.Status.DONE:
            return row
        row.attempts += 1
        if failed and not answers:
            row.save(update_fields=["attempts", "updated_at"])
            record_event(actor=None, action="enforcement.research.fail", target=row,
                         after={"round": round_})  # fmt: skip
            return row
        answered = sorted({i for a in answers for i in a.answered})
        missing = sorted({i for a in answers for i in a.failed})
        inquiry = Inquiry.objects.create(
            case=case, channel=f"{gw.name}（终本后定期查询）", answered=answered, failed=missing,
            status=Inquiry.Status.PARTIAL if (missing or failed) else Inquiry.Status.ANSWERED,
            requested_by=case.executor or case.applicant_user or _system_user(case),
        )  # fmt: skip
        new = 0
        for answer in answers:
            for found in answer.assets:
                _asset, made = Asset.objects.get_or_create(
                    case=case, holder=found.holder, reference=found.reference,
                    defaults={"kind": found.kind, "value": found.value, "inquiry": inquiry},
                )  # fmt: skip
                new += made
        row.status, row.inquiry, row.found = ReSearch.Status.DONE, inquiry, new
        row.save()
        record_event(actor=None, action="enforcement.research.done", target=row,
                     after={"round": round_, "found": new, "inquiry": inquiry.pk})  # fmt: skip
        if new:
            transaction.on_commit(lambda: _tell_found(case.pk, row.pk, new))
    return row


def _system_user(case: EnforcementCase) -> Any:
    from fating.accounts.models import User

    # Inquiry.requested_by is required: with no executor and no applicant account, the court's
    # first enforcement judge stands for the court (a court with 终本 cases has one).
    return (
        User.objects.filter(memberships__court=case.court, memberships__role="enforcement_judge")
        .order_by("pk")
        .first()
    )


def _tell_found(case_id: int, research_id: int, new: int) -> None:
    from fating.core.notify import notify

    case = EnforcementCase.objects.select_related("executor", "applicant_user").get(pk=case_id)
    subject = f"{case.case_number}：终本后定期查询发现财产"
    body = (f"终本后定期查询新发现被执行人财产{new}项。申请执行人可以申请恢复执行，执行人员可以"
            "依职权恢复执行（执恢；终本规定 第9条）。")  # fmt: skip
    users = {u.pk: u for u in (case.executor, case.applicant_user) if u is not None}
    users.update(
        {
            p.user.pk: p.user
            for p in case.parties.filter(role="applicant", user__isnull=False).select_related(
                "user"
            )
        }
    )
    for user in users.values():
        notify(dedupe_key=f"enforcement:research:{research_id}:{user.pk}", subject=subject,
               body=body, user=user, link=f"/enforcement/{case.pk}/")  # fmt: skip


def may_resume(actor: Any, case: EnforcementCase) -> bool:
    """Who may start 恢复执行 of a 终本 case: its court's enforcement staff, or its applicant."""
    qs = EnforcementCase.objects.filter(pk=case.pk)
    if selectors.restrict(qs, actor, "manage").exists():
        return True
    return (
        case.applicant_user_id == getattr(actor, "pk", None)
        or case.parties.filter(role=EnforcementParty.Role.APPLICANT, user=actor).exists()
    )


@transaction.atomic
def resume_concluded(*, actor: Any, case: EnforcementCase) -> EnforcementCase:
    """恢复执行 of a 终本 case (终本规定 第9条; 民诉法解释 第517条第2款: no new limitation period):
    a new 执恢 case with its own gapless number, the same parties, and the unpaid remainder."""
    if not selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), actor, "view").exists():
        raise NotVisible(selectors.CASE_NOT_FOUND)
    if not may_resume(actor, case):
        raise NotPermitted("只有申请执行人或本院执行人员可以申请恢复执行。")
    case = _lock(case)
    if case.status != "concluded":
        raise InvalidTransition("只有终结本次执行的案件可以恢复执行。")
    existing = (
        EnforcementCase.objects.filter(resumed_from=case).exclude(status="not_enforced").first()
    )
    if existing is not None:
        raise InvalidTransition(f"该案已恢复执行：{existing.case_number}。")
    totals = selectors.ledger_totals(case)
    remainder = case.amount - totals["paid"] - totals["in_kind"]
    if remainder <= Decimal(0):
        raise InvalidTransition("申请执行人已足额受领，无需恢复执行。")
    parties = [PartyInput(role=p.role, name=p.name, id_number=p.id_number, user=p.user,
                          bank_account=p.bank_account) for p in case.parties.order_by("pk")]  # fmt: skip
    try:
        resumed = _file(
            actor=actor, court=case.court, type_code="执恢", source_kind=case.source_kind,
            source_reference=case.source_reference, amount=remainder, effective_on=case.effective_on,
            performance_last_day=case.performance_last_day, instalment_due_days=(), parties=parties,
            applied_on=_today(), confirmation=case.confirmation, resumed_from=case,
            applicant_user=case.applicant_user,
        )  # fmt: skip
    except IntegrityError:  # pragma: no cover — the lock above serialises resumptions
        raise InvalidTransition("该案已恢复执行。") from None
    return resumed
