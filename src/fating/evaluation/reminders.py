"""鉴定期限临近: once a day, the case's judge is reminded that an appraisal report is due (证据规定
第35条: the appraiser must report within the period the court set; if not, a party may ask for
another appraiser). Through the inbox's deadline notices (inbox.dispatch, kind 期限临近); the
key is the deadline itself, so each judge hears once per deadline."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from fating.evaluation import selectors
from fating.inbox import dispatch
from fating.inbox import rules as inbox_rules


def remind(today: date | None = None) -> int:
    """Queue the reminders due `today`; the number of deadlines reminded of."""
    today = today or timezone.localdate()
    last = today + timedelta(days=inbox_rules.DEADLINE_NOTICE_DAYS)
    count = 0
    for appraisal in selectors.report_deadlines(today, last):
        due = appraisal.report_due_on
        if due is None or not inbox_rules.deadline_near(due, today):
            continue
        dispatch.send(
            kind=inbox_rules.DEADLINE, recipient=appraisal.case.judge,
            event_ref=f"appraisal-due:{appraisal.pk}:{due.isoformat()}",
            subject=_("期限临近：%(number)s鉴定期限") % {"number": appraisal.case.number},
            body=_("%(number)s委托%(inst)s的鉴定应于%(due)s前提交鉴定书（证据规定 第35条）。")
            % {"number": appraisal.case.number, "inst": appraisal.institution, "due": due},
            link=f"/evaluation/appraisals/{appraisal.pk}/",
        )  # fmt: skip
        count += 1
    return count
