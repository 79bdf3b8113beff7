"""The notices people expect, each from the audit event of the change (fating.core.events).

- 补正 (cases.filing.request_correction), 立案 (cases.filing.accept), 不予受理 (cases.filing.refuse):
  to the filer, and for 立案 also to each plaintiff with an account.
- 开庭 scheduled (cases.hearing.schedule), adjourned or cancelled (cases.hearing.adjourn /
  cancel): to every participant with an account, and the filer.
- 部门联动 (disputes.referral.hand_over): to the officers of the department it was handed to;
  its answer or return (disputes.referral.accept / decline / resolve / fail): to the person who
  handed it over.
- 文书送达 (delivery.service.served): to the recipient with an account, when served on paper (post,
  in person, public notice); an electronic service's own message already is the notice.

The event's place on the chain (`seq`) is the notice's key, so a replayed event notifies nobody
twice.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role
from fating.accounts.selectors import holders
from fating.cases.models import Case, Filing, FilingParty, Hearing
from fating.core.events import DomainEvent
from fating.delivery import rules as delivery_rules
from fating.delivery.models import Service
from fating.disputes.models import DepartmentReferral
from fating.inbox import dispatch, rules


def _ref(event: DomainEvent) -> str:
    return f"{event.name}:{event.seq if event.seq is not None else event.target_id}"


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def on_event(event: DomainEvent) -> None:
    handler = HANDLERS.get(event.name)
    if handler is not None:
        handler(event)


def _filing(event: DomainEvent) -> Filing | None:
    return Filing.objects.select_related("filer").filter(pk=event.target_pk).first()


def correction(event: DomainEvent) -> None:
    filing = _filing(event)
    if filing is None:
        return
    items = "；".join(str(i) for i in (event.value("items") or filing.correction_items or []))
    due = event.value("due_on") or filing.correction_due_on
    body = _("您的%(filing)s需要补正：%(items)s。请在%(due)s前补正，逾期未补正的视为撤回。") % {
        "filing": filing, "items": items or _("见立案申请页"), "due": due}  # fmt: skip
    dispatch.send(kind=rules.CORRECTION, recipient=filing.filer, event_ref=_ref(event),
                  subject=_("补正通知：%(filing)s") % {"filing": filing}, body=body,
                  link=f"/cases/filings/{filing.pk}/")  # fmt: skip


def accepted(event: DomainEvent) -> None:
    filing = _filing(event)
    if filing is None:
        return
    number = event.value("number") or ""
    plaintiffs = [p.user for p in filing.parties.select_related("user")
                  if p.role == FilingParty.Role.PLAINTIFF]  # fmt: skip
    case_id = event.value("case")
    body = _("%(filing)s已登记立案，案号%(number)s。请按交费通知在期限内预交案件受理费。") % {
        "filing": filing, "number": number}  # fmt: skip
    dispatch.send_all(kind=rules.ACCEPTED, recipients=[filing.filer, *plaintiffs],
                      event_ref=_ref(event), subject=_("立案通知：%(number)s") % {"number": number},
                      body=body, link=f"/cases/{case_id}/" if case_id else "")  # fmt: skip


def refused(event: DomainEvent) -> None:
    filing = _filing(event)
    if filing is None:
        return
    reasons = event.value("reasons") or filing.refusal_reasons
    body = _("%(filing)s不予受理。理由：%(reasons)s。不服裁定的，可以在裁定书送达之日起十日内上诉。") % {
        "filing": filing, "reasons": reasons}  # fmt: skip
    dispatch.send(kind=rules.REFUSED, recipient=filing.filer, event_ref=_ref(event),
                  subject=_("不予受理：%(filing)s") % {"filing": filing}, body=body,
                  link=f"/cases/filings/{filing.pk}/")  # fmt: skip


def _hearing_people(hearing: Hearing) -> list[Any]:
    seats = hearing.participants.select_related("party__user")
    people = [s.party.user for s in seats if s.party is not None]
    return [hearing.case.filing.filer, *people]


def _hearing(pk: Any) -> Hearing | None:
    return (
        Hearing.objects.select_related("case__filing__filer").filter(pk=pk).first() if pk else None
    )


def scheduled(event: DomainEvent) -> None:
    hearing = _hearing(event.target_pk)
    if hearing is None:
        return
    case = hearing.case
    place = hearing.courtroom or hearing.get_mode_display()
    body = _("%(number)s定于%(at)s开庭（%(place)s），请准时参加。") % {
        "number": case.number, "at": _when(hearing.starts_at), "place": place}  # fmt: skip
    dispatch.send_all(kind=rules.HEARING_SCHEDULED, recipients=_hearing_people(hearing),
                      event_ref=_ref(event), subject=_("开庭通知：%(number)s") % {"number": case.number},
                      body=body, link=f"/cases/{case.pk}/")  # fmt: skip


def changed(event: DomainEvent) -> None:
    if event.name == "cases.hearing.adjourn":
        old = _hearing(event.value("hearing"))
        new = _hearing(event.value("next_hearing"))
        hearing = new or old
        if hearing is None:
            return
        body = _("%(number)s原定开庭延期，改于%(at)s开庭。") % {
            "number": hearing.case.number, "at": _when(hearing.starts_at)}  # fmt: skip
        people = (
            _hearing_people(old) + _hearing_people(hearing) if old else _hearing_people(hearing)
        )
    else:
        hearing = _hearing(event.target_pk)
        if hearing is None:
            return
        body = _("%(number)s原定%(at)s的开庭已取消。") % {
            "number": hearing.case.number, "at": _when(hearing.starts_at)}  # fmt: skip
        people = _hearing_people(hearing)
    case: Case = hearing.case
    dispatch.send_all(kind=rules.HEARING_CHANGED, recipients=people, event_ref=_ref(event),
                      subject=_("开庭变更：%(number)s") % {"number": case.number}, body=body,
                      link=f"/cases/{case.pk}/")  # fmt: skip


def served(event: DomainEvent) -> None:
    service = (
        Service.objects.select_related("recipient_user", "document")
        .filter(pk=event.target_pk)
        .first()
    )
    if service is None or service.recipient_user is None or service.is_paper_copy:
        return
    if service.served_channel in delivery_rules.ELECTRONIC:
        return  # served in the app, by SMS or e-mail: that message itself was the notice
    body = _("法院向您送达了《%(title)s》，请在“我的文书”中查看并确认收悉。") % {
        "title": service.document.title}  # fmt: skip
    dispatch.send(kind=rules.SERVED, recipient=service.recipient_user, event_ref=_ref(event),
                  subject=_("文书送达：%(title)s") % {"title": service.document.title}, body=body,
                  link=f"/delivery/inbox/{service.pk}/")  # fmt: skip


def _referral(event: DomainEvent) -> DepartmentReferral | None:
    return (
        DepartmentReferral.objects.select_related("dispute", "department", "handed_by")
        .filter(pk=event.target_pk)
        .first()
    )


def handed_over(event: DomainEvent) -> None:
    referral = _referral(event)
    if referral is None:
        return
    officers = holders(Role.DEPARTMENT_OFFICER, department=referral.department_id).order_by("pk")
    body = _("%(reference)s %(title)s 已移交%(department)s：%(request)s。请于%(due)s前接收或说明不予接收的理由。") % {
        "reference": referral.dispute.reference, "title": referral.dispute.title,
        "department": referral.department.name, "request": referral.request, "due": referral.accept_by}  # fmt: skip
    dispatch.send_all(kind=rules.HANDED_OVER, recipients=officers[:20], event_ref=_ref(event),
                      subject=_("部门联动移交：%(title)s") % {"title": referral.dispute.title},
                      body=body, link=f"/disputes/departments/{referral.pk}/")  # fmt: skip


def handed_back(event: DomainEvent) -> None:
    referral = _referral(event)
    if referral is None:
        return
    what = str(DepartmentReferral.Status(referral.status).label)
    body = _("%(department)s对 %(reference)s %(title)s：%(what)s。%(outcome)s") % {
        "department": referral.department.name, "reference": referral.dispute.reference,
        "title": referral.dispute.title, "what": what, "outcome": referral.outcome}  # fmt: skip
    dispatch.send(kind=rules.HANDED_BACK, recipient=referral.handed_by, event_ref=_ref(event),
                  subject=_("%(department)s%(what)s：%(title)s") % {
                      "department": referral.department.name, "what": what,
                      "title": referral.dispute.title},
                  body=body.strip(), link=f"/disputes/departments/{referral.pk}/")  # fmt: skip


HANDLERS = {
    "disputes.referral.hand_over": handed_over,
    "disputes.referral.accept": handed_back,
    "disputes.referral.decline": handed_back,
    "disputes.referral.resolve": handed_back,
    "disputes.referral.fail": handed_back,
    "cases.filing.request_correction": correction,
    "cases.filing.accept": accepted,
    "cases.filing.refuse": refused,
    "cases.hearing.schedule": scheduled,
    "cases.hearing.adjourn": changed,
    "cases.hearing.cancel": changed,
    "delivery.service.served": served,
}
