"""A retried chat post is one message: the messages API honours Idempotency-Key (on top of the
room's own client_token) and replays the first answer (fating.core.idempotency)."""

from __future__ import annotations

import pytest

from fating.conversations.models import Message
from fating.conversations.tests.factories import Chat
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def test_a_retried_post_is_one_message_and_the_same_answer(chat: Chat) -> None:
    client = client_for(chat.user("applicant"))
    url = f"/api/v1/conversations/rooms/{chat.room.pk}/messages/"
    before = Message.objects.count()
    first = client.post(url, {"text": "我同意调解"}, HTTP_IDEMPOTENCY_KEY="msg-1")
    again = client.post(url, {"text": "我同意调解"}, HTTP_IDEMPOTENCY_KEY="msg-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert Message.objects.count() == before + 1
    other = client.post(url, {"text": "另一句话"}, HTTP_IDEMPOTENCY_KEY="msg-1")
    assert other.status_code == 422 and Message.objects.count() == before + 1
    # Reading the room is not affected by the header.
    assert client.get(url, HTTP_IDEMPOTENCY_KEY="msg-1").status_code == 200
