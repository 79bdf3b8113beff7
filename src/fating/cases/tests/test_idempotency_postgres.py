"""Simultaneous duplicates write once. PostgreSQL only: SQLite serialises writers itself, so a
pass there would prove nothing (the sequential versions run everywhere, in test_idempotency.py
and test_overpayments.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from fating.cases.gateways import sign
from fating.cases.models import Case, Filing, Overpayment, Payment, Receipt
from fating.cases.services import payments
from fating.cases.tests.factories import accepted_case, current_cause
from fating.core.models import IdempotencyKey
from fating.testing import Network, client_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); SQLite serialises writers by itself")


def _together(workers: int, work: Callable[[int], Any]) -> list[Any]:
    """Run `work(i)` in `workers` threads released at the same moment; return the results."""
    barrier = threading.Barrier(workers)
    results: list[Any] = [None] * workers
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_simultaneous_filings_with_the_same_key_write_one(
    postgres_only: None, network: Network
) -> None:
    body = json.dumps({
        "court": network.court.pk, "tribunal": network.tribunal.pk, "cause": current_cause().pk,
        "filer_capacity": "party", "facts": "借款到期未还。",
    })  # fmt: skip
    clients = [client_for(network.users["party"]) for _ in range(4)]

    def post(i: int) -> Any:
        return clients[i].post(
            "/api/v1/cases/filings/", data=body, content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="same-key",
        )  # fmt: skip

    responses = _together(4, post)
    assert Filing.objects.count() == 1 and IdempotencyKey.objects.count() == 1
    assert {r.status_code for r in responses} <= {201, 409}
    answers = {r.content for r in responses if r.status_code == 201}
    assert len(answers) == 1  # every 201 is the first answer, replayed
    assert sum(1 for r in responses if r.status_code == 201 and "Idempotent-Replayed" not in r) == 1


def test_simultaneous_orders_for_one_fee_open_one(postgres_only: None, network: Network) -> None:
    case = accepted_case(network)
    party = network.users["party"]
    results = _together(
        6, lambda i: payments.create_payment(actor=party, case=Case.objects.get(pk=case.pk))
    )
    assert len({p.pk for p in results}) == 1
    assert Payment.objects.filter(case=case).count() == 1


def test_simultaneous_payments_of_one_order_give_one_receipt(
    postgres_only: None, network: Network
) -> None:
    case = accepted_case(network)
    payment = payments.create_payment(actor=network.users["party"], case=case)

    def pay(i: int) -> str:
        body = json.dumps({
            "order_id": payment.order_id, "amount": str(payment.amount), "status": "paid",
            "nonce": f"n{i}", "timestamp": "2026-03-02T10:00:00+08:00", "reference": f"TX{i}",
        }).encode()  # fmt: skip
        return client_for(None).post(
            "/api/v1/cases/payments/callback/sandbox/", data=body,
            content_type="application/json", HTTP_X_FATING_SIGNATURE=sign(body),
        ).json()["result"]  # fmt: skip

    results = _together(5, pay)
    assert sorted(results) == ["overpaid"] * 4 + ["paid"]
    assert Receipt.objects.count() == 1 and Overpayment.objects.count() == 4
    assert payments.paid_total(case) == payment.amount
    assert sum((o.amount for o in Overpayment.objects.all()), Decimal("0")) == 4 * payment.amount
