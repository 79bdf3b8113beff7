"""Dispute fixtures built on the shared `network` personas."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.cases.services import causes
from fating.disputes import services
from fating.disputes.models import Dispute, DisputeParty
from fating.network.models import Mediator
from fating.testing import MediatorFactory, Network, UserFactory

APPLICANT_MOBILE = "13700001111"
RESPONDENT_MOBILE = "13700002222"
# A valid 公民身份号码 (checksum per GB 11643) for the applicant.
APPLICANT_ID = "370321199003071238"


@dataclass
class World:
    net: Network
    invited_mediator: User
    applicant_user: User
    respondent_user: User

    def user(self, persona: str) -> User:
        extra = {
            "invited_mediator": self.invited_mediator,
            "applicant": self.applicant_user,
            "respondent": self.respondent_user,
        }
        return extra.get(persona) or self.net.users[persona]


def party_input(**overrides: object) -> list[services.PartyInput]:
    applicant = services.PartyInput(
        role="applicant", kind="person", name="张三", id_number=APPLICANT_ID,
        mobile=APPLICANT_MOBILE, address="甲县甲镇甲村",
    )  # fmt: skip
    respondent = services.PartyInput(
        role="respondent", kind="person", name="李四", mobile=RESPONDENT_MOBILE
    )
    for key, value in overrides.items():
        setattr(applicant, key, value)
    return [applicant, respondent]


def dispute_input(**overrides: object) -> services.DisputeInput:
    data = services.DisputeInput(
        title="张三与李四民间借贷纠纷",
        description="李四向张三借款五万元，写有借条，约定一年内归还，到期未还。",
        parties=party_input(),
        cause_code="108.3",
        amount="50000",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


# Every cause code the dispute tests report under (see dispute_input).
CAUSES_USED = ("108.3",)


def _load_causes(codes: Iterable[str] | None, tmp_path: Path) -> None:
    """Load the 2025 revision with the loader of `fating load_causes`; with `codes`, only those
    entries and their ancestors, from a trimmed copy (the whole revision takes a third of a
    second, which every dispute test would pay)."""
    revision = next(r for r in causes.REVISIONS if r.name == "2025")
    source = causes.default_data_dir() / revision.filename
    if codes is not None:
        rows = json.loads(source.read_text(encoding="utf-8"))
        by_code = {row["code"]: row for row in rows}
        keep: set[str] = set()
        for code in codes:
            while code is not None and code not in keep:
                keep.add(code)
                code = by_code[code]["parent"]
        source = tmp_path / "causes" / revision.filename
        source.parent.mkdir(exist_ok=True)
        trimmed = [row for row in rows if row["code"] in keep]
        source.write_text(json.dumps(trimmed, ensure_ascii=False), encoding="utf-8")
    causes.load_revision(revision=revision, path=source)


@pytest.fixture
def causes_2025(db: None, tmp_path: Path) -> None:
    """The whole 2025 revision of the 案由 catalogue in the CauseOfAction table."""
    _load_causes(None, tmp_path)


@pytest.fixture
def world(network: Network, tmp_path: Path) -> World:
    # Loaded here rather than by a fixture of its own: other apps import only `world`.
    _load_causes(CAUSES_USED, tmp_path)
    invited = UserFactory(username="invited-mediator")
    Membership.objects.create(
        user=invited, role=Role.MEDIATOR, organisation=network.invited_organisation
    )
    MediatorFactory(organisation=network.invited_organisation, name="赵特邀", user=invited,
                    kind=Mediator.Kind.INVITED)  # fmt: skip
    applicant = UserFactory(username="zhangsan", mobile=APPLICANT_MOBILE, full_name="张三")
    Membership.objects.create(user=applicant, role=Role.PARTY)
    respondent = UserFactory(username="lisi", mobile=RESPONDENT_MOBILE, full_name="李四")
    Membership.objects.create(user=respondent, role=Role.PARTY)
    clerk = network.users["clerk"]
    assert clerk  # the tribunal has a clerk for confirmation panels
    return World(network, invited, applicant, respondent)


def reported(world: World, **overrides: object) -> Dispute:
    """A dispute reported by the point's liaison, applicant's consent recorded on paper."""
    return services.report_dispute(
        actor=world.net.users["liaison"], data=dispute_input(**overrides)
    )


def with_consent(world: World, dispute: Dispute) -> Dispute:
    from django.core.files.uploadedfile import SimpleUploadedFile

    for party in dispute.parties.filter(role=DisputeParty.Role.APPLICANT):
        services.record_paper_consent(
            actor=world.net.users["liaison"], party=party,
            paper=SimpleUploadedFile("consent.pdf", b"%PDF-1.4 signed consent", "application/pdf"),
        )  # fmt: skip
    return dispute


def in_village(world: World) -> Dispute:
    dispute = with_consent(world, reported(world))
    return services.start_mediation(
        actor=world.net.users["liaison"], dispute=dispute, tier="village",
        organisation=world.net.organisation, mediator=world.net.mediator,
    )  # fmt: skip


def tomorrow() -> timezone.datetime:
    return timezone.localdate() + timedelta(days=1)
