"""Inbox notices of 约见法官 and 12368 tickets, each from the audit event of the change (the
event's place on the chain is the notice's key, so nobody is told twice):

- a meeting requested or routed → the judge it is routed to;
- accepted (with the time and place or link) or declined (with the reason) → the requester, and
  by SMS the villager a liaison asked for;
- a call logged or routed → the judge or staff member it is routed to, or the tribunal's judges.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from fating.accounts.models import Role
from fating.accounts.selectors import holders
from fating.contact.models import HotlineCall, Meeting
from fating.core.events import DomainEvent
from fating.core.notify import notify
from fating.inbox import dispatch
from fating.inbox import rules as inbox_rules


def _ref(event: DomainEvent) -> str:
    return f"{event.name}:{event.seq if event.seq is not None else event.target_id}"


def on_event(event: DomainEvent) -> None:
    if event.name.startswith("contact.meeting."):
        _meeting(event)
    elif event.name.startswith("contact.call."):
        _call(event)


def _meeting(event: DomainEvent) -> None:
    meeting = (
        Meeting.objects.select_related("requester", "judge", "service_point")
        .filter(pk=event.target_pk)
        .first()
    )
    if meeting is None:
        return
    link = f"/contact/meetings/{meeting.pk}/"
    who = meeting.for_name or meeting.requester.display_name
    if event.name in ("contact.meeting.request", "contact.meeting.route"):
        dispatch.send(kind=inbox_rules.MEETING, recipient=meeting.judge, event_ref=_ref(event),
                      subject=_("约见申请：%(who)s") % {"who": who},
                      body=_("%(who)s希望约见您（%(point)s，%(times)s）：%(topic)s") % {
                          "who": who, "point": meeting.service_point.name,
                          "times": meeting.preferred_times, "topic": meeting.topic[:80]},
                      link=link)  # fmt: skip
        return
    if event.name == "contact.meeting.accept":
        when = timezone.localtime(meeting.scheduled_at).strftime("%Y-%m-%d %H:%M") if (
            meeting.scheduled_at) else ""  # fmt: skip
        where = meeting.meeting_link or meeting.place
        subject = _("约见已安排")
        body = _("法官同意约见，时间%(when)s，%(where)s。") % {"when": when, "where": where}
    else:
        subject = _("约见未能安排")
        body = _("法官婉拒了约见，理由：%(reason)s") % {"reason": meeting.decline_reason}
    dispatch.send(kind=inbox_rules.MEETING, recipient=meeting.requester, event_ref=_ref(event),
                  subject=subject, body=body, link=link)  # fmt: skip
    if meeting.for_mobile:
        notify(dedupe_key=f"contact:{_ref(event)}:villager", subject=subject,
               body=f"【法庭E+】{body}", mobile=meeting.for_mobile)  # fmt: skip


def _call(event: DomainEvent) -> None:
    call = HotlineCall.objects.select_related("assignee").filter(pk=event.target_pk).first()
    if call is None:
        return
    people: list[Any] = (
        [call.assignee]
        if call.assignee is not None
        else list(holders((Role.JUDGE, Role.CLERK), tribunal=call.tribunal_id))
    )
    due = timezone.localtime(call.due_at).strftime("%Y-%m-%d %H:%M")
    dispatch.send_all(kind=inbox_rules.TICKET, recipients=people, event_ref=_ref(event),
                      subject=_("12368 来电工单：%(category)s") % {"category": call.get_category_display()},
                      body=_("%(caller)s来电：%(topic)s。请在%(due)s前答复。") % {
                          "caller": call.caller_name, "topic": call.topic[:80], "due": due},
                      link=f"/contact/calls/{call.pk}/")  # fmt: skip
