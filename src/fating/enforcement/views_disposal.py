"""The case page's disposal forms: record a valuation, an auction with its notice dates, 以物抵债
after a failed auction. Offered only when the machine and access allow; services decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import DomainError, FieldError
from fating.core.http import page_view
from fating.enforcement import selectors, services_disposal
from fating.enforcement.models import Asset, Auction, EnforcementCase, Valuation
from fating.enforcement.rules.workflow import ENFORCEMENT


def _disposing(case: EnforcementCase) -> bool:
    return case.status == "disposing" or ENFORCEMENT.allows(case.status, "dispose")


def disposal_context(user: Any, case: EnforcementCase) -> dict[str, Any]:
    """Assets that may be valued, auctioned (valued, no pending round) or taken in kind."""
    manage = selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), user, "manage").exists()
    if not manage or not _disposing(case):
        return {"to_value": [], "to_auction": [], "to_take": [], "valuations": []}
    assets = [a for a in case.assets.order_by("pk") if a.kind != "deposit" and not a.disposal]
    valuations = list(case.valuations.select_related("asset").order_by("pk"))
    valued = {v.asset_id for v in valuations}
    last: dict[int, Auction] = {}
    for auction in case.auctions.select_related("asset").order_by("round"):
        last[auction.asset_id] = auction
    free = [a for a in assets if a.pk not in last or last[a.pk].result == Auction.Result.FAILED]
    return {
        "to_value": assets,
        "to_auction": [a for a in free if a.pk in valued],
        "to_take": [last[a.pk] for a in free if a.pk in last],
        "valuations": valuations,
        "valuation_methods": Valuation.Method.choices,
    }


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FieldError({field: _("请填写日期")}) from None


def _money(value: str, field: str) -> Decimal:
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        raise FieldError({field: _("请填写金额（元）")}) from None


@login_required
@require_POST
@page_view
def disposal_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = selectors.case_for(request.user, pk, "manage")
    user, data = request.user, request.POST
    try:
        if name == "in-kind":
            auction = Auction.objects.filter(case=case, pk=data.get("auction") or 0).first()
            if auction is None:
                raise FieldError({"auction": _("请选择流拍的拍卖")})
            services_disposal.settle_in_kind(
                actor=user, auction=auction, consent=data.get("consent") == "on"
            )
        else:
            asset = Asset.objects.filter(case=case, pk=data.get("asset") or 0).first()
            if asset is None:
                raise FieldError({"asset": _("请选择财产")})
            if name == "valuation":
                services_disposal.record_valuation(
                    actor=user, asset=asset, method=data.get("method", ""),
                    price=_money(data.get("price", ""), "price"),
                    valued_on=_date(data.get("valued_on", ""), "valued_on"),
                    reference=data.get("reference", "").strip(),
                )  # fmt: skip
            elif name == "auction":
                services_disposal.record_auction(
                    actor=user, asset=asset, start_price=_money(data.get("start_price", ""), "start_price"),
                    deposit=_money(data.get("deposit", ""), "deposit"),
                    announced_on=_date(data.get("announced_on", ""), "announced_on"),
                    starts_on=_date(data.get("starts_on", ""), "starts_on"),
                    platform_link=data.get("platform_link", "").strip(),
                )  # fmt: skip
            else:
                raise FieldError({"action": _("不支持的操作")})
    except PermissionDenied:
        raise
    except DomainError as exc:
        for message_list in (exc.fields or {"": [exc.message]}).values():
            for message in message_list:
                messages.error(request, message)
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:detail", pk=case.pk)
