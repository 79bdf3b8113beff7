"""Pages of accepted cases: the index, the docket, the case page and its pay / schedule / close
actions. Thin: selectors for reads, services for writes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.cases import case_tabs, selectors
from fating.cases.done import done
from fating.cases.services import hearings, payments
from fating.cases.views.common import FIELD_LABELS, _datetime
from fating.cases.views.filings import _capacities
from fating.core.exceptions import FieldError
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page
from fating.core.money import parse_money


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/index.html",
        {
            "filings": selectors.filings_for(request.user)[:50],
            "cases": selectors.cases_for(request.user)[:50],
            "can_file": bool(_capacities(request.user)),
            "may_review": selectors.may_review(request.user),
            "has_docket": selectors.has_docket(request.user),
        },
    )


@login_required
@page_view
def docket(request: HttpRequest) -> HttpResponse:
    # The same rows as GET /api/v1/cases/cases/docket/: the cases assigned to the user.
    today = timezone.localdate()
    return render(
        request,
        "cases/docket.html",
        {"rows": selectors.docket_rows(request.user, as_of=today), "today": today},
    )


@login_required
@require_POST
@page_view
@idempotent_page
def case_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Pay (party), schedule a hearing or close the case (court)."""
    name = request.POST.get("action", "")
    post, user = request.POST, request.user
    case = selectors.case_for(user, pk, action="pay" if name == "pay" else "manage")

    to_gateway: list[str] = []  # the payment page to send the party to

    def act() -> None:
        if name == "pay":
            to_gateway.append(payments.create_payment(actor=user, case=case).pay_url)
        elif name == "schedule":
            hearings.schedule_hearing(
                actor=user, case=case, mode=post.get("mode", ""), courtroom=post.get("courtroom", ""),
                starts_at=_datetime(post.get("starts_at", ""), "starts_at"),
                ends_at=_datetime(post.get("ends_at", ""), "ends_at"),
            )  # fmt: skip
        elif name == "close":
            share_value = parse_money(
                post.get("plaintiff_share"), field="plaintiff_share", label="原告负担金额",
                grouping=True,
            )  # fmt: skip
            hearings.close_case(
                actor=user, case=case, closure=post.get("closure", ""), plaintiff_share=share_value
            )
        else:
            raise FieldError({"action": _("未知的操作。")})

    errors = form_errors(act, FIELD_LABELS)
    if not errors:
        if to_gateway:
            return redirect(to_gateway[0])
        messages.success(request, done(name))
        return redirect(case_tabs.url_after(case, name))
    return case_tabs.render_failure(request, case, name, errors)
