"""Fixtures for the group chat: a dispute in village mediation with two parties holding
accounts (张三 申请人, 李四 被申请人), the network's mediator, judge, clerk and liaison."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.accounts.models import User
from fating.conversations import services
from fating.conversations.models import Room
from fating.disputes.models import Dispute
from fating.disputes.tests.factories import World, in_village
from fating.disputes.tests.factories import world as world


@dataclass
class Chat:
    world: World
    dispute: Dispute
    room: Room

    def user(self, persona: str) -> User:
        return self.world.user(persona)


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


@pytest.fixture
def chat(world: World) -> Chat:
    dispute = in_village(world)
    room = services.open_room(actor=world.user("applicant"), matter=dispute)
    return Chat(world, dispute, room)


def upload(name: str = "借条.pdf", content: bytes = b"%PDF-1.4 IOU 50000") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")
