"""Trials tests: uploads and recordings under a temporary MEDIA_ROOT; the shared network with
valid court codes; `court` is an accepted case with an online hearing whose room the judge
opened with the clerk (the plaintiff, the network's `party`, is seated)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fating.accounts.models import User
from fating.cases.models import Case, Hearing
from fating.cases.services import hearings
from fating.network.models import Court
from fating.testing import Network, build_network
from fating.trials import services
from fating.trials.models import Attendee, TrialRoom


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


@pytest.fixture
def network(db: None) -> Network:
    net = build_network()
    for court, code in ((net.court, "鲁0321"), (net.other_court, "鲁0322")):
        Court.objects.filter(pk=court.pk).update(code=code)
        court.code = code
    return net


@dataclass
class Court_:
    network: Network
    case: Case
    hearing: Hearing
    room: TrialRoom

    def user(self, persona: str) -> User:
        return self.network.users[persona]

    def seat(self, persona: str) -> Attendee:
        return Attendee.objects.get(room=self.room, user=self.user(persona))


def online_hearing(network: Network, *, days: int = 0, **kwargs: object) -> tuple[Case, Hearing]:
    from fating.cases.tests.factories import accepted_case

    case = accepted_case(network, **kwargs)  # type: ignore[arg-type]
    now = timezone.now() + timedelta(days=days)
    hearing = hearings.schedule_hearing(
        actor=network.users["clerk"], case=case, mode=Hearing.Mode.ONLINE,
        starts_at=now + timedelta(minutes=5), ends_at=now + timedelta(hours=1),
        judge=network.users["judge"],
    )  # fmt: skip
    return case, hearing


@pytest.fixture
def court(network: Network) -> Court_:
    case, hearing = online_hearing(network)
    room = services.open_room(
        actor=network.users["judge"], hearing=hearing, clerk=network.users["clerk"]
    )
    return Court_(network, case, hearing, room)


def ready(court: Court_, persona: str) -> Attendee:
    """Identity checked at the service point, notice accepted, devices tested."""
    seat = court.seat(persona)
    if seat.identity_checked_at is None:
        services.verify_at_service_point(actor=court.user("liaison"), room=court.room,
                                         attendee=seat)  # fmt: skip
    services.accept_notice(actor=court.user(persona), room=court.room)
    return services.pass_device_test(actor=court.user(persona), room=court.room)
