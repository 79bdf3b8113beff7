"""The service page's forms for physical service: a postal attempt with its tracking number, an
in-person attempt and its signed return with a photo, also for a paper copy asked for under
民事诉讼法 第90条第1款. Same service functions and permissions as the API; refused input keeps
the form with the message next to the field, and nothing is written."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.core.exceptions import FieldError
from fating.core.models import AuditEvent
from fating.delivery import services
from fating.delivery.models import Attempt, Receipt, Service
from fating.delivery.tests.factories import Served, served_in_app
from fating.testing import client_for

pytestmark = pytest.mark.django_db

PHOTO = b"\xff\xd8\xff\xe0 photo of the signed return"


def in_progress(s: Served) -> Service:
    """A service still in progress: published by notice, not yet deemed served."""
    return services.serve_document(actor=s.user("clerk"), document=s.document,
                                   party_key=s.key("respondent"), channels=["notice"])  # fmt: skip


def local(at: timezone.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def field_block(page: str, field_id: str) -> str:
    """The markup of one form field, from its label to the end of its wrapper."""
    start = page.index(f'for="{field_id}"')
    return page[start : page.index("</div>", start)]


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "delivery"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_clerk_records_a_postal_attempt_with_its_tracking_number(served: Served) -> None:
    service = in_progress(served)
    client = client_for(served.user("clerk"))
    page = client.get(f"/delivery/{service.pk}/").content.decode()
    assert f'action="/delivery/{service.pk}/attempts/"' in page and "邮件单号" in page
    response = client.post(f"/delivery/{service.pk}/attempts/",
                           {"channel": "post", "tracking_number": " EMS1234567CN "})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/delivery/{service.pk}/"
    attempt = service.attempts.get(channel="post")
    assert (attempt.tracking_number, attempt.status, attempt.assignee) == (
        "EMS1234567CN", "queued", None)  # fmt: skip
    assert attempt.created_by == served.user("clerk")
    assert AuditEvent.objects.filter(action="delivery.attempt.add").count() == 1
    page = client.get(f"/delivery/{service.pk}/").content.decode()
    assert "EMS1234567CN" in page and f'action="/delivery/attempts/{attempt.pk}/outcome/#' in page


def test_liaison_serves_in_person_and_records_the_signed_return_with_a_photo(
    served: Served,
) -> None:
    service = in_progress(served)
    liaison = served.user("liaison")
    client = client_for(liaison)
    page = client.get(f"/delivery/{service.pk}/").content.decode()
    assert f'<option value="{liaison.pk}"' in page  # offered as the one to go
    response = client.post(f"/delivery/{service.pk}/attempts/",
                           {"channel": "in_person", "assignee": str(liaison.pk)})  # fmt: skip
    assert response.status_code == 302
    attempt = service.attempts.get(channel="in_person")
    assert attempt.assignee == liaison
    signed_at = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    response = client.post(f"/delivery/attempts/{attempt.pk}/outcome/", {
        "kind": "signed", "occurred_at": local(signed_at),
        "file": SimpleUploadedFile("回证.jpg", PHOTO, content_type="image/jpeg"),
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/delivery/{service.pk}/"
    receipt = Receipt.objects.get(attempt=attempt)
    assert (receipt.kind, receipt.occurred_at, receipt.recorded_by) == (
        "signed",
        signed_at,
        liaison,
    )
    assert receipt.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert receipt.file.read() == PHOTO
    service.refresh_from_db()
    assert (service.status, service.served_at, service.served_channel) == (
        "served", signed_at, "in_person")  # fmt: skip
    event = AuditEvent.objects.get(action="delivery.attempt.outcome")
    assert event.after["sha256"] == receipt.sha256


def test_paper_copy_is_fulfilled_by_post_from_the_page(served: Served) -> None:
    original = served_in_app(served)
    paper = services.request_paper_copy(actor=served.user("respondent"), service=original,
                                        note="请寄到乙村家中")  # fmt: skip
    client = client_for(served.user("clerk"))
    page = client.get(f"/delivery/{paper.pk}/").content.decode()
    channels = field_block(page, "attempt-channel")
    assert 'value="post"' in channels and 'value="in_person"' in channels
    assert 'value="notice"' not in channels and "第90条第1款" in page
    # Forged past the form: the service function refuses it, next to the field.
    response = client.post(f"/delivery/{paper.pk}/attempts/", {"channel": "notice"})
    assert response.status_code == 400
    assert "纸质文书须邮寄送达或直接送达。" in field_block(
        response.content.decode(), "attempt-channel"
    )
    assert not paper.attempts.exists()
    response = client.post(f"/delivery/{paper.pk}/attempts/",
                           {"channel": "post", "tracking_number": "EMS7654321CN"})  # fmt: skip
    assert response.status_code == 302
    attempt = paper.attempts.get()
    client.post(f"/delivery/attempts/{attempt.pk}/outcome/",
                {"kind": "postal_signed", "occurred_at": local(timezone.now())})  # fmt: skip
    paper.refresh_from_db()
    original.refresh_from_db()
    assert (paper.status, paper.served_channel) == ("served", "post")
    assert paper.legal_served_at == original.served_at  # 第90条第2款


@pytest.mark.parametrize("persona", ["respondent", "applicant", "outsider"])
def test_a_party_or_outsider_cannot_record_service(served: Served, persona: str) -> None:
    service = in_progress(served)
    attempt = services.add_attempt(actor=served.user("clerk"), service=service, channel="in_person",
                                   assignee=served.user("liaison"))  # fmt: skip
    events = AuditEvent.objects.count()
    client = client_for(served.user(persona))
    # The recipient sees the service (403 on writes); the other party and outsiders do not (404).
    expected = 403 if persona == "respondent" else 404
    response = client.post(f"/delivery/{service.pk}/attempts/",
                           {"channel": "post", "tracking_number": "EMS1"})  # fmt: skip
    assert response.status_code == expected
    response = client.post(f"/delivery/attempts/{attempt.pk}/outcome/", {
        "kind": "signed", "occurred_at": local(timezone.now()),
        "file": SimpleUploadedFile("回证.jpg", PHOTO, content_type="image/jpeg"),
    })  # fmt: skip
    assert response.status_code == expected
    if persona == "respondent":
        page = client.get(f"/delivery/{service.pk}/").content.decode()
        assert "/attempts/" not in page and "/outcome/" not in page
    assert service.attempts.count() == 2 and not Receipt.objects.exists()
    assert AuditEvent.objects.count() == events and not stored_files()


@pytest.mark.parametrize(
    ("data", "field_id", "message"),
    [
        ({"channel": "post", "tracking_number": "  "}, "attempt-tracking", "邮寄送达请填写邮件单号。"),
        ({"channel": "post", "tracking_number": "E" * 41}, "attempt-tracking",
         "邮件单号不能超过40个字符。"),
        ({"channel": "in_person", "tracking_number": "备注1"}, "attempt-assignee",
         "直接送达请指定承办的联络员或工作人员。"),
        ({"channel": "in_person", "assignee": "999999"}, "attempt-assignee", "用户不存在。"),
        ({"channel": "pigeon"}, "attempt-channel", "送达方式无效。"),
    ],
)  # fmt: skip
def test_refused_attempt_keeps_the_form_with_the_error_next_to_the_field(
    served: Served, data: dict[str, str], field_id: str, message: str
) -> None:
    service = in_progress(served)
    events = AuditEvent.objects.count()
    response = client_for(served.user("clerk")).post(f"/delivery/{service.pk}/attempts/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in field_block(page, field_id)
    assert 'aria-invalid="true"' in field_block(page, field_id)
    if data.get("tracking_number", "").strip():
        assert f'value="{data["tracking_number"]}"' in field_block(page, "attempt-tracking")
    if data["channel"] in ("post", "in_person"):
        assert f'value="{data["channel"]}" selected' in field_block(page, "attempt-channel")
    assert service.attempts.count() == 1 and AuditEvent.objects.count() == events


def test_refused_outcome_keeps_the_form_and_writes_nothing(served: Served) -> None:
    service = in_progress(served)
    liaison = served.user("liaison")
    attempt = services.add_attempt(actor=served.user("clerk"), service=service, channel="in_person",
                                   assignee=liaison)  # fmt: skip
    events = AuditEvent.objects.count()
    client = client_for(liaison)
    url = f"/delivery/attempts/{attempt.pk}/outcome/"
    future = local(timezone.now() + timedelta(days=1))
    # A photo with a time in the future: refused before anything is stored.
    response = client.post(url, {"kind": "refused_left", "occurred_at": future, "witness": "王五",
                                 "file": SimpleUploadedFile("回证.jpg", PHOTO)})  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    when = field_block(page, f"occurred-{attempt.pk}")
    assert "发生时间不能晚于现在。" in when and f'value="{future}"' in when
    assert 'value="王五"' in field_block(page, f"witness-{attempt.pk}")
    assert 'value="refused_left" selected' in field_block(page, f"kind-{attempt.pk}")
    # Signed without the photo of the return; a time that is no time at all.
    page = client.post(
        url, {"kind": "signed", "occurred_at": local(timezone.now())}
    ).content.decode()
    assert "请上传受送达人签收的送达回证照片或签名。" in field_block(page, f"file-{attempt.pk}")
    response = client.post(url, {"kind": "signed", "occurred_at": "2026-02-30T25:61",
                                 "file": SimpleUploadedFile("回证.jpg", PHOTO)})  # fmt: skip
    assert response.status_code == 400
    assert "发生时间格式" in html.unescape(
        field_block(response.content.decode(), f"occurred-{attempt.pk}")
    )
    attempt.refresh_from_db()
    service.refresh_from_db()
    assert attempt.status == Attempt.Status.QUEUED and service.status == "in_progress"
    assert not Receipt.objects.exists() and not stored_files()
    assert AuditEvent.objects.count() == events


def test_already_served_refuses_a_further_attempt(served: Served) -> None:
    service = served_in_app(served)
    response = client_for(served.user("clerk")).post(
        f"/delivery/{service.pk}/attempts/", {"channel": "post", "tracking_number": "EMS1"}
    )
    # The form is not offered once served; a forged post gets the refusal on the page.
    assert response.status_code == 409
    assert "该文书已向该当事人送达。" in response.content.decode()
    assert not re.search(r'id="add-attempt"', response.content.decode())
    assert not service.attempts.filter(channel="post").exists()


def test_api_and_page_read_the_same_input(served: Served) -> None:
    service = in_progress(served)
    client = client_for(served.user("clerk"))
    response = client.post(f"/api/v1/delivery/services/{service.pk}/attempts/",
                           {"channel": "in_person", "assignee": "999999"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"assignee": ["用户不存在。"]}
    attempt = services.add_attempt(actor=served.user("clerk"), service=service, channel="post",
                                   tracking_number="EMS1")  # fmt: skip
    response = client.post(f"/api/v1/delivery/attempts/{attempt.pk}/outcome/",
                           {"kind": "postal_signed", "occurred_at": "2026-02-30T10:00"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["occurred_at"]


def test_only_court_people_and_its_liaisons_may_be_sent_in_person(served: Served) -> None:
    """The assignee sees the service and its document, so a party or an outsider is refused."""
    service = in_progress(served)
    for name in ("party", "outsider"):
        with pytest.raises(FieldError) as refused:
            services.add_attempt(actor=served.user("clerk"), service=service,
                                 channel="in_person", assignee=served.user(name))  # fmt: skip
        assert "assignee" in refused.value.fields
    attempt = services.add_attempt(actor=served.user("clerk"), service=service,
                                   channel="in_person", assignee=served.user("liaison"))  # fmt: skip
    assert attempt.assignee == served.user("liaison")
