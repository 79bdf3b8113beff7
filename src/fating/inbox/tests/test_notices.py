"""The notices people expect, sent once each, on the channels they chose (mandatory ones always),
and read receipts, preferences and the daily deadline check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from fating.cases.services import acceptance, hearings
from fating.cases.services import filing as filing_services
from fating.cases.tests.factories import submitted_filing
from fating.core.audit import AuditEvent
from fating.core.events import DomainEvent
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.models import OutboxMessage
from fating.delivery.tests.factories import Served, served_in_app
from fating.inbox import deadlines, rules, selectors, services, subscribers
from fating.testing import Network

pytestmark = pytest.mark.django_db
IN_APP, SMS = OutboxMessage.Channel.IN_APP, OutboxMessage.Channel.SMS


def _rows(user: Any, channel: str = IN_APP) -> list[OutboxMessage]:
    if channel == SMS:
        return list(OutboxMessage.objects.filter(channel=SMS, address=user.mobile))
    return list(OutboxMessage.objects.filter(channel=channel, recipient=user))


def _replay_last(name: str) -> None:
    """The last audit event of `name` delivered once more, as a retried delivery would."""
    event = AuditEvent.objects.filter(action=name).latest("seq")
    subscribers.on_event(DomainEvent(name=name, target_type=event.object_type,
                                     target_id=event.object_id, after=event.after, seq=event.seq))  # fmt: skip


def test_filing_notices_reach_the_filer_once(
    network: Network, django_capture_on_commit_callbacks: Any
) -> None:
    party, clerk = network.users["party"], network.users["clerk"]
    with django_capture_on_commit_callbacks(execute=True):
        filing = submitted_filing(network)
        filing_services.request_correction(actor=clerk, filing=filing, items=["补充借条原件"],
                                           due_on=timezone.localdate() + timedelta(days=5))  # fmt: skip
    (notice,) = _rows(party)
    assert notice.subject.startswith("补正通知") and "补充借条原件" in notice.body
    assert notice.link == f"/cases/filings/{filing.pk}/"
    assert len(_rows(party, SMS)) == 1  # the default sends SMS too, through the sandbox
    _replay_last("cases.filing.request_correction")
    assert len(_rows(party)) == 1 and len(_rows(party, SMS)) == 1  # nothing twice

    with django_capture_on_commit_callbacks(execute=True):
        filing = filing_services.resubmit_filing(actor=party, filing=filing)
        acceptance.accept_filing(actor=clerk, filing=filing)
    subjects = [m.subject for m in _rows(party)]
    assert any(s.startswith("立案通知") for s in subjects), subjects
    assert selectors.unread_count(party) == 2


def test_refusal_and_outsiders_get_nothing(
    network: Network, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        filing = submitted_filing(network)
        filing_services.refuse_filing(actor=network.users["clerk"], filing=filing,
                                      reasons="不属于人民法院受理民事诉讼的范围")  # fmt: skip
    (notice,) = _rows(network.users["party"])
    assert notice.subject.startswith("不予受理") and "受理民事诉讼的范围" in notice.body
    assert selectors.messages_for(network.users["agent"]).count() == 0


def test_hearing_notices_keep_mandatory_sms_on(
    network: Network, django_capture_on_commit_callbacks: Any
) -> None:
    party = network.users["party"]
    # Only the optional channels can be turned off; SMS for a hearing stays on (第139条).
    services.set_preference(actor=party, kind=rules.ACCEPTED, in_app=True, sms=False, email=False)
    filing = submitted_filing(network)
    case = acceptance.accept_filing(actor=network.users["clerk"], filing=filing)
    filing.parties.filter(role="plaintiff").update(user=party)
    start = timezone.now().replace(microsecond=0) + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        hearing = hearings.schedule_hearing(actor=network.users["clerk"], case=case,
                                            mode="courtroom", courtroom="第一法庭",
                                            starts_at=start, ends_at=start + timedelta(hours=2))  # fmt: skip
    (notice,) = [m for m in _rows(party) if m.subject.startswith("开庭通知")]
    assert "第一法庭" in notice.body and case.number in notice.subject
    assert any("开庭" in m.body for m in _rows(party, SMS))
    with django_capture_on_commit_callbacks(execute=True):
        hearings.cancel_hearing(actor=network.users["clerk"], hearing=hearing, reason="法官回避")
    assert [m for m in _rows(party) if m.subject.startswith("开庭变更")]


def test_served_document_notice(served: Served, django_capture_on_commit_callbacks: Any) -> None:
    from fating.delivery import services as delivery

    respondent = served.user("respondent")
    with django_capture_on_commit_callbacks(execute=True):
        served_in_app(served)  # the electronic message itself is the notice: no second one
        service = delivery.serve_document(actor=served.user("clerk"), document=served.document,
                                          party_key=served.key("respondent"), channels=["post"],
                                          tracking_number="EMS1")  # fmt: skip
        delivery.record_outcome(actor=served.user("clerk"), attempt=service.attempts.get(),
                                kind="postal_signed", occurred_at=timezone.now())  # fmt: skip
    notices = [m for m in _rows(respondent) if m.subject.startswith("文书送达")]
    assert len(notices) == 1 and notices[0].link == f"/delivery/inbox/{service.pk}/"


def test_read_receipts_and_mark_all(network: Network) -> None:
    party, agent = network.users["party"], network.users["agent"]
    from fating.core.notify import notify

    first, *_ = notify(dedupe_key="t:1", subject="一", body="正文", user=party)
    notify(dedupe_key="t:2", subject="二", body="正文", user=party)
    assert selectors.unread_count(party) == 2
    with pytest.raises(NotVisible):
        services.mark_read(actor=agent, message=first)
    read = services.mark_read(actor=party, message=first)
    at = read.read_at
    assert at is not None and selectors.unread_count(party) == 1
    assert services.mark_read(actor=party, message=first).read_at == at  # the first read counts
    assert AuditEvent.objects.filter(action="inbox.message.read").count() == 1
    assert services.mark_all_read(actor=party) == 1
    assert selectors.unread_count(party) == 0
    assert AuditEvent.objects.filter(action="inbox.message.read_all").count() == 1


def test_preferences_refuse_turning_off_a_legal_channel(network: Network) -> None:
    party = network.users["party"]
    with pytest.raises(FieldError) as caught:
        services.set_preference(actor=party, kind=rules.HEARING_SCHEDULED, in_app=True, sms=False,
                                email=False)  # fmt: skip
    assert set(caught.value.fields) == {"sms"} and "法定" in caught.value.fields["sms"][0]
    with pytest.raises(FieldError) as caught:
        services.set_preference(actor=party, kind=rules.DEADLINE, in_app=True, sms=False,
                                email=True)  # no e-mail address on the account  # fmt: skip
    assert set(caught.value.fields) == {"email"}
    with pytest.raises(FieldError):
        services.set_preference(actor=party, kind="nope", in_app=True, sms=True, email=False)
    with pytest.raises(NotPermitted):
        from django.contrib.auth.models import AnonymousUser

        services.set_preference(actor=AnonymousUser(), kind=rules.DEADLINE, in_app=True,
                                sms=False, email=False)  # fmt: skip
    services.set_preference(actor=party, kind=rules.DEADLINE, in_app=False, sms=True, email=False)
    assert selectors.channels_of(party, rules.DEADLINE) == {rules.SMS}
    assert AuditEvent.objects.filter(action="inbox.preference.update").count() == 1


def test_deadline_reminders_once_per_deadline(network: Network) -> None:
    party = network.users["party"]
    filing = submitted_filing(network)
    today = timezone.localdate()
    filing_services.request_correction(actor=network.users["clerk"], filing=filing,
                                       items=["补充证据"], due_on=today + timedelta(days=2))  # fmt: skip
    before = len(_rows(party))
    assert deadlines.remind(today - timedelta(days=3)) == 0  # not yet in the window
    assert deadlines.remind(today) == 1
    assert deadlines.remind(today + timedelta(days=1)) == 1  # asked again: stored once
    reminders = [m for m in _rows(party) if m.subject.startswith("期限临近")]
    assert len(reminders) == 1 and len(_rows(party)) == before + 1
