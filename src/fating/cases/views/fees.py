"""Pages of payments: the payment sandbox (it plays the gateway) and paying a counterclaim's fee."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.cases import case_tabs, selectors
from fating.cases.gateways import BadCallback, SandboxGateway
from fating.cases.models import Payment
from fating.cases.services import payments
from fating.cases.views.common import FIELD_LABELS
from fating.core.exceptions import NotPermitted
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page


@login_required
@page_view
def sandbox_pay(request: HttpRequest, order_id: str) -> HttpResponse:
    """The sandbox plays the payment provider: paying posts a signed callback to the same
    handler a real gateway would call."""
    payment = selectors.payment_for(request.user, order_id)
    if request.method == "POST":
        if payment.counterclaim_id is not None:
            if not selectors.can_pay_counterclaim(request.user, payment.case):
                raise NotPermitted(_("只有本案被告一方可以交纳反诉受理费。"))
        elif not selectors.can_pay(request.user, payment.case):
            raise NotPermitted(_("只有原告或立案提交人可以交纳诉讼费。"))
        if payment.status != Payment.Status.PENDING:
            # A real gateway does not take money for a closed order; the callback handler would
            # still record it as an overpayment (see payments.handle_callback).
            messages.error(
                request,
                _("该订单已%(status)s，无需支付。") % {"status": payment.get_status_display()},
            )
            return redirect("cases:case-fees", payment.case_id)
        body, headers = SandboxGateway().signed_callback(
            order_id=payment.order_id, amount=payment.amount
        )
        try:
            result, _payment = payments.handle_callback(
                gateway_name="sandbox", body=body, headers=headers
            )
        except BadCallback as exc:
            messages.error(request, str(exc))
        else:
            if result == "overpaid":
                messages.warning(request, _("该费用已交清，本次款项已登记为多付款项，将予退还。"))
            else:
                messages.success(request, _("支付成功，已开具收据。"))
        return redirect("cases:case-fees", payment.case_id)
    return render(request, "cases/sandbox_pay.html", {"payment": payment})


@login_required
@require_POST
@page_view
@idempotent_page
def counterclaim_pay(request: HttpRequest, pk: int) -> HttpResponse:
    """The defendant side pays a counterclaim's fee: open an order, go to the gateway."""
    counterclaim = selectors.counterclaim_for(request.user, pk, action="pay")
    to_gateway: list[str] = []
    errors = form_errors(
        lambda: to_gateway.append(
            payments.create_counterclaim_payment(
                actor=request.user, counterclaim=counterclaim
            ).pay_url
        ),
        FIELD_LABELS,
    )
    if not errors:
        return redirect(to_gateway[0])
    return case_tabs.render_failure(request, counterclaim.case, "counterclaim_pay", errors)
