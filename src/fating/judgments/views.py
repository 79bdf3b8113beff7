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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from fating.cases import case_tabs
from fating.cases import selectors as cases_selectors
from fating.cases.models import Case
from fating.core.exceptions import FieldError
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page
from fating.judgments import rules, selectors, services
from fating.judgments.models import Adjudication, AdjudicationDraft, Appeal

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
        "drafts": selectors.drafts_of(case) if cases_selectors.can_manage_case(user, case) else [],
        "can_draft": selectors.can_draft(user, case),
        "forms": AdjudicationDraft.Form.choices,
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


# --- Drafting (文书一键生成, 左看右写) ----------------------------------------------------------

DRAFT_LABELS = {
    **FIELD_LABELS,
    "form": gettext_lazy("文书样式"),
    "sections": gettext_lazy("文书内容"),
    "litigation": gettext_lazy("示范诉讼"),
    "claims": gettext_lazy("诉讼请求"),
    "facts": gettext_lazy("事实和理由"),
    "reasoning": gettext_lazy("本院认为"),
    "articles": gettext_lazy("适用法律"),
    "granted_amount": gettext_lazy("支持金额"),
    "court_findings": gettext_lazy("本院认定"),
}
DRAFT_DONE = {
    "edit": gettext_lazy("文书稿已保存。"),
    "sign": gettext_lazy("文书稿已签署，可以签发。"),
    "reopen": gettext_lazy("已退回修改。"),
    "issue": gettext_lazy("文书已签发，请在“送达”中送达各方当事人。"),
}


def _push(case: Case) -> object | None:
    """Similar cases and articles pushed for the case: its cause, claims and facts."""
    from fating.knowledge.push import push_for_text

    claims = " ".join(c.text for c in case.filing.claims.all())
    cause = case.filing.cause.name if case.filing.cause else ""
    return push_for_text(f"{cause} {claims} {case.filing.facts}", cause=cause) or None


def render_draft(
    request: HttpRequest, draft: AdjudicationDraft, errors: list[str] | None = None, *,
    status: int = 200,
) -> HttpResponse:  # fmt: skip
    user = request.user
    case = draft.case
    allowed = {
        name for name in rules.DRAFT.allowed_names(draft.status)
        if selectors.may(user, draft, "edit" if name == "edit" else "sign")
    }  # fmt: skip
    push = _push(case)
    context = {
        **case_tabs.tab_context(request, case, "effect", errors),
        "draft": draft,
        "s": draft.sections,
        "allowed": allowed,
        "parties": list(case.filing.parties.order_by("pk")),
        "claims": list(case.filing.claims.order_by("pk")),
        "push": push,
        "push_template": "knowledge/_push_panel.html" if push is not None else None,
        "elements_url": reverse("elements:case", args=[case.pk]),
        "tab_url": tab_url(case),
    }
    return render(request, "judgments/draft.html", context, status=status)


@login_required
@require_POST
@page_view
@idempotent_page
def draft_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's judge generates a draft in one step (文书一键生成)."""
    case = cases_selectors.case_for(request.user, pk)
    made: list[AdjudicationDraft] = []

    def act() -> None:
        made.append(
            services.create_draft(actor=request.user, case=case, form=request.POST.get("form", ""))
        )

    errors = form_errors(act, DRAFT_LABELS)
    if errors:
        return render_tab(request, case, errors, status=400)
    return redirect("judgments:draft", pk=made[0].pk)


@login_required
@require_GET
@page_view
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    """左看右写: the dossier and the element table on the left, the draft on the right."""
    return render_draft(request, selectors.draft_for(request.user, pk))


@login_required
@require_POST
@page_view
@idempotent_page
def draft_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the edited sections, sign, take back, or issue."""
    name = request.POST.get("action", "")
    draft = selectors.draft_for(
        request.user, pk, action="edit" if name == "edit" else ("issue" if name == "issue" else "sign")
    )  # fmt: skip
    post = request.POST
    issued: list[Adjudication] = []

    def run() -> None:
        if name == "edit":
            changes: dict[str, Any] = {
                k: post[k] for k in ("claims", "facts", "reasoning", "articles", "main_text",
                                     "granted_amount") if k in post
            }  # fmt: skip
            findings = {
                k.removeprefix("court_finding_"): v for k, v in post.items()
                if k.startswith("court_finding_")
            }  # fmt: skip
            if findings:
                changes["court_findings"] = findings
            services.update_draft(actor=request.user, draft=draft, changes=changes)
        elif name == "sign":
            services.sign_draft(actor=request.user, draft=draft)
        elif name == "reopen":
            services.reopen_draft(actor=request.user, draft=draft)
        elif name == "issue":
            issued.append(services.issue_draft(actor=request.user, draft=draft))
        else:
            raise FieldError({"action": _("未知的操作。")})

    errors = form_errors(run, DRAFT_LABELS)
    if errors:
        draft.refresh_from_db()
        return render_draft(request, draft, errors, status=400)
    messages.success(request, str(DRAFT_DONE[name]))
    if issued:
        return redirect(tab_url(draft.case))
    return redirect("judgments:draft", pk=draft.pk)


@login_required
@page_view
@idempotent_page
def litigation_drafts(request: HttpRequest, pk: int) -> HttpResponse:
    """示范诉讼: the parallel cases' drafts from the decided lead case, confirmed one by one."""
    from fating.elements import selectors as element_selectors

    litigation = element_selectors.litigation_for(request.user, pk)
    errors: list[str] = []
    if request.method == "POST":
        errors = form_errors(
            lambda: services.draft_parallel_cases(actor=request.user, litigation_id=litigation.pk),
            DRAFT_LABELS,
        )
        if not errors:
            messages.success(
                request, _("已为确认参照的平行案件生成文书稿，请逐案核对、签署并签发。")
            )
            return redirect("judgments:litigation-drafts", pk=litigation.pk)
    rows = []
    for p in litigation.parallel_cases.select_related("case").order_by("pk"):
        drafts = [d for d in selectors.drafts_of(p.case) if selectors.may(request.user, d, "view")]
        rows.append({"parallel": p, "drafts": drafts})
    lead_judgment = selectors.lead_decided(litigation.lead)
    context = {
        "litigation": litigation,
        "rows": rows,
        "lead_judgment": lead_judgment,
        "can_draft": lead_judgment is not None
        and selectors.can_draft(request.user, litigation.lead),
        "errors": errors,
    }
    return render(
        request, "judgments/litigation_drafts.html", context, status=400 if errors else 200
    )
