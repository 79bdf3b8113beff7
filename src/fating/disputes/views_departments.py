"""The department's pages (部门联动 with the departments as actors): its queue — the officer's
home — and one hand-over, where the department accepts or declines, records its work and returns
it. The handing side (liaison, court staff) reads the same page without the forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.core.exceptions import DomainError, FieldError
from fating.core.http import page_view, paginate
from fating.core.idempotency import idempotent_page
from fating.disputes import forms as f
from fating.disputes import presenters, rules, selectors, services
from fating.disputes.models import DepartmentReferral

#: The department's actions on a hand-over: the referral transitions each may take, its form,
#: and what the page says when it succeeded.
REFERRAL_ACTIONS: dict[str, tuple[tuple[str, ...], type, Any]] = {
    "answer": (("accept", "decline"), f.ReferralAnswerForm, gettext_lazy("已答复移交。")),
    "record": (("record",), f.DepartmentWorkForm, gettext_lazy("已登记办理情况。")),
    "return": (("resolve", "fail"), f.ReferralReturnForm, gettext_lazy("已退回移交人。")),
}
LABELS = {"answer": gettext_lazy("接收或不予接收"), "record": gettext_lazy("登记办理情况"),
          "return": gettext_lazy("办理完毕，退回")}  # fmt: skip


def offered(user: Any, referral: DepartmentReferral) -> list[str]:
    """The actions the machine allows now, for the department's own officers only."""
    if not selectors.restrict(
        DepartmentReferral.objects.filter(pk=referral.pk), user, "work"
    ).exists():
        return []
    return [
        name
        for name, (transitions, _form, _done) in REFERRAL_ACTIONS.items()
        if any(rules.REFERRAL.allows(referral.status, t) for t in transitions)
    ]


@login_required
@page_view
def department_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = selectors.department_queue(request.user)
    if status in DepartmentReferral.Status.values:
        qs = qs.filter(status=status)
    return render(request, "disputes/departments/queue.html", {
        "page": paginate(request, qs), "statuses": DepartmentReferral.Status.choices,
        "status": status,
    })  # fmt: skip


def _form(name: str) -> dict[str, Any]:
    form = REFERRAL_ACTIONS[name][1](auto_id=f"id_{name}_%s")
    return {"name": name, "label": LABELS[name], "form": form}


def _context(request: HttpRequest, referral: DepartmentReferral, **extra: Any) -> dict[str, Any]:
    names = offered(request.user, referral)
    works = selectors.restrict(referral.work.all(), request.user).select_related(
        "attachment", "recorded_by"
    )
    mine = (
        bool(names)
        or selectors.restrict(
            DepartmentReferral.objects.filter(pk=referral.pk), request.user, "work"
        ).exists()
    )
    # the department contacts the parties once it has accepted; before, masks as for others
    full = mine and referral.status == DepartmentReferral.Status.ACCEPTED
    dispute = referral.dispute
    return {
        "referral": referral,
        "dispute": dispute,
        "parties": [presenters.party_view(p, full=full, own=False) for p in dispute.parties.all()],
        "works": works,
        "forms": [_form(n) for n in names],
        "sees_dispute": selectors.can_view_dispute(request.user, dispute),
        "is_department": mine,
        **extra,
    }


@login_required
@page_view
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_for(request.user, pk)
    return render(request, "disputes/departments/detail.html", _context(request, referral))


def run(name: str, user: Any, referral: DepartmentReferral, data: Any, files: Any) -> Any:
    """Parse `data` with the action's form and call its one service (the page and the API)."""
    entry = REFERRAL_ACTIONS.get(name)
    if entry is None:
        raise FieldError({"action": _("没有这个操作。")})
    # JSON booleans as the form's choices ("1" / "0"); a QueryDict's lists stay as they are
    if not hasattr(data, "getlist"):
        data = {k: ("1" if v is True else "0" if v is False else v) for k, v in dict(data).items()}
    form = entry[1](data, files)
    if not form.is_valid():
        raise FieldError({k: [str(m) for m in v] for k, v in form.errors.items()})
    d = form.cleaned_data
    if name == "answer":
        return services.respond_to_referral(actor=user, referral=referral, accept=d["accept"],
                                            reason=d.get("reason") or "")  # fmt: skip
    if name == "record":
        return services.record_department_work(
            actor=user, referral=referral, kind=d["kind"], happened_at=d["happened_at"],
            text=d["text"], people=d.get("people") or "", upload=d.get("file"),
            title=d.get("title") or "",
        )  # fmt: skip
    return services.return_referral(
        actor=user, referral=referral, resolved=d["resolved"], outcome=d["outcome"],
        terms=d.get("terms") or "", performance=d.get("performance") or "",
        deadline=d.get("deadline"), total_amount=d.get("total_amount"), signed=d.get("signed"),
    )  # fmt: skip


@login_required
@require_POST
@page_view
@idempotent_page
def referral_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    referral = selectors.referral_for(request.user, pk, "work")
    try:
        run(name, request.user, referral, request.POST, request.FILES)
    except FieldError as exc:
        referral.refresh_from_db()
        context = _context(request, referral, failed_action=name, action_errors=exc.fields)
        return render(request, "disputes/departments/detail.html", context, status=400)
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, str(REFERRAL_ACTIONS[name][2]))
    return redirect("disputes:referral", pk=pk)
