"""The demo's element-style trial: the heard 民间借贷 case has both sides' answers and its focus;
the property-fee batch is decided through its lead case (示范诉讼), one parallel case confirmed."""

from __future__ import annotations

import pytest

from fating.accounts.models import User
from fating.cases.models import Case
from fating.core.audit import verify_chain
from fating.demo.cases import seed_cases
from fating.demo.county import seed_county
from fating.demo.disputes import seed_disputes
from fating.demo.elements import seed_elements
from fating.demo.plan import build_county
from fating.disputes.tests.factories import causes_2025  # noqa: F401  (fixture)
from fating.elements import selectors
from fating.elements.models import ModelLitigation
from fating.testing import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("causes_2025")]


@pytest.fixture
def cases() -> dict[str, Case]:
    seed_county(build_county(seed=20261125))
    seed_disputes()
    cases = seed_cases()
    assert seed_elements(cases) == 5
    return cases


def test_the_heard_case_is_tried_on_its_elements(cases: dict[str, Case]) -> None:
    focus = [r.element.key for r in selectors.disputed_elements(cases["heard"])]
    assert focus == ["principal", "repaid"]
    judge = client_for(User.objects.get(username="judge"))
    page = judge.get(f"/elements/cases/{cases['heard'].pk}/").content.decode()
    assert "庭审焦点" in page and "出借本金（元）" in page


def test_the_property_batch_goes_through_its_lead(cases: dict[str, Case]) -> None:
    group = ModelLitigation.objects.get()
    assert group.cause == "物业服务合同纠纷" and group.lead.number.startswith("（")
    statuses = sorted(group.parallel_cases.values_list("status", flat=True))
    assert statuses == ["confirmed", "pending"]
    judge = client_for(User.objects.get(username="judge"))
    assert group.name in judge.get("/elements/litigations/").content.decode()
    assert judge.get(f"/elements/litigations/{group.pk}/").status_code == 200
    assert verify_chain() is None


def test_the_preservation_story(cases: dict[str, Case]) -> None:
    from fating.demo.preservation import seed_preservation
    from fating.preservation.models import PreservationApplication

    assert seed_preservation(cases) == 2
    pending = PreservationApplication.objects.get(status="applied")
    assert pending.case == cases["accepted"] and pending.ruling_due_at is not None
    granted = PreservationApplication.objects.get(status="granted")
    assert "财保" in granted.number and granted.sue_by is not None
    judge = client_for(User.objects.get(username="judge"))
    assert "待裁定" in judge.get("/preservation/").content.decode()
    assert verify_chain() is None


def test_the_heard_case_s_table_judgment_comes_from_a_draft(
    cases: dict[str, Case], django_capture_on_commit_callbacks: object
) -> None:
    """Issue 15's done-when: drafted in one step, signed, issued, served on both sides, and
    effective once the appeal periods have run (the daily task on the effective date)."""
    from fating.demo.judgments import seed_judgment, seed_lead_judgment
    from fating.judgments import services as judgments
    from fating.judgments.models import Adjudication, AdjudicationDraft

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        adjudication = seed_judgment(cases["heard"])
    draft = AdjudicationDraft.objects.get(adjudication=adjudication)
    assert draft.form == "table_judgment" and draft.status == "issued"
    assert adjudication.document.kind == "drafted_adjudication"
    rows = {e["key"]: e for e in draft.sections["elements"]}
    assert "26000" in rows["principal"]["court_finding"]
    assert "由被告" in draft.sections["fee"]
    adjudication.refresh_from_db()
    assert all(p.served_on for p in adjudication.parties.all()) and adjudication.effective_on
    assert judgments.mark_effective(today=adjudication.effective_on) >= 1
    assert Adjudication.objects.get(pk=adjudication.pk).status == "effective"
    judge = client_for(User.objects.get(username="judge"))
    page = judge.get(f"/judgments/drafts/{draft.pk}/").content.decode()
    assert "类案及法条推送" in page or "要素表" in page
    assert seed_lead_judgment() == 2
    parallel = AdjudicationDraft.objects.get(lead_case__isnull=False)
    assert parallel.status == "drafting"
    assert judge.get(f"/judgments/drafts/{parallel.pk}/").status_code == 200
