"""Disposal of seized property (网络司法拍卖): the valuation that fixes the reference price, the
auction rounds with their notice periods and price rules, the result, and 以物抵债 after a failed
round with the difference the applicant pays in and the ruling. The shared guards (_require,
_lock, _move, _check_amount) are enforcement.services'."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from fating.core.audit import record_event
from fating.core.exceptions import FieldError, InvalidTransition
from fating.enforcement import selectors
from fating.enforcement.models import (
    Asset,
    Auction,
    EnforcementCase,
    EnforcementParty,
    InKindSettlement,
    LedgerEntry,
    Valuation,
)
from fating.enforcement.rules import disposal, measures
from fating.enforcement.rules.disposal import IN_KIND
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
    if (
        previous is not None
        and previous.in_kind_settlements.filter(
            status=InKindSettlement.Status.AWAITING_PAYMENT
        ).exists()
    ):
        raise FieldError({"asset": "该财产正在办理以物抵债，请先作出裁定或撤销"})
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


def _asset_label(asset: Asset) -> str:
    return f"{asset.get_kind_display()}（{asset.holder} {asset.reference}）"


def _complete(*, actor: Any, case: EnforcementCase, settlement: InKindSettlement) -> None:
    """Credit the debt in kind, mark the asset disposed and generate the ruling into the case's
    dossier (documents kind `enforcement_in_kind_ruling`). The caller holds the locks and
    records the audit event."""
    from fating.documents.services import generate_document

    auction = settlement.auction
    asset = Asset.objects.select_for_update().get(pk=auction.asset_id)
    asset.disposal = "in_kind"
    asset.save(update_fields=["disposal", "updated_at"])
    today = _today()
    settlement.credit = LedgerEntry.objects.create(
        case=case, kind=LedgerEntry.Kind.IN_KIND, amount=settlement.credited,
        key=f"inkind:asset:{asset.pk}",
        note=(f"第{auction.round}次拍卖流拍，以保留价{settlement.value}元以物抵债，"
              f"抵偿{settlement.credited}元（{disposal.IN_KIND_ARTICLE}）")[:200],
    )  # fmt: skip
    payment = settlement.payment
    context: dict[str, Any] = {
        "court": case.court.name, "case_number": case.case_number,
        "applicant": _names(case, EnforcementParty.Role.APPLICANT),
        "respondent": _names(case, EnforcementParty.Role.RESPONDENT),
        "source_reference": case.source_reference, "asset": _asset_label(asset),
        "round": auction.round, "value": settlement.value, "claim": settlement.claim,
        "credited": settlement.credited, "legal_basis": disposal.IN_KIND_RULING_BASIS,
        "judge": actor.get_full_name() or actor.get_username(), "issued_on": today,
    }  # fmt: skip
    if settlement.difference:
        context["difference"] = settlement.difference
        if payment is not None:
            context["paid_on"] = timezone.localtime(payment.created_at).date()
    settlement.document = generate_document(
        actor=actor, matter=case, kind="enforcement_in_kind_ruling", context=context
    )
    settlement.status = InKindSettlement.Status.COMPLETED
    settlement.completed_on = today
    settlement.save()


def _names(case: EnforcementCase, role: str) -> str:
    return "、".join(p.name for p in case.parties.filter(role=role).order_by("pk"))


def _settlement_json(settlement: InKindSettlement) -> dict[str, Any]:
    return {
        "status": settlement.status, "value": str(settlement.value), "claim": str(settlement.claim),
        "credited": str(settlement.credited), "difference": str(settlement.difference),
        "pay_by": settlement.pay_by.isoformat() if settlement.pay_by else None,
        "document": settlement.document_id,
    }  # fmt: skip


@transaction.atomic
def settle_in_kind(
    *, actor: Any, auction: Auction, consent: bool, pay_by: dt.date | None = None
) -> InKindSettlement:
    """以物抵债 after a failed auction (民诉法解释 第490条), decided by the 执行法官: with the
    applicant's consent the asset is taken at the failed round's reserve price (起拍价 = 保留价).
    When that value does not exceed the applicant's unpaid claim (rules.disposal.in_kind_terms),
    the ledger credits it against the debt (no cash, never paid out), the asset is disposed of and
    the 以物抵债裁定书 is generated into the case's dossier at once. When it exceeds the claim, the
    applicant must first pay in the difference by `pay_by` (default IN_KIND_PAY_DAYS days): the
    settlement waits (record_in_kind_payment, then complete_in_kind)."""
    case = EnforcementCase.objects.get(pk=auction.case_id)
    _require(actor, case, "decide")
    case = _lock(case)
    asset = Asset.objects.select_for_update().get(pk=auction.asset_id)
    last = asset.auctions.order_by("-round").first()
    problems = disposal.in_kind_problems(
        last_result=last.result if last is not None and last.pk == auction.pk else None,
        consent=consent is True, disposed=bool(asset.disposal),
    )  # fmt: skip
    if not problems and auction.in_kind_settlements.exclude(status="cancelled").exists():
        problems["auction"] = "该次流拍已在办理以物抵债"
    today = _today()
    late = disposal.pay_by_problem(pay_by, today) if pay_by is not None else None
    if late:
        problems["pay_by"] = late
    if problems:
        raise FieldError(problems)
    terms = selectors.in_kind_terms(case, auction)
    if terms.claim <= 0:
        raise FieldError({"auction": "申请执行人的债权已无未受清偿的部分，不能以物抵债"})
    if terms.difference > 0:
        pay_by = pay_by or today + dt.timedelta(days=disposal.IN_KIND_PAY_DAYS)
    settlement = InKindSettlement.objects.create(
        case=case, auction=auction, status=InKindSettlement.Status.AWAITING_PAYMENT,
        value=terms.value, claim=terms.claim, credited=terms.credited,
        difference=terms.difference, pay_by=pay_by if terms.difference > 0 else None,
        decided_by=actor,
    )  # fmt: skip
    if terms.difference == 0:
        _complete(actor=actor, case=case, settlement=settlement)
    record_event(actor=actor, action="enforcement.auction.in_kind", target=auction,
                 after={"asset": asset.pk, "settlement": settlement.pk,
                        **_settlement_json(settlement)})  # fmt: skip
    return settlement


def _settlement(settlement: InKindSettlement, actor: Any, action: str) -> InKindSettlement:
    case = EnforcementCase.objects.get(pk=settlement.case_id)
    _require(actor, case, action)
    _lock(case)
    # Only the row itself is locked: the payment is a nullable relation (an outer join, which
    # PostgreSQL will not lock); the auction, case and payment load after.
    return InKindSettlement.objects.select_for_update().get(pk=settlement.pk)


@transaction.atomic
def record_in_kind_payment(
    *, actor: Any, settlement: InKindSettlement, amount: Decimal, note: str = ""
) -> LedgerEntry:
    """The applicant paid in the difference (补交差额): money in, booked once into the ledger,
    exactly the difference; the settlement is then ready for its ruling. Recording it again with
    the same amount returns the entry already booked."""
    settlement = _settlement(settlement, actor, "manage")
    _check_amount(amount, "amount", "补交差价")
    if len(note) > 200:
        raise FieldError({"note": "摘要不超过200字"})
    if settlement.payment is not None:
        if settlement.payment.amount != amount:
            raise FieldError({"amount": f"已记录补交差价{settlement.payment.amount}元"})
        return settlement.payment
    if settlement.status != InKindSettlement.Status.AWAITING_PAYMENT or not settlement.difference:
        raise InvalidTransition("该以物抵债没有待补交的差价。")
    if amount != settlement.difference:
        raise FieldError({"amount": f"补交差价须为{settlement.difference}元"})
    entry = LedgerEntry.objects.create(
        case_id=settlement.case_id, kind=LedgerEntry.Kind.DIFFERENCE, amount=amount,
        key=f"in:inkind-difference:{settlement.pk}",
        note=(note.strip() or f"申请执行人补交第{settlement.auction.round}次拍卖以物抵债差价")[:200],
    )  # fmt: skip
    settlement.payment = entry
    settlement.save(update_fields=["payment", "updated_at"])
    record_event(actor=actor, action="enforcement.in_kind.pay", target=settlement,
                 after={"entry": entry.pk, "amount": str(amount)})  # fmt: skip
    return entry


@transaction.atomic
def complete_in_kind(*, actor: Any, settlement: InKindSettlement) -> InKindSettlement:
    """The 执行法官's 以物抵债裁定 once the difference is in the ledger: refused while it is unpaid,
    and refused when the ledger changed since the terms were fixed (cancel and settle again)."""
    settlement = _settlement(settlement, actor, "decide")
    before = settlement.status
    paid = settlement.payment is not None and settlement.payment.amount == settlement.difference
    IN_KIND.target(
        settlement.status, "complete", paid,
        refusal=None if settlement.status != InKindSettlement.Status.AWAITING_PAYMENT else
        f"申请执行人尚未补交差价{settlement.difference}元，不能作出以物抵债裁定。",
    )  # fmt: skip
    case = settlement.case
    terms = selectors.in_kind_terms(case, settlement.auction, exclude=settlement.payment)
    if terms.claim != settlement.claim:
        raise InvalidTransition(
            f"确定抵债条件后执行款有变化（未受清偿债权由{settlement.claim}元变为{terms.claim}元），"
            "请撤销本次以物抵债后重新办理。"
        )
    _complete(actor=actor, case=case, settlement=settlement)
    record_event(actor=actor, action="enforcement.in_kind.complete", target=settlement,
                 before={"status": before},
                 after={"status": settlement.status, "document": settlement.document_id,
                        "credited": str(settlement.credited)})  # fmt: skip
    return settlement


@transaction.atomic
def cancel_in_kind(*, actor: Any, settlement: InKindSettlement, reason: str) -> InKindSettlement:
    """Cancel a settlement still waiting for its difference (the applicant did not pay in time,
    or the ledger changed): the asset is free again for another round. Refused once the
    difference is paid (the ruling is then due)."""
    settlement = _settlement(settlement, actor, "decide")
    reason = reason.strip()
    if not reason:
        raise FieldError({"reason": "请填写撤销理由"})
    if len(reason) > 300:
        raise FieldError({"reason": "撤销理由不超过300字"})
    before = settlement.status
    if settlement.payment is not None and before == InKindSettlement.Status.AWAITING_PAYMENT:
        raise InvalidTransition("申请执行人已补交差价，不能撤销；请作出以物抵债裁定。")
    settlement.status = IN_KIND.target(settlement.status, "cancel")
    settlement.cancel_reason = reason
    settlement.save(update_fields=["status", "cancel_reason", "updated_at"])
    record_event(actor=actor, action="enforcement.in_kind.cancel", target=settlement,
                 before={"status": before}, after={"status": settlement.status, "reason": reason})  # fmt: skip
    return settlement


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
