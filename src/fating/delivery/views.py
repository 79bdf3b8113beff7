"""Pages of service: the queue for clerks and liaisons, a service's record, the recipient's
inbox (with the one copy of each document served on them)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.accounts.selectors import sees_technical_detail
from fating.core.exceptions import DomainError, FieldError, InvalidTransition
from fating.core.http import page_view
from fating.delivery import inputs, rules, selectors, services
from fating.delivery.models import Service
from fating.documents.selectors import can_manage_matter

# The ways of serving recorded by hand on the page; electronic attempts are sent by the system.
PAGE_CHANNELS = (rules.POST, rules.IN_PERSON, rules.NOTICE)


@login_required
@page_view
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "delivery/queue.html", {"services": selectors.queue_for(request.user)})


@login_required
@page_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.service_for(request.user, pk))


def _detail(
    request: HttpRequest,
    service: Service,
    *,
    status: int = 200,
    attempt_values: Any = None,
    attempt_errors: dict[str, list[str]] | None = None,
    outcome_attempt: int | None = None,
    outcome_values: Any = None,
    outcome_errors: dict[str, list[str]] | None = None,
    refused: str = "",
) -> HttpResponse:
    """The service page; after refused input, with the form that failed kept as typed and each
    message next to its field."""
    manager = can_manage_matter(request.user, service.matter)
    channels = [
        c for c in PAGE_CHANNELS if not (service.is_paper_copy and c not in rules.PAPER_CHANNELS)
    ]
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    context = {
        "service": service, "labels": {k: _(v) for k, v in rules.CHANNEL_LABELS.items()},
        "receipt_labels": {k: _(v) for k, v in rules.RECEIPT_LABELS.items()},
        "attempts": service.attempts.prefetch_related("receipts").select_related("assignee"),
        "manager": manager,
        "sees_detail": sees_technical_detail(request.user, getattr(service.matter, "court_id", None)),
        "recipient": service.recipient_user_id == request.user.pk,
        "paper_copy": selectors.paper_copy_of(service),
        "paper_allowed": _paper_allowed(service),
        "may_add_attempt": manager and service.status == Service.Status.IN_PROGRESS,
        "attempt_channels": [(c, _(rules.CHANNEL_LABELS[c])) for c in channels],
        "assignees": selectors.assignee_choices(request.user, service) if manager else [],
        "attempt_values": attempt_values or {}, "attempt_errors": attempt_errors or {},
        "outcome_attempt": outcome_attempt, "outcome_values": outcome_values or {},
        "outcome_errors": outcome_errors or {}, "refused": refused, "now": now,
    }  # fmt: skip
    return render(request, "delivery/detail.html", context, status=status)


def _paper_allowed(service: Service) -> bool:
    return (
        not service.is_paper_copy
        and service.status == Service.Status.SERVED
        and rules.paper_copy_allowed(service.served_channel)
    )


@login_required
@require_POST
@page_view
def add_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a physical attempt (post with its tracking number, in person by an assigned
    liaison or officer, public notice) from the service page; the page twin of the API's
    add_attempt, including for a paper copy asked for under 民事诉讼法 第90条第1款."""
    service = selectors.service_for(request.user, pk, write=True)
    values = request.POST
    try:
        attempt = services.add_attempt(
            actor=request.user, service=service, **inputs.attempt_args(values)
        )
    except FieldError as exc:
        return _detail(request, service, status=400, attempt_values=values,
                       attempt_errors=exc.fields)  # fmt: skip
    except InvalidTransition as exc:
        return _detail(request, service, status=409, attempt_values=values, refused=exc.message)
    messages.success(
        request, _("已登记%(channel)s。") % {"channel": _(rules.CHANNEL_LABELS[attempt.channel])}
    )
    return redirect("delivery:detail", pk=service.pk)


@login_required
@require_POST
@page_view
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what happened on an attempt (signed with a photo of the return, refused and left,
    postal receipt, returned, published): its assignee or a manager of the matter."""
    attempt = selectors.attempt_for(request.user, pk)
    values = {k: request.POST.get(k, "") for k in ("kind", "occurred_at", "witness", "note")}
    try:
        services.record_outcome(
            actor=request.user, attempt=attempt, **inputs.outcome_args(request.POST, request.FILES)
        )
    except (FieldError, InvalidTransition) as exc:
        service = selectors.service_for(request.user, attempt.service_id)
        refused = exc.message if isinstance(exc, InvalidTransition) else ""
        return _detail(request, service, status=409 if refused else 400,
                       outcome_attempt=attempt.pk, outcome_values=values,
                       outcome_errors=exc.fields, refused=refused)  # fmt: skip
    messages.success(request, _("已记录送达结果。"))
    return redirect("delivery:detail", pk=attempt.service_id)


@login_required
@page_view
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "delivery/inbox.html", {"services": selectors.inbox_for(request.user)})


@login_required
@page_view
def inbox_item(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_for(request.user, pk)
    context = {"service": service, "paper_copy": selectors.paper_copy_of(service),
               "acknowledged": selectors.acknowledged(service),
               "may_acknowledge": selectors.may_acknowledge(request.user, service),
               "paper_allowed": _paper_allowed(service),
               "paper_due": rules.paper_copy_due(service.document.kind)}  # fmt: skip
    return render(request, "delivery/inbox_item.html", context)


@login_required
@require_POST
@page_view
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient replies 收悉 from the inbox page and comes back to it with a message."""
    service = selectors.service_for(request.user, pk)
    try:
        services.acknowledge(actor=request.user, service=service)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("您已确认收到《%(title)s》，法院已记录您的回复。")
            % {"title": service.document.title},
        )
    return redirect("delivery:inbox-item", pk=service.pk)


@login_required
@require_POST
@page_view
def paper_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient asks for the paper copy (or court staff record their request)."""
    service = selectors.service_for(request.user, pk)
    try:
        paper = services.request_paper_copy(actor=request.user, service=service,
                                            note=request.POST.get("note", ""))  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
        if service.recipient_user_id == request.user.pk:
            return redirect("delivery:inbox-item", pk=service.pk)
        return redirect("delivery:detail", pk=service.pk)
    messages.success(request, _("已记录纸质文书申请，法院将邮寄或当面送交纸质文书。"))
    if service.recipient_user_id == request.user.pk:
        return redirect("delivery:inbox-item", pk=service.pk)
    return redirect("delivery:detail", pk=paper.pk)
