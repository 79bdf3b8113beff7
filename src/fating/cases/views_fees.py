"""Pages for changes after acceptance (claim changes, counterclaims and their fees, refunds paid
out, adjournments) and for triage administration (速裁 teams, official wage figures)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.accounts.models import Role
from fating.accounts.selectors import holders
from fating.cases import case_tabs, selectors
from fating.cases.done import done
from fating.cases.models import Overpayment, Refund, WageFigure
from fating.cases.services import fees, hearings, payments, triage_admin
from fating.cases.views import FIELD_LABELS, _datetime
from fating.cases.views_limits import optional_date
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page
from fating.network.models import Court, Tribunal


def _id(raw: str | None, field: str) -> int:
    if not raw or not raw.isdigit():
        raise FieldError({field: _("请选择。")})
    return int(raw)


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


def _admin_courts(request: HttpRequest) -> list[Court]:
    courts = list(selectors.restrict(Court.objects.all(), request.user, "triage"))
    if not courts:
        raise NotPermitted(_("只有法院管理员可以管理繁简分流设置。"))
    return courts


@login_required
@page_view
def triage_admin_page(request: HttpRequest) -> HttpResponse:
    """速裁团队 and official small-claims wage figures, for court administrators."""
    courts = _admin_courts(request)
    errors: list[str] = []
    if request.method == "POST":
        post, user = request.POST, request.user

        def act() -> None:
            action = post.get("action", "")
            if action == "create_team":
                court = next((c for c in courts if c.pk == _id(post.get("court"), "court")), None)
                if court is None:
                    raise NotVisible(_("法院不存在。"))
                tribunal = None
                if post.get("tribunal"):
                    tribunal = Tribunal.objects.filter(
                        pk=_id(post.get("tribunal"), "tribunal"), court=court
                    ).first()
                triage_admin.create_team(
                    actor=user, court=court, tribunal=tribunal, name=post.get("name", ""),
                    members=[int(m) for m in post.getlist("members") if m.isdigit()],
                )  # fmt: skip
            elif action == "toggle_team":
                team_id = _id(post.get("team"), "team")
                team = next((t for t in triage_admin.teams_for(user) if t.pk == team_id), None)
                if team is None:
                    raise NotVisible(_("速裁团队不存在。"))
                triage_admin.update_team(actor=user, team=team, active=not team.active)
            elif action == "load_wage":
                effective = optional_date(post.get("effective_from"), "effective_from")
                triage_admin.load_wage_figure(
                    actor=user, province=post.get("province", ""),
                    wage_year=_id(post.get("wage_year"), "wage_year"),
                    average_wage=post.get("average_wage", ""),
                    small_claims_limit=post.get("small_claims_limit") or None,
                    agreed_limit=post.get("agreed_limit") or None,
                    effective_from=effective,  # type: ignore[arg-type]
                    source=post.get("source", ""),
                )  # fmt: skip
            else:
                raise FieldError({"action": _("未知的操作。")})

        errors = form_errors(act, FIELD_LABELS)
        if not errors:
            messages.success(request, done(post.get("action", "")))
            return redirect("cases:triage-admin")
    judges = {c.pk: list(holders(Role.JUDGE, court=c.pk)) for c in courts}
    response = render(
        request,
        "cases/triage_admin.html",
        {
            "courts": [(c, judges[c.pk], c.tribunals.all()) for c in courts],
            "teams": triage_admin.teams_for(request.user),
            "figures": selectors.restrict(WageFigure.objects.all(), request.user, "view"),
            "errors": errors,
        },
    )
    if errors:
        response.status_code = 400
    return response
