"""Deadlines near (期限临近): once a day, a reminder to the person who must act before a last day.

- 补正期限: a filing waiting for correction, to its filer (登记立案规定 第7条).
- 交费期限: a case's court fee not yet paid, to the filer (诉讼费用交纳办法 第22条: within 7 days of
  the notice; unpaid, the claim is treated as withdrawn, 民诉法解释 第213条).
- 部门联动: a hand-over not yet answered (its 接收期限) and one in hand (its 办理期限), to the
  officers of the department (disputes.rules.department_accept_by / department_due).

The key is the deadline itself (what and which last day), so running the check twice the same day,
or every day of the window, reminds each person once per deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role
from fating.accounts.selectors import holders
from fating.cases.models import Case, Filing
from fating.disputes.models import DepartmentReferral
from fating.inbox import dispatch, rules


def remind(today: date | None = None) -> int:
    """Queue the reminders due `today`; the number of deadlines reminded of."""
    today = today or timezone.localdate()
    last = today + timedelta(days=rules.DEADLINE_NOTICE_DAYS)
    count = 0
    filings = Filing.objects.select_related("filer").filter(
        status=Filing.Status.CORRECTION_REQUESTED, correction_due_on__range=(today, last)
    )
    for filing in filings:
        due = filing.correction_due_on
        if due is None or not rules.deadline_near(due, today):
            continue
        dispatch.send(kind=rules.DEADLINE, recipient=filing.filer,
                      event_ref=f"correction-due:{filing.pk}:{due.isoformat()}",
                      subject=_("期限临近：%(filing)s补正期限") % {"filing": filing},
                      body=_("%(filing)s的补正期限为%(due)s，请及时补正。") % {"filing": filing, "due": due},
                      link=f"/cases/filings/{filing.pk}/")  # fmt: skip
        count += 1
    cases = Case.objects.select_related("filing__filer").filter(
        fee_status=Case.FeeStatus.UNPAID, fee_due_on__range=(today, last)
    )
    for case in cases:
        due = case.fee_due_on
        if due is None or not rules.deadline_near(due, today):
            continue
        dispatch.send(kind=rules.DEADLINE, recipient=case.filing.filer,
                      event_ref=f"fee-due:{case.pk}:{due.isoformat()}",
                      subject=_("期限临近：%(number)s交费期限") % {"number": case.number},
                      body=_("%(number)s的案件受理费应在%(due)s前交纳，逾期未交又未申请缓交的，按撤诉处理。")
                      % {"number": case.number, "due": due},
                      link=f"/cases/{case.pk}/")  # fmt: skip
        count += 1
    return count + _department_deadlines(today, last)


def _department_deadlines(today: date, last: date) -> int:
    count = 0
    pending = DepartmentReferral.objects.select_related("dispute", "department").filter(
        status=DepartmentReferral.Status.PENDING, accept_by__range=(today, last)
    )
    in_hand = DepartmentReferral.objects.select_related("dispute", "department").filter(
        status=DepartmentReferral.Status.ACCEPTED, due_on__range=(today, last)
    )
    for referral, due, what in [*((r, r.accept_by, _("接收期限")) for r in pending),
                                *((r, r.due_on, _("办理期限")) for r in in_hand)]:  # fmt: skip
        if due is None or not rules.deadline_near(due, today):
            continue
        officers = holders(Role.DEPARTMENT_OFFICER, department=referral.department_id)
        dispatch.send_all(kind=rules.DEADLINE, recipients=officers.order_by("pk")[:20],
                          event_ref=f"referral-due:{referral.pk}:{referral.status}:{due.isoformat()}",
                          subject=_("期限临近：%(title)s%(what)s") % {"title": referral.dispute.title, "what": what},
                          body=_("%(reference)s 交%(department)s办理的%(what)s为%(due)s。") % {
                              "reference": referral.dispute.reference, "department": referral.department.name,
                              "what": what, "due": due},
                          link=f"/disputes/departments/{referral.pk}/")  # fmt: skip
        count += 1
    return count
