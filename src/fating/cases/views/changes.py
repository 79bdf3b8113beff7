"""Pages for changes after acceptance: claim changes, counterclaims, refunds paid out and
adjournments, all posted from the case page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.cases import case_tabs, selectors
from fating.cases.done import done
from fating.cases.models import Overpayment, Refund
from fating.cases.services import fees, hearings, payments
from fating.cases.views.common import FIELD_LABELS, _datetime, _id, optional_date
from fating.core.exceptions import FieldError, NotVisible
from fating.core.http import form_errors, page_view


def _act(request: HttpRequest, case: Any, name: str) -> None:
    post, user = request.POST, request.user
    if name == "claim_change":
        fees.record_claim_change(
            actor=user, case=case, new_amount=post.get("new_amount", ""),
            reasons=post.get("reasons", ""),
            after_investigation=post.get("after_investigation") == "on",
        )  # fmt: skip
    elif name == "counterclaim":
        fees.record_counterclaim(
            actor=user, case=case, counterclaimant=post.get("counterclaimant", ""),
            claims=post.get("claims", ""), amount=post.get("amount") or None,
            tried_together=post.get("tried_together") == "on",
        )  # fmt: skip
    elif name == "pay_out":
        refund = Refund.objects.filter(pk=_id(post.get("refund"), "refund"), case=case).first()
        if refund is None:
            raise NotVisible(_("退费不存在。"))
        fees.mark_refund_paid(
            actor=user, refund=refund, reference=post.get("reference", ""),
            paid_on=optional_date(post.get("paid_on"), "paid_on"),
        )  # fmt: skip
    elif name == "refund_overpayment":
        overpayment = Overpayment.objects.filter(
            pk=_id(post.get("overpayment"), "overpayment"), case=case
        ).first()
        if overpayment is None:
            raise NotVisible(_("多付款项不存在。"))
        payments.refund_overpayment(
            actor=user, overpayment=overpayment, reference=post.get("reference", "")
        )
    elif name == "adjourn":
        hearing = selectors.hearing_for(user, _id(post.get("hearing"), "hearing"), action="manage")
        hearings.adjourn_hearing(
            actor=user, hearing=hearing, ground=post.get("ground", ""),
            reasons=post.get("reasons", ""),
            next_starts_at=_datetime(post.get("next_starts_at", ""), "next_starts_at"),
            next_ends_at=_datetime(post.get("next_ends_at", ""), "next_ends_at"),
            parties_consent=post.get("parties_consent") == "on",
            president_approval=post.get("president_approval", ""),
        )  # fmt: skip
    else:
        raise FieldError({"action": _("未知的操作。")})


@login_required
@require_POST
@page_view
def changes_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Claim change (plaintiff side or court), counterclaim and adjournment (court), refund
    paid out (court administrator or clerk)."""
    case = selectors.case_for(request.user, pk)
    errors = form_errors(lambda: _act(request, case, request.POST.get("action", "")), FIELD_LABELS)
    if not errors:
        messages.success(request, done(request.POST.get("action", "")))
        return redirect(case_tabs.url_after(case, request.POST.get("action", "")))
    return case_tabs.render_failure(request, case, request.POST.get("action", ""), errors)
