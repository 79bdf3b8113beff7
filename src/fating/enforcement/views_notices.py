"""Pages of the notices and the property report, the 执行事务中心 queue and the monthly
reconciliation of enforcement money. Thin: selectors_notices and services_notices decide."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.core.exceptions import DomainError, FieldError, NotPermitted, NotVisible
from fating.core.http import page_view
from fating.core.idempotency import idempotent_page
from fating.enforcement import selectors, services_measures, services_notices
from fating.enforcement import selectors_notices as sn
from fating.enforcement.models import CentreTask, EnforcementCase
from fating.enforcement.rules import notices
from fating.enforcement.rules.workflow import CLOSED

REPORT_ROWS = 6


def _refused(request: HttpRequest, exc: DomainError) -> None:
    if exc.fields:
        for message_list in exc.fields.values():
            for message in message_list:
                messages.error(request, message)
    else:
        messages.error(request, exc.message)


def _manages(user: Any, case: EnforcementCase) -> bool:
    return selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), user, "manage").exists()


def _items_from(data: Any) -> list[dict[str, str]]:
    rows = []
    for n in range(REPORT_ROWS):
        row = {k: (data.get(f"item-{n}-{k}") or "").strip()
               for k in ("kind", "holder", "reference", "value", "note")}  # fmt: skip
        if row["holder"] or row["reference"] or row["value"]:
            rows.append(row)
    return rows


@login_required
@page_view
def notices_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's notices (generated, served, the report's last day), the reports and the
    flags for sanction; the executor issues, records a written report, re-checks."""
    case = selectors.case_for(request.user, pk)
    manage = _manages(request.user, case)
    respondent = sn.respondent_of(request.user, case)
    if not manage and respondent is None:
        raise PermissionDenied(_("只有本院执行人员和被执行人可以查看执行通知和财产报告。"))
    reports = list(sn.reports_of(case))
    reported = {r.party_id for r in reports}
    respondents = [
        p for p in case.parties.filter(role="respondent").order_by("pk") if p.pk not in reported
    ]
    decide = selectors.restrict(
        EnforcementCase.objects.filter(pk=case.pk), request.user, "decide"
    ).exists()
    flags = list(sn.flags_of(case)) if manage else []
    return render(request, "enforcement/notices.html", {
        "case": case, "manage": manage, "respondent": respondent,
        "documents": services_notices.notice_documents(case) if manage else [],
        "reports": reports,
        "flags": [(f, notices.FLAG.allowed_names(f.status) if decide and case.status not in CLOSED
                   else [], services_measures.flag_facts(f)) for f in flags],
        "flag_states": notices.FLAG.states,
        "respondents": respondents,
        "kinds": list(notices.ITEM_KINDS.items()), "rows": range(REPORT_ROWS),
        "reported": reported, "is_open": case.status not in CLOSED,
        "proposal_labels": notices.PROPOSAL_LABELS,
    })  # fmt: skip


@login_required
@require_POST
@page_view
@idempotent_page
def notices_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = selectors.case_for(request.user, pk)
    user, data = request.user, request.POST
    try:
        if name == "issue":
            days = data.get("report_days", "")
            if not days.isdigit():
                raise FieldError({"report_days": _("报告期限须为1至90日")})
            services_notices.issue_notices(actor=user, case=case, report_days=int(days))
        elif name == "report":
            party = None
            if not sn.respondent_of(user, case):
                party = case.parties.filter(role="respondent", pk=_int(data.get("party"))).first()
            services_notices.submit_report(actor=user, case=case, items=_items_from(data),
                                           party=party)  # fmt: skip
        elif name == "check":
            report = case.reports.filter(pk=_int(data.get("report"))).first()
            if report is None:
                raise FieldError({"report": _("请选择财产报告")})
            services_notices.check_report(actor=user, report=report)
        elif name == "task":
            services_notices.request_task(actor=user, case=case, kind=data.get("kind", ""),
                                          note=data.get("note", ""))  # fmt: skip
        else:
            raise FieldError({"action": _("不支持的操作")})
    except (NotVisible, NotPermitted):
        raise
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:notices", pk=case.pk)


FLAG_MOVES = ("dismiss", "convert")


@login_required
@require_POST
@page_view
@idempotent_page
def flag_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The 执行法官's decision on a flag: 不予处罚 with a reason, or 转为失信措施 (the 失信 decision
    on the ground 违反财产报告制度, generated and filed like any measure)."""
    flag = sn.flag_for(request.user, pk, "decide")
    data = request.POST
    try:
        if name == "dismiss":
            services_notices.dismiss_flag(actor=request.user, flag=flag,
                                          reason=data.get("reason", ""))  # fmt: skip
        elif name == "convert":
            extra = data.get("extra_years", "0").strip() or "0"
            if not extra.isdigit() or len(extra) > 2:
                raise FieldError({"extra_years": _("延长年数须为0至3的整数")})
            services_measures.convert_flag(
                actor=request.user, flag=flag, facts=data.get("facts", ""),
                extra_grounds=data.getlist("grounds"), extra_years=int(extra),
            )  # fmt: skip
        else:
            raise FieldError({"action": _("不支持的操作")})
    except (NotVisible, NotPermitted):
        raise
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已作出决定。") if name == "dismiss" else
                         _("已转为失信措施，决定书已生成，请送达被执行人。"))  # fmt: skip
    return redirect(reverse("enforcement:notices", args=[flag.case_id]) + "#flags")


def _int(value: Any) -> int:
    return int(value) if str(value or "").isdigit() and len(str(value)) < 10 else 0


@login_required
@page_view
def centre(request: HttpRequest) -> HttpResponse:
    """执行事务中心: the court's queue of intensive tasks, with counts and ages."""
    if not sn.may_see_centre(request.user):
        raise PermissionDenied(_("只有本院执行人员和管理员可以查看执行事务中心。"))
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    tasks = sn.queue(request.user, status=status, kind=kind)
    today = timezone.localdate()
    works = set(
        sn.restrict_tasks(CentreTask.objects.filter(pk__in=[t.pk for t in tasks]),
                          request.user, "manage").values_list("pk", flat=True)
    )  # fmt: skip
    rows = [{
        "task": t, "age": sn.age_days(t, today),
        "moves": [(n, notices.CENTRE_TASK.label(n)) for n in notices.CENTRE_TASK.allowed_names(t.status)
                  if t.pk in works and (n == "claim" or t.claimed_by_id == request.user.pk)],
    } for t in tasks]  # fmt: skip
    return render(request, "enforcement/centre.html", {
        "rows": rows, "counts": sn.queue_counts(request.user, today),
        "kinds": list(notices.TASK_KINDS.items()), "states": list(notices.CENTRE_TASK.states.items()),
        "status": status, "kind": kind,
    })  # fmt: skip


@login_required
@require_POST
@page_view
@idempotent_page
def task_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    task = sn.task_for(request.user, pk, "manage")
    try:
        services_notices.move_task(actor=request.user, task=task, name=name,
                                   note=request.POST.get("note", ""))  # fmt: skip
    except (NotVisible, NotPermitted):
        raise
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已办理。"))
    return redirect(reverse("enforcement:centre") + "?" + request.GET.urlencode())


@login_required
@page_view
def reconciliation(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """执行款月度对账: money in, out, fees and the balance held per case and in total for a
    court's month; discrepancies flagged. export.xlsx / export.pdf export it."""
    courts = list(sn.reconciliation_courts(request.user).order_by("pk"))
    if not courts:
        raise PermissionDenied(_("只有本院执行人员和管理员可以查看执行款对账。"))
    court = next((c for c in courts if str(c.pk) == request.GET.get("court")), courts[0])
    month = request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    try:
        data = sn.reconciliation(court, month)
    except ValueError:
        raise Http404(_("月份格式应为“2026-11”。")) from None
    if fmt and fmt not in ("xlsx", "pdf"):
        raise Http404(_("不支持的导出格式。"))
    if fmt:
        from fating.enforcement import exports

        body, ctype = (exports.workbook(data), exports.XLSX) if fmt == "xlsx" else (
            exports.pdf(data), "application/pdf")  # fmt: skip
        response = HttpResponse(body, content_type=ctype)
        response["Content-Disposition"] = (
            f'attachment; filename="reconciliation-{court.pk}-{month}.{fmt}"'
        )
        return response
    return render(request, "enforcement/reconciliation.html", {**data, "courts": courts})
