"""Service is legally significant: becoming served, every receipt and every attempt status change
is an audit event, with the values before and after."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from fating.core.audit import events_for, verify_chain
from fating.core.models import AuditEvent
from fating.delivery import services
from fating.delivery.tests.factories import Served

# Sending happens after commit, as in production: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def test_served_through_the_gateway_is_an_event_from_to(served: Served) -> None:
    services.record_consent(actor=served.user("clerk"), matter=served.matter,
                            party_key=served.key("respondent"), channel="in_app")  # fmt: skip
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_app"])  # fmt: skip
    service.refresh_from_db()
    assert service.status == "served"
    event = events_for(service).get(action="delivery.service.served")
    assert event.actor is None and event.actor_label == "system"  # the task observed it
    assert event.before["status"] == "in_progress" and event.before["served_at"] is None
    assert event.after["status"] == "served"
    # JSON keeps milliseconds (DjangoJSONEncoder).
    at = service.served_at
    assert parse_datetime(event.after["served_at"]) == at.replace(
        microsecond=at.microsecond // 1000 * 1000
    )
    assert event.after["served_channel"] == "in_app"
    attempt = service.attempts.get()
    status = events_for(attempt).get(action="delivery.attempt.status")
    assert (status.before, status.after["status"]) == ({"status": "queued"}, "sent")
    sent = attempt.receipts.get(kind="sent")
    assert events_for(sent).get(action="delivery.attempt.receipt").after["kind"] == "sent"
    assert verify_chain() is None


def test_in_person_signature_records_served_with_the_liaison_as_actor(served: Served) -> None:
    liaison = served.user("liaison")
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_person"],
                                      assignee=liaison)  # fmt: skip
    assert not events_for(service).filter(action="delivery.service.served").exists()
    at = timezone.now() - timedelta(hours=1)
    upload = SimpleUploadedFile(
        "回证.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01 signed return", content_type="image/jpeg"
    )
    services.record_outcome(actor=liaison, attempt=service.attempts.get(), kind="signed",
                            occurred_at=at, upload=upload)  # fmt: skip
    event = events_for(service).get(action="delivery.service.served")
    assert event.actor == liaison
    assert (event.before["status"], event.after["status"]) == ("in_progress", "served")
    assert event.after["served_channel"] == "in_person"


def test_reading_an_unconfirmed_address_records_the_receipt_and_the_service(
    served: Served,
) -> None:
    recipient = served.user("respondent")
    services.record_consent(actor=served.user("clerk"), matter=served.matter,
                            party_key=served.key("respondent"), channel="in_app",
                            address_confirmed=False)  # fmt: skip
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_app"])  # fmt: skip
    assert not events_for(service).filter(action="delivery.service.served").exists()
    services.open_served_document(actor=recipient, service=service)
    read = AuditEvent.objects.filter(action="delivery.attempt.receipt", after__kind="read").get()
    assert read.actor == recipient
    served_event = events_for(service).get(action="delivery.service.served")
    assert served_event.actor == recipient and served_event.after["status"] == "served"
    assert verify_chain() is None
