"""Dispute pages: report (phone-first), lists per role, the dispute page with its actions,
the mediator's queue and the statistics page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.accounts.models import Role
from fating.accounts.selectors import holders, scope_of
from fating.core.exceptions import DomainError, FieldError
from fating.core.http import is_htmx, page_view, paginate
from fating.core.idempotency import idempotent_page
from fating.disputes import actions, catalogue, presenters, rules, selectors, services, stats
from fating.disputes.court_side import court_side
from fating.disputes.forms import ReportForm
from fating.disputes.links import links_for
from fating.disputes.models import Dispute
from fating.network.models import Area, Department


@login_required
@page_view
def dispute_list(request: HttpRequest) -> HttpResponse:
    if selectors.aggregates_only(request.user):
        return redirect("disputes:statistics")
    qs = selectors.disputes_for(request.user).order_by("-created_at")
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(title__icontains=q) | qs.filter(reference__icontains=q)
    page = paginate(request, qs)
    context = {"page": page, "statuses": Dispute.Status.choices, "status": status, "q": q,
               "judge_queue": selectors.judge_queue(request.user),
               "has_delegation_queue": selectors.has_delegation_queue(request.user),
               "may_report": selectors.may_report(request.user)}  # fmt: skip
    template = "disputes/_list.html" if is_htmx(request) else "disputes/list.html"
    return render(request, template, context)


def _areas_for_report(user) -> list[tuple[str, list[Area]]]:
    scope = scope_of(user)
    villages = Area.objects.filter(level=Area.Level.VILLAGE).select_related("parent")
    points = scope.points(Role.LIAISON)
    if points:
        villages = villages.filter(service_points__in=points) | villages.filter(
            parent__service_points__in=points
        )
    groups: dict[str, list[Area]] = {}
    for area in villages.distinct().order_by("code")[:600]:
        groups.setdefault(area.parent.name if area.parent else "", []).append(area)
    return list(groups.items())


@login_required
@page_view
@idempotent_page
def report(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if not selectors.may_report(request.user):
        return render(request, "errors/403.html", status=403)
    form = ReportForm(request.POST or None)
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data

        def party(prefix: str, role: str) -> services.PartyInput:
            number = d[f"{prefix}_id_number"].strip()
            person = d[f"{prefix}_kind"] == "person"
            return services.PartyInput(
                role=role, kind=d[f"{prefix}_kind"], name=d[f"{prefix}_name"],
                id_number=number if person else "", credit_code="" if person else number,
                mobile=d[f"{prefix}_mobile"], address=d[f"{prefix}_address"],
                is_reporter=(prefix == "a" and scope.holds(Role.PARTY)),
            )  # fmt: skip

        try:
            dispute = services.report_dispute(
                actor=request.user,
                data=services.DisputeInput(
                    title=d["title"], description=d["description"],
                    parties=[party("a", "applicant"), party("r", "respondent")],
                    area_id=d.get("area"), cause_code=d.get("cause_code", ""),
                    cause_free_text=d.get("cause_free_text", ""),
                    amount=str(d["amount"]) if d.get("amount") is not None else None,
                    people_involved=d["people_involved"], urgency=d["urgency"],
                    department=d.get("department", ""),
                    project_name=d.get("project_name", ""),
                    employer_name=d.get("employer_name", ""),
                    housing_estate=d.get("housing_estate", ""),
                ),
            )  # fmt: skip
        except FieldError as exc:
            errors = exc.fields
        else:
            messages.success(request, _("纠纷已上报，编号 %(ref)s。") % {"ref": dispute.reference})
            return redirect("disputes:detail", pk=dispute.pk)
    elif request.method == "POST":
        errors = {k: list(v) for k, v in form.errors.items()}
    return render(
        request,
        "disputes/report.html",
        {"form": form, "errors": errors, "area_groups": _areas_for_report(request.user),
         "is_liaison": scope.holds(Role.LIAISON)},
        status=400 if errors else 200,
    )  # fmt: skip


@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    revision = catalogue.revision_on(timezone.localdate())
    text = request.GET.get("description", "")
    found = rules.suggest_causes(text, catalogue.catalogue(revision)) if len(text) >= 4 else []
    return render(
        request, "disputes/_suggestions.html", {"suggestions": found, "revision": revision}
    )


@login_required
@page_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = selectors.dispute_for(request.user, pk)
    _prefetch_records(dispute)
    with selectors.remembering():  # a read: each "may this person…" is asked once
        return render(request, "disputes/detail.html", _detail_context(request, dispute))


def _prefetch_records(dispute: Dispute) -> None:
    """The dispute's own records, read once for a page that asks about them many times (which
    actions to offer, the timeline, the sections): a read only, never before a write."""
    from django.db.models import Prefetch, prefetch_related_objects

    from fating.disputes.models import Agreement, AgreementSignature, Delegation, JudgeBooking

    prefetch_related_objects(
        [dispute],
        "parties",
        Prefetch("delegations", queryset=Delegation.objects.select_related("organisation", "mediator")),
        Prefetch("bookings", queryset=JudgeBooking.objects.select_related("judge")),
        Prefetch("agreements", queryset=Agreement.objects.prefetch_related(
            "instalments", "confirmations",
            Prefetch("signatures", queryset=AgreementSignature.objects.select_related("party")))),
    )  # fmt: skip


def _detail_context(request: HttpRequest, dispute: Dispute, **extra: object) -> dict:
    offered = [
        {"name": a.name, "label": a.label, "form": a.form(auto_id=f"id_{a.name}_%s"),
         "extra": _sub_records(a.name, dispute)}
        for a in actions.offered(request.user, dispute)
    ]  # fmt: skip
    from fating.documents.selectors import documents_for

    documents = list(documents_for(request.user, dispute))
    push = None
    if selectors.is_court_staff(request.user, dispute) or selectors.is_assigned_mediator(
        request.user, dispute
    ):
        push = _push(dispute)
    return {
        "dispute": dispute,
        "parties": presenters.parties_for(request.user, dispute),
        "timeline": presenters.timeline(dispute),
        "offered": offered,
        "delegations": dispute.delegations.all(),
        "referrals": selectors.restrict(dispute.referrals.all(), request.user).select_related(
            "department", "handed_by"
        ),
        # a department officer reads the dispute through their hand-over, not its chat
        "sees_as_handing": selectors.sees_otherwise_than_as_department(request.user, dispute),
        "agreements": dispute.agreements.all(),
        "bookings": dispute.bookings.all(),
        "sessions": dispute.sessions.all(),
        "guidance": dispute.guidance.select_related("judge"),
        "attachments": dispute.attachments.all(),
        "documents": documents,
        "judges": _tribunal_judges(dispute),
        "departments": Department.objects.filter(court_id=dispute.court_id, active=True).order_by(
            "kind", "name"
        ),
        "push": push,
        # The 立案草稿 link only for whoever may open that filing (its filer, the assisting
        # liaison; court staff once it is submitted).
        "sees_filing": bool(dispute.filing_id)
        and court_side().sees_filing(request.user, dispute.filing_id),
        "push_template": "knowledge/_push_panel.html" if push is not None else None,
        # Pages of apps above disputes (e.g. 中立评估), for whoever may open them.
        "extra_links": links_for(request.user, dispute),
        "consent_pending": services.consent_pending(dispute),
        # court staff of this dispute read the machinery (file hashes); others plain words
        "sees_detail": selectors.is_court_staff(request.user, dispute),
        **extra,
    }


def _sub_records(name: str, dispute: Dispute) -> list[dict]:
    """Which record an action applies to, when the dispute has several (chosen from a list)."""
    if name in ("respond_delegation", "extend_delegation", "fail_delegation"):
        wanted = "pending" if name == "respond_delegation" else "accepted"
        rows = [
            (d.pk, f"{d.organisation.name}（{d.get_status_display()}）")
            for d in dispute.delegations.all()
            if d.status == wanted
        ]
        return [{"param": "delegation", "label": _("委派"), "options": rows}]
    if name == "respond_booking":
        rows = [
            (b.pk, f"{timezone.localtime(b.starts_at):%m-%d %H:%M} {b.place}")
            for b in dispute.bookings.all()
            if b.status == "requested"
        ]
        return [{"param": "booking", "label": _("预约"), "options": rows}]
    if name == "payment":
        rows = [
            (i.pk, f"{i.due_on:%Y-%m-%d} 应付 {i.amount} 元，已付 {i.paid_amount} 元")
            for a in dispute.agreements.all()
            if a.status in ("effective", "defaulted")
            for i in a.instalments.all()
            if i.paid_amount < i.amount
        ]
        return [{"param": "instalment", "label": _("分期"), "options": rows}]
    if name in ("accept_confirmation", "decide_confirmation"):
        wanted = "applied" if name == "accept_confirmation" else "accepted"
        rows = [
            (c.pk, c.case_number or f"申请 {timezone.localtime(c.applied_at):%m-%d}")
            for a in dispute.agreements.all()
            for c in a.confirmations.all()
            if c.status == wanted
        ]
        return [{"param": "confirmation", "label": _("司法确认申请"), "options": rows}]
    return []  # fmt: skip


def _push(dispute: Dispute) -> object | None:
    """Similar cases and relevant articles from the knowledge library (empty until imported)."""
    from fating.knowledge.push import push_for_text

    result = push_for_text(f"{dispute.title} {dispute.description}", cause=dispute.cause_name)
    return result or None


def _tribunal_judges(dispute: Dispute) -> QuerySet:
    # Unevaluated: only the booking form lists them, and most people are offered no booking.
    return holders(Role.JUDGE, tribunal=dispute.tribunal_id).order_by("pk")


@login_required
@require_POST
@page_view
def act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    dispute = selectors.dispute_for(request.user, pk)
    try:
        actions.run_action(name, request.user, dispute, request.POST, request.FILES)
    except FieldError as exc:
        dispute.refresh_from_db()
        context = _detail_context(request, dispute, failed_action=name, action_errors=exc.fields)
        return render(request, "disputes/detail.html", context, status=400)
    except DomainError as exc:
        if exc.status_code == 404:
            raise
        if exc.status_code == 403:
            # The person sees the dispute but the service refused: its reason goes next to the
            # action, not onto a bare "no permission" page.
            dispute.refresh_from_db()
            context = _detail_context(request, dispute, failed_action=name,
                                      action_errors={"__all__": [exc.message]})  # fmt: skip
            if name not in {a["name"] for a in context["offered"]}:
                messages.error(request, exc.message)
            return render(request, "disputes/detail.html", context, status=403)
        messages.error(request, exc.message)
    else:
        messages.success(request, actions.done_message(name, request.POST))
    return redirect("disputes:detail", pk=pk)


@login_required
@page_view
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "disputes/queue.html", {"items": selectors.mediator_queue(request.user),
                                                   "now": timezone.now()})  # fmt: skip


@login_required
@page_view
def statistics(request: HttpRequest) -> HttpResponse:
    courts, suppress = selectors.statistics_view(request.user)
    data = stats.statistics(court_ids=courts, suppress_small=suppress)
    return render(request, "disputes/statistics.html",
                  {"stats": data, "definitions": stats.labelled_definitions(data)})  # fmt: skip
