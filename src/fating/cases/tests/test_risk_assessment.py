"""诉讼风险评估 page and API: limitation, fee, small claims, duration from the court's own closed
cases, evidence checklist; printable; linked from the filing wizard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fating.cases.models import Case
from fating.cases.services import hearings
from fating.cases.tests.factories import case_on, draft_filing
from fating.testing import Network, client_for

URL = "/api/v1/cases/risk-assessment/"


def _body(network: Network, **extra: object) -> dict:
    return {
        "court": network.court.pk, "cause": "民间借贷纠纷", "amount": "20000", "money_only": True,
        "knew_on": (timezone.localdate() - timedelta(days=400)).isoformat(), "simple_case": "yes", **extra,
    }  # fmt: skip


def _post(network: Network, persona: str = "party", **extra: object):
    return client_for(network.users[persona]).post(
        URL, _body(network, **extra), content_type="application/json"
    )


def test_limitation_three_years_from_knowledge(network: Network) -> None:
    data = _post(network, knew_on="2025-05-10").json()
    assert data["limitation"]["state"] == "running"
    assert data["limitation"]["expires_on"] == "2028-05-10"
    assert data["limitation"]["article"] == "民法典 第188条"


def test_interruption_restarts_the_period(network: Network) -> None:
    data = _post(network, knew_on="2023-01-05", interruptions=["2025-03-01"]).json()
    assert data["limitation"]["expires_on"] == "2028-03-01"


def test_expired_limitation_is_a_risk_not_a_bar(network: Network) -> None:
    data = _post(network, knew_on="2020-01-02").json()
    assert data["limitation"]["state"] == "expired"


def test_knowledge_date_required_for_ordinary_claims(network: Network) -> None:
    response = _post(network, knew_on="")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "knew_on": ["请填写知道或者应当知道权利受到损害以及义务人的日期。"]
    }


def test_support_payments_are_not_time_barred(network: Network) -> None:
    data = _post(network, knew_on="", claim_kind="support_payments").json()
    assert data["limitation"]["state"] == "not_applicable"


def test_small_claim_fee_is_halved(network: Network) -> None:
    data = _post(network).json()
    assert data["procedure"]["procedure"] == "small_claims"
    assert data["procedure"]["small_claims_eligible"] is True
    # 20000 元: 50 + (20000-10000)×2.5% = 300, halved for small claims (办法 第16条)
    assert data["fee"]["fee"] == "150.00"
    assert data["fee"]["halved"] is True


def test_appraisal_rules_out_small_claims(network: Network) -> None:
    data = _post(network, hints=["needs_appraisal"]).json()
    assert data["procedure"]["small_claims_eligible"] is False


def test_negative_amount_is_refused(network: Network) -> None:
    response = _post(network, amount="-1")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"amount": ["金额不能为负数。"]}


def test_evidence_checklist_for_the_cause(network: Network) -> None:
    data = _post(network).json()
    names = [i["name"] for i in data["checklist"]["items"]]
    assert names[0] == "借条、欠条、收据等债权凭证"
    assert _post(network, cause="不存在的纠纷").json()["checklist"] is None


def test_duration_from_the_courts_own_closed_cases(network: Network) -> None:
    start = date(2026, 3, 2)
    for days in range(10, 110, 10):  # ten closed simple cases: 10, 20, … 100 days
        case = case_on(network, accepted_on=start, procedure="simple")
        hearings.close_case(
            actor=network.users["clerk"], case=case, closure="withdrawal",
            plaintiff_share=0, closed_on=start + timedelta(days=days),
        )  # fmt: skip
    case_on(network, accepted_on=start, procedure="simple")  # open: not history
    durations = {d["procedure"]: d for d in _post(network).json()["durations"]}
    simple = durations["simple"]
    assert (simple["sample_size"], simple["median_days"], simple["p90_days"]) == (10, 50, 90)
    assert durations["ordinary"]["median_days"] is None
    assert Case.objects.filter(status="closed").count() == 10


def test_other_courts_history_does_not_count(network: Network) -> None:
    case = case_on(network, accepted_on=date(2026, 3, 2), procedure="simple")
    hearings.close_case(
        actor=network.users["clerk"], case=case, closure="withdrawal", plaintiff_share=0,
        closed_on=date(2026, 4, 1),
    )  # fmt: skip
    mine = {d["procedure"]: d for d in _post(network).json()["durations"]}
    other = {
        d["procedure"]: d for d in _post(network, court=network.other_court.pk).json()["durations"]
    }
    assert (mine["simple"]["sample_size"], other["simple"]["sample_size"]) == (1, 0)


def test_page_shows_the_assessment_and_is_printable(network: Network) -> None:
    client = client_for(network.users["outsider"])
    query = "&".join(f"{k}={v}" for k, v in _body(network).items() if k != "money_only")
    response = client.get(f"/cases/risk/?assess=1&money_only=on&{query}")
    text = response.content.decode()
    assert response.status_code == 200
    assert "150.00 元" in text
    assert "@media print" in text
    assert "借条、欠条、收据等债权凭证" in text


def test_page_errors_in_chinese(network: Network) -> None:
    response = client_for(network.users["party"]).get(
        f"/cases/risk/?assess=1&court={network.court.pk}&cause=&knew_on=x"
    )
    text = response.content.decode()
    assert "案由：请填写案由。" in text
    assert "知道权利受损之日：日期格式应为“2026-03-01”。" in text


def test_pdf(network: Network) -> None:
    query = "&".join(f"{k}={v}" for k, v in _body(network).items() if k != "money_only")
    response = client_for(network.users["party"]).get(f"/cases/risk/pdf/?assess=1&{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_prefill_from_a_filing_and_wizard_link(network: Network) -> None:
    filing = draft_filing(network)
    client = client_for(network.users["party"])
    page = client.get(f"/cases/filings/{filing.pk}/").content.decode()
    assert f"/cases/risk/?filing={filing.pk}" in page
    text = client.get(f"/cases/risk/?filing={filing.pk}").content.decode()
    assert 'value="80000' in text
    assert 'value="民间借贷纠纷"' in text
    assert "/cases/risk/" in client.get("/cases/filings/new/").content.decode()


def test_prefill_from_someone_elses_filing_is_404(network: Network) -> None:
    filing = draft_filing(network)
    assert (
        client_for(network.users["agent"]).get(f"/cases/risk/?filing={filing.pk}").status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["party", "judge", "outsider"])
def test_open_to_every_signed_in_user(network: Network, persona: str) -> None:
    assert _post(network, persona).status_code == 200
