"""Pages: the case's 文书与生效 tab and its forms (issue, appeal, send up, result, 生效证明).

Thin: each POST asks the selectors for the object (404/403), runs one service and returns to the
tab; a refused input renders the tab again with the fields named (400).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from fating.cases import case_tabs
from fating.cases import selectors as cases_selectors
from fating.cases.models import Case
from fating.core.exceptions import FieldError
from fating.core.http import form_errors, page_view
from fating.judgments import rules, selectors, services
from fating.judgments.models import Adjudication, Appeal

FIELD_LABELS = {
    "kind": gettext_lazy("文书种类"),
    "subkind": gettext_lazy("裁定类型"),
    "title": gettext_lazy("文书标题"),
    "main_text": gettext_lazy("裁判主文"),
    "foreign_parties": gettext_lazy("境内无住所的当事人"),
    "party_id": gettext_lazy("上诉人"),
    "filed_on": gettext_lazy("递交日期"),
    "grounds": gettext_lazy("上诉请求和理由"),
    "appealed_amount": gettext_lazy("上诉请求数额"),
    "adjudication": gettext_lazy("文书"),
    "higher_court": gettext_lazy("上级法院"),
    "transferred_on": gettext_lazy("移送日期"),
    "result": gettext_lazy("二审结果"),
    "result_on": gettext_lazy("二审裁判日期"),
    "higher_case_number": gettext_lazy("二审案号"),
    "action": gettext_lazy("操作"),
}
DONE = {
    "issue": gettext_lazy("文书已签发，请在“送达”中送达各方当事人。"),
    "appeal": gettext_lazy("上诉状已递交。"),
    "request_certificate": gettext_lazy("已申请生效证明，法院出具后可在此查看。"),
    "issue_certificate": gettext_lazy("生效证明已出具。"),
    "transfer": gettext_lazy("已登记移送上级法院。"),
    "result": gettext_lazy("二审结果已登记。"),
}


def _date(value: str, name: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FieldError({name: _("日期格式应为 年-月-日。")}) from None


def _rows(user: Any, case: Case) -> list[dict[str, Any]]:
    manages = cases_selectors.can_manage_case(user, case)
    out = []
    today = timezone.localdate()
    for a in selectors.adjudications_of(case):
        answer = services.answer_for(a)
        mine = [p for p in a.parties.all() if p.party.user_id == user.pk]
        appealed_by = {ap.appellant_id for ap in a.appeals.all()}
        appealable = rules.is_appealable(rules.Document(a.document_type))
        open_for_appeal = appealable and a.status in ("issued", "appealed")
        may_appeal = [
            p for p in mine
            if open_for_appeal and p.pk not in appealed_by
            and (p.appeal_deadline is None or p.appeal_deadline >= today)
        ]  # fmt: skip
        out.append({
            "a": a,
            "answer": answer,
            "appealable": appealable,
            "parties": list(a.parties.all()),
            "appeals": list(a.appeals.all()),
            "may_appeal": may_appeal,
            "record_appeal": manages and open_for_appeal,
            "request_certificate": bool(mine) and a.status == "effective"
            and not a.certificate_requested and a.certificate_id is None,
            "issue_certificate": manages and a.status == "effective",
        })  # fmt: skip
    return out


def render_tab(
    request: HttpRequest, case: Case, errors: list[str] | None = None, *, status: int = 200
) -> HttpResponse:
    user = request.user
    context = {
        **case_tabs.tab_context(request, case, "effect", errors),
        "rows": _rows(user, case),
        "can_issue": selectors.can_issue(user, case),
        "manages": cases_selectors.can_manage_case(user, case),
        "kinds": Adjudication.Kind.choices,
        "subkinds": [(k, v) for k, v in Adjudication.Subkind.choices if k],
        "results": [(k, v) for k, v in Appeal.Result.choices if k],
        "parties": list(case.filing.parties.order_by("pk"))
        if selectors.can_issue(user, case)
        else [],
        "service_url": case_tabs.tab_url(case, "service"),
    }
    return render(request, "judgments/tab.html", context, status=status)


def tab_url(case: Case | int) -> str:
    return case_tabs.tab_url(case, "effect")


def _done(request: HttpRequest, case: Case, name: str, errors: list[str]) -> HttpResponse:
    if errors:
        case.refresh_from_db()
        return render_tab(request, case, errors, status=400)
    messages.success(request, str(DONE[name]))
    return redirect(tab_url(case))


@login_required
@require_GET
@page_view
def tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's 文书与生效 tab (GET)."""
    return render_tab(request, cases_selectors.case_for(request.user, pk))


@login_required
@require_POST
@page_view
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's judge issues a judgment, ruling or 调解书."""
    case = cases_selectors.case_for(request.user, pk)
    post = request.POST

    def act() -> None:
        foreign = [int(x) for x in post.getlist("foreign_parties") if str(x).isdigit()]
        services.issue_adjudication(
            actor=request.user, case=case, kind=post.get("kind", ""),
            subkind=post.get("subkind", ""), title=post.get("title", ""),
            main_text=post.get("main_text", "").splitlines(), foreign_parties=foreign,
        )  # fmt: skip

    return _done(request, case, "issue", form_errors(act, FIELD_LABELS))


@login_required
@require_POST
@page_view
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """On one adjudication: appeal (party or staff), request or issue the 生效证明."""
    name = request.POST.get("action", "")
    action = {"appeal": "appeal", "request_certificate": "request_certificate"}.get(name, "manage")
    adjudication = selectors.adjudication_for(request.user, pk, action=action)
    post = request.POST

    def run() -> None:
        if name == "appeal":
            party = post.get("party_id", "")
            services.file_appeal(
                actor=request.user, adjudication=adjudication,
                party_id=int(party) if party.isdigit() else None, grounds=post.get("grounds", ""),
                filed_on=_date(post.get("filed_on", ""), "filed_on"),
                appealed_amount=post.get("appealed_amount", ""),
            )  # fmt: skip
        elif name == "request_certificate":
            services.request_certificate(actor=request.user, adjudication=adjudication)
        elif name == "issue_certificate":
            services.issue_certificate(actor=request.user, adjudication=adjudication)
        else:
            raise FieldError({"action": _("未知的操作。")})

    return _done(request, adjudication.case, name, form_errors(run, FIELD_LABELS))


@login_required
@require_POST
@page_view
def appeal_act(request: HttpRequest, pk: int) -> HttpResponse:
    """On one appeal (court staff): send it up, record the higher court's result."""
    appeal = selectors.appeal_for(request.user, pk, action="manage")
    name = request.POST.get("action", "")
    post = request.POST

    def run() -> None:
        if name == "transfer":
            services.transfer_appeal(
                actor=request.user, appeal=appeal, higher_court=post.get("higher_court", ""),
                transferred_on=_date(post.get("transferred_on", ""), "transferred_on"),
            )  # fmt: skip
        elif name == "result":
            services.record_appeal_result(
                actor=request.user, appeal=appeal, result=post.get("result", ""),
                result_on=_date(post.get("result_on", ""), "result_on"),
                higher_case_number=post.get("higher_case_number", ""),
            )  # fmt: skip
        else:
            raise FieldError({"action": _("未知的操作。")})

    return _done(request, appeal.adjudication.case, name, form_errors(run, FIELD_LABELS))
