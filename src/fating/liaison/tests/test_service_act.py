"""A document a liaison serves in person is written into their diary once, and its recipient
may rate the service."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.delivery import services as delivery
from fating.delivery.tests.factories import Served
from fating.liaison import selectors, subscribers
from fating.liaison.models import LogEntry

pytestmark = pytest.mark.django_db


def test_an_in_person_service_is_written_into_the_liaisons_diary(
    served: Served, django_capture_on_commit_callbacks: Any
) -> None:
    liaison, clerk = served.user("liaison"), served.user("clerk")
    with django_capture_on_commit_callbacks(execute=True):
        service = delivery.serve_document(actor=clerk, document=served.document,
                                          party_key=served.key("respondent"),
                                          channels=["in_person"], assignee=liaison)  # fmt: skip
    assert not LogEntry.objects.exists()  # sent out, not yet served: no act yet
    upload = SimpleUploadedFile("回证.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01 signed",
                                content_type="image/jpeg")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        delivery.record_outcome(actor=liaison, attempt=service.attempts.get(), kind="signed",
                                occurred_at=timezone.now() - timedelta(hours=1), upload=upload)  # fmt: skip
    (entry,) = LogEntry.objects.all()
    assert entry.kind == "service" and entry.service == service and entry.source == "auto"
    assert entry.created_by == liaison
    from fating.core.audit import AuditEvent
    from fating.core.events import DomainEvent

    event = AuditEvent.objects.get(action="delivery.attempt.outcome")
    subscribers.on_event(DomainEvent(name=event.action, target_type=event.object_type,
                                     target_id=event.object_id))  # fmt: skip
    assert LogEntry.objects.count() == 1
    recipient = service.recipient_user
    if recipient is not None:
        assert entry in selectors.rateable_for(recipient)
