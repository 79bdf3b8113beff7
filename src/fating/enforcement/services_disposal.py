"""Disposal of seized property (网络司法拍卖): the valuation that fixes the reference price, the
auction rounds with their notice periods and price rules, the result, and 以物抵债 after a failed
round. The shared guards (_require, _lock, _move, _check_amount) are enforcement.services'."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition
from fating.enforcement.models import Asset, Auction, EnforcementCase, LedgerEntry, Valuation
from fating.enforcement.rules import disposal, measures
from fating.enforcement.rules.workflow import ENFORCEMENT
from fating.enforcement.services import _check_amount, _lock, _move, _require, _today


def _check_valuation(
    *, asset: Asset, method: str, price: Decimal, valued_on: Any, reference: str
) -> None:
    """Refuse a bad valuation before anything is written (field → Chinese sentence)."""
    _check_amount(price, "valuation", "参考价")
    if method not in Valuation.Method.values:
        raise FieldError({"method": "确定参考价的方式须为当事人议价、定向询价、网络询价或委托评估"})
    if not isinstance(valued_on, dt.date) or valued_on > _today():
        raise FieldError({"valued_on": "请填写不晚于今天的确定日期"})
    if len(reference) > 100:
        raise FieldError({"reference": "报告或文书编号不超过100字"})
    if asset.disposal:
        raise FieldError({"asset": "该财产已处置"})


def _new_valuation(
    *, asset: Asset, method: str, price: Decimal, valued_on: dt.date, reference: str
) -> Valuation:
    return Valuation.objects.create(case_id=asset.case_id, asset=asset, method=method, price=price,
                                    valued_on=valued_on, reference=reference)  # fmt: skip


@transaction.atomic
def record_valuation(
    *, actor: Any, asset: Asset, method: str, price: Decimal, valued_on: dt.date,
    reference: str = "",
) -> Valuation:  # fmt: skip
    """The asset's reference price 处置参考价 before its auction (议价, 定向询价, 网络询价, 委托评估)."""
    asset = Asset.objects.get(pk=asset.pk)
    case = EnforcementCase.objects.get(pk=asset.case_id)
    _require(actor, case)
    _check_valuation(
        asset=asset, method=method, price=price, valued_on=valued_on, reference=reference
    )
    valuation = _new_valuation(asset=asset, method=method, price=price, valued_on=valued_on,
                               reference=reference)  # fmt: skip
    record_event(actor=actor, action="enforcement.valuation.create", target=valuation,
                 after={"asset": asset.pk, "method": method, "price": str(price)})  # fmt: skip
    return valuation


@transaction.atomic
def record_auction(
    *, actor: Any, asset: Asset, start_price: Decimal, deposit: Decimal,
    valuation: Decimal | None = None, appraisal: Valuation | None = None,
    valuation_method: str = Valuation.Method.APPRAISAL, platform_link: str = "",
    announced_on: dt.date | None = None, starts_on: dt.date | None = None,
) -> Auction:  # fmt: skip
    """A new auction round, checked against the price rules (网络司法拍卖规定 第10、17、26条) and the
    notice period. Its valuation comes from a recorded `appraisal` of the asset; a valuation passed
    directly is first recorded as one (method `valuation_method`, dated today), in this service."""
    asset = Asset.objects.get(pk=asset.pk)
    case = EnforcementCase.objects.get(pk=asset.case_id)
    _require(actor, case)
    if appraisal is not None:
        if appraisal.asset_id != asset.pk:
            raise FieldError({"appraisal": "参考价记录不属于该财产"})
        valuation = appraisal.price
    elif valuation is None:
        latest = asset.valuations.order_by("-valued_on", "-pk").first()
        if latest is None:
            raise FieldError({"valuation": "拍卖前须先确定处置参考价"})
        appraisal, valuation = latest, latest.price
    else:
        _check_valuation(asset=asset, method=valuation_method, price=valuation,
                         valued_on=_today(), reference="")  # fmt: skip
    for name, value in (
        ("valuation", valuation),
        ("start_price", start_price),
        ("deposit", deposit),
    ):
        _check_amount(value, name)
    if asset.disposal:
        raise FieldError({"asset": "该财产已处置"})
    if len(platform_link) > 200 or (platform_link and not platform_link.startswith("https://")):
        raise FieldError({"platform_link": "平台链接须为 https 地址，不超过200字"})
    if (announced_on is None) != (starts_on is None):
        field = "announced_on" if announced_on is None else "starts_on"
        raise FieldError({field: "公告日期和拍卖开始日须同时填写"})
    if announced_on is not None and starts_on is not None:
        late = disposal.notice_problems(asset_kind=asset.kind, announced_on=announced_on,
                                        starts_on=starts_on)  # fmt: skip
        if late:
            raise FieldError(late)
    previous = asset.auctions.order_by("-round").first()
    if previous is not None and previous.result != Auction.Result.FAILED:
        raise InvalidTransition("上一次拍卖未流拍，不能再次拍卖。")
    problems = measures.auction_price_problems(
        valuation=valuation, start_price=start_price, deposit=deposit,
        previous_start=previous.start_price if previous else None,
    )  # fmt: skip
    if problems:
        raise FieldError(problems)
    case = _lock(case)
    before = case.status
    if ENFORCEMENT.allows(case.status, "dispose"):
        _move(case, "dispose")
        case.save(update_fields=["status", "updated_at"])
    elif case.status != "disposing":
        ENFORCEMENT.target(case.status, "dispose")
    if appraisal is None:
        appraisal = _new_valuation(asset=asset, method=valuation_method, price=valuation,
                                   valued_on=_today(), reference="")  # fmt: skip
    auction = Auction.objects.create(
        case=case, asset=asset, round=(previous.round + 1) if previous else 1, valuation=valuation,
        appraisal=appraisal, start_price=start_price, deposit=deposit, platform_link=platform_link,
        announced_on=announced_on, starts_on=starts_on,
    )  # fmt: skip
    record_event(actor=actor, action="enforcement.auction.create", target=auction,
                 before={"status": before},
                 after={"round": auction.round, "start_price": str(start_price),
                        "valuation": appraisal.pk})  # fmt: skip
    return auction


@transaction.atomic
def settle_in_kind(*, actor: Any, auction: Auction, consent: bool) -> LedgerEntry:
    """以物抵债 after a failed auction (民诉法解释 第490条): with the applicant's consent the asset is
    taken at the failed round's reserve price (起拍价 = 保留价); the ledger credits that value against
    the debt (no cash, never paid out) and the asset is marked disposed."""
    case = EnforcementCase.objects.get(pk=auction.case_id)
    _require(actor, case)
    case = _lock(case)
    asset = Asset.objects.select_for_update().get(pk=auction.asset_id)
    last = asset.auctions.order_by("-round").first()
    problems = disposal.in_kind_problems(
        last_result=last.result if last is not None and last.pk == auction.pk else None,
        consent=consent is True, disposed=bool(asset.disposal),
    )  # fmt: skip
    if problems:
        raise FieldError(problems)
    asset.disposal = "in_kind"
    asset.save(update_fields=["disposal", "updated_at"])
    entry = LedgerEntry.objects.create(
        case=case, kind=LedgerEntry.Kind.IN_KIND, amount=auction.start_price,
        key=f"inkind:asset:{asset.pk}",
        note=f"第{auction.round}次拍卖流拍，以保留价以物抵债（民诉法解释 第490条）",
    )  # fmt: skip
    record_event(actor=actor, action="enforcement.auction.in_kind", target=auction,
                 after={"asset": asset.pk, "credited": str(auction.start_price)})  # fmt: skip
    return entry


@transaction.atomic
def auction_result(
    *, actor: Any, auction: Auction, sold: bool, price: Decimal | None = None
) -> Auction:
    """The platform's result: sold (the proceeds go into the ledger once) or failed."""
    _require(actor, auction.case)
    auction = Auction.objects.select_for_update().get(pk=auction.pk)
    if auction.result != Auction.Result.PENDING:
        raise InvalidTransition("该次拍卖已有结果。")
    if sold:
        if price is None:
            raise FieldError({"price": "请填写成交价"})
        _check_amount(price, "price", "成交价")
        if price < auction.start_price:
            raise FieldError({"price": "成交价不得低于起拍价"})
        auction.result, auction.price = Auction.Result.SOLD, price
        Asset.objects.filter(pk=auction.asset_id).update(disposal="sold")
        LedgerEntry.objects.create(case=auction.case, kind=LedgerEntry.Kind.AUCTION, amount=price,
                                   key=f"in:auction:{auction.pk}", note=f"第{auction.round}次拍卖成交")  # fmt: skip
    else:
        auction.result = Auction.Result.FAILED
    auction.save(update_fields=["result", "price", "updated_at"])
    record_event(actor=actor, action="enforcement.auction.result", target=auction,
                 after={"result": auction.result, "price": str(price) if price else None})  # fmt: skip
    return auction
