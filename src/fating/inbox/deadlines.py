"""Deadlines near (期限临近): once a day, a reminder to the person who must act before a last day.

- 补正期限: a filing waiting for correction, to its filer (登记立案规定 第7条).
- 交费期限: a case's court fee not yet paid, to the filer (诉讼费用交纳办法 第22条: within 7 days of
  the notice; unpaid, the claim is treated as withdrawn, 民诉法解释 第213条).

The key is the deadline itself (what and which last day), so running the check twice the same day,
or every day of the window, reminds each person once per deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from fating.cases.models import Case, Filing
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
    return count
