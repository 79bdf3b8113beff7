"""Pages and API of enforcement: the route matrix for every persona, and the journey on the
pages from filing to payout and 执行完毕, seen in the command centre."""

from __future__ import annotations

import json
from decimal import Decimal as D
from typing import Any

import pytest

from fating.enforcement.models import EnforcementCase
from fating.enforcement.tests.conftest import Enf
from fating.testing import client_for

pytestmark = pytest.mark.django_db

# persona -> (list page, detail page, command centre, API list sees the case, API detail, API triage)
MATRIX = {
    "executor": (200, 200, 200, True, 200, 200),
    "ejudge": (200, 200, 200, True, 200, 409),  # allowed; the executor has triaged it already
    "court_admin": (200, 200, 200, True, 200, 403),
    "applicant": (200, 200, 403, True, 200, 403),
    "other_executor": (200, 404, 200, False, 404, 404),
    "other_admin": (200, 404, 200, False, 404, 404),
    "judge": (200, 404, 403, False, 404, 404),
    "clerk": (200, 404, 403, False, 404, 404),
    "liaison": (200, 404, 403, False, 404, 404),
    "mediator": (200, 404, 403, False, 404, 404),
    "governance": (200, 404, 403, False, 404, 404),
    "agent": (200, 404, 403, False, 404, 404),
    "outsider": (200, 404, 403, False, 404, 404),
    "cross": (200, 404, 403, False, 404, 404),
}


def _people(enf: Enf) -> dict[str, object]:
    return {**enf.net.users, "executor": enf.executor, "ejudge": enf.ejudge,
            "other_executor": enf.other_executor, "applicant": enf.applicant}  # fmt: skip


def test_route_matrix(enf: Enf) -> None:
    case = enf.file()
    people = _people(enf)
    got = {}
    for name in MATRIX:
        client = client_for(people[name])  # type: ignore[arg-type]
        listed = client.get("/api/v1/enforcement/cases/")
        got[name] = (
            client.get("/enforcement/").status_code,
            client.get(f"/enforcement/{case.pk}/").status_code,
            client.get("/enforcement/command/").status_code,
            any(c["case_number"] == case.case_number and c["status"] for c in listed.json()),
            client.get(f"/api/v1/enforcement/cases/{case.pk}/").status_code,
            client.post(f"/api/v1/enforcement/cases/{case.pk}/triage/").status_code,
        )
    assert got == MATRIX
    assert client_for(None).get("/api/v1/enforcement/cases/").status_code in (401, 403)


def test_hostile_api_input_is_refused_and_writes_nothing(enf: Enf) -> None:
    case = enf.file()
    client = client_for(enf.executor)
    client.post(f"/api/v1/enforcement/cases/{case.pk}/triage/")
    client.post(f"/api/v1/enforcement/cases/{case.pk}/search/")
    asset = case.assets.first()
    assert asset is not None
    for body in ({"asset": asset.pk, "action": "explode", "amount": "1"},
                 {"asset": asset.pk, "action": "freeze", "amount": "-5"},
                 {"asset": asset.pk, "action": "freeze", "amount": "1e20"},
                 {"asset": 999999, "action": "freeze", "amount": "1"},
                 {"asset": asset.pk, "action": "freeze", "amount": "1", "key": "x" * 500}):  # fmt: skip
        response = client.post(f"/api/v1/enforcement/cases/{case.pk}/controls/",
                               data=json.dumps(body), content_type="application/json")  # fmt: skip
        assert response.status_code == 400, body
    assert not case.controls.exists()
    response = client.post(f"/api/v1/enforcement/cases/{case.pk}/transition/",
                           data=json.dumps({"action": "complete"}), content_type="application/json")  # fmt: skip
    assert response.status_code == 409
    assert EnforcementCase.objects.get(pk=case.pk).status == "investigating"


def test_journey_on_the_pages_to_payout(enf: Enf, django_capture_on_commit_callbacks: Any) -> None:
    case = enf.file(amount="20000")
    executor = client_for(enf.executor)
    page = executor.get(f"/enforcement/{case.pk}/").content.decode()
    assert "网络查控" in page and "分案" in page
    for step in ("triage", "search"):
        assert executor.post(f"/enforcement/{case.pk}/do/{step}/").status_code == 302
    deposit = case.assets.get(kind="deposit")
    executor.post(f"/enforcement/{case.pk}/do/control/",
                  {"asset": deposit.pk, "action": "freeze", "amount": "20200"})  # fmt: skip
    executor.post(f"/enforcement/{case.pk}/do/control/",
                  {"asset": deposit.pk, "action": "deduct", "amount": "20200"})  # fmt: skip
    refused = executor.post(f"/enforcement/{case.pk}/do/payout/", follow=True).content.decode()
    assert "收款账户尚未核实" in refused
    executor.post(f"/enforcement/{case.pk}/do/verify/", {"bank_account": "6222999988887777"})
    with django_capture_on_commit_callbacks(execute=True):
        executor.post(f"/enforcement/{case.pk}/do/payout/")
    case.refresh_from_db()
    assert case.status == "completed"
    mine = client_for(enf.applicant).get(f"/enforcement/{case.pk}/").content.decode()
    assert "执行完毕" in mine and "20000" in mine and "核实收款账户" not in mine
    centre = client_for(enf.net.users["court_admin"]).get("/enforcement/command/").content.decode()
    assert "100.0%" in centre  # 执结率 / 执行完毕率 / 到位率 for the one closed case
    assert case.ledger.filter(kind="fee").get().amount == D("200.00")


def test_payout_api_honours_the_idempotency_key(enf: Enf) -> None:
    case = enf.file(amount="1000")
    case.parties.filter(role="applicant").update(bank_verified=True)
    from fating.enforcement import services

    services.record_receipt(
        actor=enf.executor, case=case, kind="voluntary", amount=D("1000"), key="v"
    )
    client = client_for(enf.executor)
    url = f"/api/v1/enforcement/cases/{case.pk}/payout/"
    first = client.post(url, HTTP_IDEMPOTENCY_KEY="pay-once-1")
    again = client.post(url, HTTP_IDEMPOTENCY_KEY="pay-once-1")
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert case.ledger.filter(kind="payout").count() == 1
    assert client.post(url).status_code == 409  # nothing left to pay
