"""Pages of the warnings app: the list and one warning with its consultation and actions,
including issuing a judicial suggestion (司法建议) and recording the department's reply."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.calendar import days, period_end
from fating.core.court_calendar import court_calendar
from fating.core.exceptions import DomainError, FieldError, InvalidTransition, NotVisible
from fating.core.http import page_view, paginate
from fating.warnings import rules, selectors, services
from fating.warnings.forms import ReplyForm, SuggestionForm
from fating.warnings.models import EarlyWarning

# 法发〔2012〕74号 asks departments to reply; two months is the usual deadline courts set.
SUGGESTION_REPLY_DAYS = 60


@login_required
@page_view
def warning_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.warnings_for(request.user)
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    page = paginate(request, qs)
    return render(request, "warnings/list.html", {
        "page": page, "status": status, "statuses": rules.STATUS_LABELS,
        "statistics_ids": set(selectors.restrict(qs, request.user, "statistics").filter(
            pk__in=[w.pk for w in page]).values_list("pk", flat=True)),
        "can_flag": selectors.can_flag_incident(request.user),
    })  # fmt: skip


@login_required
@page_view
def warning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    warning = selectors.warning_for(request.user, pk)
    if request.method == "POST":
        try:
            if request.POST.get("op") == "assess":
                selectors.warning_for(request.user, pk, action="assess")
                services.record_assessment(
                    actor=request.user, warning=warning, notes=request.POST.get("notes", ""),
                    decisions=request.POST.get("decisions", ""),
                    participants=[{"name": n.strip(), "unit": u} for n, u in zip(
                        request.POST.getlist("name"), request.POST.getlist("unit"), strict=False) if n.strip()],
                )  # fmt: skip
            elif request.POST.get("op") == "close":
                selectors.warning_for(request.user, pk, action="manage")
                services.close_warning(
                    actor=request.user, warning=warning, note=request.POST.get("note", "")
                )
            done = {"assess": _("已记录会商研判意见。"), "close": _("已关闭预警。")}
            if request.POST.get("op") in done:
                messages.success(request, done[request.POST["op"]])
        except DomainError as exc:
            if exc.status_code in (403, 404):
                raise
            messages.error(
                request, "；".join(m for ms in exc.fields.values() for m in ms) or exc.message
            )
        return redirect("warnings:detail", pk=pk)
    return _detail(request, warning)


def _detail(
    request: HttpRequest, warning: EarlyWarning, *, status: int = 200, **forms_: Any
) -> HttpResponse:
    # The suggested reply date is a period on the court calendar (CPL 第85条 by analogy): 60 days
    # from today, moved off a weekend or holiday; the judge may change it.
    reply_due = period_end(
        timezone.localdate(), days(SUGGESTION_REPLY_DAYS), calendar=court_calendar(request)
    ).end
    suggest_form = forms_.get("suggest_form") or SuggestionForm(initial={"reply_due_on": reply_due})
    return render(request, "warnings/detail.html", {
        "w": warning, "status_label": rules.STATUS_LABELS[warning.status],
        "summary": selectors.plain_summary(warning),
        "sees_statistics": selectors.sees_statistics(request.user, warning),
        "evidence": warning.evidence if selectors.sees_records(request.user, warning) else [],
        "can_assess": selectors.can_assess_warning(request.user, warning),
        "can_manage": selectors.can_manage_warning(request.user, warning),
        "can_suggest": selectors.can_issue_suggestion(request.user, warning),
        "may_act": rules.next_status(warning.status, "act") is not None,
        "units": services.UNITS, "suggest_form": suggest_form,
        "suggest_errors": forms_.get("suggest_errors") or {},
        "reply_form": forms_.get("reply_form") or ReplyForm(),
        "reply_action": forms_.get("reply_action"), "reply_errors": forms_.get("reply_errors") or {},
        "refused": forms_.get("refused", ""),
    }, status=status)  # fmt: skip


@login_required
@page_view
@require_POST
def warning_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a judicial suggestion from the warning page (judges of the court)."""
    warning = selectors.warning_for(request.user, pk, action="suggest")
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        return _detail(request, warning, status=400, suggest_form=form,
                       suggest_errors={k: list(v) for k, v in form.errors.items()})  # fmt: skip
    try:
        action = services.issue_judicial_suggestion(
            actor=request.user, warning=warning,
            data=services.SuggestionInput(
                department=form.cleaned_data["department"], findings=form.cleaned_data["findings"],
                suggestions=form.suggestion_lines(), reply_due_on=form.cleaned_data["reply_due_on"],
            ),
        )  # fmt: skip
    except FieldError as exc:
        return _detail(request, warning, status=400, suggest_form=form,
                       suggest_errors=exc.fields)  # fmt: skip
    except InvalidTransition as exc:
        return _detail(request, warning, status=409, suggest_form=form, refused=exc.message)
    messages.success(
        request, _("司法建议已发出，请在 %(due)s 前跟踪回复。") % {"due": action.reply_due_on}
    )
    return redirect("warnings:detail", pk=pk)


@login_required
@page_view
@require_POST
def action_reply(request: HttpRequest, pk: int, action_id: int) -> HttpResponse:
    """Record the department's reply to a judicial suggestion (court staff)."""
    warning = selectors.warning_for(request.user, pk, action="manage")
    action = warning.actions.filter(pk=action_id).first()
    if action is None:
        raise NotVisible(_("处置措施不存在。"))
    form = ReplyForm(request.POST)
    try:
        if not form.is_valid():
            raise FieldError({k: list(v) for k, v in form.errors.items()})
        services.record_reply(actor=request.user, action=action, reply=form.cleaned_data["reply"],
                              replied_on=form.cleaned_data["replied_on"])  # fmt: skip
    except FieldError as exc:
        return _detail(request, warning, status=400, reply_form=form, reply_action=action.pk,
                       reply_errors=exc.fields)  # fmt: skip
    except InvalidTransition as exc:
        return _detail(request, warning, status=409, refused=exc.message)
    messages.success(request, _("已登记回复。"))
    return redirect("warnings:detail", pk=pk)
