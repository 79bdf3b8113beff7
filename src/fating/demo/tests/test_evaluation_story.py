"""The demo's appraisal and neutral evaluation: the 租赁合同 case's appraisal has its report in the
dossier and its days out of 审限 on the 审限 tab; the 宅基地 dispute carries a retired judge's
non-binding opinion, linked from the dispute page (the audit chain verifies)."""

from __future__ import annotations

import pytest

from fating.accounts.models import User
from fating.core.audit import verify_chain
from fating.demo.cases import seed_cases
from fating.demo.county import seed_county
from fating.demo.disputes import seed_disputes
from fating.demo.evaluation import seed_evaluation
from fating.demo.plan import build_county
from fating.disputes.tests.factories import causes_2025  # noqa: F401  (fixture)
from fating.evaluation.models import Appraisal, NeutralEvaluation
from fating.testing import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("causes_2025")]


def test_the_demo_appraisal_and_evaluation_on_their_pages() -> None:
    seed_county(build_county(seed=20261125))
    seed_disputes()
    assert seed_evaluation(seed_cases()) == 2
    a = Appraisal.objects.get()
    assert a.status == "reported" and a.report_entry_id and a.commission_document_id
    assert a.excluded_period.start == a.commissioned_on
    assert (a.excluded_period.end - a.excluded_period.start).days == 25
    judge = client_for(User.objects.get(username="judge"))
    limits = judge.get(f"/cases/{a.case_id}/limits/").content.decode()
    assert "鉴定期间（青禾县正信司法鉴定所）" in limits
    e = NeutralEvaluation.objects.get()
    assert e.status == "issued" and e.evaluator.is_retired_judge and e.document_id
    mediator = client_for(User.objects.get(username="mediator"))
    assert (
        f"/evaluation/disputes/{e.dispute_id}/"
        in mediator.get(f"/disputes/{e.dispute_id}/").content.decode()
    )
    assert "不具有约束力" in mediator.get(f"/evaluation/neutral/{e.pk}/").content.decode()
    assert verify_chain() is None
