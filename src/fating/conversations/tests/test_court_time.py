"""Chat times are the court's (issue 12): the page renders each message's time in the court's
zone and hands that zone to room.js, which formats the live messages' ISO times with it rather
than with the device's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.test import override_settings
from django.utils import timezone

from fating.conversations.models import Message
from fating.conversations.services.messages import post_message
from fating.conversations.tests.factories import Chat
from fating.testing import client_for

ROOM_JS = Path(__file__).resolve().parents[1] / "static" / "conversations" / "room.js"


def test_history_is_in_the_court_zone_whatever_zone_is_active(chat: Chat) -> None:
    message = post_message(actor=chat.user("applicant"), room=chat.room, text="明早见")
    # 01:30 UTC is 09:30 in Asia/Shanghai (the court's zone in these settings).
    Message.objects.filter(pk=message.pk).update(created_at=datetime(2026, 3, 1, 1, 30, tzinfo=UTC))
    with timezone.override("America/New_York"):  # a request in another zone
        html = client_for(chat.user("applicant")).get(f"/conversations/{chat.room.pk}/")
    text = html.content.decode()
    assert 'data-tz="Asia/Shanghai"' in text
    assert ">03-01 09:30</time>" in text


@override_settings(TIME_ZONE="Asia/Urumqi")
def test_the_page_hands_the_configured_court_zone_to_the_script(chat: Chat) -> None:
    text = client_for(chat.user("judge")).get(f"/conversations/{chat.room.pk}/").content.decode()
    assert 'data-tz="Asia/Urumqi"' in text


def test_the_script_formats_with_the_court_zone_not_the_device() -> None:
    script = ROOM_JS.read_text(encoding="utf-8")
    assert "timeZone: courtZone" in script
    assert "toLocaleString()" not in script  # the device's zone and format
