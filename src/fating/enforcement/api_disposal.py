"""REST API of disposal: valuations, auctions with their notice dates, 以物抵债. Thin: services decide."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError
from fating.core.fields import MoneyField
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.enforcement import selectors, services_disposal
from fating.enforcement.models import Asset, Auction, EnforcementCase, Valuation


class ValuationRequest(serializers.Serializer[dict[str, Any]]):
    asset = serializers.IntegerField(min_value=1, max_value=2**31 - 1, label="财产")
    method = serializers.ChoiceField(choices=Valuation.Method.choices, label="确定方式")
    price = MoneyField(label="参考价", allow_zero=False)
    valued_on = serializers.DateField(label="确定日期")
    reference = serializers.CharField(required=False, allow_blank=True, max_length=100)


class AuctionRequest(serializers.Serializer[dict[str, Any]]):
    asset = serializers.IntegerField(min_value=1, max_value=2**31 - 1, label="财产")
    appraisal = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, label="参考价记录"
    )
    start_price = MoneyField(label="起拍价", allow_zero=False)
    deposit = MoneyField(label="保证金", allow_zero=False)
    announced_on = serializers.DateField(label="公告日期")
    starts_on = serializers.DateField(label="拍卖开始日")
    platform_link = serializers.CharField(required=False, allow_blank=True, max_length=200)


class InKindRequest(serializers.Serializer[dict[str, Any]]):
    consent = serializers.BooleanField(label="申请执行人同意")


def _valid(body: serializers.Serializer[dict[str, Any]]) -> dict[str, Any]:
    if not body.is_valid():
        raise FieldError({k: [str(m) for m in v] for k, v in body.errors.items()})
    return dict(body.validated_data)


def _asset(case: EnforcementCase, pk: int) -> Asset:
    asset = Asset.objects.filter(case=case, pk=pk).first()
    if asset is None:
        raise FieldError({"asset": "财产不存在"})
    return asset


def auction_json(auction: Auction) -> dict[str, Any]:
    return {
        "id": auction.pk, "asset": auction.asset_id, "round": auction.round,
        "appraisal": auction.appraisal_id, "valuation": str(auction.valuation),
        "start_price": str(auction.start_price), "deposit": str(auction.deposit),
        "announced_on": auction.announced_on.isoformat() if auction.announced_on else None,
        "starts_on": auction.starts_on.isoformat() if auction.starts_on else None,
        "result": auction.result,
    }  # fmt: skip


@extend_schema(request=ValuationRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def valuation_create(request: Request, pk: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    d = _valid(ValuationRequest(data=request.data))
    made = services_disposal.record_valuation(
        actor=request.user, asset=_asset(case, d["asset"]), method=d["method"],
        price=d["price"], valued_on=d["valued_on"], reference=d.get("reference", ""),
    )  # fmt: skip
    return Response({"id": made.pk, "asset": made.asset_id, "method": made.method,
                     "price": str(made.price), "valued_on": made.valued_on.isoformat()}, status=201)  # fmt: skip


@extend_schema(request=AuctionRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def auction_create(request: Request, pk: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    d = _valid(AuctionRequest(data=request.data))
    asset = _asset(case, d["asset"])
    appraisal = None
    if d.get("appraisal"):
        appraisal = Valuation.objects.filter(asset=asset, pk=d["appraisal"]).first()
        if appraisal is None:
            raise FieldError({"appraisal": "参考价记录不存在"})
    made = services_disposal.record_auction(
        actor=request.user, asset=asset, appraisal=appraisal, start_price=d["start_price"],
        deposit=d["deposit"], announced_on=d["announced_on"], starts_on=d["starts_on"],
        platform_link=d.get("platform_link", ""),
    )  # fmt: skip
    return Response(auction_json(made), status=201)


@extend_schema(request=InKindRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def auction_in_kind(request: Request, pk: int, auction: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    d = _valid(InKindRequest(data=request.data))
    found = Auction.objects.filter(case=case, pk=auction).first()
    if found is None:
        raise FieldError({"auction": "拍卖不存在"})
    entry = services_disposal.settle_in_kind(
        actor=request.user, auction=found, consent=d["consent"]
    )
    return Response({"id": entry.pk, "kind": entry.kind, "amount": str(entry.amount),
                     "asset": found.asset_id}, status=201)  # fmt: skip
