"""Pages of service: the queue for clerks and liaisons, a service's record, the recipient's
inbox (with the one copy of each document served on them)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import DomainError
from fating.core.http import page_view
from fating.delivery import rules, selectors, services
from fating.documents.selectors import can_manage_matter


@login_required
@page_view
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "delivery/queue.html", {"services": selectors.queue_for(request.user)})


@login_required
@page_view
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_for(request.user, pk)
    context = {
        "service": service, "labels": rules.CHANNEL_LABELS, "receipt_labels": rules.RECEIPT_LABELS,
        "attempts": service.attempts.prefetch_related("receipts").select_related("assignee"),
        "manager": can_manage_matter(request.user, service.matter),
        "recipient": service.recipient_user_id == request.user.pk,
    }  # fmt: skip
    return render(request, "delivery/detail.html", context)


@login_required
@require_POST
@page_view
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_for(request.user, pk)
    raw = parse_datetime(request.POST.get("occurred_at", ""))
    when = timezone.make_aware(raw) if raw and raw.tzinfo is None else raw
    try:
        services.record_outcome(actor=request.user, attempt=attempt,
                                kind=request.POST.get("kind", ""), occurred_at=when,
                                upload=request.FILES.get("file"),
                                witness=request.POST.get("witness", ""),
                                note=request.POST.get("note", ""))  # fmt: skip
        messages.success(request, _("已记录送达结果。"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("delivery:detail", pk=attempt.service_id)


@login_required
@page_view
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "delivery/inbox.html", {"services": selectors.inbox_for(request.user)})


@login_required
@page_view
def inbox_item(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_for(request.user, pk)
    return render(request, "delivery/inbox_item.html", {"service": service})
