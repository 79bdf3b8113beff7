"""Pages of filings: the filing wizard, cause search, the review queue and evidence download.
Thin: selectors for reads, services for writes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of, sees_technical_detail
from fating.cases import selectors
from fating.cases.done import done
from fating.cases.models import Case, CauseOfAction, Filing
from fating.cases.rules import workflow
from fating.cases.services import acceptance, payments
from fating.cases.services import filing as filing_services
from fating.cases.services.causes import causes_in_force
from fating.cases.views.common import FIELD_LABELS, _date, _errors
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.http import form_errors, is_htmx, page_view
from fating.core.idempotency import idempotent_page
from fating.network.models import Court, Tribunal

FILER_ROLES = {Role.PARTY: "party", Role.AGENT: "agent", Role.LIAISON: "liaison"}


def _capacities(user: Any) -> list[tuple[str, str]]:
    scope = scope_of(user)
    labels = dict(Filing.FilerCapacity.choices)
    return [(v, labels[v]) for role, v in FILER_ROLES.items() if scope.holds(role)]


@login_required
@page_view
def cause_options(request: HttpRequest) -> HttpResponse:
    """htmx search-as-you-type over the causes in force today."""
    text = request.GET.get("q", "").strip()
    qs = causes_in_force(timezone.localdate())
    if text:
        qs = qs.filter(name__contains=text)
    return render(request, "cases/_cause_options.html", {"causes": qs[:30]})


@login_required
@page_view
@idempotent_page
def filing_new(request: HttpRequest) -> HttpResponse:
    capacities = _capacities(request.user)
    if not capacities:
        raise NotPermitted(_("只有当事人、代理人或联络员可以网上立案。"))
    errors: list[str] = []
    if request.method == "POST":
        try:
            filing = filing_services.create_filing(
                actor=request.user,
                court=_object(Court, request.POST.get("court"), "court"),
                tribunal=_object(Tribunal, request.POST.get("tribunal"), "tribunal", optional=True),
                received_by=_object(
                    Court, request.POST.get("received_by"), "received_by", optional=True
                ),
                cause=_object(CauseOfAction, request.POST.get("cause"), "cause", optional=True),
                filer_capacity=request.POST.get("filer_capacity", ""),
                facts=request.POST.get("facts", ""),
                consent_note=request.POST.get("consent_note", ""),
            )
        except FieldError as exc:
            errors = _errors(exc)
        else:
            return redirect("cases:filing", filing.pk)
    return render(
        request,
        "cases/filing_new.html",
        {
            "errors": errors,
            "courts": Court.objects.order_by("name"),
            "tribunals": Tribunal.objects.select_related("court").order_by("court__name", "name"),
            "capacities": capacities,
            "causes": causes_in_force(timezone.localdate())[:30],
            "data": request.POST,
        },
    )


def _object(model: type, raw: str | None, field: str, *, optional: bool = False) -> Any:
    if not raw:
        if optional:
            return None
        raise FieldError({field: _("请选择。")})
    obj = model.objects.filter(pk=raw).first() if str(raw).isdigit() else None
    if obj is None:
        raise FieldError({field: _("选项无效。")})
    return obj


def _filing_context(request: HttpRequest, filing: Filing, errors: list[str] | None = None) -> dict:
    user = request.user
    # What the page offers: the filing machine's moves from here, each shown only to whom the
    # access rule lets take it (filer or reviewer blocks in the template).
    moves = set(workflow.FILING.allowed_names(filing.status))
    return {
        "filing": filing,
        "errors": errors or [],
        "moves": moves,
        "can_edit": selectors.can_edit_filing(user, filing) and "edit" in moves,
        "is_filer": selectors.can_edit_filing(user, filing),
        "can_review": selectors.can_review(user, filing),
        "can_forward": selectors.can_forward(user, filing) and filing.is_cross_region,
        "full_ids": selectors.can_see_identifiers(user, filing),
        "sees_detail": sees_technical_detail(user, filing.court_id)
        or sees_technical_detail(user, filing.received_by_id),
        "party_roles": filing.parties.model.Role.choices,
        "evidence_kinds": filing.evidence.model.Kind.choices,
        "procedures": Case.Procedure.choices,
        "case": getattr(filing, "case", None) if filing.status == Filing.Status.ACCEPTED else None,
    }


@login_required
@page_view
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = selectors.filing_for(request.user, pk)
    return render(request, "cases/filing_detail.html", _filing_context(request, filing))


def _filing_action(request: HttpRequest, filing: Filing, name: str) -> Any:
    post, user = request.POST, request.user
    edit_actions = {"party", "claim", "evidence", "submit", "withdraw", "resubmit", "relief"}
    review_actions = {"accept", "refuse", "correct"}
    selectors.filing_for(
        user,
        filing.pk,
        action="edit"
        if name in edit_actions
        else "review"
        if name in review_actions
        else "forward",
    )
    if name == "party":
        return filing_services.add_party(
            actor=user, filing=filing, is_filer=post.get("is_filer") == "on",
            **{k: post.get(k, "") for k in ("role", "kind", "name", "id_number", "uscc", "mobile", "address", "representative")},
        )  # fmt: skip
    if name == "claim":
        return filing_services.add_claim(
            actor=user, filing=filing, text=post.get("text", ""), amount=post.get("amount")
        )
    if name == "evidence":
        return filing_services.upload_evidence(
            actor=user, filing=filing, kind=post.get("kind", ""), title=post.get("title", ""),
            file=request.FILES.get("file"), source=post.get("source", ""), purpose=post.get("purpose", ""),
        )  # fmt: skip
    if name == "relief":
        percent = post.get("reduction_percent")
        return payments.apply_fee_relief(
            actor=user, filing=filing, kind=post.get("kind", ""), grounds=post.get("grounds", ""),
            reduction_percent=int(percent) if percent and percent.isdigit() else None,
        )  # fmt: skip
    if name == "accept":
        simple = {"yes": True, "no": False}.get(post.get("simple_case", ""))
        return acceptance.accept_filing(
            actor=user, filing=filing, procedure=post.get("procedure") or None, simple_case=simple
        )
    if name == "refuse":
        return filing_services.refuse_filing(
            actor=user, filing=filing, reasons=post.get("reasons", "")
        )
    if name == "correct":
        items = [line for line in post.get("items", "").splitlines() if line.strip()]
        return filing_services.request_correction(
            actor=user, filing=filing, items=items, due_on=_date(post.get("due_on", ""), "due_on")
        )
    simple = {
        "submit": filing_services.submit_filing,
        "withdraw": filing_services.withdraw_filing,
        "resubmit": filing_services.resubmit_filing,
        "forward": filing_services.forward_filing,
    }
    return simple[name](actor=user, filing=filing)


FILING_ACTIONS = {
    "party", "claim", "evidence", "relief", "submit", "withdraw", "resubmit", "forward",
    "accept", "refuse", "correct",
}  # fmt: skip


@login_required
@require_POST
@page_view
@idempotent_page
def filing_act(request: HttpRequest, pk: int) -> HttpResponse:
    """One POST endpoint for every wizard step and review decision; htmx gets the sections back."""
    filing = selectors.filing_for(request.user, pk)
    name = request.POST.get("action", "")
    if name not in FILING_ACTIONS:
        raise FieldError({"action": _("未知的操作。")})
    errors = form_errors(lambda: _filing_action(request, filing, name), FIELD_LABELS)
    filing = selectors.filing_for(request.user, pk)
    if is_htmx(request):
        response = render(
            request, "cases/_filing_sections.html", _filing_context(request, filing, errors)
        )
        return response
    if errors:
        response = render(
            request, "cases/filing_detail.html", _filing_context(request, filing, errors)
        )
        response.status_code = 400
        return response
    messages.success(request, done(name))
    return redirect("cases:filing", filing.pk)


@login_required
@page_view
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    evidence = selectors.evidence_for(request.user, pk, evidence_id)
    try:
        data = selectors.read_evidence(evidence)
    except selectors.EvidenceTampered as exc:
        return HttpResponse(exc.message, status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="evidence-{evidence.pk}"'
    return response


@login_required
@page_view
def review_queue(request: HttpRequest) -> HttpResponse:
    # The same rows as GET /api/v1/cases/filings/review-queue/: empty for a non-reviewer.
    rates = [
        (c, selectors.review_in_time_rate(court_id=c.pk))
        for c in selectors.review_courts(request.user)
    ]
    return render(
        request,
        "cases/review_queue.html",
        {
            "filings": selectors.review_queue(request.user),
            "rates": rates,
            "today": timezone.localdate(),
        },
    )
