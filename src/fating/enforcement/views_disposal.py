"""The case page's disposal forms (record a valuation, an auction with its notice dates, 以物抵债
after a failed auction) and the auction's own page: its result (sold with the price, or failed)
and its 以物抵债 with the terms, the difference paid in and the ruling. Offered only when the
machine and access allow; services decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import DomainError, FieldError, NotPermitted, NotVisible
from fating.core.http import page_view
from fating.core.idempotency import idempotent_page
from fating.enforcement import selectors, services_disposal
from fating.enforcement.models import Asset, Auction, EnforcementCase, InKindSettlement, Valuation
from fating.enforcement.rules import disposal
from fating.enforcement.rules.workflow import ENFORCEMENT


def _disposing(case: EnforcementCase) -> bool:
    return case.status == "disposing" or ENFORCEMENT.allows(case.status, "dispose")


def disposal_context(user: Any, case: EnforcementCase) -> dict[str, Any]:
    """Assets that may be valued, auctioned (valued, no pending round) or taken in kind."""
    manage = selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), user, "manage").exists()
    decide = selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), user, "decide").exists()
    if not manage or not _disposing(case):
        return {"to_value": [], "to_auction": [], "to_take": [], "valuations": []}
    assets = [a for a in case.assets.order_by("pk") if a.kind != "deposit" and not a.disposal]
    valuations = list(case.valuations.select_related("asset").order_by("pk"))
    valued = {v.asset_id for v in valuations}
    last: dict[int, Auction] = {}
    for auction in case.auctions.select_related("asset").order_by("round"):
        last[auction.asset_id] = auction
    taking = set(
        InKindSettlement.objects.filter(
            case=case, status=InKindSettlement.Status.AWAITING_PAYMENT
        ).values_list("auction__asset_id", flat=True)
    )
    free = [a for a in assets if a.pk not in taking
            and (a.pk not in last or last[a.pk].result == Auction.Result.FAILED)]  # fmt: skip
    return {
        "to_value": assets,
        "to_auction": [a for a in free if a.pk in valued],
        "to_take": [last[a.pk] for a in free if a.pk in last] if decide else [],
        "valuations": valuations,
        "valuation_methods": Valuation.Method.choices,
    }


def _date(value: str, field: str, label: str = "") -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        if label:
            raise FieldError(
                {field: _("%(label)s须为日期，如2026-03-01") % {"label": label}}
            ) from None
        raise FieldError({field: _("请填写日期")}) from None


def _money(value: str, field: str, label: str = "") -> Decimal:
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        if label:
            raise FieldError({field: _("%(label)s须为金额（元）") % {"label": label}}) from None
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
            messages.info(request, _("以物抵债的条件、补交差价和裁定书见拍卖页面。"))
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
    except (PermissionDenied, NotVisible, NotPermitted):
        raise
    except DomainError as exc:
        for message_list in (exc.fields or {"": [exc.message]}).values():
            for message in message_list:
                messages.error(request, message)
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:detail", pk=case.pk)


# -- the auction's page ----------------------------------------------------------------------

#: The fields each form of the auction page shows a refusal next to; a refusal about anything
#: else (the auction, the asset, the ledger) is a message at the top of the page.
FORM_FIELDS = {
    "result": ("result", "price"), "in-kind": ("consent", "pay_by"), "pay": ("amount", "note"),
    "cancel": ("reason",),
}  # fmt: skip


def _auction_context(user: Any, auction: Auction) -> dict[str, Any]:
    case = auction.case
    qs = EnforcementCase.objects.filter(pk=case.pk)
    manage = selectors.restrict(qs, user, "manage").exists()
    decide = selectors.restrict(qs, user, "decide").exists()
    asset = auction.asset
    last = asset.auctions.order_by("-round").first()
    current = selectors.current_settlement(auction)
    may_settle = (
        decide and auction.result == Auction.Result.FAILED and last is not None
        and last.pk == auction.pk and not asset.disposal and current is None and _disposing(case)
    )  # fmt: skip
    waiting = current is not None and current.status == InKindSettlement.Status.AWAITING_PAYMENT
    paid = waiting and current is not None and current.payment_id is not None
    today = timezone.localdate()
    return {
        "auction": auction, "case": case, "asset": asset, "manage": manage,
        "rounds": asset.auctions.order_by("round"),
        "may_record_result": manage and auction.result == Auction.Result.PENDING,
        "may_settle": may_settle,
        "terms": selectors.in_kind_terms(case, auction) if may_settle else None,
        "pay_by_default": today + dt.timedelta(days=disposal.IN_KIND_PAY_DAYS), "today": today,
        "settlement": current,
        "cancelled": auction.in_kind_settlements.filter(
            status=InKindSettlement.Status.CANCELLED).order_by("pk") if manage else [],
        "may_pay": manage and waiting and not paid,
        "may_complete": decide and paid,
        "may_cancel": decide and waiting and not paid,
        "state_label": disposal.IN_KIND.state_label(current.status) if current else "",
    }  # fmt: skip


def _show_auction(
    request: HttpRequest, auction: Auction, *, form: str = "", errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:  # fmt: skip
    return render(request, "enforcement/auction.html", {
        **_auction_context(request.user, auction), "form": form, "e": errors or {},
        "v": request.POST if errors else {},
    }, status=status)  # fmt: skip


@login_required
@page_view
def auction_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One auction round: prices, notice dates, the platform's link and result; the form for the
    result while it is pending; its 以物抵债 (terms, the difference, the ruling)."""
    return _show_auction(request, selectors.auction_for(request.user, pk))


AUCTION_FORMS = ("result", "in-kind", "pay", "complete", "cancel")


def _settlement(auction: Auction) -> InKindSettlement:
    found = selectors.current_settlement(auction)
    if found is None:
        raise FieldError({"auction": _("该次拍卖没有办理中的以物抵债")})
    return found


@login_required
@require_POST
@page_view
@idempotent_page
def auction_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The forms of the auction's page. A refusal with fields shows the page again (400) with
    each message next to its field and the values kept; another refusal is a message."""
    auction = selectors.auction_for(request.user, pk)
    user, data = request.user, request.POST
    try:
        if name == "result":
            outcome = data.get("result", "")
            if outcome not in ("sold", "failed"):
                raise FieldError({"result": _("请选择拍卖结果：成交或流拍")})
            if outcome == "sold" and not data.get("price", "").strip():
                raise FieldError({"price": _("成交的，请填写成交价（元）")})
            price = _money(data["price"], "price", _("成交价")) if outcome == "sold" else None
            services_disposal.auction_result(actor=user, auction=auction, sold=outcome == "sold",
                                             price=price)  # fmt: skip
        elif name == "in-kind":
            raw = data.get("pay_by", "").strip()
            services_disposal.settle_in_kind(
                actor=user, auction=auction, consent=data.get("consent") == "on",
                pay_by=_date(raw, "pay_by", _("补交期限")) if raw else None,
            )  # fmt: skip
        elif name == "pay":
            services_disposal.record_in_kind_payment(
                actor=user, settlement=_settlement(auction),
                amount=_money(data.get("amount", ""), "amount", _("补交差价")),
                note=data.get("note", ""),
            )  # fmt: skip
        elif name == "complete":
            services_disposal.complete_in_kind(actor=user, settlement=_settlement(auction))
        elif name == "cancel":
            services_disposal.cancel_in_kind(actor=user, settlement=_settlement(auction),
                                             reason=data.get("reason", ""))  # fmt: skip
        else:
            raise FieldError({"action": _("不支持的操作")})
    except (NotVisible, NotPermitted):
        raise
    except FieldError as exc:
        shown = FORM_FIELDS.get(name, ())
        for field, message_list in exc.fields.items():
            if field not in shown:
                for message in message_list:
                    messages.error(request, message)
        inline = {k: v for k, v in exc.fields.items() if k in shown}
        if inline:
            auction.refresh_from_db()
            return _show_auction(request, auction, form=name, errors=inline, status=400)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:auction", pk=auction.pk)
