"""A paper copy on request (民事诉讼法 第90条第1款): recorded with the electronic service it
copies, delivered by post or in person with its own attempts and receipts, while the date of
service stays the electronic one (第90条第2款)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from fating.conversations.models import Message
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import AuditEvent
from fating.delivery import rules, selectors, services
from fating.delivery.models import Service
from fating.delivery.tests.factories import Served, served_in_app
from fating.documents.rules import datetime_figures
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def test_only_electronic_service_can_be_asked_for_on_paper() -> None:
    assert rules.paper_copy_allowed(rules.IN_APP) and rules.paper_copy_allowed(rules.SMS)
    assert not rules.paper_copy_allowed(rules.POST)
    assert not rules.paper_copy_allowed(rules.IN_PERSON) and not rules.paper_copy_allowed("")
    assert rules.paper_copy_due("confirmation_ruling")
    assert not rules.paper_copy_due("summons")


def test_recipient_asks_and_a_linked_paper_service_is_opened(served: Served) -> None:
    original = served_in_app(served)
    assert (original.status, original.served_channel) == ("served", "in_app")
    paper = services.request_paper_copy(actor=served.user("respondent"), service=original,
                                        note="请寄到乙村家中")  # fmt: skip
    assert paper.paper_copy_of == original and paper.is_paper_copy
    assert (paper.status, paper.attempts.count()) == ("in_progress", 0)
    assert (paper.document_id, paper.party_key) == (original.document_id, original.party_key)
    assert paper.paper_requested_by == served.user("respondent") and paper.paper_requested_at
    assert paper.paper_request_note == "请寄到乙村家中"
    # The clerk sees it to do; the recipient still has one row per document.
    assert paper in selectors.queue_for(served.user("clerk"))
    assert list(selectors.inbox_for(served.user("respondent"))) == [original]
    assert AuditEvent.objects.filter(action="delivery.paper_copy.request").count() == 1


def test_paper_copy_by_post_keeps_the_electronic_date_of_service(served: Served) -> None:
    original = served_in_app(served)
    electronic_at = original.served_at
    paper = services.request_paper_copy(actor=served.user("respondent"), service=original)
    clerk = served.user("clerk")
    attempt = services.add_attempt(actor=clerk, service=paper, channel="post",
                                   tracking_number="EMS1234567")  # fmt: skip
    posted_at = timezone.now()
    assert posted_at > electronic_at
    services.record_outcome(actor=clerk, attempt=attempt, kind="postal_signed",
                            occurred_at=posted_at)  # fmt: skip
    paper.refresh_from_db()
    original.refresh_from_db()
    # The paper has its own receipt and time; the legal service time is the electronic one.
    assert (paper.status, paper.served_at, paper.served_channel) == ("served", posted_at, "post")
    assert paper.legal_served_at == electronic_at == original.served_at
    assert original.served_channel == "in_app"
    assert [r.kind for r in attempt.receipts.all()] == ["postal_signed"]
    # Only the service itself is announced in the room.
    events = Message.objects.filter(room=served.chat.room, system_kind="document_served")
    assert events.count() == 1
    certificate = services.issue_certificate(actor=clerk, service=paper)
    remarks = certificate.context["remarks"]
    assert "第90条第1款" in remarks and "第90条第2款" in remarks
    # Times as the court writes them (2026年3月20日下午2时30分), never ISO.
    assert datetime_figures(timezone.localtime(electronic_at)) in remarks
    assert not re.search(r"\d{4}-\d{2}-\d{2}", remarks)


def test_paper_copy_is_delivered_by_post_or_in_person_only(served: Served) -> None:
    paper = services.request_paper_copy(actor=served.user("respondent"),
                                        service=served_in_app(served))  # fmt: skip
    with pytest.raises(FieldError) as exc:
        services.add_attempt(actor=served.user("clerk"), service=paper, channel="in_app")
    assert exc.value.fields == {"channel": ["纸质文书须邮寄送达或直接送达。"]}
    with pytest.raises(FieldError):
        services.add_attempt(actor=served.user("clerk"), service=paper, channel="notice")
    attempt = services.add_attempt(actor=served.user("clerk"), service=paper,
                                   channel="in_person", assignee=served.user("liaison"))  # fmt: skip
    assert attempt.assignee == served.user("liaison")


def test_a_document_not_served_electronically_cannot_be_asked_for(served: Served) -> None:
    clerk = served.user("clerk")
    by_post = services.serve_document(actor=clerk, document=served.document,
                                      party_key=served.key("respondent"), channels=["post"],
                                      tracking_number="EMS1")  # fmt: skip
    with pytest.raises(InvalidTransition, match="尚未送达"):
        services.request_paper_copy(actor=served.user("respondent"), service=by_post)
    services.record_outcome(actor=clerk, attempt=by_post.attempts.get(), kind="postal_signed",
                            occurred_at=timezone.now())  # fmt: skip
    with pytest.raises(InvalidTransition, match="不是电子送达"):
        services.request_paper_copy(actor=served.user("respondent"), service=by_post)
    assert not Service.objects.filter(paper_copy_of__isnull=False).exists()


def test_paper_copy_is_asked_for_once_and_not_of_itself(served: Served) -> None:
    original = served_in_app(served)
    paper = services.request_paper_copy(actor=served.user("respondent"), service=original)
    with pytest.raises(InvalidTransition, match="已申请过纸质文书"):
        services.request_paper_copy(actor=served.user("clerk"), service=original)
    with pytest.raises(InvalidTransition, match="这已是纸质文书的送达"):
        services.request_paper_copy(actor=served.user("respondent"), service=paper)


def test_who_may_ask(served: Served) -> None:
    original = served_in_app(served)
    with pytest.raises(NotPermitted):  # the other party sees the matter, not this service
        services.request_paper_copy(actor=served.user("applicant"), service=original)
    with pytest.raises(NotVisible):
        services.request_paper_copy(actor=served.user("outsider"), service=original)
    # Court staff record a request made at the counter or by phone.
    paper = services.request_paper_copy(actor=served.user("clerk"), service=original,
                                        note="当事人电话申请")  # fmt: skip
    assert paper.paper_requested_by == served.user("clerk")


def test_recipient_asks_on_the_inbox_page(served: Served) -> None:
    original = served_in_app(served)
    client = client_for(served.user("respondent"))
    page = client.get(f"/delivery/inbox/{original.pk}/")
    assert "申请纸质文书" in page.content.decode()
    response = client.post(f"/delivery/inbox/{original.pk}/paper-copy/", {"note": "邮寄"})
    assert response.status_code == 302
    assert response["Location"] == f"/delivery/inbox/{original.pk}/"
    paper = Service.objects.get(paper_copy_of=original)
    assert "已申请纸质文书" in client.get(f"/delivery/inbox/{original.pk}/").content.decode()
    clerk_page = client_for(served.user("clerk")).get(f"/delivery/{paper.pk}/")
    assert "法定送达时间" in clerk_page.content.decode()


def test_clerk_records_a_request_on_the_service_page(served: Served) -> None:
    original = served_in_app(served)
    client = client_for(served.user("clerk"))
    assert "记录申请" in client.get(f"/delivery/{original.pk}/").content.decode()
    response = client.post(f"/delivery/inbox/{original.pk}/paper-copy/", {"note": "窗口申请"})
    paper = Service.objects.get(paper_copy_of=original)
    assert response["Location"] == f"/delivery/{paper.pk}/"


def test_api_request_returns_the_paper_service(served: Served) -> None:
    original = served_in_app(served)
    client = client_for(served.user("respondent"))
    response = client.post(f"/api/v1/delivery/inbox/{original.pk}/paper-copy/",
                           {"note": "邮寄"}, content_type="application/json")  # fmt: skip
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["paper_copy_of"] == original.pk and data["status"] == "in_progress"
    assert data["legal_served_at"] == original.served_at.isoformat()
    again = client.post(f"/api/v1/delivery/inbox/{original.pk}/paper-copy/", {},
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 409
    detail = client.get(f"/api/v1/delivery/services/{original.pk}/").json()
    assert detail["paper_copy"] == data["id"]
