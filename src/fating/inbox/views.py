"""Pages of the notification centre: the inbox, one message (opening it is its read receipt),
mark all read, and the channels per kind of notice."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import FieldError
from fating.core.http import page_view, paginate
from fating.inbox import rules, selectors, services


@login_required
@page_view
def inbox(request: HttpRequest) -> HttpResponse:
    unread = request.GET.get("unread") == "1"
    page = paginate(request, selectors.messages_for(request.user, unread=unread))
    return render(request, "inbox/list.html", {"page": page, "only_unread": unread})


@login_required
@page_view
def message(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.mark_read(actor=request.user, message=selectors.message_for(request.user, pk))
    safe_link = found.link if url_has_allowed_host_and_scheme(found.link, None) else ""
    return render(request, "inbox/message.html", {"message": found, "link": safe_link})


@login_required
@require_POST
@page_view
def read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user)
    flash.success(request, _("已将 %(count)s 条消息标为已读。") % {"count": count})
    return redirect("inbox:list")


@login_required
@page_view
def preferences(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    failed_kind = ""
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        try:
            services.set_preference(
                actor=request.user,
                kind=kind,
                **{c: request.POST.get(c) == "on" for c in rules.CHANNELS},
            )
        except FieldError as exc:
            errors, failed_kind = exc.fields, kind
        else:
            flash.success(request, _("通知设置已保存。"))
            return redirect("inbox:preferences")
    labels = {c: _(label) for c, label in rules.CHANNEL_LABELS.items()} | {"kind": _("通知类别")}
    context = {
        "rows": selectors.preferences_for(request.user),
        "errors": [f"{labels.get(k, k)}：{m}" for k, ms in errors.items() for m in ms],
        "failed_kind": failed_kind,
    }
    return render(request, "inbox/preferences.html", context, status=400 if errors else 200)
