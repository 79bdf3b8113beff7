"""Pages of the court calendar: the period calculator (期间计算器) for every signed-in user, and
the holiday-year list and import for court administrators. Thin: the engine computes, the
court_calendar module reads and writes."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fating.core import court_calendar
from fating.core.calendar import (
    PERIOD_UNITS,
    RuleInputError,
    compute_period,
    parse_period_request,
)
from fating.core.exceptions import DomainError, NotPermitted
from fating.core.http import page_view
from fating.core.models import HolidayYear

UNIT_CHOICES = (("days", _("日（民事诉讼法 第85条）")), ("months", _("月（民法典 第202条）")),
                ("working_days", _("工作日")))  # fmt: skip


@login_required
def period_calculator(request: HttpRequest) -> HttpResponse:
    """期间计算器: the last day of a period on the court calendar, with its legal basis."""
    answer = None
    errors: dict[str, str] = {}
    start = request.GET.get("start", "")
    unit = request.GET.get("unit", "days")
    count = request.GET.get("count", "")
    if start or count:
        if unit not in PERIOD_UNITS:
            errors["unit"] = _("请选择计算单位。")
        else:
            try:
                req = parse_period_request({"start": start, unit: count}, from_text=True)
                answer = compute_period(req, court_calendar.court_calendar(request)).as_dict()
            except RuleInputError as exc:
                errors[exc.field] = exc.reason
    status = 400 if errors else 200
    return render(request, "core/period_calculator.html", {
        "answer": answer, "errors": errors, "start": start, "unit": unit, "count": count,
        "units": UNIT_CHOICES, "can_manage": court_calendar.can_manage_calendar(request.user),
    }, status=status)  # fmt: skip


@login_required
@page_view
def holiday_years(request: HttpRequest) -> HttpResponse:
    """The years in force with source and confidence; a court administrator loads a year by
    uploading or pasting the JSON document."""
    if not court_calendar.can_manage_calendar(request.user):
        raise NotPermitted(_("只有法院管理员可以管理节假日安排。"))
    errors: list[str] = []
    text = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is not None:
            if (upload.size or 0) > court_calendar.MAX_DOCUMENT_BYTES:
                errors.append(_("文件过大（不超过 64 KB）。"))
            else:
                text = upload.read().decode("utf-8", errors="replace")
        else:
            text = request.POST.get("document", "")
        if not errors:
            try:
                document = court_calendar.parse_document_text(text)
                row = court_calendar.import_year(
                    actor=cast(AbstractBaseUser, request.user), document=document,  # a manager: checked above
                    verified=True if request.POST.get("verified") == "on" else None,
                )  # fmt: skip
            except DomainError as exc:
                if exc.status_code == 403:
                    raise
                errors = [f"{k}: {'；'.join(v)}" for k, v in exc.fields.items()] or [exc.message]
            else:
                messages.success(request, _("已导入 %(year)s 年节假日安排。") % {"year": row.year})
                return redirect("core:holiday-years")
    return render(request, "core/holiday_years.html", {
        "rows": court_calendar.year_rows(), "errors": errors, "document": text,
        "confidence_labels": dict(HolidayYear.Confidence.choices),
    }, status=400 if errors else 200)  # fmt: skip
