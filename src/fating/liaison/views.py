"""Pages of liaisons' daily work: the liaison's diary on the phone, an entry with the officer's
feedback, the party's rating of an assisted act, the points' usage-frequency evaluation with
its export, and the 无讼村居 evaluation. Thin: selectors and services decide."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.core.exceptions import NotVisible
from fating.core.http import form_errors, page_view, paginate
from fating.core.idempotency import idempotent_page
from fating.liaison import measures, rules, selectors, services
from fating.liaison.models import LogEntry, VillageEvaluation
from fating.network.models import Court

LABELS = {
    "kind": gettext_lazy("工作类型"), "occurred_on": gettext_lazy("日期"),
    "place": gettext_lazy("地点"), "people_met": gettext_lazy("接触人员"),
    "notes": gettext_lazy("工作记录"), "dispute": gettext_lazy("纠纷"),
    "filing": gettext_lazy("立案申请"), "service": gettext_lazy("送达"),
    "text": gettext_lazy("反馈意见"), "stars": gettext_lazy("满意度"),
    "comment": gettext_lazy("评价意见"), "year": gettext_lazy("年度"),
    "threshold": gettext_lazy("阈值"), "key": gettext_lazy("评价标准"),
    "note": gettext_lazy("理由"), "action": gettext_lazy("操作"),
}  # fmt: skip
KINDS = [(k, gettext_lazy(v)) for k, v in rules.KIND_LABELS.items()]


def _month(request: HttpRequest, *, last_complete: bool = False) -> tuple[int, int]:
    """The month asked for; by default this month, or the last complete one (an evaluation is
    made when the month is over)."""
    raw = request.GET.get("month", "")
    today = timezone.localdate()
    default = rules.previous_month(today.year, today.month) if last_complete else (
        today.year, today.month)  # fmt: skip
    try:
        year, month = (int(x) for x in raw.split("-", 1))
        date(year, month, 1)
    except ValueError:
        return default
    if not 2000 <= year <= today.year or date(year, month, 1) > today:
        return default
    return year, month


@login_required
@page_view
def log(request: HttpRequest) -> HttpResponse:
    """The diary: a liaison's own (with the button to write), or the entries of the officer's
    and the court's area, a month at a time."""
    year, month = _month(request)
    since, until = rules.month_bounds(year, month)
    recent = not request.GET.get("month")
    if recent:  # by default the last 30 days, whatever the calendar month
        until = timezone.localdate() + timedelta(days=1)
        since = until - timedelta(days=31)
    entries = (
        selectors.entries_for(request.user)
        .filter(occurred_on__gte=since, occurred_on__lt=until)
        .prefetch_related("feedback__author")
    )
    pending = request.GET.get("pending") == "1"
    if pending:  # the officer's queue: entries nobody has answered yet
        entries = entries.filter(feedback__isnull=True)
    liaison = selectors.liaison_of(request.user)
    if liaison is None and not scope_of(request.user).holds(Role.JUDGE, Role.CLERK,
                                                            Role.COURT_ADMIN):  # fmt: skip
        raise NotVisible(_("联络日志仅向联络员和法院干警开放。"))
    prev = rules.previous_month(year, month)
    nxt = rules.month_bounds(year, month)[1]
    return render(request, "liaison/log.html", {
        "page": paginate(request, entries, 40), "liaison": liaison,
        "month": f"{year}-{month:02d}", "prev": f"{prev[0]}-{prev[1]:02d}", "recent": recent, "pending": pending,
        "next": f"{nxt.year}-{nxt.month:02d}" if nxt <= timezone.localdate() else "",
    })  # fmt: skip


def _new_page(
    request: HttpRequest, liaison: Any, errors: list[str], status: int = 200
) -> HttpResponse:
    return render(request, "liaison/new.html", {
        "kinds": KINDS, "places": services.places_for(liaison), "errors": errors,
        "form": request.POST if request.method == "POST" else {
            "occurred_on": timezone.localdate().isoformat(), "kind": request.GET.get("kind", "visit")},
    }, status=status)  # fmt: skip


@login_required
@page_view
@idempotent_page
def new(request: HttpRequest) -> HttpResponse:
    liaison = selectors.liaison_of(request.user)
    if liaison is None:
        raise NotVisible(_("只有在岗的便民联络员可以记录联络日志。"))
    if request.method != "POST":
        return _new_page(request, liaison, [])
    created: list[LogEntry] = []
    p = request.POST
    errors = form_errors(lambda: created.append(services.log_entry(
        actor=request.user, kind=p.get("kind", ""), occurred_on=p.get("occurred_on", ""),
        place=p.get("place", ""), people_met=p.get("people_met", ""), notes=p.get("notes", ""),
        dispute=p.get("dispute", ""), filing=p.get("filing", ""), service=p.get("service", ""),
    )), LABELS)  # fmt: skip
    if errors:
        return _new_page(request, liaison, errors, status=400)
    return redirect("liaison:entry", pk=created[0].pk)


def _entry_page(
    request: HttpRequest, entry: LogEntry, errors: list[str], status: int = 200
) -> HttpResponse:
    return render(request, "liaison/entry.html", {
        "entry": entry, "feedback": entry.feedback.select_related("author"),
        "may_feedback": selectors.may(request.user, entry, "feedback"), "errors": errors,
        "ratings": entry.ratings.all(),
    }, status=status)  # fmt: skip


@login_required
@page_view
@idempotent_page
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.entry_for(request.user, pk)
    if request.method != "POST":
        return _entry_page(request, found, [])
    errors = form_errors(lambda: services.give_feedback(
        actor=request.user, entry=found, text=request.POST.get("text", "")), LABELS)  # fmt: skip
    if errors:
        return _entry_page(request, found, errors, status=400)
    return redirect("liaison:entry", pk=found.pk)


@login_required
@page_view
@idempotent_page
def ratings(request: HttpRequest) -> HttpResponse:
    """A party's assisted acts, each to be rated once (1–5)."""
    errors: list[str] = []
    if request.method == "POST":
        p = request.POST
        found = selectors.rateable_entry(request.user, p.get("entry", ""))
        errors = form_errors(lambda: services.rate(actor=request.user, entry=found,
            stars=p.get("stars", ""), comment=p.get("comment", "")), LABELS)  # fmt: skip
        if not errors:
            return redirect("liaison:ratings")
    given = selectors.ratings_by(request.user)
    rows = [(e, given.get(e.pk)) for e in selectors.rateable_for(request.user)[:100]]
    return render(request, "liaison/ratings.html", {"rows": rows, "errors": errors,
                  "stars": range(rules.RATING_MIN, rules.RATING_MAX + 1)},
                  status=400 if errors else 200)  # fmt: skip


def _court(request: HttpRequest, action: str = "view") -> Court:
    raw = request.GET.get("court") or request.POST.get("court")
    if raw:
        return selectors.court_for(request.user, raw, action)
    court = selectors.default_court(request.user)
    if court is None:
        raise NotVisible(_("服务点评价仅向法院干警和综治干部开放。"))
    return selectors.court_for(request.user, court.pk, action)


@login_required
@page_view
def points(request: HttpRequest) -> HttpResponse:
    """咸宁's usage-frequency evaluation: each point's month, ranked within the court."""
    court = _court(request)
    year, month = _month(request, last_complete=True)
    hide = selectors.suppressed(request.user, court)
    rows = [(r, measures.shown(r, hide)) for r in measures.point_rows(court, year, month)]
    return render(request, "liaison/points.html", {
        "court": court, "courts": selectors.eval_courts(request.user), "suppressed": hide,
        "rows": rows, "month": f"{year}-{month:02d}",
        "weights": [(rules.ACTIVITY_LABELS[k], w) for k, w in rules.ACTIVITY_WEIGHTS.items()],
        "score_weights": rules.SCORE_WEIGHTS,
    })  # fmt: skip


EXPORT_HEADER = ["排名", "服务点", "人民法庭", "日志条数", "矛盾上报", "协助立案", "协助送达",
                 "群聊消息", "视频庭审", "活跃度", "上期活跃度", "环比", "满意度", "评价数", "得分"]  # fmt: skip


@login_required
@page_view
def points_export(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    court = _court(request)
    year, month = _month(request, last_complete=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "服务点使用频率评价"
    ws.append([f"{court.name} 服务点使用频率评价", f"{year}-{month:02d}"])
    ws.append(EXPORT_HEADER)
    hide = selectors.suppressed(request.user, court)
    for r in measures.point_rows(court, year, month):
        c = measures.shown(r, hide)
        ws.append([r.rank, r.point.name, r.point.tribunal.name, c["entries"], c["reports"],
                   c["filings"], c["services"], c["chats"], c["videos"], float(r.activity),
                   float(r.previous), "" if r.trend is None else float(r.trend),
                   "" if r.satisfaction is None else float(r.satisfaction), c["ratings"],
                   float(r.score)])  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="points-{court.code or court.pk}-{year}-{month:02d}.xlsx"'
    )
    return response


def _year(request: HttpRequest) -> int:
    this = timezone.localdate().year
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= this else this


def _villages_page(request: HttpRequest, court: Court, year: int, errors: list[str],
                   status: int = 200) -> HttpResponse:  # fmt: skip
    evaluations = selectors.evaluations_for(request.user).filter(court=court, year=year)
    status_filter = request.GET.get("status", "")
    if status_filter in VillageEvaluation.Status.values:
        evaluations = evaluations.filter(status=status_filter)
    thresholds = services.thresholds_of(court)
    user = request.user
    return render(request, "liaison/villages.html", {
        "court": court, "courts": selectors.eval_courts(user), "year": year, "errors": errors,
        "page": paginate(request, evaluations.order_by("village__parent__name", "village__name"), 50),
        "criteria": [(c, thresholds[c.key]) for c in rules.CRITERIA],
        "may_evaluate": selectors.eval_courts(user, "evaluate").filter(pk=court.pk).exists(),
        "may_configure": selectors.eval_courts(user, "configure").filter(pk=court.pk).exists(),
        "statuses": VillageEvaluation.Status.choices, "status": status_filter,
        "titled": selectors.evaluations_for(user).filter(court=court, year=year,
                                                          status="titled").count(),
    }, status=status)  # fmt: skip


@login_required
@page_view
@idempotent_page
def villages(request: HttpRequest) -> HttpResponse:
    """无讼村居: the criteria (with the court's thresholds), the year's evaluation per village."""
    court = _court(request)
    year = _year(request)
    if request.method != "POST":
        return _villages_page(request, court, year, [])
    p = request.POST
    if p.get("what") == "threshold":
        errors = form_errors(lambda: services.set_threshold(
            actor=request.user, court=court, key=p.get("key", ""),
            threshold=p.get("threshold", "")), LABELS)  # fmt: skip
    else:
        errors = form_errors(lambda: services.evaluate_villages(
            actor=request.user, court=court, year=p.get("year", "")), LABELS)  # fmt: skip
    if errors:
        return _villages_page(request, court, year, errors, status=400)
    return redirect(f"{request.path}?court={court.pk}&year={year}")


def _village_page(request: HttpRequest, ev: VillageEvaluation, errors: list[str],
                  status: int = 200) -> HttpResponse:  # fmt: skip
    rows = []
    detail: dict[str, Any] = {}
    for r in ev.results:
        if r["key"] == "_detail":
            detail = r
            continue
        c = rules.CRITERIA_BY_KEY.get(r["key"])
        if c is not None:
            rows.append({**r, "label": _(c.label), "basis": _(c.basis), "unit": _(c.unit),
                         "comparison": c.comparison})  # fmt: skip
    may_decide = selectors.may_evaluation(request.user, ev, "decide")
    actions = [(t.name, _(t.label)) for t in rules.TITLE.allowed(ev.status, ev.passed)
               if t.name != "reevaluate"] if may_decide else []  # fmt: skip
    return render(request, "liaison/village.html", {
        "ev": ev, "rows": rows, "detail": detail, "actions": actions, "errors": errors,
    }, status=status)  # fmt: skip


@login_required
@page_view
def village(request: HttpRequest, pk: int) -> HttpResponse:
    return _village_page(request, selectors.evaluation_for(request.user, pk), [])


@login_required
@require_POST
@page_view
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    ev = selectors.evaluation_for(request.user, pk, "decide")
    errors = form_errors(lambda: services.decide(
        actor=request.user, evaluation=ev, action=request.POST.get("action", ""),
        note=request.POST.get("note", "")), LABELS)  # fmt: skip
    if errors:
        ev.refresh_from_db()
        return _village_page(request, ev, errors, status=400)
    return redirect("liaison:village", pk=ev.pk)
