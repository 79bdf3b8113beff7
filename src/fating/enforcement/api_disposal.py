"""REST API of disposal: valuations, auctions with their notice dates and results, 以物抵债 with the
difference paid in and the ruling. Thin: services decide."""

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
from fating.enforcement.models import Asset, Auction, EnforcementCase, InKindSettlement, Valuation


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
    pay_by = serializers.DateField(required=False, label="补交期限")


class ResultRequest(serializers.Serializer[dict[str, Any]]):
    result = serializers.ChoiceField(
        choices=[("sold", "成交"), ("failed", "流拍")], label="拍卖结果"
    )
    price = MoneyField(required=False, allow_null=True, allow_zero=False, label="成交价")


class PaymentRequest(serializers.Serializer[dict[str, Any]]):
    amount = MoneyField(label="补交差价", allow_zero=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, label="摘要")


class CancelRequest(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=300, label="撤销理由")


def _valid(body: serializers.Serializer[dict[str, Any]]) -> dict[str, Any]:
    """The request's data, or 400 with each message naming its field (“成交价：…”)."""
    if not body.is_valid():
        labels = {name: f.label for name, f in body.fields.items() if f.label}
        raise FieldError({k: [f"{labels[k]}：{m}" if k in labels else str(m) for m in v]
                          for k, v in body.errors.items()})  # fmt: skip
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
        "result": auction.result, "price": str(auction.price) if auction.price is not None else None,
        "platform_link": auction.platform_link,
    }  # fmt: skip


def settlement_json(settlement: InKindSettlement) -> dict[str, Any]:
    return {
        "id": settlement.pk, "auction": settlement.auction_id, "status": settlement.status,
        "value": str(settlement.value), "claim": str(settlement.claim),
        "credited": str(settlement.credited), "difference": str(settlement.difference),
        "pay_by": settlement.pay_by.isoformat() if settlement.pay_by else None,
        "payment": settlement.payment_id, "credit": settlement.credit_id,
        "document": settlement.document_id,
        "completed_on": settlement.completed_on.isoformat() if settlement.completed_on else None,
    }  # fmt: skip


def _auction(case: EnforcementCase, pk: int) -> Auction:
    found = Auction.objects.filter(case=case, pk=pk).select_related("asset").first()
    if found is None:
        raise FieldError({"auction": "拍卖不存在"})
    return found


def _settlement(auction: Auction) -> InKindSettlement:
    found = selectors.current_settlement(auction)
    if found is None:
        raise FieldError({"auction": "该次拍卖没有办理中的以物抵债"})
    return found


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
    """以物抵债 of a failed round (执行法官): completed with its ruling at once, or waiting for the
    difference the applicant pays in by `pay_by`."""
    case = selectors.case_for(request.user, pk, "decide")
    d = _valid(InKindRequest(data=request.data))
    made = services_disposal.settle_in_kind(
        actor=request.user, auction=_auction(case, auction), consent=d["consent"],
        pay_by=d.get("pay_by"),
    )  # fmt: skip
    return Response(settlement_json(made), status=201)


@extend_schema(responses=dict)
@api_view(["GET"])
def auction_detail(request: Request, pk: int, auction: int) -> Response:
    """One round with its 以物抵债 (if any, not cancelled)."""
    found = _auction(selectors.case_for(request.user, pk), auction)
    current = selectors.current_settlement(found)
    return Response({**auction_json(found),
                     "in_kind": settlement_json(current) if current else None})  # fmt: skip


@extend_schema(request=ResultRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def auction_result(request: Request, pk: int, auction: int) -> Response:
    """The platform's result: sold with its price (booked into the ledger once) or failed."""
    case = selectors.case_for(request.user, pk, "manage")
    d = _valid(ResultRequest(data=request.data))
    sold = d["result"] == "sold"
    if sold and d.get("price") is None:
        raise FieldError({"price": "成交的，请填写成交价"})
    made = services_disposal.auction_result(
        actor=request.user, auction=_auction(case, auction), sold=sold,
        price=d.get("price") if sold else None,
    )  # fmt: skip
    return Response(auction_json(made))


@extend_schema(request=PaymentRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def in_kind_payment(request: Request, pk: int, auction: int) -> Response:
    """The difference the applicant paid in (补交差价), into the ledger once."""
    case = selectors.case_for(request.user, pk, "manage")
    d = _valid(PaymentRequest(data=request.data))
    settlement = _settlement(_auction(case, auction))
    entry = services_disposal.record_in_kind_payment(
        actor=request.user, settlement=settlement, amount=d["amount"], note=d.get("note", "")
    )
    return Response({"id": entry.pk, "kind": entry.kind, "amount": str(entry.amount),
                     "in_kind": settlement.pk}, status=201)  # fmt: skip


@extend_schema(request=None, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def in_kind_complete(request: Request, pk: int, auction: int) -> Response:
    """The 以物抵债裁定 (执行法官), refused (409) while the difference is unpaid."""
    case = selectors.case_for(request.user, pk, "decide")
    done = services_disposal.complete_in_kind(
        actor=request.user, settlement=_settlement(_auction(case, auction))
    )
    return Response(settlement_json(done))


@extend_schema(request=CancelRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def in_kind_cancel(request: Request, pk: int, auction: int) -> Response:
    case = selectors.case_for(request.user, pk, "decide")
    d = _valid(CancelRequest(data=request.data))
    done = services_disposal.cancel_in_kind(
        actor=request.user, settlement=_settlement(_auction(case, auction)), reason=d["reason"]
    )
    return Response(settlement_json(done))
