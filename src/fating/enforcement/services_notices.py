"""Writes of the notices (执行通知书, 报告财产令), the respondent's property report and its flags,
and the 执行事务中心's queue. Each service: keyword-only, one transaction, permission first, one
audit event (rules in rules/notices.py).

The notices are generated through the documents app and served through `delivery` (the matter's
service desk). Service is never typed in: delivery's `delivery.service.served` event, heard by
`subscribers.notice_served`, sets the case's `notice_served` / `notice_served_on` (执行通知书) and
`report_due_on` (报告财产令)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.enforcement import selectors
from fating.enforcement.kinds import ENFORCEMENT_NOTICE, NOTICE_KINDS, PROPERTY_REPORT_ORDER
from fating.enforcement.models import (
    CentreTask,
    EnforcementCase,
    EnforcementParty,
    Inquiry,
    PropertyReport,
    SanctionFlag,
)
from fating.enforcement.rules import notices
from fating.enforcement.rules.workflow import CLOSED
from fating.enforcement.selectors_notices import respondent_of, restrict_tasks


def _today() -> dt.date:
    return timezone.localdate()


def _require(actor: Any, case: EnforcementCase, action: str = "manage") -> None:
    qs = EnforcementCase.objects.filter(pk=case.pk)
    if not selectors.restrict(qs, actor, "view").exists():
        raise NotVisible(selectors.CASE_NOT_FOUND)
    if not selectors.restrict(qs, actor, action).exists():
        if action == "decide":
            raise NotPermitted("只有本院执行法官可以作出该决定。")
        raise NotPermitted("只有本院执行人员可以办理。")


def _respondents(case: EnforcementCase) -> list[EnforcementParty]:
    return list(case.parties.filter(role=EnforcementParty.Role.RESPONDENT).order_by("pk"))


# -- notices ---------------------------------------------------------------------------------


def notice_documents(case: EnforcementCase) -> list[Any]:
    """The case's current (not superseded) notices, oldest first."""
    from fating.documents.selectors import documents_of

    return list(
        documents_of(case).filter(kind__in=NOTICE_KINDS, superseded_by__isnull=True).order_by("pk")
    )


@transaction.atomic
def issue_notices(
    *, actor: Any, case: EnforcementCase, report_days: int = notices.REPORT_DAYS
) -> list[Any]:
    """Generate the 执行通知书 and the 报告财产令 for each respondent (民事诉讼法 第251–252条;
    民诉法解释 第480条: within ten days of the application). Issuing again returns the documents
    already made: one of each per respondent."""
    from fating.documents.services import generate_document

    _require(actor, case)
    if case.status in CLOSED:
        raise InvalidTransition("执行案件已结案，不再发出执行通知。")
    if not isinstance(report_days, int) or not 1 <= report_days <= 90:
        raise FieldError({"report_days": "报告期限须为1至90日"})
    case = EnforcementCase.objects.select_for_update().select_related("court").get(pk=case.pk)
    existing = {(d.kind, d.context.get("respondent")) for d in notice_documents(case)}
    applicant = case.parties.filter(role=EnforcementParty.Role.APPLICANT).order_by("pk").first()
    executor = case.executor or actor
    common = {
        "court": case.court.name, "case_number": case.case_number,
        "applicant": applicant.name if applicant else "", "source_reference": case.source_reference,
        "executor": executor.get_full_name() or executor.get_username(), "issued_on": _today(),
    }  # fmt: skip
    made = []
    for party in _respondents(case):
        if (ENFORCEMENT_NOTICE.kind, party.name) not in existing:
            made.append(generate_document(actor=actor, matter=case, kind=ENFORCEMENT_NOTICE.kind,
                        context={**common, "respondent": party.name, "filed_on": case.filed_on,
                                 "amount": case.amount, "fee": case.fee}))  # fmt: skip
        if (PROPERTY_REPORT_ORDER.kind, party.name) not in existing:
            made.append(generate_document(actor=actor, matter=case, kind=PROPERTY_REPORT_ORDER.kind,
                        context={**common, "respondent": party.name,
                                 "report_days": report_days}))  # fmt: skip
    if made:
        record_event(actor=actor, action="enforcement.notice.issue", target=case,
                     after={"documents": [d.pk for d in made], "report_days": report_days})  # fmt: skip
    return notice_documents(case)


@transaction.atomic
def record_notice_service(*, service_id: int) -> EnforcementCase | None:
    """Delivery served a notice on a respondent: record the service date on the case (the
    earliest, 民事诉讼法 第251条) and, for the 报告财产令, the last day to report (第252条). Safe to
    run twice."""
    from fating.delivery.models import Service

    service = (
        Service.objects.select_related("document")
        .filter(pk=service_id, paper_copy_of__isnull=True, served_at__isnull=False)
        .first()
    )
    if service is None or service.document.kind not in NOTICE_KINDS:
        return None
    if service.matter_type.model_class() is not EnforcementCase:
        return None
    party_pk = service.party_key.rpartition(":")[2]
    case = EnforcementCase.objects.select_for_update().filter(pk=service.matter_id).first()
    if (
        case is None
        or not case.parties.filter(
            pk=int(party_pk) if party_pk.isdigit() else 0, role=EnforcementParty.Role.RESPONDENT
        ).exists()
    ):
        return None
    served_on = timezone.localtime(service.served_at).date()
    before = {"notice_served_on": case.notice_served_on, "report_due_on": case.report_due_on}
    if service.document.kind == ENFORCEMENT_NOTICE.kind:
        if case.notice_served_on is None or served_on < case.notice_served_on:
            case.notice_served_on = served_on
        case.notice_served = True
    else:
        days = int(service.document.context.get("report_days") or notices.REPORT_DAYS)
        due = notices.report_due(served_on, days)
        if case.report_due_on is None or due < case.report_due_on:
            case.report_due_on = due
    after = {"notice_served_on": case.notice_served_on, "report_due_on": case.report_due_on}
    if after == before and (case.notice_served or service.document.kind != ENFORCEMENT_NOTICE.kind):
        return case
    case.save(update_fields=["notice_served", "notice_served_on", "report_due_on", "updated_at"])
    record_event(actor=None, action="enforcement.notice.served", target=case,
                 before={k: v and v.isoformat() for k, v in before.items()},
                 after={"service": service.pk, "kind": service.document.kind,
                        **{k: v and v.isoformat() for k, v in after.items()}})  # fmt: skip
    return case


# -- the property report 报告财产 --------------------------------------------------------------


def _items(raw: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in raw:
        value: Any = item.get("value")
        if isinstance(value, str):
            try:
                value = Decimal(value.strip() or "x")
            except InvalidOperation:
                value = None
        elif isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        out.append({
            "kind": str(item.get("kind", "")), "holder": str(item.get("holder", "")).strip(),
            "reference": str(item.get("reference", "")).strip(), "value": value,
            "note": str(item.get("note", "")).strip(),
        })  # fmt: skip
    return out


def _found(case: EnforcementCase) -> list[notices.FoundProperty]:
    return [notices.FoundProperty(a.pk, a.kind, a.holder, a.reference, a.value)
            for a in case.assets.order_by("pk")]  # fmt: skip


def _flag(report: PropertyReport, findings: list[notices.Finding]) -> list[SanctionFlag]:
    made = []
    for f in findings:
        flag, created = SanctionFlag.objects.get_or_create(
            key=f"{report.case_id}:{report.party_id}:{f.ground}:{f.asset or 0}",
            defaults={"case_id": report.case_id, "party_id": report.party_id, "report": report,
                      "asset_id": f.asset, "ground": f.ground, "detail": f.detail[:300],
                      "proposal": f.proposal, "blacklist_ground": notices.BLACKLIST_GROUND},
        )  # fmt: skip
        if created:
            made.append(flag)
    return made


@transaction.atomic
def submit_report(
    *,
    actor: Any,
    case: EnforcementCase,
    items: Sequence[Mapping[str, Any]],
    party: EnforcementParty | None = None,
    reported_on: dt.date | None = None,
) -> PropertyReport:
    """The respondent's property report (民事诉讼法 第252条), by the respondent itself or recorded
    by the executor from a written report; checked at once against the property found, each
    omission, under-declaration or lateness flagged for sanction (recorded, not imposed)."""
    own = respondent_of(actor, case)
    if own is not None:
        party = own
        by_party = True
    else:
        _require(actor, case)
        by_party = False
        if party is None or party.case_id != case.pk or party.role != "respondent":
            raise FieldError({"party": "请选择本案的被执行人"})
    if case.status in CLOSED:
        raise InvalidTransition("执行案件已结案，不再报告财产。")
    clean = _items(items)
    errors = notices.item_errors(clean)
    if errors:
        raise FieldError(errors)
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    if PropertyReport.objects.filter(case=case, party=party).exists():
        raise InvalidTransition("该被执行人已报告财产；如有补充，请向承办执行员提交书面补充报告。")
    on = reported_on or _today()
    late = case.report_due_on is not None and on > case.report_due_on
    report = PropertyReport.objects.create(
        case=case, party=party, reported_on=on, late=late, recorded_by=actor, by_party=by_party,
        items=[{**i, "value": str(i["value"])} for i in clean], checked_at=timezone.now(),
    )  # fmt: skip
    findings = notices.check_report(_report_items(report), _found(case), late=late)
    made = _flag(report, findings)
    record_event(actor=actor, action="enforcement.report.submit", target=report,
                 after={"items": len(clean), "late": late, "by_party": by_party,
                        "flags": [f.ground for f in made]})  # fmt: skip
    return report


def _report_items(report: PropertyReport) -> list[notices.ReportItem]:
    return [notices.ReportItem(i["kind"], i["holder"], i["reference"], Decimal(i["value"]),
                               i.get("note", "")) for i in report.items]  # fmt: skip


@transaction.atomic
def check_report(*, actor: Any, report: PropertyReport) -> list[SanctionFlag]:
    """Check the report again after more searches: new differences are flagged once each."""
    case = report.case
    _require(actor, case)
    report = PropertyReport.objects.select_for_update().get(pk=report.pk)
    findings = notices.check_report(_report_items(report), _found(case), late=report.late)
    made = _flag(report, findings)
    report.checked_at = timezone.now()
    report.save(update_fields=["checked_at", "updated_at"])
    record_event(actor=actor, action="enforcement.report.check", target=report,
                 after={"flags": [f.ground for f in made]})  # fmt: skip
    return made


def flag_missed_reports(*, today: dt.date | None = None) -> int:
    """The daily check: a respondent whose report period ran out with no report is flagged
    逾期未报告 (拒绝报告, 民事诉讼法 第252条) once. Returns how many flags were made."""
    today = today or _today()
    made = 0
    due = EnforcementCase.objects.filter(report_due_on__lt=today).exclude(status__in=CLOSED)
    for case in due.order_by("pk"):
        for party in _respondents(case):
            if PropertyReport.objects.filter(case=case, party=party).exists():
                continue
            with transaction.atomic():
                flag, created = SanctionFlag.objects.get_or_create(
                    key=f"{case.pk}:{party.pk}:late:0",
                    defaults={"case": case, "party": party, "ground": "late", "proposal": "fine",
                              "detail": f"报告财产期限{case.report_due_on}届满，未报告财产",
                              "blacklist_ground": notices.BLACKLIST_GROUND},
                )  # fmt: skip
                if created:
                    made += 1
                    record_event(actor=None, action="enforcement.report.missed", target=flag,
                                 after={"case": case.pk, "party": party.pk,
                                        "due": case.report_due_on.isoformat()})  # fmt: skip
    return made


@transaction.atomic
def dismiss_flag(*, actor: Any, flag: SanctionFlag, reason: str) -> SanctionFlag:
    """The 执行法官 decides not to sanction a flagged report (民事诉讼法 第252条: the court "may"
    fine or detain according to the circumstances), with the reason recorded. A flag already
    decided is refused; converting one into a 失信 decision is services_measures.convert_flag."""
    _require(actor, flag.case, "decide")
    reason = reason.strip()
    if not reason:
        raise FieldError({"reason": "请填写不予处罚的理由"})
    if len(reason) > 300:
        raise FieldError({"reason": "不予处罚的理由不超过300字"})
    flag = SanctionFlag.objects.select_for_update().get(pk=flag.pk)
    before = flag.status
    flag.status = notices.FLAG.target(flag.status, "dismiss")
    flag.decision_note, flag.decided_by, flag.decided_at = reason, actor, timezone.now()
    flag.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"])
    record_event(actor=actor, action="enforcement.flag.dismiss", target=flag,
                 before={"status": before}, after={"status": flag.status, "reason": reason})  # fmt: skip
    return flag


# -- the 执行事务中心 queue ---------------------------------------------------------------------


def _task(case: EnforcementCase, kind: str, key: str) -> tuple[CentreTask, bool]:
    return CentreTask.objects.get_or_create(
        key=key, defaults={"court_id": case.court_id, "case": case, "kind": kind}
    )


@transaction.atomic
def open_filing_tasks(*, case_id: int) -> list[CentreTask]:
    """A filed case gives the centre a 网络查控 task and a 执行送达 task (once each). The tasks
    open after the filing commits; a case whose search already answered by then (one seeding
    transaction) gets its 网络查控 task done at once, as the search would have done it."""
    case = EnforcementCase.objects.filter(pk=case_id).first()
    if case is None:
        return []
    answered = case.inquiries.exclude(status=Inquiry.Status.FAILED).order_by("-pk").first()
    made = []
    for kind in ("inquiry", "service"):
        task, created = _task(case, kind, f"{case.pk}:{kind}:filing")
        if created:
            after: dict[str, Any] = {"case": case.pk, "kind": kind}
            if kind == notices.SEARCH_TASK and answered is not None:
                task.status = notices.CENTRE_TASK.target(
                    task.status, "answered", notices.SEARCH_ANSWERED
                )
                task.finished_at = timezone.now()
                task.note = f"网络查控已反馈（查询记录{answered.pk}），自动办结"
                task.save(update_fields=["status", "finished_at", "note", "updated_at"])
                after["status"] = task.status
            made.append(task)
            record_event(actor=None, action="enforcement.task.create", target=task, after=after)
    return made


@transaction.atomic
def request_task(*, actor: Any, case: EnforcementCase, kind: str, note: str = "") -> CentreTask:
    """The case's executor asks the centre for an intensive task (网拍公告, 传统查控, another
    查控 or 送达). An open task of the same kind for the case is returned, not doubled."""
    _require(actor, case)
    if kind not in notices.TASK_KINDS:
        raise FieldError({"kind": "事务类型须为网络查控、执行送达、网拍公告或传统查控"})
    if len(note) > 300:
        raise FieldError({"note": "说明不超过300字"})
    if case.status in CLOSED:
        raise InvalidTransition("执行案件已结案，不再交办事务。")
    open_ = CentreTask.objects.filter(case=case, kind=kind, status__in=notices.OPEN_TASKS).first()
    if open_ is not None:
        return open_
    n = CentreTask.objects.filter(case=case, kind=kind).count() + 1
    task, _created = _task(case, kind, f"{case.pk}:{kind}:{n}")
    task.note = note.strip()
    task.save(update_fields=["note", "updated_at"])
    record_event(actor=actor, action="enforcement.task.create", target=task,
                 after={"case": case.pk, "kind": kind})  # fmt: skip
    return task


TASK_MOVES = ("claim", "release", "finish", "return")


@transaction.atomic
def move_task(*, actor: Any, task: CentreTask, name: str, note: str = "") -> CentreTask:
    """领取, 放回队列, 办结 or 退回 (rules.notices.CENTRE_TASK). Only the claimant finishes,
    returns or releases; a return needs its reason. Repeating the move just made (a retried
    claim by the same person, a second 办结) returns the task unchanged."""
    if not restrict_tasks(CentreTask.objects.filter(pk=task.pk), actor, "view").exists():
        raise NotVisible("执行事务不存在。")
    if not restrict_tasks(CentreTask.objects.filter(pk=task.pk), actor, "manage").exists():
        raise NotPermitted("只有本院执行人员可以办理执行事务。")
    if name not in TASK_MOVES:
        raise FieldError({"action": "操作须为领取、放回、办结或退回"})
    if len(note) > 300:
        raise FieldError({"note": "办理情况不超过300字"})
    task = CentreTask.objects.select_for_update().get(pk=task.pk)
    done = {"claim": "claimed", "finish": "done", "return": "returned", "release": "open"}[name]
    if task.status == done and (name == "release" or task.claimed_by_id == actor.pk):
        return task
    if name != "claim" and task.status == "claimed" and task.claimed_by_id != actor.pk:
        raise NotPermitted("只有领取人可以办理该事务。")
    if name == "return" and not note.strip():
        raise FieldError({"note": "请填写退回理由"})
    before = task.status
    task.status = notices.CENTRE_TASK.target(task.status, name)
    now = timezone.now()
    if name == "claim":
        task.claimed_by, task.claimed_at = actor, now
    elif name == "release":
        task.claimed_by, task.claimed_at = None, None
    else:
        task.finished_at = now
    if note.strip():
        task.note = note.strip()
    task.save()
    record_event(actor=actor, action=f"enforcement.task.{name}", target=task,
                 before={"status": before}, after={"status": task.status})  # fmt: skip
    return task
