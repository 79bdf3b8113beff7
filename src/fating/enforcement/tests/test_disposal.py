"""Disposal: valuation records, auction notice periods, 以物抵债 after a failed auction."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from typing import Any

import pytest

from fating.core.exceptions import FieldError, NotVisible
from fating.core.models import AuditEvent
from fating.enforcement import selectors, services, services_disposal
from fating.enforcement.models import Asset, Auction, LedgerEntry, Valuation
from fating.enforcement.rules import disposal
from fating.testing import client_for

from .conftest import Enf

DAY = dt.timedelta(days=1)
ON = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("kind", "days", "ok"),
    [
        ("movable", 15, True),
        ("movable", 14, False),
        ("real_estate", 30, True),
        ("real_estate", 29, False),
        ("other_right", 30, True),
        ("other_right", 29, False),
        ("unknown", 29, False),
    ],
)
def test_notice_period_edges(kind: str, days: int, ok: bool) -> None:
    problems = disposal.notice_problems(
        asset_kind=kind, announced_on=ON, starts_on=ON + dt.timedelta(days=days)
    )
    assert (problems == {}) is ok
    if not ok:
        assert set(problems) == {"starts_on"}


def test_in_kind_rule() -> None:
    assert disposal.in_kind_problems(last_result="failed", consent=True, disposed=False) == {}
    assert set(disposal.in_kind_problems(last_result="sold", consent=True, disposed=False)) == {
        "auction"
    }
    assert set(disposal.in_kind_problems(last_result=None, consent=False, disposed=True)) == {
        "auction",
        "consent",
        "asset",
    }


def _house(enf: Enf) -> Asset:
    case = enf.file(amount="300000")
    services.triage_case(actor=enf.executor, case=case)
    services.search_property(actor=enf.executor, case=case)
    house = case.assets.get(kind="real_estate")
    services.control_asset(actor=enf.executor, asset=house, action="seize", amount=D("300000"))
    return house


def _count() -> tuple[int, int, int, int]:
    return (
        Valuation.objects.count(),
        Auction.objects.count(),
        LedgerEntry.objects.count(),
        AuditEvent.objects.count(),
    )


def test_valuation_then_auction_with_notice(enf: Enf) -> None:
    house = _house(enf)
    today = dt.date.today()
    before = _count()
    for bad in (
        {"method": "guess"},
        {"price": D("0")},
        {"valued_on": today + DAY},
        {"reference": "x" * 101},
    ):
        args = {"method": "appraisal", "price": D("500000"), "valued_on": today} | bad
        with pytest.raises(FieldError):
            services_disposal.record_valuation(actor=enf.executor, asset=house, **args)
    with pytest.raises(NotVisible):
        services_disposal.record_valuation(actor=enf.other_executor, asset=house, method="online",
                                  price=D("1"), valued_on=today)  # fmt: skip
    assert _count() == before
    with pytest.raises(FieldError) as none:
        services_disposal.record_auction(actor=enf.executor, asset=house, start_price=D("350000"),
                                deposit=D("50000"))  # fmt: skip
    assert "valuation" in none.value.fields
    valuation = services_disposal.record_valuation(actor=enf.executor, asset=house, method="appraisal",
                                          price=D("500000"), valued_on=today,
                                          reference="评估报告2026-01")  # fmt: skip
    with pytest.raises(FieldError) as soon:
        services_disposal.record_auction(actor=enf.executor, asset=house, appraisal=valuation,
                                start_price=D("350000"), deposit=D("50000"),
                                announced_on=today, starts_on=today + 29 * DAY)  # fmt: skip
    assert "starts_on" in soon.value.fields
    with pytest.raises(FieldError) as half:
        services_disposal.record_auction(actor=enf.executor, asset=house, appraisal=valuation,
                                start_price=D("350000"), deposit=D("50000"), announced_on=today)  # fmt: skip
    assert "starts_on" in half.value.fields
    assert Auction.objects.count() == 0
    auction = services_disposal.record_auction(actor=enf.executor, asset=house, start_price=D("350000"),
                                      deposit=D("50000"), announced_on=today,
                                      starts_on=today + 30 * DAY)  # fmt: skip
    assert auction.appraisal == valuation and auction.valuation == D("500000")


def test_direct_valuation_is_recorded(enf: Enf) -> None:
    house = _house(enf)
    auction = services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                      start_price=D("350000"), deposit=D("50000"))  # fmt: skip
    assert auction.appraisal is not None
    assert auction.appraisal.price == D("500000") and auction.appraisal.method == "appraisal"
    assert Valuation.objects.filter(asset=house).count() == 1


def test_settle_in_kind_after_failed_auction(enf: Enf) -> None:
    house = _house(enf)
    case = house.case
    first = services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                    start_price=D("350000"), deposit=D("50000"))  # fmt: skip
    before = _count()
    with pytest.raises(FieldError) as pending:
        services_disposal.settle_in_kind(actor=enf.executor, auction=first, consent=True)
    assert "auction" in pending.value.fields
    services_disposal.auction_result(actor=enf.executor, auction=first, sold=False)
    before = _count()
    with pytest.raises(FieldError) as no:
        services_disposal.settle_in_kind(actor=enf.executor, auction=first, consent=False)
    assert "consent" in no.value.fields
    with pytest.raises(NotVisible):
        services_disposal.settle_in_kind(actor=enf.other_executor, auction=first, consent=True)
    assert _count() == before
    entry = services_disposal.settle_in_kind(actor=enf.executor, auction=first, consent=True)
    assert entry.kind == "in_kind" and entry.amount == D("350000")
    assert Asset.objects.get(pk=house.pk).disposal == "in_kind"
    assert AuditEvent.objects.count() == before[3] + 1
    assert selectors.ledger_totals(case)["balance"] == 0
    with pytest.raises(FieldError) as twice:
        services_disposal.settle_in_kind(actor=enf.executor, auction=first, consent=True)
    assert "asset" in twice.value.fields
    with pytest.raises(FieldError):
        services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                start_price=D("280000"), deposit=D("28000"))  # fmt: skip


# -- API: permission rows and idempotent retry ------------------------------------------------


def _people(enf: Enf) -> dict[str, Any]:
    return {**enf.net.users, "executor": enf.executor, "ejudge": enf.ejudge,
            "other_executor": enf.other_executor, "applicant": enf.applicant}  # fmt: skip


# persona -> (POST valuations, POST auctions, POST in-kind)
MATRIX = {
    "ejudge": (201, 201, 201),
    "executor": (201, 201, 201),
    "court_admin": (403, 403, 403),
    "applicant": (403, 403, 403),
    "other_executor": (404, 404, 404),
    "other_admin": (404, 404, 404),
    "judge": (404, 404, 404),
    "outsider": (404, 404, 404),
    "cross": (404, 404, 404),
}


def _post(client: Any, url: str, body: dict[str, Any], key: str = "") -> Any:
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", **extra)


def test_api_permission_rows(enf: Enf) -> None:
    people = _people(enf)
    today = dt.date.today()
    got = {}
    for name in MATRIX:
        house, other = _house(enf), _house(enf)
        failed = services_disposal.record_auction(actor=enf.executor, asset=other, valuation=D("500000"),
                                         start_price=D("350000"), deposit=D("50000"))  # fmt: skip
        services_disposal.auction_result(actor=enf.executor, auction=failed, sold=False)
        base = f"/api/v1/enforcement/cases/{house.case_id}"
        client = client_for(people[name])
        got[name] = (
            _post(client, f"{base}/valuations/", {"asset": house.pk, "method": "online",
                  "price": "500000", "valued_on": today.isoformat()}).status_code,
            _post(client, f"{base}/auctions/", {"asset": house.pk, "start_price": "350000",
                  "deposit": "50000", "announced_on": today.isoformat(),
                  "starts_on": (today + 30 * DAY).isoformat()}).status_code,
            _post(client, f"/api/v1/enforcement/cases/{other.case_id}/auctions/{failed.pk}/in-kind/",
                  {"consent": True}).status_code,
        )  # fmt: skip
    assert got == MATRIX
    assert Valuation.objects.filter(method="online").count() == 2


def test_api_hostile_input_and_idempotent_retry(enf: Enf) -> None:
    house = _house(enf)
    today = dt.date.today()
    client = client_for(enf.executor)
    base = f"/api/v1/enforcement/cases/{house.case_id}"
    body = {"asset": house.pk, "method": "appraisal", "price": "500000",
            "valued_on": today.isoformat(), "reference": "评估报告1号"}  # fmt: skip
    for bad in ({"price": "-1"}, {"method": "x"}, {"asset": 999999}, {"valued_on": "明天"}):
        assert _post(client, f"{base}/valuations/", body | bad).status_code == 400
    assert Valuation.objects.count() == 0
    first = _post(client, f"{base}/valuations/", body, key="val-1")
    second = _post(client, f"{base}/valuations/", body, key="val-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() and Valuation.objects.count() == 1
    auction = {"asset": house.pk, "start_price": "350000", "deposit": "50000",
               "announced_on": today.isoformat(), "starts_on": (today + 29 * DAY).isoformat()}  # fmt: skip
    soon = _post(client, f"{base}/auctions/", auction)
    assert soon.status_code == 400 and "starts_on" in soon.json()["error"]["fields"]
    assert Auction.objects.count() == 0
    auction["starts_on"] = (today + 30 * DAY).isoformat()
    made = [_post(client, f"{base}/auctions/", auction, key="auc-1") for _ in range(2)]
    assert [r.status_code for r in made] == [201, 201] and Auction.objects.count() == 1
    pk = made[0].json()["id"]
    services_disposal.auction_result(
        actor=enf.executor, auction=Auction.objects.get(pk=pk), sold=False
    )
    assert _post(client, f"{base}/auctions/{pk}/in-kind/", {"consent": False}).status_code == 400
    done = [_post(client, f"{base}/auctions/{pk}/in-kind/", {"consent": True}, "ik-1") for _ in range(2)]  # fmt: skip
    assert [r.status_code for r in done] == [201, 201]
    assert LedgerEntry.objects.filter(kind="in_kind").count() == 1


def test_case_page_offers_the_allowed_forms(enf: Enf) -> None:
    house = _house(enf)
    today = dt.date.today()
    page = f"/enforcement/{house.case_id}/"
    act = f"/enforcement/{house.case_id}/disposal"
    executor = client_for(enf.executor)
    body = executor.get(page).content.decode()
    assert "确定处置参考价" in body and "发布拍卖公告" not in body and "以物抵债" not in body
    assert "确定处置参考价" not in client_for(enf.applicant).get(page).content.decode()
    executor.post(f"{act}/valuation/", {"asset": house.pk, "method": "online", "price": "500000",
                                        "valued_on": today.isoformat(), "reference": "询价1"})  # fmt: skip
    assert Valuation.objects.filter(asset=house, reference="询价1").count() == 1
    assert "发布拍卖公告" in executor.get(page).content.decode()
    short = {"asset": house.pk, "start_price": "350000", "deposit": "50000",
             "announced_on": today.isoformat(), "starts_on": (today + 29 * DAY).isoformat()}  # fmt: skip
    refused = executor.post(f"{act}/auction/", short, follow=True).content.decode()
    assert "30日前发布公告" in refused and Auction.objects.count() == 0
    executor.post(f"{act}/auction/", short | {"starts_on": (today + 30 * DAY).isoformat()})
    auction = Auction.objects.get(asset=house)
    assert "发布拍卖公告" not in executor.get(page).content.decode()
    services_disposal.auction_result(actor=enf.executor, auction=auction, sold=False)
    assert "申请执行人同意" in executor.get(page).content.decode()
    assert client_for(enf.applicant).post(f"{act}/in-kind/", {"auction": auction.pk, "consent": "on"}).status_code == 403  # fmt: skip
    executor.post(f"{act}/in-kind/", {"auction": auction.pk, "consent": "on"})
    assert Asset.objects.get(pk=house.pk).disposal == "in_kind"
    assert "申请执行人同意" not in executor.get(page).content.decode()
