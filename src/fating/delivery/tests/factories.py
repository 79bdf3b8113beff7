"""Fixtures for service: the chat's dispute (two parties with accounts), a document to serve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from fating.conversations.tests.factories import Chat
from fating.documents.models import Document
from fating.documents.services import generate_document


@dataclass
class Served:
    chat: Chat
    document: Document

    def user(self, persona: str) -> Any:
        return self.chat.user(persona)

    def key(self, role: str) -> str:
        party = self.chat.dispute.parties.get(role=role)
        return f"disputes.disputeparty:{party.pk}"

    @property
    def matter(self) -> Any:
        return self.chat.dispute


def summons(chat: Chat) -> Document:
    return generate_document(
        actor=chat.user("clerk"), matter=chat.dispute, kind="service_certificate",
        context={"court": "甲县人民法院", "case_number": chat.dispute.reference, "cause": "民间借贷纠纷",
                 "documents": [{"name": "调解通知书", "copies": 1}], "recipient": "李四",
                 "address": "甲县乙村", "issued_on": "2026-01-05"},
    )  # fmt: skip


@pytest.fixture
def served(chat: Chat) -> Served:
    return Served(chat, summons(chat))


def served_in_app(s: Served, role: str = "respondent", document: Document | None = None) -> Any:
    """`document` (a fresh one by default) served in-app on `role` with their consent, and sent:
    served on arrival (在线诉讼规则 第31条第1款). Dispatch runs here, not after commit."""
    from fating.delivery import services

    clerk = s.user("clerk")
    key = s.key(role)
    if services.selectors.active_consent(s.matter, key, "in_app") is None:
        services.record_consent(actor=clerk, matter=s.matter, party_key=key, channel="in_app")
    service = services.serve_document(actor=clerk, document=document or summons(s.chat),
                                      party_key=key, channels=["in_app"])  # fmt: skip
    for attempt in service.attempts.all():
        services.dispatch(attempt.pk)
    service.refresh_from_db()
    return service
