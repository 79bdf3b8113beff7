"""Pages for 离婚预立案 and 冷静期: the list (a party's own pre-filings and the form to pre-file;
for the court's clerks and judges the cooling-off queue with the days left, and the counts), and
one page per pre-filing with the court's steps and the applicant's withdrawal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.cases import selectors_procedures as proc
from fating.cases.done import done
from fating.cases.models import Case, DivorcePreFiling
from fating.cases.rules import procedures as rules
from fating.cases.services import divorce
from fating.cases.views.common import FIELD_LABELS, optional_date
from fating.core.exceptions import FieldError
from fating.core.http import form_errors, page_view
from fating.network.models import Court, Tribunal

LABELS = {
    **FIELD_LABELS,
    "applicant_name": gettext_lazy("申请人姓名"),
    "applicant_id_number": gettext_lazy("申请人身份证号"),
    "applicant_mobile": gettext_lazy("申请人手机号"),
    "applicant_address": gettext_lazy("申请人住所"),
    "respondent_name": gettext_lazy("对方姓名"),
    "respondent_mobile": gettext_lazy("对方手机号"),
    "respondent_address": gettext_lazy("对方住所"),
    "months": gettext_lazy("冷静期"),
    "consent": gettext_lazy("双方同意"),
    "consent_note": gettext_lazy("同意记录"),
    "note": gettext_lazy("说明"),
    "action": gettext_lazy("操作"),
}
FORM_FIELDS = (
    "applicant_name", "applicant_id_number", "applicant_mobile", "applicant_address",
    "respondent_name", "respondent_mobile", "respondent_address", "facts",
)  # fmt: skip


def _object(model: type, raw: str | None) -> Any:
    return model.objects.filter(pk=raw).first() if raw and raw.isdigit() else None


def _list_context(request: HttpRequest, errors: list[str]) -> dict:
    user = request.user
    today = timezone.localdate()
    staff = proc.may_manage_divorces(user)
    try:
        since = optional_date(request.GET.get("since"), "since")
        until = optional_date(request.GET.get("until"), "until")
    except FieldError:
        since = until = None
        errors = [*errors, _("日期格式应为“2026-03-01”。")]
    courts = proc.stat_courts(user)
    stats = [
        (court, proc.divorce_counts(court.pk, since, until),
         proc.investigation_counts(court.pk, since, until))
        for court in Court.objects.filter(pk__in=courts).order_by("name")
    ]  # fmt: skip
    return {
        "errors": errors,
        "may_prefile": proc.may_prefile_divorce(user),
        "mine": DivorcePreFiling.objects.filter(applicant=user)
        .select_related("court")
        .order_by("-prefiled_on", "-pk"),
        "queue": proc.cooling_queue(user, today=today) if staff else [],
        "staff": staff,
        "stats": stats,
        "since": since,
        "until": until,
        "courts": Court.objects.order_by("name"),
        "tribunals": Tribunal.objects.select_related("court").order_by("court__name", "name"),
        "posted": request.POST if request.method == "POST" else {},
    }


@login_required
@page_view
def divorce_list(request: HttpRequest) -> HttpResponse:
    """GET: the page. POST: a party pre-files (then its page)."""
    errors: list[str] = []
    if request.method == "POST":
        created: list[DivorcePreFiling] = []
        post = request.POST
        errors = form_errors(
            lambda: created.append(
                divorce.prefile(
                    actor=request.user,
                    court=_object(Court, post.get("court")),
                    tribunal=_object(Tribunal, post.get("tribunal")),
                    **{name: post.get(name, "") for name in FORM_FIELDS},
                )
            ),
            LABELS,
        )
        if not errors:
            messages.success(request, done("divorce_prefile"))
            return redirect("cases:divorce", created[0].pk)
    status = 400 if errors else 200
    return render(request, "cases/divorce_list.html", _list_context(request, errors), status=status)


def _detail_context(request: HttpRequest, prefiling: DivorcePreFiling, errors: list[str]) -> dict:
    user = request.user
    today = timezone.localdate()
    manage = proc.can_manage_divorce(user, prefiling)
    live = prefiling.status in rules.DIVORCE_LIVE
    return {
        "p": prefiling,
        "errors": errors,
        "manage": manage and live,
        "may_withdraw": live and proc.can_withdraw_divorce(user, prefiling),
        "allowed": rules.DIVORCE.allowed_names(prefiling.status, (True, True)),
        "days_left": rules.days_left(prefiling.cooling_until, today)
        if prefiling.cooling_until and prefiling.status == DivorcePreFiling.Status.COOLING
        else None,
        "procedures": Case.Procedure.choices,
        "max_months": rules.COOLING_OFF_MAX_MONTHS,
        "sees_case": prefiling.case_id is not None,
    }


@login_required
@page_view
def divorce_detail(request: HttpRequest, pk: int) -> HttpResponse:
    prefiling = proc.divorce_for(request.user, pk)
    return render(request, "cases/divorce_detail.html", _detail_context(request, prefiling, []))


def _act(request: HttpRequest, prefiling: DivorcePreFiling, name: str) -> None:
    post, user = request.POST, request.user
    note = post.get("note", "")
    if name == "withdraw":
        divorce.withdraw(actor=user, prefiling=prefiling, note=note)
        return
    prefiling = proc.divorce_for(user, prefiling.pk, action="manage")
    if name == "cool":
        divorce.set_cooling_off(
            actor=user, prefiling=prefiling, months=post.get("months", ""),
            applicant_consents=post.get("applicant_consents") == "on",
            respondent_consents=post.get("respondent_consents") == "on",
            consent_note=post.get("consent_note", ""),
        )  # fmt: skip
    elif name == "mediate":
        divorce.record_mediation(actor=user, prefiling=prefiling, note=note)
    elif name == "visit":
        divorce.record_visit(actor=user, prefiling=prefiling, note=note)
    elif name == "reconcile":
        divorce.reconcile(actor=user, prefiling=prefiling, note=note)
    elif name == "file":
        divorce.file_formally(
            actor=user, prefiling=prefiling, note=note, procedure=post.get("procedure") or None
        )
    else:
        raise FieldError({"action": _("未知的操作。")})


@login_required
@require_POST
@page_view
def divorce_act(request: HttpRequest, pk: int) -> HttpResponse:
    """The court's steps (cooling-off, mediation, visit, reconciled, filed) and withdrawal."""
    prefiling = proc.divorce_for(request.user, pk)
    name = request.POST.get("action", "")
    errors = form_errors(lambda: _act(request, prefiling, name), LABELS)
    if not errors:
        messages.success(request, done("divorce_" + name))
        return redirect("cases:divorce", prefiling.pk)
    prefiling.refresh_from_db()
    return render(
        request, "cases/divorce_detail.html", _detail_context(request, prefiling, errors),
        status=400,
    )  # fmt: skip
