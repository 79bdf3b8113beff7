from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from fating.accounts.models import Role
from fating.enforcement import services
from fating.enforcement.gateways import FoundAsset, SandboxGateway
from fating.enforcement.models import EnforcementCase, EnforcementTeam
from fating.testing import Network, member

RICH_ID = "110101199001010011"
POOR_ID = "110101199001010022"
DEPOSIT = FoundAsset("deposit", "中国工商银行", "6222000011112222", Decimal("80000"))
HOUSE = FoundAsset("real_estate", "不动产登记中心", "甲不动产权第0001号", Decimal("500000"))


@pytest.fixture(autouse=True)
def sandbox() -> Iterator[type[SandboxGateway]]:
    SandboxGateway.reset()
    SandboxGateway.register(RICH_ID, (DEPOSIT, HOUSE))
    SandboxGateway.register(POOR_ID, ())
    yield SandboxGateway
    SandboxGateway.reset()


@dataclass
class Enf:
    net: Network
    executor: Any
    ejudge: Any
    other_executor: Any
    applicant: Any
    speedy: EnforcementTeam
    team: EnforcementTeam

    def file(
        self, *, amount: str = "50000", respondent_id: str = RICH_ID, **kw: Any
    ) -> EnforcementCase:
        return services.file_case(
            actor=self.executor,
            court=self.net.court,
            source_kind=kw.pop("source_kind", "mediation_ruling"),
            source_reference="（2026）甲01民特1号",
            amount=Decimal(amount),
            effective_on=kw.pop("effective_on", dt.date.today() - dt.timedelta(days=40)),
            parties=[
                services.PartyInput(
                    "applicant", "张三", user=self.applicant, bank_account="6222999988887777"
                ),
                services.PartyInput("respondent", "李四", id_number=respondent_id),
            ],
            **kw,
        )


@pytest.fixture
def enf(network: Network) -> Enf:
    court = network.court
    return Enf(
        net=network,
        executor=member(Role.EXECUTOR, court=court),
        ejudge=member(Role.ENFORCEMENT_JUDGE, court=court),
        other_executor=member(Role.EXECUTOR, court=network.other_court),
        applicant=network.users["party"],
        speedy=EnforcementTeam.objects.create(court=court, name="速执一组", speedy=True),
        team=EnforcementTeam.objects.create(court=court, name="实施一组"),
    )
