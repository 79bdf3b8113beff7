"""Disposal: valuation records, auction notice periods, 以物抵债 after a failed auction."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal as D
from typing import Any

import pytest

from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted, NotVisible
from fating.core.models import AuditEvent
from fating.documents.models import DossierEntry
from fating.enforcement import selectors, services, services_disposal
from fating.enforcement.models import Asset, Auction, InKindSettlement, LedgerEntry, Valuation
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


def _house(enf: Enf, amount: str = "300000") -> Asset:
    case = enf.file(amount=amount)
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


def _failed(enf: Enf, house: Asset, start: str = "350000") -> Auction:
    auction = services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                               start_price=D(start), deposit=D("50000"))  # fmt: skip
    services_disposal.auction_result(actor=enf.executor, auction=auction, sold=False)
    return auction


def test_in_kind_refused_before_failure_without_consent_and_to_the_executor(enf: Enf) -> None:
    house = _house(enf)
    first = services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                             start_price=D("350000"), deposit=D("50000"))  # fmt: skip
    with pytest.raises(FieldError) as pending:
        services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True)
    assert "auction" in pending.value.fields
    services_disposal.auction_result(actor=enf.executor, auction=first, sold=False)
    before = _count()
    with pytest.raises(FieldError) as no:
        services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=False)
    assert "consent" in no.value.fields
    with pytest.raises(NotPermitted):  # the 以物抵债裁定 is the 执行法官's
        services_disposal.settle_in_kind(actor=enf.executor, auction=first, consent=True)
    with pytest.raises(NotVisible):
        services_disposal.settle_in_kind(actor=enf.other_executor, auction=first, consent=True)
    with pytest.raises(FieldError) as late:
        services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True,
                                         pay_by=dt.date.today() - DAY)  # fmt: skip
    assert "pay_by" in late.value.fields
    assert _count() == before and not InKindSettlement.objects.exists()


def _ruling_text(document: Any) -> str:
    import io

    from docx import Document as Docx

    from fating.documents.services import open_verified

    return "\n".join(p.text for p in Docx(io.BytesIO(open_verified(document, "docx"))).paragraphs)


def test_in_kind_below_the_claim_is_ruled_at_once(enf: Enf) -> None:
    house = _house(enf, amount="500000")
    first = _failed(enf, house)
    before = _count()
    settlement = services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True)
    assert settlement.status == "completed" and settlement.difference == 0
    assert (settlement.value, settlement.claim, settlement.credited) == (
        D("350000"), D("500000"), D("350000"))  # fmt: skip
    assert settlement.credit is not None and settlement.credit.kind == "in_kind"
    assert settlement.credit.amount == D("350000")
    assert Asset.objects.get(pk=house.pk).disposal == "in_kind"
    # its own event and the document's
    assert AuditEvent.objects.count() == before[3] + 2
    assert AuditEvent.objects.filter(action="enforcement.auction.in_kind").count() == 1
    assert selectors.ledger_totals(house.case)["balance"] == 0
    document = settlement.document
    assert document is not None and document.kind == "enforcement_in_kind_ruling"
    entry = DossierEntry.objects.get(document=document)  # filed in the case's dossier
    assert entry.dossier.matter_id == house.case_id
    text = _ruling_text(document)
    for part in ("执行裁定书", house.case.case_number, "张三", "李四", "350,000.00元",
                 "第四百九十条、第四百九十一条", "所有权自本裁定送达申请执行人张三时起转移", "审判员"):  # fmt: skip
        assert part in text, part
    assert "补交差价" not in text and "拍卖、变卖财产的规定" not in text  # unverified: not cited
    with pytest.raises(FieldError) as twice:
        services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True)
    assert "asset" in twice.value.fields
    with pytest.raises(FieldError):
        services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                         start_price=D("280000"), deposit=D("28000"))  # fmt: skip


def test_in_kind_above_the_claim_waits_for_the_difference(enf: Enf) -> None:
    house = _house(enf)  # owed 300000, the house taken at 350000
    case = house.case
    first = _failed(enf, house)
    settlement = services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True)
    assert settlement.status == "awaiting_payment"
    assert (settlement.claim, settlement.credited, settlement.difference) == (
        D("300000"), D("300000"), D("50000"))  # fmt: skip
    assert settlement.pay_by == dt.date.today() + dt.timedelta(days=disposal.IN_KIND_PAY_DAYS)
    assert settlement.document is None and not Asset.objects.get(pk=house.pk).disposal
    assert not LedgerEntry.objects.filter(kind="in_kind").exists()
    # nothing else happens to the asset meanwhile: no new round, no second settlement
    with pytest.raises(FieldError):
        services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                         start_price=D("280000"), deposit=D("28000"))  # fmt: skip
    with pytest.raises(FieldError):
        services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True)
    before = _count()
    with pytest.raises(InvalidTransition, match=r"尚未补交差价50000\.00元"):
        services_disposal.complete_in_kind(actor=enf.ejudge, settlement=settlement)
    for bad in (D("49999.99"), D("50000.01"), D("0"), D("-1")):
        with pytest.raises(FieldError) as wrong:
            services_disposal.record_in_kind_payment(actor=enf.executor, settlement=settlement,
                                                     amount=bad)  # fmt: skip
        assert "amount" in wrong.value.fields
    with pytest.raises(NotVisible):
        services_disposal.record_in_kind_payment(actor=enf.other_executor, settlement=settlement,
                                                 amount=D("50000"))  # fmt: skip
    assert _count() == before
    entry = services_disposal.record_in_kind_payment(
        actor=enf.executor, settlement=settlement, amount=D("50000"), note="银行流水1"
    )
    again = services_disposal.record_in_kind_payment(
        actor=enf.executor, settlement=settlement, amount=D("50000")
    )
    assert again.pk == entry.pk and entry.kind == "difference" and entry.note == "银行流水1"
    assert selectors.ledger_totals(case)["balance"] == D("50000")  # money in, held
    with pytest.raises(InvalidTransition):  # paid: the ruling is due, not a cancellation
        services_disposal.cancel_in_kind(actor=enf.ejudge, settlement=settlement, reason="x")
    with pytest.raises(NotPermitted):
        services_disposal.complete_in_kind(actor=enf.executor, settlement=settlement)
    done = services_disposal.complete_in_kind(actor=enf.ejudge, settlement=settlement)
    assert done.status == "completed" and done.credit is not None
    assert done.credit.amount == D("300000")  # the debt, not the value
    assert Asset.objects.get(pk=house.pk).disposal == "in_kind"
    text = _ruling_text(done.document)
    assert "补交差价50,000.00元" in text and "抵偿债务300,000.00元" in text
    with pytest.raises(InvalidTransition):
        services_disposal.complete_in_kind(actor=enf.ejudge, settlement=done)
    # The difference pays the 申请执行费; the applicant had everything in kind: 执行完毕.
    case.parties.filter(role="applicant").update(bank_verified=True)
    made = services.pay_out(actor=enf.executor, case=case)
    assert [(e.kind, e.amount) for e in made] == [("fee", case.fee)]
    closed = services.close_case(actor=enf.executor, case=case, action="complete")
    assert closed.status == "completed"


def test_in_kind_cancelled_frees_the_asset_and_a_changed_ledger_refuses_the_ruling(
    enf: Enf,
) -> None:
    house = _house(enf)
    case = house.case
    first = _failed(enf, house)
    settlement = services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True)
    with pytest.raises(FieldError) as empty:
        services_disposal.cancel_in_kind(actor=enf.ejudge, settlement=settlement, reason=" ")
    assert "reason" in empty.value.fields
    with pytest.raises(NotPermitted):
        services_disposal.cancel_in_kind(actor=enf.executor, settlement=settlement, reason="逾期")
    cancelled = services_disposal.cancel_in_kind(
        actor=enf.ejudge, settlement=settlement, reason="申请执行人逾期未补交差价"
    )
    assert cancelled.status == "cancelled" and not Asset.objects.get(pk=house.pk).disposal
    # settled again on the same round, then money comes in before the ruling
    again = services_disposal.settle_in_kind(actor=enf.ejudge, auction=first, consent=True)
    services.record_receipt(actor=enf.executor, case=case, kind="voluntary", amount=D("10000"),
                            key="v1")  # fmt: skip
    services_disposal.record_in_kind_payment(actor=enf.executor, settlement=again,
                                             amount=D("50000"))  # fmt: skip
    with pytest.raises(InvalidTransition, match="请撤销本次以物抵债后重新办理"):
        services_disposal.complete_in_kind(actor=enf.ejudge, settlement=again)
    assert InKindSettlement.objects.get(pk=again.pk).status == "awaiting_payment"
    assert not LedgerEntry.objects.filter(kind="in_kind").exists()


@pytest.mark.parametrize(
    ("value", "owed", "paid_out", "before", "held", "claim", "credited", "difference"),
    [
        ("350000", "300000", "0", "0", "0", "300000", "300000", "50000"),
        ("250000", "300000", "0", "0", "0", "300000", "250000", "0"),
        ("300000", "300000", "0", "0", "0", "300000", "300000", "0"),  # the edge: equal
        ("300000.01", "300000", "0", "0", "0", "300000", "300000", "0.01"),
        ("250000", "300000", "0", "0", "80000", "220000", "220000", "30000"),  # money held
        ("100000", "300000", "100000", "50000", "0", "150000", "100000", "0"),
        ("100000", "300000", "0", "0", "-5", "300000", "100000", "0"),  # no negative held
        ("100000", "300000", "300000", "0", "0", "0", "0", "100000"),  # nothing owed
        ("333333.33", "333333.34", "0", "0", "0", "333333.34", "333333.33", "0"),
    ],
)
def test_in_kind_terms(
    value: str, owed: str, paid_out: str, before: str, held: str, claim: str, credited: str,
    difference: str,
) -> None:  # fmt: skip
    terms = disposal.in_kind_terms(value=D(value), owed=D(owed), paid_out=D(paid_out),
                                   credited_before=D(before), held=D(held))  # fmt: skip
    assert (terms.claim, terms.credited, terms.difference) == (D(claim), D(credited), D(difference))
    assert terms.credited + terms.difference == terms.value
    assert {t.as_tuple().exponent for t in (terms.claim, terms.credited, terms.difference)} == {-2}


def test_pay_by_edges() -> None:
    today = dt.date(2026, 3, 1)
    assert disposal.pay_by_problem(today, today) is None
    assert disposal.pay_by_problem(today - DAY, today) is not None
    assert disposal.pay_by_problem(today + 90 * DAY, today) is None
    assert disposal.pay_by_problem(today + 91 * DAY, today) is not None


# -- API: permission rows and idempotent retry ------------------------------------------------


def _people(enf: Enf) -> dict[str, Any]:
    return {**enf.net.users, "executor": enf.executor, "ejudge": enf.ejudge,
            "other_executor": enf.other_executor, "applicant": enf.applicant}  # fmt: skip


# persona -> (POST valuations, POST auctions, GET auction, POST result, POST in-kind)
MATRIX = {
    "ejudge": (201, 201, 200, 200, 201),
    "executor": (201, 201, 200, 200, 403),  # the 以物抵债裁定 is the 执行法官's
    "court_admin": (403, 403, 200, 403, 403),
    "applicant": (403, 403, 200, 403, 403),
    "other_executor": (404, 404, 404, 404, 404),
    "other_admin": (404, 404, 404, 404, 404),
    "judge": (404, 404, 404, 404, 404),
    "outsider": (404, 404, 404, 404, 404),
    "cross": (404, 404, 404, 404, 404),
}


def _post(client: Any, url: str, body: dict[str, Any], key: str = "") -> Any:
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", **extra)


def test_api_permission_rows(enf: Enf) -> None:
    people = _people(enf)
    today = dt.date.today()
    got = {}
    for name in MATRIX:
        house, other, third = _house(enf), _house(enf), _house(enf)
        failed = _failed(enf, other)
        pending = services_disposal.record_auction(actor=enf.executor, asset=third, valuation=D("500000"),
                                                   start_price=D("350000"), deposit=D("50000"))  # fmt: skip
        base = f"/api/v1/enforcement/cases/{house.case_id}"
        client = client_for(people[name])
        got[name] = (
            _post(client, f"{base}/valuations/", {"asset": house.pk, "method": "online",
                  "price": "500000", "valued_on": today.isoformat()}).status_code,
            _post(client, f"{base}/auctions/", {"asset": house.pk, "start_price": "350000",
                  "deposit": "50000", "announced_on": today.isoformat(),
                  "starts_on": (today + 30 * DAY).isoformat()}).status_code,
            client.get(f"/api/v1/enforcement/cases/{other.case_id}/auctions/{failed.pk}/").status_code,
            _post(client, f"/api/v1/enforcement/cases/{third.case_id}/auctions/{pending.pk}/result/",
                  {"result": "failed"}).status_code,
            _post(client, f"/api/v1/enforcement/cases/{other.case_id}/auctions/{failed.pk}/in-kind/",
                  {"consent": True}).status_code,
        )  # fmt: skip
    assert got == MATRIX
    assert Valuation.objects.filter(method="online").count() == 2
    assert InKindSettlement.objects.count() == 1


# persona -> (POST payment of a wrong amount, POST complete while unpaid, POST cancel, no reason):
# nothing is written whoever asks; the codes show who may.
IN_KIND_MATRIX = {
    "ejudge": (400, 409, 400),
    "executor": (400, 403, 403),
    "court_admin": (403, 403, 403),
    "applicant": (403, 403, 403),
    "other_executor": (404, 404, 404),
    "judge": (404, 404, 404),
    "cross": (404, 404, 404),
}


def test_api_in_kind_rows(enf: Enf) -> None:
    people = _people(enf)
    house = _house(enf)
    failed = _failed(enf, house)
    services_disposal.settle_in_kind(actor=enf.ejudge, auction=failed, consent=True)
    base = f"/api/v1/enforcement/cases/{house.case_id}/auctions/{failed.pk}/in-kind"
    before = _count()
    got = {}
    for name in IN_KIND_MATRIX:
        client = client_for(people[name])
        got[name] = (
            _post(client, f"{base}/payment/", {"amount": "1"}).status_code,
            _post(client, f"{base}/complete/", {}).status_code,
            _post(client, f"{base}/cancel/", {"reason": ""}).status_code,
        )
    assert got == IN_KIND_MATRIX
    assert _count() == before


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
    url = f"{base}/auctions/{pk}"
    for bad, field in (({"result": "maybe"}, "result"), ({"result": "sold"}, "price"),
                       ({"result": "sold", "price": "349999.99"}, "price"),
                       ({"result": "sold", "price": "1e9999"}, "price")):  # fmt: skip
        refused = _post(client, f"{url}/result/", bad)
        assert refused.status_code == 400, bad
        messages = refused.json()["error"]["fields"][field]
        assert any(("成交价" if field == "price" else "拍卖结果") in m for m in messages), messages
    assert Auction.objects.get(pk=pk).result == "pending" and not LedgerEntry.objects.exists()
    result = [_post(client, f"{url}/result/", {"result": "failed"}, "res-1") for _ in range(2)]
    assert [r.status_code for r in result] == [200, 200] and result[0].json()["result"] == "failed"
    assert _post(client, f"{url}/result/", {"result": "failed"}).status_code == 409
    judge = client_for(enf.ejudge)
    assert _post(judge, f"{url}/in-kind/", {"consent": False}).status_code == 400
    assert (
        _post(judge, f"{url}/in-kind/", {"consent": True, "pay_by": "2000-01-01"}).status_code
        == 400
    )
    done = [_post(judge, f"{url}/in-kind/", {"consent": True}, "ik-1") for _ in range(2)]
    assert [r.status_code for r in done] == [201, 201] and done[0].json() == done[1].json()
    assert (
        done[0].json()["status"] == "awaiting_payment"
        and done[0].json()["difference"] == "50000.00"
    )
    assert InKindSettlement.objects.count() == 1
    assert _post(judge, f"{url}/in-kind/complete/", {}).status_code == 409  # unpaid
    assert _post(client, f"{url}/in-kind/payment/", {"amount": "49999.99"}).status_code == 400
    paid = [
        _post(client, f"{url}/in-kind/payment/", {"amount": "50000"}, "pay-1") for _ in range(2)
    ]
    assert [r.status_code for r in paid] == [201, 201]
    assert LedgerEntry.objects.filter(kind="difference").count() == 1
    ruled = _post(judge, f"{url}/in-kind/complete/", {})
    assert (
        ruled.status_code == 200
        and ruled.json()["status"] == "completed"
        and ruled.json()["document"]
    )
    assert LedgerEntry.objects.filter(kind="in_kind").get().amount == D("300000")
    detail = client.get(f"{url}/").json()
    assert (
        detail["in_kind"]["status"] == "completed" and detail["in_kind"]["credited"] == "300000.00"
    )


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
    judge = client_for(enf.ejudge)
    assert "申请执行人同意" in judge.get(page).content.decode()
    assert "申请执行人同意" not in executor.get(page).content.decode()  # the judge's ruling
    take = {"auction": auction.pk, "consent": "on"}
    assert client_for(enf.applicant).post(f"{act}/in-kind/", take).status_code == 403
    assert executor.post(f"{act}/in-kind/", take).status_code == 403
    judge.post(f"{act}/in-kind/", take)
    assert InKindSettlement.objects.get(auction=auction).status == "awaiting_payment"
    assert "申请执行人同意" not in judge.get(page).content.decode()
    assert f"/enforcement/auctions/{auction.pk}/" in judge.get(page).content.decode()


def test_auction_page_records_the_result_with_errors_naming_the_field(enf: Enf) -> None:
    house = _house(enf)
    auction = services_disposal.record_auction(actor=enf.executor, asset=house, valuation=D("500000"),
                                               start_price=D("350000"), deposit=D("50000"))  # fmt: skip
    executor = client_for(enf.executor)
    case_page = executor.get(f"/enforcement/{house.case_id}/").content.decode()
    page = f"/enforcement/auctions/{auction.pk}/"
    assert page in case_page and "待记录结果" in case_page
    shown = executor.get(page).content.decode()
    assert "记录拍卖结果" in shown and "350000.00" in shown
    assert "记录拍卖结果" not in client_for(enf.applicant).get(page).content.decode()
    act = f"{page}result/"
    for body, words in (({}, "请选择拍卖结果"), ({"result": "sold"}, "请填写成交价"),
                        ({"result": "sold", "price": "三十万"}, "成交价须为金额"),
                        ({"result": "sold", "price": "349999.99"}, "成交价不得低于起拍价")):  # fmt: skip
        refused = executor.post(act, body)
        assert refused.status_code == 400, body
        html = refused.content.decode()
        assert words in html and 'aria-invalid="true"' in html, body
    assert Auction.objects.get(pk=auction.pk).result == "pending"
    assert not LedgerEntry.objects.exists()
    assert client_for(enf.applicant).post(act, {"result": "failed"}).status_code == 403
    assert client_for(enf.other_executor).post(act, {"result": "failed"}).status_code == 404
    done = executor.post(act, {"result": "sold", "price": "360000"}, follow=True)
    assert "已办理" in done.content.decode()
    auction.refresh_from_db()
    assert (auction.result, auction.price) == ("sold", D("360000"))
    assert LedgerEntry.objects.get(kind="auction").amount == D("360000")
    assert "记录拍卖结果" not in executor.get(page).content.decode()
    again = executor.post(act, {"result": "failed"}, follow=True).content.decode()
    assert "该次拍卖已有结果" in again


def test_auction_page_takes_the_asset_in_kind_with_the_difference(enf: Enf) -> None:
    house = _house(enf)
    auction = _failed(enf, house)
    page = f"/enforcement/auctions/{auction.pk}/"
    judge, executor = client_for(enf.ejudge), client_for(enf.executor)
    shown = judge.get(page).content.decode()
    assert "应补交差价" in shown and "50000.00" in shown and "300000.00" in shown
    assert "确定抵债条件" not in executor.get(page).content.decode()
    refused = judge.post(f"{page}in-kind/", {"pay_by": "2000-01-01"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "申请执行人同意" in html and "补交差价的期限不得早于今天" in html
    assert not InKindSettlement.objects.exists()
    judge.post(f"{page}in-kind/", {"consent": "on"})
    settlement = InKindSettlement.objects.get()
    shown = executor.get(page).content.decode()
    assert "待补交差价" in shown and "记入执行款" in shown and f"{page}complete/" not in shown
    refused = executor.post(f"{page}pay/", {"amount": "5000"})
    assert refused.status_code == 400 and "补交差价须为50000.00元" in refused.content.decode()
    assert executor.post(f"{page}complete/").status_code == 403
    executor.post(f"{page}pay/", {"amount": "50000", "note": "流水9"})
    assert LedgerEntry.objects.get(kind="difference").note == "流水9"
    assert f"{page}complete/" in judge.get(page).content.decode()
    judge.post(f"{page}complete/")
    settlement.refresh_from_db()
    assert settlement.status == "completed" and settlement.document is not None
    final = judge.get(page).content.decode()
    assert "已裁定抵债" in final and f"/documents/{settlement.document.pk}/" in final
    for user in (enf.ejudge, enf.executor, enf.applicant, enf.net.users["court_admin"]):
        client = client_for(user)
        html = client.get(page).content.decode()
        for link in set(re.findall(r'href="(/[^"#]*)"', html)):
            if link.startswith(("/static/", "/logout", "/i18n/")):
                continue
            assert client.get(link.replace("&amp;", "&")).status_code == 200, (user, link)
