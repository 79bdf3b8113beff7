"""Pages of enforcement: my / the court's enforcement cases, a case with its actions, the
application from a defaulted agreement, and the 执行指挥中心. Thin: selectors and services decide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import DomainError, FieldError
from fating.core.http import page_view
from fating.enforcement import selectors, services
from fating.enforcement.models import Asset, EnforcementCase
from fating.enforcement.rules.measures import ZHONGBEN_CONDITIONS
from fating.enforcement.rules.workflow import CLOSED, ENFORCEMENT
from fating.enforcement.views_disposal import disposal_context
from fating.enforcement.views_measures import measures_context

CLOSE_ACTIONS = ("settle", "resume", "complete", "conclude", "terminate", "refuse")


@login_required
@page_view
def case_list(request: HttpRequest) -> HttpResponse:
    cases = selectors.cases_for(request.user).order_by("-filed_on", "-pk")[:200]
    return render(request, "enforcement/list.html", {
        "cases": cases, "agreements": selectors.agreements_to_enforce(request.user),
        "command": selectors.may_command(request.user),
    })  # fmt: skip


def _money(value: str, field: str) -> Decimal:
    try:
        return Decimal(value.strip())
    except (InvalidOperation, AttributeError):
        raise FieldError({field: _("请填写金额（元）")}) from None


@login_required
@page_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    manage = selectors.restrict(
        EnforcementCase.objects.filter(pk=case.pk), request.user, "manage"
    ).exists()
    decide = selectors.restrict(
        EnforcementCase.objects.filter(pk=case.pk), request.user, "decide"
    ).exists()
    return render(request, "enforcement/detail.html", {
        "case": case, "manage": manage, "decide": decide,
        "parties": case.parties.order_by("pk"), "assets": case.assets.order_by("pk"),
        "controls": case.controls.select_related("asset").order_by("pk"),
        "inquiries": case.inquiries.order_by("pk"), "ledger": case.ledger.order_by("pk"),
        "auctions": case.auctions.select_related("asset").order_by("pk"),
        "totals": selectors.ledger_totals(case),
        "closures": [(n, ENFORCEMENT.label(n)) for n in CLOSE_ACTIONS if ENFORCEMENT.find(case.status, n)],
        "conditions": [(k, v, case.zhongben_evidence.get(k, "")) for k, v in ZHONGBEN_CONDITIONS.items()],
        "state_label": ENFORCEMENT.state_label(case.status),
        # A closed case offers only what its machine still allows (e.g. 恢复执行 after 终本).
        "is_open": case.status not in CLOSED,
        "reports_own": case.parties.filter(role="respondent", user=request.user).exists(),
        **measures_context(request.user, case),
        **disposal_context(request.user, case),
    })  # fmt: skip


@login_required
@require_POST
@page_view
def act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    user, data = request.user, request.POST
    try:
        if name == "triage":
            services.triage_case(actor=user, case=case)
        elif name == "search":
            services.search_property(actor=user, case=case)
        elif name == "control":
            asset = Asset.objects.filter(case=case, pk=data.get("asset") or 0).first()
            if asset is None:
                raise FieldError({"asset": _("请选择财产")})
            services.control_asset(actor=user, asset=asset, action=data.get("action", ""),
                                   amount=_money(data.get("amount", ""), "amount"))  # fmt: skip
        elif name == "verify":
            services.verify_account(
                actor=user, case=case, bank_account=data.get("bank_account", "")
            )
        elif name == "payout":
            services.pay_out(actor=user, case=case)
        elif name == "evidence":
            evidence = {k: data.get(k, "") for k in ZHONGBEN_CONDITIONS if data.get(k, "").strip()}
            services.record_zhongben_evidence(actor=user, case=case, evidence=evidence,
                                              interviewed=data.get("interviewed") == "on")  # fmt: skip
        elif name == "close":
            services.close_case(actor=user, case=case, action=data.get("action", ""),
                                note=data.get("note", ""))  # fmt: skip
        else:
            raise FieldError({"action": _("不支持的操作")})
    except PermissionDenied:
        raise
    except DomainError as exc:
        if exc.fields:
            for message_list in exc.fields.values():
                for message in message_list:
                    messages.error(request, message)
        else:
            messages.error(request, exc.message)
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:detail", pk=case.pk)


@login_required
@page_view
def apply(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    """申请强制执行 from a defaulted, confirmed agreement: the page says what will be filed; the
    button files it."""
    agreement = next(
        (a for a in selectors.agreements_to_enforce(request.user) if a.pk == agreement_pk), None
    )
    if agreement is None:
        applied = (
            selectors.cases_for(request.user)
            .filter(confirmation__agreement_id=agreement_pk)
            .order_by("-pk")
            .first()
        )
        if applied is not None:  # already applied: the door leads to the case
            return redirect("enforcement:detail", pk=applied.pk)
        raise Http404(_("没有可以申请强制执行的调解协议。"))
    if request.method == "POST":
        try:
            case = services.apply_from_agreement(actor=request.user, agreement=agreement,
                                                 bank_account=request.POST.get("bank_account", "").strip())  # fmt: skip
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("已申请强制执行，执行案号：%(number)s") % {"number": case.case_number}
            )
            return redirect("enforcement:detail", pk=case.pk)
    unpaid = sum((i.amount - i.paid_amount for i in agreement.instalments.all()), Decimal(0))
    return render(request, "enforcement/apply.html", {"agreement": agreement, "unpaid": unpaid})


@login_required
@page_view
def command(request: HttpRequest) -> HttpResponse:
    if not selectors.may_command(request.user):
        raise PermissionDenied(_("只有本院执行人员和管理员可以查看执行指挥中心。"))
    data: dict[str, Any] = selectors.command_centre(request.user, timezone.localdate())
    return render(request, "enforcement/command.html", data)
