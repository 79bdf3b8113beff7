"""Retries write once: the filing, its parties and claims, and payment orders honour
Idempotency-Key on the API; the filing pages carry a hidden key so a double submit writes once.
(The machinery is tested in core/tests/test_idempotency.py.)"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from fating.cases.models import Counterclaim, Filing, FilingParty, Payment
from fating.cases.services import fees
from fating.cases.tests.factories import accepted_case, current_cause, draft_filing
from fating.core.models import AuditEvent, IdempotencyKey
from fating.testing import Network, UserFactory, client_for

pytestmark = pytest.mark.django_db
FILINGS = "/api/v1/cases/filings/"


def _post(client: Client, url: str, body: dict[str, Any], key: str | None = None) -> Any:
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", **extra)


def _filing_body(network: Network, facts: str = "借款到期未还。") -> dict[str, Any]:
    return {
        "court": network.court.pk,
        "tribunal": network.tribunal.pk,
        "cause": current_cause().pk,
        "filer_capacity": "party",
        "facts": facts,
    }


def test_a_retried_filing_with_the_same_key_gives_one_filing_and_the_same_answer(
    network: Network,
) -> None:
    client = client_for(network.users["party"])
    body = _filing_body(network)
    first = _post(client, FILINGS, body, key="filing-1")
    again = _post(client, FILINGS, body, key="filing-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert again["Content-Type"] == "application/json"
    assert Filing.objects.count() == 1 and IdempotencyKey.objects.count() == 1
    assert AuditEvent.objects.filter(action="cases.filing.create").count() == 1


def test_without_a_key_a_retry_writes_again(network: Network) -> None:
    """The control: the header is what makes a retry safe."""
    client = client_for(network.users["party"])
    _post(client, FILINGS, _filing_body(network))
    _post(client, FILINGS, _filing_body(network))
    assert Filing.objects.count() == 2


def test_the_same_key_with_another_body_is_422_in_the_error_shape(network: Network) -> None:
    client = client_for(network.users["party"])
    _post(client, FILINGS, _filing_body(network), key="filing-1")
    response = _post(client, FILINGS, _filing_body(network, facts="另一份起诉"), key="filing-1")
    assert response.status_code == 422
    assert response.json() == {
        "error": {
            "status": 422,
            "code": "idempotency_key_reused",
            "message": "该幂等键已用于另一个请求，请为新的请求使用新的幂等键。",
            "fields": {"Idempotency-Key": ["该幂等键已用于另一个请求。"]},
        }
    }
    assert Filing.objects.count() == 1


def test_the_same_key_from_different_users_is_independent(network: Network) -> None:
    body = _filing_body(network)
    for persona in ("party", "agent"):
        response = _post(
            client_for(network.users[persona]), FILINGS, {**body, "filer_capacity": persona}, "k"
        )
        assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Filing.objects.count() == 2


def test_an_expired_key_behaves_as_new(network: Network) -> None:
    client = client_for(network.users["party"])
    _post(client, FILINGS, _filing_body(network), key="filing-1")
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    response = _post(client, FILINGS, _filing_body(network), key="filing-1")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Filing.objects.count() == 2


def test_a_malformed_key_is_400_naming_the_header(network: Network) -> None:
    response = _post(
        client_for(network.users["party"]), FILINGS, _filing_body(network), key="x" * 256
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "Idempotency-Key": ["幂等键须为 1 至 255 个可打印的 ASCII 字符。"]
    }
    assert not Filing.objects.exists()


def test_a_refused_create_keeps_nothing_and_a_corrected_retry_runs(network: Network) -> None:
    client = client_for(network.users["party"])
    bad = {**_filing_body(network), "filer_capacity": "judge"}
    assert _post(client, FILINGS, bad, key="k").status_code == 400
    assert not IdempotencyKey.objects.exists()


def test_retried_party_and_claim_posts_list_the_party_once(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    client = client_for(network.users["party"])
    party = {"role": "defendant", "kind": "natural", "name": "李四", "address": "甲县乙村"}
    claim = {"text": "判令被告偿还借款", "amount": "80000"}
    for _attempt in range(4):
        assert _post(client, f"{FILINGS}{filing.pk}/parties/", party, "party-1").status_code == 201
        assert _post(client, f"{FILINGS}{filing.pk}/claims/", claim, "claim-1").status_code == 201
    assert FilingParty.objects.filter(filing=filing, name="李四").count() == 1
    assert filing.claims.count() == 1


def test_a_retried_submit_replays_the_first_answer(network: Network) -> None:
    filing = draft_filing(network)
    client = client_for(network.users["party"])
    first = _post(client, f"{FILINGS}{filing.pk}/submit/", {}, key="submit-1")
    again = _post(client, f"{FILINGS}{filing.pk}/submit/", {}, key="submit-1")
    assert first.status_code == again.status_code == 200 and again.content == first.content
    assert AuditEvent.objects.filter(action="cases.filing.submit").count() == 1


# Payment orders -------------------------------------------------------------------------------


def test_a_retried_payment_order_replays_and_a_new_request_returns_the_open_order(
    network: Network,
) -> None:
    case = accepted_case(network)
    client = client_for(network.users["party"])
    url = f"/api/v1/cases/cases/{case.pk}/payments/"
    first = _post(client, url, {}, key="pay-1")
    again = _post(client, url, {}, key="pay-1")
    other = _post(client, url, {}, key="pay-2")
    assert (first.status_code, again.status_code, other.status_code) == (201, 201, 200)
    assert again.content == first.content
    assert other.json()["order_id"] == first.json()["order_id"]
    assert Payment.objects.filter(case=case).count() == 1


def test_a_retried_counterclaim_payment_order_is_one_order(network: Network) -> None:
    case = accepted_case(network, amount="80000")
    defendant = UserFactory(full_name="李四")
    case.filing.parties.filter(role="defendant").update(user=defendant)
    counterclaim: Counterclaim = fees.record_counterclaim(
        actor=network.users["clerk"], case=case, counterclaimant="李四", claims="返还押金",
        amount="50000",
    )  # fmt: skip
    client = client_for(defendant)
    url = f"/api/v1/cases/counterclaims/{counterclaim.pk}/payments/"
    statuses = [_post(client, url, {}, key=k).status_code for k in ("a", "a", "b")]
    assert statuses == [201, 201, 200]
    assert Payment.objects.filter(counterclaim=counterclaim).count() == 1


# Pages -----------------------------------------------------------------------------------------


def _hidden_key(html: str) -> str:
    found = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', html)
    assert found, "the form carries no idempotency key"
    return found.group(1)


def test_a_double_submitted_filing_form_writes_once(network: Network) -> None:
    client = client_for(network.users["party"])
    page = client.get("/cases/filings/new/")
    key = _hidden_key(page.content.decode())
    assert (
        _hidden_key(client.get("/cases/filings/new/").content.decode()) != key
    )  # fresh per render
    form = {
        "court": network.court.pk, "tribunal": network.tribunal.pk, "cause": current_cause().pk,
        "filer_capacity": "party", "facts": "借款到期未还。", "idempotency_key": key,
    }  # fmt: skip
    first = client.post("/cases/filings/new/", form)
    again = client.post("/cases/filings/new/", {**form, "csrfmiddlewaretoken": "another-render"})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] and again["Idempotent-Replayed"] == "true"
    assert Filing.objects.count() == 1


def test_the_same_page_key_with_another_form_is_refused_with_a_page(network: Network) -> None:
    client = client_for(network.users["party"])
    form = {
        "court": network.court.pk, "tribunal": network.tribunal.pk, "cause": current_cause().pk,
        "filer_capacity": "party", "facts": "借款到期未还。", "idempotency_key": "k" * 32,
    }  # fmt: skip
    client.post("/cases/filings/new/", form)
    response = client.post("/cases/filings/new/", {**form, "facts": "另一件事"})
    assert response.status_code == 422
    assert "该幂等键已用于另一个请求" in response.content.decode()
    assert Filing.objects.count() == 1


def test_a_double_submitted_party_form_lists_the_party_once(network: Network) -> None:
    filing = draft_filing(network, complete=False)
    client = client_for(network.users["party"])
    key = _hidden_key(client.get(f"/cases/filings/{filing.pk}/").content.decode())
    form = {
        "action": "party", "role": "defendant", "kind": "natural", "name": "李四",
        "address": "甲县乙村", "idempotency_key": key,
    }  # fmt: skip
    for _attempt in range(3):
        assert client.post(f"/cases/filings/{filing.pk}/act/", form).status_code == 302
    assert FilingParty.objects.filter(filing=filing, name="李四").count() == 1


def test_a_double_submitted_pay_button_opens_one_order(network: Network) -> None:
    case = accepted_case(network)
    client = client_for(network.users["party"])
    key = _hidden_key(client.get(f"/cases/{case.pk}/fees/").content.decode())
    form = {"action": "pay", "idempotency_key": key}
    first = client.post(f"/cases/{case.pk}/act/", form)
    again = client.post(f"/cases/{case.pk}/act/", form)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == Payment.objects.get(case=case).pay_url


# Schema ----------------------------------------------------------------------------------------


def test_the_header_is_documented_on_every_guarded_create(network: Network) -> None:
    schema = (
        client_for(network.users["judge"])
        .get("/api/schema/", HTTP_ACCEPT="application/json")
        .json()
    )
    guarded = [
        "/api/v1/cases/filings/",
        "/api/v1/cases/filings/{id}/submit/",
        "/api/v1/cases/filings/{id}/parties/",
        "/api/v1/cases/filings/{id}/claims/",
        "/api/v1/cases/filings/{id}/evidence/",
        "/api/v1/cases/cases/{id}/payments/",
        "/api/v1/cases/counterclaims/{id}/payments/",
        "/api/v1/disputes/",
        "/api/v1/conversations/rooms/{id}/messages/",
        "/api/v1/delivery/services/",
    ]
    for path in guarded:
        params = schema["paths"][path]["post"].get("parameters", [])
        assert any(p["in"] == "header" and p["name"] == "Idempotency-Key" for p in params), path
    messages_get = schema["paths"]["/api/v1/conversations/rooms/{id}/messages/"]["get"]
    assert not any(p["name"] == "Idempotency-Key" for p in messages_get.get("parameters", []))
