"""Pages for 委托调解: entrust a case (court), the entrustment page (court and invitee),
accept/decline (invitee), extend with consent, report the outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.cases import selectors
from fating.cases.done import done
from fating.cases.models import Entrustment
from fating.cases.rules.workflow import CASE, ENTRUSTMENT
from fating.cases.services import mediation
from fating.core.exceptions import DomainError, FieldError, NotPermitted, NotVisible
from fating.core.http import form_errors, page_view
from fating.network.models import MediationOrganisation, Mediator

LABELS = {
    "organisation": gettext_lazy("特邀调解组织"),
    "mediator": gettext_lazy("特邀调解员"),
    "reasons": gettext_lazy("理由"),
    "days": gettext_lazy("延长天数"),
    "party_ids": gettext_lazy("当事人同意"),
    "consent_note": gettext_lazy("同意记录"),
    "note": gettext_lazy("说明"),
    "action": gettext_lazy("操作"),
}


def _messages(exc: FieldError) -> list[str]:
    return [
        _("%(field)s：%(message)s") % {"field": LABELS.get(k, k), "message": m}
        for k, msgs in exc.fields.items()
        for m in msgs
    ]


def _pick(model: type, raw: str | None) -> Any:
    if not raw:
        return None
    return model.objects.filter(pk=raw).first() if raw.isdigit() else None


@login_required
@require_POST
@page_view
def entrust(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for(request.user, pk, action="manage")
    try:
        entrustment = mediation.entrust(
            actor=request.user,
            case=case,
            organisation=_pick(MediationOrganisation, request.POST.get("organisation")),
            mediator=_pick(Mediator, request.POST.get("mediator")),
        )
    except FieldError as exc:
        for line in _messages(exc):
            messages.error(request, line)
        return redirect("cases:case-mediation", case.pk)
    except DomainError as exc:
        if isinstance(exc, NotPermitted | NotVisible):
            raise
        messages.error(request, exc.message)
        return redirect("cases:case-mediation", case.pk)
    messages.success(request, _("已委托调解，等待受托方确认。"))
    return redirect("cases:entrustment", entrustment.pk)


def _context(request: HttpRequest, entrustment: Entrustment, errors: list[str]) -> dict:
    user = request.user
    court = selectors.can_manage_case(user, entrustment.case)
    invitee = selectors.is_invitee(user, entrustment)
    return {
        "e": entrustment,
        "errors": errors,
        # each offer: the access rule and the machine (entrustment's, then the case's)
        "can_respond": invitee and ENTRUSTMENT.allows(entrustment.status, "accept"),
        "can_mediate": (invitee or court) and ENTRUSTMENT.allows(entrustment.status, "succeed"),
        "can_close_case": court
        and entrustment.status == Entrustment.Status.SUCCEEDED
        and CASE.allows(entrustment.case.status, "close"),
        "parties": entrustment.case.filing.parties.all(),
        "case_visible": selectors.cases_for(user).filter(pk=entrustment.case_id).exists(),
    }


@login_required
@page_view
def entrustment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entrustment = selectors.entrustment_for(request.user, pk)
    return render(request, "cases/entrustment.html", _context(request, entrustment, []))


def _do(request: HttpRequest, entrustment: Entrustment, name: str) -> None:
    post, user = request.POST, request.user
    if name == "accept":
        mediation.accept(actor=user, entrustment=entrustment)
    elif name == "decline":
        mediation.decline(actor=user, entrustment=entrustment, reasons=post.get("reasons", ""))
    elif name == "extend":
        raw = post.get("days", "")
        mediation.extend(
            actor=user,
            entrustment=entrustment,
            days=int(raw) if raw.isdigit() else 0,
            party_ids=[int(x) for x in post.getlist("party_ids") if x.isdigit()],
            consent_note=post.get("consent_note", ""),
        )
    elif name in ("succeed", "fail"):
        mediation.conclude(
            actor=user,
            entrustment=entrustment,
            succeeded=name == "succeed",
            note=post.get("note", ""),
        )
    else:
        raise FieldError({"action": _("未知的操作。")})


@login_required
@require_POST
@page_view
def entrustment_act(request: HttpRequest, pk: int) -> HttpResponse:
    name = request.POST.get("action", "")
    action = "respond" if name in ("accept", "decline") else "mediate"
    entrustment = selectors.entrustment_for(request.user, pk, action=action)
    errors = form_errors(lambda: _do(request, entrustment, name), LABELS)
    if not errors:
        messages.success(request, done(name, prefix="entrust_"))
        return redirect("cases:entrustment", entrustment.pk)
    entrustment.refresh_from_db()
    response = render(request, "cases/entrustment.html", _context(request, entrustment, errors))
    response.status_code = 400
    return response
