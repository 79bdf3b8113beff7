"""A judged case: an accepted case of court A whose judge is the `judge` persona, the plaintiff
held by `party` and the defendant by `agent` (so both sides can be served in the app)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from fating.cases.models import Case
from fating.cases.tests.factories import accepted_case
from fating.judgments import services
from fating.judgments.models import Adjudication
from fating.testing import Network


@dataclass
class Judged:
    network: Network
    case: Case

    def user(self, persona: str) -> Any:
        return self.network.users[persona]

    def issue(self, kind: str = "judgment", subkind: str = "", **kw: Any) -> Adjudication:
        return services.issue_adjudication(
            actor=self.user("judge"), case=self.case, kind=kind, subkind=subkind,
            main_text=kw.pop("main_text", ["被告李四于本判决生效之日起十日内偿还原告张三借款80000元。"]),
            **kw,
        )  # fmt: skip

    def serve(self, adjudication: Adjudication, role: str, day: str) -> None:
        """Record delivery's service on the party of `role` at noon of `day`."""
        row = adjudication.parties.get(party__role=role)
        services.record_service(
            document_id=adjudication.document_id, party_key=row.party_key,
            served_at=dt.datetime.fromisoformat(f"{day}T12:00:00+08:00"),
        )  # fmt: skip


def judged_case(network: Network, procedure: str = "simple") -> Case:
    case = accepted_case(network)
    Case.objects.filter(pk=case.pk).update(judge=network.users["judge"], procedure=procedure)
    case.filing.parties.filter(role="defendant").update(user=network.users["agent"])
    case.refresh_from_db()
    return case


@pytest.fixture
def judged(network: Network) -> Judged:
    return Judged(network, judged_case(network))
