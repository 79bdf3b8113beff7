"""The demo's special procedures: a divorce in cooling-off and one reconciled on the judge's
冷静期 list and the party's page; an investigation order issued and answered, on the case's
调查令 tab for the agent and the judge."""

from __future__ import annotations

import pytest

from fating.accounts.models import User
from fating.core.audit import verify_chain
from fating.demo.county import seed_county
from fating.demo.plan import COURT_CODE, build_county
from fating.demo.procedures import seed_procedures
from fating.disputes.tests.factories import causes_2025  # noqa: F401  (fixture)
from fating.documents.models import Document
from fating.testing import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("causes_2025")]


def test_demo_procedures_on_their_pages() -> None:
    seed_county(build_county(seed=20261125))
    out = seed_procedures()
    cooling, reconciled, order = out["cooling"], out["reconciled"], out["order"]
    cooling.refresh_from_db()
    reconciled.refresh_from_db()
    assert (cooling.status, reconciled.status) == ("cooling", "reconciled")
    assert cooling.mediated_on and cooling.visited_on and cooling.cooling_until
    assert order.status == "answered" and order.answer == "provided"
    assert order.number == f"（{order.year}）{COURT_CODE}调查令1号"
    judge = client_for(User.objects.get(username="judge"))
    page = judge.get("/cases/divorce/").content.decode()
    assert "冷静期中" in page and cooling.applicant_name in page
    party = client_for(User.objects.get(username="party"))
    assert "已和好" in party.get("/cases/divorce/").content.decode()
    agent = client_for(User.objects.get(username="agent"))
    tab = agent.get(f"/cases/{order.case_id}/investigation/").content.decode()
    assert order.number in tab and "已提供" in tab
    assert order.number in judge.get(f"/cases/{order.case_id}/investigation/").content.decode()
    generated = Document.objects.filter(kind="investigation_order").get()
    assert generated.context["number"] == order.number
    assert verify_chain() is None
