"""Pages for 审限: the case's time-limit actions and the in-time closure rate for court staff."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.cases import case_tabs, legal, selectors
from fating.cases.done import done
from fating.cases.services import time_limits
from fating.cases.views.common import FIELD_LABELS, optional_date
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.http import form_errors, page_view

LIMIT_LABELS = {
    "amount": gettext_lazy("延长期限"),
    "unit": gettext_lazy("单位"),
    "reasons": gettext_lazy("理由"),
    "note": gettext_lazy("审批意见"),
    "approve": gettext_lazy("审批"),
    "kind": gettext_lazy("扣除事由"),
    "start": gettext_lazy("开始日期"),
    "end": gettext_lazy("结束日期"),
    "to": gettext_lazy("转换后程序"),
    "on": gettext_lazy("裁定日期"),
    "action": gettext_lazy("操作"),
}


def _required_date(raw: str | None, field: str) -> date:
    value = optional_date(raw, field)
    if value is None:
        raise FieldError({field: _("请填写日期。")})
    return value


def _int(raw: str | None, field: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise FieldError({field: _("请填写整数。")})
    return int(raw)


def _act(request: HttpRequest, case: Any, name: str) -> None:
    post, user = request.POST, request.user
    if name == "request_extension":
        time_limits.request_extension(
            actor=user, case=case, reasons=post.get("reasons", ""),
            amount=_int(post.get("amount"), "amount"), unit=post.get("unit") or None,
        )  # fmt: skip
    elif name == "decide_extension":
        extension = selectors.extension_for(
            user, _int(post.get("extension"), "action") or 0, action="decide"
        )
        time_limits.decide_extension(
            actor=user, extension=extension, approve=post.get("approve") == "yes",
            note=post.get("note", ""),
        )  # fmt: skip
    elif name == "exclude":
        time_limits.record_excluded_period(
            actor=user, case=case, kind=post.get("kind", ""),
            start=_required_date(post.get("start"), "start"),
            end=optional_date(post.get("end"), "end"), note=post.get("note", ""),
        )  # fmt: skip
    elif name == "end_exclusion":
        period = selectors.excluded_period_for(
            user, _int(post.get("period"), "action") or 0, action="manage"
        )
        time_limits.end_excluded_period(
            actor=user, period=period, end=_required_date(post.get("end"), "end")
        )
    elif name == "change_procedure":
        time_limits.change_procedure(
            actor=user, case=case, to=post.get("to", ""), reasons=post.get("reasons", ""),
            on=optional_date(post.get("on"), "on"),
            before_first_hearing=post.get("before_first_hearing") == "on",
        )  # fmt: skip
    else:
        raise FieldError({"action": _("未知的操作。")})


@login_required
@require_POST
@page_view
def time_limit_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Extension request (judge), decision (president via the court administrator), excluded
    periods and procedure changes (the court)."""
    case = selectors.case_for(request.user, pk)
    errors = form_errors(
        lambda: _act(request, case, request.POST.get("action", "")),
        {**FIELD_LABELS, **LIMIT_LABELS},
    )
    if not errors:
        messages.success(request, done(request.POST.get("action", "")))
        return redirect(case_tabs.url_after(case, request.POST.get("action", "")))
    return case_tabs.render_failure(request, case, request.POST.get("action", ""), errors)


@login_required
@page_view
def closure_rates(request: HttpRequest) -> HttpResponse:
    """审限内结案率 per court and per judge, for the court's staff."""
    if not selectors.rate_courts(request.user):
        raise NotPermitted(_("审限内结案率仅向法院工作人员开放。"))
    errors: list[str] = []
    try:
        since = optional_date(request.GET.get("since"), "since")
        until = optional_date(request.GET.get("until"), "until")
    except FieldError:
        since = until = None
        errors = [_("日期格式应为“2026-03-01”。")]
    return render(
        request,
        "cases/closure_rates.html",
        {
            "courts": selectors.closure_rates(request.user, since=since, until=until),
            "since": since,
            "until": until,
            "errors": errors,
            "definition": legal.IN_TIME_DEFINITION,
        },
    )
