"""Pages for 律师调查令 on the case page's 调查令 tab: the agent applies and records the holder's
answer; the judge issues or refuses. One POST endpoint, the form's `action` naming the step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.cases import case_tabs, selectors
from fating.cases import selectors_procedures as proc
from fating.cases.done import done
from fating.cases.services import documents as case_documents
from fating.cases.services import investigation
from fating.cases.views.common import FIELD_LABELS, optional_date
from fating.core.exceptions import FieldError, NotVisible
from fating.core.http import form_errors, page_view

LABELS = {
    **FIELD_LABELS,
    "holder": gettext_lazy("证据持有人"),
    "holder_address": gettext_lazy("持有人地址"),
    "items": gettext_lazy("调查事项"),
    "reasons": gettext_lazy("不能自行收集的原因"),
    "validity_days": gettext_lazy("有效期（日）"),
    "scope": gettext_lazy("调查范围"),
    "refusal_reason": gettext_lazy("不予签发理由"),
    "answer": gettext_lazy("持有人回复"),
    "answered_on": gettext_lazy("回复日期"),
    "note": gettext_lazy("回复说明"),
    "action": gettext_lazy("操作"),
}


def _order(request: HttpRequest, case: Any, action: str) -> Any:
    order = proc.order_for(request.user, request.POST.get("order", ""), action=action)
    if order.case_id != case.pk:
        raise NotVisible(_(proc.ORDER_MISSING))
    return order


def _act(request: HttpRequest, case: Any, name: str) -> None:
    post, user = request.POST, request.user
    if name == "apply_order":
        investigation.apply(
            actor=user, case=case, holder=post.get("holder", ""),
            holder_address=post.get("holder_address", ""), items=post.get("items", ""),
            reasons=post.get("reasons", ""),
        )  # fmt: skip
    elif name == "issue_order":
        investigation.issue(
            actor=user, order=_order(request, case, "decide"),
            validity_days=post.get("validity_days", ""), scope=post.get("scope", ""),
        )  # fmt: skip
    elif name == "refuse_order":
        investigation.refuse(
            actor=user, order=_order(request, case, "decide"), reason=post.get("reason", "")
        )
    elif name == "document_order":
        case_documents.investigation_order(actor=user, order=_order(request, case, "decide"))
    elif name == "answer_order":
        investigation.record_answer(
            actor=user, order=_order(request, case, "answer"), answer=post.get("answer", ""),
            answered_on=optional_date(post.get("answered_on"), "answered_on"),
            note=post.get("note", ""), title=post.get("title", ""),
            file=request.FILES.get("file"),
        )  # fmt: skip
    else:
        raise FieldError({"action": _("未知的操作。")})


@login_required
@require_POST
@page_view
def investigation_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply (the case's agent), issue or refuse (judges of the court), record the answer."""
    case = selectors.case_for(request.user, pk)
    name = request.POST.get("action", "")
    errors = form_errors(lambda: _act(request, case, name), LABELS)
    if not errors:
        messages.success(request, done(name))
        return redirect(case_tabs.tab_url(case, "investigation"))
    return case_tabs.render_failure(request, case, name, errors)
