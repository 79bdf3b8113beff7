"""Pages: the filing wizard (htmx, errors naming fields in Chinese), the case page and sandbox."""

from __future__ import annotations

import pytest

from fating.cases.models import Case, Filing, Payment
from fating.cases.tests.factories import accepted_case, draft_filing
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


def test_wizard_errors_name_the_field_in_chinese(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    response = client_for(network.users["party"]).post(
        f"/cases/filings/{filing.pk}/act/",
        {"action": "party", "role": "plaintiff", "kind": "natural", "name": "张三",
         "id_number": "110105194912310021", "mobile": "13812345678"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    assert "公民身份号码：公民身份号码校验位错误" in response.content.decode()
    assert not filing.parties.exists()


def test_wizard_creates_a_draft_and_submits_it(network: Network) -> None:
    client = client_for(network.users["party"])
    from fating.cases.tests.factories import current_cause

    response = client.post(
        "/cases/filings/new/",
        {"filer_capacity": "party", "court": network.court.pk, "tribunal": network.tribunal.pk,
         "cause": current_cause().pk, "facts": "借款未还"},
    )  # fmt: skip
    filing = Filing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/filings/{filing.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "第2步：当事人" in page and "第5步：提交" in page
    response = client.post(f"/cases/filings/{filing.pk}/act/", {"action": "submit"})
    assert response.status_code == 400
    assert "当事人：至少需要一名原告。" in response.content.decode()


def test_case_page_shows_fee_notice_and_timeline_and_sandbox_pays(network: Network) -> None:
    case = accepted_case(network)
    client = client_for(network.users["party"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert case.number in page and "交纳诉讼费用通知" in page and "受理立案" in page
    assert "cases.filing.accept" not in page  # the timeline names events in Chinese
    response = client.post(f"/cases/{case.pk}/act/", {"action": "pay"})
    payment = Payment.objects.get()
    assert response["Location"] == f"/cases/pay/sandbox/{payment.order_id}/"
    assert "确认支付" in client.get(response["Location"]).content.decode()
    client.post(response["Location"])
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert Case.objects.get(pk=case.pk).fee_status == Case.FeeStatus.PAID


def test_identifiers_are_masked_for_the_filer_and_full_for_the_clerk(network: Network) -> None:
    from fating.cases.tests.factories import VALID_ID, submitted_filing

    filing = submitted_filing(network)
    party_view = (
        client_for(network.users["party"]).get(f"/api/v1/cases/filings/{filing.pk}/").json()
    )
    clerk_view = (
        client_for(network.users["clerk"]).get(f"/api/v1/cases/filings/{filing.pk}/").json()
    )

    def plaintiff(view: dict) -> dict:
        return next(p for p in view["parties"] if p["role"] == "plaintiff")

    assert plaintiff(party_view)["id_number"] == "110105********002X"
    assert plaintiff(party_view)["mobile"] == "138****5678"
    assert plaintiff(clerk_view)["id_number"] == VALID_ID
