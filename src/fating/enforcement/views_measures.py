"""Pages of the measures (限制消费令, 失信), the public 失信 list, objections (执异) and 恢复执行
after a 终本 re-search. Thin: selectors and services decide."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import DomainError
from fating.core.http import client_address, page_view
from fating.core.idempotency import idempotent_page
from fating.enforcement import selectors, selectors_measures, services_measures
from fating.enforcement.models import EnforcementCase, EnforcementParty, Measure
from fating.enforcement.rules import records
from fating.enforcement.rules.measures import BLACKLIST_GROUNDS

#: The public list answers this many page views per client address per minute (no login).
PUBLIC_LIMIT = getattr(settings, "ENFORCEMENT_PUBLIC_LIST_LIMIT", 30)
PUBLIC_WINDOW = 60


def _flash(request: HttpRequest, exc: DomainError) -> None:
    if exc.fields:
        for message_list in exc.fields.values():
            for message in message_list:
                messages.error(request, message)
    else:
        messages.error(request, exc.message)


def measures_context(user: Any, case: EnforcementCase) -> dict[str, Any]:
    """What the case page shows of measures, objections and re-searches (for views.detail)."""
    qs = EnforcementCase.objects.filter(pk=case.pk)
    decide = selectors.restrict(qs, user, "decide").exists()
    manage = selectors.restrict(qs, user, "manage").exists()
    measures = list(case.measures.select_related("party", "document").order_by("pk"))
    return {
        "measures": [
            (
                m,
                records.MEASURE.allowed_names(m.status) if decide else [],
                dict(services_measures._lift_reasons(m)),
            )
            for m in measures
        ],
        "respondents": case.parties.filter(role=EnforcementParty.Role.RESPONDENT).order_by("pk"),
        "blacklist_grounds": list(BLACKLIST_GROUNDS.items()),
        "may_decide_measure": decide
        and case.status not in ("completed", "terminated", "concluded", "not_enforced"),
        "objections": case.objections.order_by("pk"),
        "may_object": manage or services_measures._may_object_online(user, case),
        "researches": case.researches.order_by("round") if manage else [],
        "may_resume": case.status == "concluded"
        and services_measures.may_resume(user, case)
        and not EnforcementCase.objects.filter(resumed_from=case).exists(),
        "resumed": EnforcementCase.objects.filter(resumed_from=case).order_by("pk"),
        "serve_label": "enforcement.enforcementcase",
        "manage_measures": manage,
    }


@login_required
@require_POST
@page_view
@idempotent_page
def measure_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk, "decide")
    data = request.POST
    party = case.parties.filter(role="respondent", pk=data.get("party") or 0).first()
    try:
        extra = int(data.get("extra_years") or 0)
    except ValueError:
        extra = -1
    try:
        services_measures.decide_measure(
            actor=request.user, case=case, kind=data.get("kind", ""), party=party,
            grounds=data.getlist("grounds"), extra_years=extra, facts=data.get("facts", ""),
        )  # fmt: skip
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已作出决定，决定书已生成，请送达被执行人。"))
    return redirect("enforcement:detail", pk=case.pk)


@login_required
@require_POST
@page_view
def measure_lift(request: HttpRequest, pk: int) -> HttpResponse:
    measure = selectors_measures.measure_for(request.user, pk, "decide")
    try:
        services_measures.lift_measure(
            actor=request.user, measure=measure, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已解除（删除）。"))
    return redirect("enforcement:detail", pk=measure.case_id)


def _public_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"enforcement-public-list:{digest}"


def public_blacklist(request: HttpRequest) -> HttpResponse:
    """失信被执行人名单 (失信规定 第6–7条): public, no login, throttled per address, search by name."""
    key = _public_key(request)
    if not cache.add(key, 1, timeout=PUBLIC_WINDOW):
        try:
            seen = cache.incr(key)
        except ValueError:
            seen = 1
            cache.set(key, 1, timeout=PUBLIC_WINDOW)
        if seen > PUBLIC_LIMIT:
            return render(request, "enforcement/public_blacklist.html",
                          {"throttled": True, "entries": [], "query": ""}, status=429)  # fmt: skip
    query = request.GET.get("q", "")[: selectors_measures.PUBLIC_SEARCH_MAX]
    return render(request, "enforcement/public_blacklist.html", {
        "entries": selectors_measures.public_blacklist(query), "query": query,
    })  # fmt: skip


# -- objections --------------------------------------------------------------------------------


@login_required
@page_view
def objection_list(request: HttpRequest) -> HttpResponse:
    rows = selectors_measures.objections_for(request.user).order_by("-received_on", "-pk")[:200]
    return render(request, "enforcement/objection_list.html", {
        "objections": rows, "today": timezone.localdate(),
    })  # fmt: skip


@login_required
@page_view
@idempotent_page
def objection_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    staff = selectors.restrict(
        EnforcementCase.objects.filter(pk=case.pk), request.user, "manage"
    ).exists()
    if not staff and not services_measures._may_object_online(request.user, case):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("只有本案当事人或本院执行人员可以提出、登记异议。"))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = request.POST
        received = parse_date(data.get("received_on", "") or "") if staff else None
        try:
            objection = services_measures.file_objection(
                actor=request.user, case=case, kind=data.get("kind", ""),
                target=data.get("target", ""), reasons=data.get("reasons", ""),
                objector_name=data.get("objector_name", ""), received_on=received,
            )  # fmt: skip
        except DomainError as exc:
            errors = exc.fields or {"__all__": [exc.message]}
        else:
            messages.success(request, _("异议已登记：%(n)s") % {"n": objection.number})
            return redirect("enforcement:objection", pk=objection.pk)
    kinds = [(k.value, records.OBJECTION_KIND_LABELS[k]) for k in records.ObjectionKind]
    return render(request, "enforcement/objection_new.html", {
        "case": case, "staff": staff, "errors": errors, "data": request.POST,
        "kinds": kinds if staff else kinds[:1], "today": timezone.localdate(),
    }, status=400 if errors else 200)  # fmt: skip


@login_required
@page_view
def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors_measures.objection_for(request.user, pk)
    decide = selectors_measures.restrict_objections(
        selectors_measures.Objection.objects.filter(pk=objection.pk), request.user, "decide"
    ).exists()
    allowed = records.OBJECTION.allowed_names(
        objection.status, records.ObjectionKind(objection.kind)
    )
    return render(request, "enforcement/objection_detail.html", {
        "objection": objection, "decide": decide and objection.status == "filed",
        "may_review": "review" in allowed
        and services_measures.may_request_review(request.user, objection),
        "state_label": records.OBJECTION.state_label(objection.status),
        "basis": records.OBJECTION_BASIS[records.ObjectionKind(objection.kind)],
        "serve_label": "enforcement.enforcementcase",
        "manage": selectors.restrict(EnforcementCase.objects.filter(pk=objection.case_id),
                                     request.user, "manage").exists(),
    })  # fmt: skip


@login_required
@require_POST
@page_view
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors_measures.objection_for(request.user, pk, "decide")
    try:
        services_measures.decide_objection(
            actor=request.user, objection=objection,
            uphold=request.POST.get("outcome") == "uphold",
            ruling_text=request.POST.get("ruling_text", ""),
        )  # fmt: skip
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已作出异议裁定，裁定书已生成，请送达。"))
    return redirect("enforcement:objection", pk=objection.pk)


@login_required
@require_POST
@page_view
def objection_review(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors_measures.objection_for(request.user, pk, "review")
    try:
        services_measures.request_review(actor=request.user, objection=objection)
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已登记复议申请，报送上一级人民法院。"))
    return redirect("enforcement:objection", pk=objection.pk)


@login_required
@require_POST
@page_view
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    try:
        resumed = services_measures.resume_concluded(actor=request.user, case=case)
    except DomainError as exc:
        _flash(request, exc)
        return redirect("enforcement:detail", pk=case.pk)
    messages.success(request, _("已恢复执行：%(n)s") % {"n": resumed.case_number})
    return redirect("enforcement:detail", pk=resumed.pk)


__all__ = ["Measure", "measures_context"]
