"""The outbox: stored with the change, delivered once through real SMTP and the SMS sender,
however often delivery is attempted; failures are kept and retried."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from fating.core import notify
from fating.core.models import OutboxMessage
from fating.testing import UserFactory

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:
        content = cast(bytes, envelope.content)  # bytes: the controller does not decode data
        self.messages.append((list(envelope.rcpt_tos), content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp(settings: Settings) -> Iterator[Inbox]:
    inbox = Inbox()
    port = _free_port()
    # Name lookups of this host are slow on a closed network; neither side needs them here.
    from django.core.mail import DNS_NAME

    DNS_NAME._fqdn = "localhost"
    controller = Controller(inbox, hostname="127.0.0.1", port=port, server_hostname="localhost")
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


def test_email_goes_through_smtp_exactly_once(
    smtp: Inbox, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    user = UserFactory.create(email="judge@court.example")
    with django_capture_on_commit_callbacks(execute=True):
        notify.notify(
            dedupe_key="k1", subject="新纠纷", body="请关注。", user=user, email=user.email
        )
        notify.notify(
            dedupe_key="k1", subject="新纠纷", body="请关注。", user=user, email=user.email
        )
    assert OutboxMessage.objects.count() == 2  # in-app + e-mail, each stored once
    email = OutboxMessage.objects.get(channel="email")
    assert notify.deliver(email.pk) is False  # already sent by the on-commit task
    assert len(smtp.messages) == 1
    assert smtp.messages[0][0] == ["judge@court.example"]
    assert "新纠纷".encode() in smtp.messages[0][1] or b"=?utf-8?" in smtp.messages[0][1]


def test_sms_sender_failure_is_kept_and_retried(settings: Settings, tmp_path: Path) -> None:
    settings.FATING_SMS_FILE = tmp_path / "sms.jsonl"
    settings.FATING_SMS_SENDER = "fating.core.tests.test_notify.FlakySender"
    FlakySender.fail = True
    message = notify.notify(dedupe_key="k2", subject="验证码", body="123456", mobile="13800000000")[
        0
    ]
    assert notify.deliver(message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "gateway down" in message.last_error
    FlakySender.fail = False
    assert notify.deliver_pending() == 1
    assert notify.deliver_pending() == 0
    lines = (tmp_path / "sms.jsonl").read_text().splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["123456"]


class FlakySender(notify.FileSmsSender):
    fail = False

    def send(self, *, mobile: str, text: str, message_id: int) -> None:
        if self.fail:
            raise ConnectionError("gateway down")
        super().send(mobile=mobile, text=text, message_id=message_id)
