"""Consent, serving, receipts, the served time, certificates, and the room announcement."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.conversations.models import Message
from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import OutboxMessage
from fating.delivery import rules, services
from fating.delivery.models import Receipt, Service
from fating.delivery.tests import gateways
from fating.delivery.tests.factories import Served, summons

# Sending happens after commit, as in production: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def consent(s: Served, role: str, channel: str, address: str = "", **kw: object) -> None:
    services.record_consent(actor=s.user("clerk"), matter=s.matter, party_key=s.key(role),
                            channel=channel, address=address, **kw)  # fmt: skip


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "回证.jpg", b"\xff\xd8\xff\xe0 signed return", content_type="image/jpeg"
    )


def test_electronic_service_needs_consent(served: Served) -> None:
    with pytest.raises(FieldError) as exc:
        services.serve_document(actor=served.user("clerk"), document=served.document,
                                party_key=served.key("respondent"), channels=["sms"])  # fmt: skip
    assert exc.value.fields == {
        "channels": ["受送达人未同意以短信链接送达方式接受电子送达（民事诉讼法第90条）。"]
    }


def test_in_app_service_to_confirmed_account_is_served_when_sent(served: Served) -> None:
    consent(served, "respondent", "in_app")
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_app"])  # fmt: skip
    service.refresh_from_db()
    attempt = service.attempts.get()
    sent = attempt.receipts.get(kind="sent")
    assert (service.status, service.served_at, service.served_channel) == (
        "served",
        sent.occurred_at,
        "in_app",
    )
    assert service.recipient_user == served.user("respondent")


def test_unconfirmed_address_is_served_when_the_recipient_reads(served: Served) -> None:
    consent(served, "respondent", "in_app", address_confirmed=False)
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_app"])  # fmt: skip
    service.refresh_from_db()
    assert service.status == "in_progress"
    data = services.open_served_document(actor=served.user("respondent"), service=service)
    service.refresh_from_db()
    assert data.startswith(b"%PDF") and service.status == "served"
    assert "第31条第2款第2项" in service.served_basis


def test_served_document_is_announced_in_the_room(served: Served) -> None:
    consent(served, "respondent", "in_app")
    services.serve_document(actor=served.user("clerk"), document=served.document,
                            party_key=served.key("respondent"), channels=["in_app"])  # fmt: skip
    event = Message.objects.filter(room=served.chat.room, system_kind="document_served").get()
    assert "李四" in event.body and "平台站内送达" in event.body


def test_serving_again_keeps_one_copy(served: Served) -> None:
    consent(served, "applicant", "in_app", address_confirmed=False)
    first = services.serve_document(actor=served.user("clerk"), document=served.document,
                                    party_key=served.key("applicant"), channels=["in_app"])  # fmt: skip
    again = services.serve_document(actor=served.user("clerk"), document=served.document,
                                    party_key=served.key("applicant"), channels=["in_app"])  # fmt: skip
    assert first.pk == again.pk and Service.objects.count() == 1 and first.attempts.count() == 2


def test_liaison_records_in_person_signature(served: Served) -> None:
    liaison = served.user("liaison")
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_person"],
                                      assignee=liaison)  # fmt: skip
    attempt = service.attempts.get()
    at = timezone.now() - timedelta(hours=1)
    receipt = services.record_outcome(actor=liaison, attempt=attempt, kind="signed", occurred_at=at,
                                      upload=photo())  # fmt: skip
    service.refresh_from_db()
    assert (service.status, service.served_at) == ("served", at) and len(receipt.sha256) == 64


def test_signature_needs_a_photo(served: Served) -> None:
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_person"],
                                      assignee=served.user("liaison"))  # fmt: skip
    with pytest.raises(FieldError) as exc:
        services.record_outcome(actor=served.user("liaison"), attempt=service.attempts.get(),
                                kind="signed", occurred_at=timezone.now())  # fmt: skip
    assert exc.value.fields == {"file": ["请上传受送达人签收的送达回证照片或签名。"]}


def test_refusal_needs_a_witness_or_photo(served: Served) -> None:
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_person"],
                                      assignee=served.user("liaison"))  # fmt: skip
    with pytest.raises(FieldError) as exc:
        services.record_outcome(actor=served.user("liaison"), attempt=service.attempts.get(),
                                kind="refused_left", occurred_at=timezone.now())  # fmt: skip
    assert exc.value.fields == {
        "witness": ["留置送达须有见证人，或上传拍照、录像记录（民事诉讼法第89条）。"]
    }


def test_mediation_document_cannot_be_left_behind(served: Served) -> None:
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_person"],
                                      assignee=served.user("liaison"), personal_only=True)  # fmt: skip
    with pytest.raises(FieldError) as exc:
        services.record_outcome(actor=served.user("liaison"), attempt=service.attempts.get(),
                                kind="refused_left", occurred_at=timezone.now(), witness="村主任王五")  # fmt: skip
    assert exc.value.fields["kind"] == [
        "调解书须直接送达当事人本人，不适用留置送达（民诉法解释第133条）。"
    ]


def test_post_and_public_notice(served: Served) -> None:
    clerk = served.user("clerk")
    service = services.serve_document(actor=clerk, document=served.document,
                                      party_key=served.key("respondent"), channels=["post"],
                                      tracking_number="EMS1234567890")  # fmt: skip
    services.record_outcome(actor=clerk, attempt=service.attempts.get(), kind="returned",
                            occurred_at=timezone.now())  # fmt: skip
    notice = services.add_attempt(actor=clerk, service=service, channel="notice")
    published = timezone.now() - timedelta(days=1)
    services.record_outcome(actor=clerk, attempt=notice, kind="published", occurred_at=published)
    service.refresh_from_db()
    assert (
        service.served_at == rules.notice_served_at(timezone.localtime(published))
        and service.served_channel == "notice"
    )


def test_unassigned_liaison_cannot_record(served: Served) -> None:
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["post"],
                                      tracking_number="EMS1")  # fmt: skip
    with pytest.raises(NotVisible, match="送达尝试不存在。"):
        services.record_outcome(actor=served.user("outsider"), attempt=service.attempts.get(),
                                kind="postal_signed", occurred_at=timezone.now())  # fmt: skip


def test_parties_cannot_serve(served: Served) -> None:
    with pytest.raises(NotPermitted, match="只有本事项的承办人员可以办理送达。"):
        services.serve_document(actor=served.user("applicant"), document=served.document,
                                party_key=served.key("respondent"), channels=["post"])  # fmt: skip


def test_party_confirms_own_consent_online(served: Served) -> None:
    c = services.record_consent(actor=served.user("respondent"), matter=served.matter,
                                party_key=served.key("respondent"), channel="email",
                                address="lisi@example.cn")  # fmt: skip
    assert (c.party_name, c.method) == ("李四", "online")


def test_certificate_is_generated_once_served(served: Served) -> None:
    consent(served, "respondent", "in_app")
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["in_app"])  # fmt: skip
    service.refresh_from_db()
    certificate = services.issue_certificate(actor=served.user("clerk"), service=service)
    assert certificate.kind == "service_certificate" and "李四" in certificate.title
    assert "第31条第1款" in certificate.context["remarks"]
    with pytest.raises(InvalidTransition, match="已出具送达回证。"):
        services.issue_certificate(actor=served.user("clerk"), service=service)


def test_certificate_carries_the_served_documents_case_number(served: Served) -> None:
    """A 民特 ruling is filed under its dispute: its 送达回证 shows the ruling's 案号, court and
    案由, not the dispute's reference."""
    from fating.documents.services import generate_document
    from fating.documents.tests.factories import context_for

    ruling = generate_document(actor=served.user("clerk"), matter=served.matter,
                               kind="confirmation_ruling", context=context_for("confirmation_ruling"))  # fmt: skip
    consent(served, "respondent", "in_app")
    service = services.serve_document(actor=served.user("clerk"), document=ruling,
                                      party_key=served.key("respondent"), channels=["in_app"])  # fmt: skip
    service.refresh_from_db()
    certificate = services.issue_certificate(actor=served.user("clerk"), service=service)
    context = certificate.context
    assert context["case_number"] == "（2026）鲁0399民特12号" != served.matter.reference
    assert (context["court"], context["cause"]) == ("青禾县人民法院", "买卖合同纠纷")
    assert context["documents"] == [{"name": ruling.title, "copies": 1}]
    assert context["recipient"] == "李四"


def test_certificate_needs_service_first(served: Served) -> None:
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["post"],
                                      tracking_number="EMS1")  # fmt: skip
    with pytest.raises(InvalidTransition, match="尚未送达，不能出具送达回证。"):
        services.issue_certificate(actor=served.user("clerk"), service=service)


# Through a flaky, duplicating gateway ---------------------------------------------------------


def test_flaky_duplicating_gateway_gives_one_copy_each_and_complete_receipts(
    served: Served, settings: pytest.FixtureRequest
) -> None:
    settings.FATING_SMS_SENDER = "fating.delivery.tests.gateways.FlakyGateway"  # type: ignore[attr-defined]
    gateways.reset()
    clerk = served.user("clerk")
    mobiles = {}
    documents = [served.document] + [summons(served.chat) for _ in range(19)]
    for role, mobile in (("applicant", "13700001111"), ("respondent", "13700002222")):
        consent(served, role, "sms", mobile)
        mobiles[role] = mobile
    for document in documents:
        for role in mobiles:
            services.serve_document(actor=clerk, document=document, party_key=served.key(role),
                                    channels=["sms"])  # fmt: skip
            # A duplicated task run must not send again.
            services.dispatch(
                Service.objects.get(document=document, party_key=served.key(role)).attempts.get().pk
            )
    for _ in range(6):  # the beat re-runs what is still pending
        services.reconcile_pending()
    for role, mobile in mobiles.items():
        assert len(gateways.visible_copies(mobile)) == len(documents), role
    assert Service.objects.count() == 2 * len(documents)
    assert Service.objects.filter(status="served").count() == 2 * len(documents)
    sent = Receipt.objects.filter(kind="sent").count()
    assert sent == 2 * len(documents) and not Receipt.objects.filter(kind="failed").exists()
    assert len(gateways.CALLS) > 2 * len(documents)  # failures really happened and were retried
    assert sum(len(v) for v in gateways.PHONES.values()) > 2 * len(documents)  # and duplicates


def test_email_through_a_local_smtp_server(served: Served, settings: pytest.FixtureRequest) -> None:
    import asyncore  # noqa: F401  (smtpd needs it; both are in the 3.11 standard library)
    import smtpd
    import warnings

    received: list[tuple[list[str], bytes]] = []

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):  # type: ignore[no-untyped-def]
            received.append((rcpttos, data))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        server = Sink(("127.0.0.1", 0), None)
    port = server.socket.getsockname()[1]
    import asyncore as loop

    thread = threading.Thread(target=loop.loop, kwargs={"timeout": 0.05, "count": 200}, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port  # type: ignore[attr-defined]
    consent(served, "respondent", "email", "lisi@example.cn")
    service = services.serve_document(actor=served.user("clerk"), document=served.document,
                                      party_key=served.key("respondent"), channels=["email"])  # fmt: skip
    server.close()
    thread.join(timeout=15)
    service.refresh_from_db()
    assert [r[0] for r in received] == [["lisi@example.cn"]]
    assert f"/delivery/inbox/{service.pk}/".encode() in received[0][1]
    assert service.status == "served"
    assert OutboxMessage.objects.get(dedupe_key__startswith="delivery:attempt:").status == "sent"
