"""Pages of the cases app: the filing wizard, the review queue, the docket, the case page and
the payment sandbox. Thin: selectors for reads, services for writes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of, sees_technical_detail
from fating.cases import case_tabs, selectors
from fating.cases.done import done
from fating.cases.gateways import BadCallback, SandboxGateway
from fating.cases.models import (
    Case,
    CauseOfAction,
    Filing,
    HearingParticipant,
    Payment,
)
from fating.cases.services import acceptance, hearings, payments
from fating.cases.services import filing as filing_services
from fating.cases.services.causes import causes_in_force
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.http import form_errors, is_htmx, page_view
from fating.core.idempotency import idempotent_page
from fating.core.money import parse_money
from fating.network.models import Court, Tribunal

# Error messages name the field in Chinese (the wizard is used on phones by villagers).
FIELD_LABELS = {
    "court": gettext_lazy("管辖法院"),
    "tribunal": gettext_lazy("人民法庭"),
    "received_by": gettext_lazy("收件法院"),
    "cause": gettext_lazy("案由"),
    "facts": gettext_lazy("事实与理由"),
    "filer_capacity": gettext_lazy("提交身份"),
    "fee_kind": gettext_lazy("收费类别"),
    "consent_note": gettext_lazy("当事人同意记录"),
    "role": gettext_lazy("诉讼地位"),
    "kind": gettext_lazy("类型"),
    "name": gettext_lazy("姓名或名称"),
    "id_number": gettext_lazy("公民身份号码"),
    "uscc": gettext_lazy("统一社会信用代码"),
    "mobile": gettext_lazy("手机号码"),
    "address": gettext_lazy("住所"),
    "representative": gettext_lazy("法定代表人"),
    "text": gettext_lazy("诉讼请求"),
    "amount": gettext_lazy("金额"),
    "title": gettext_lazy("材料名称"),
    "file": gettext_lazy("文件"),
    "parties": gettext_lazy("当事人"),
    "claims": gettext_lazy("诉讼请求"),
    "power_of_attorney": gettext_lazy("授权委托书"),
    "items": gettext_lazy("补正事项"),
    "due_on": gettext_lazy("补正期限"),
    "reasons": gettext_lazy("理由"),
    "procedure": gettext_lazy("审理程序"),
    "grounds": gettext_lazy("申请理由"),
    "reduction_percent": gettext_lazy("减交比例"),
    "mode": gettext_lazy("开庭方式"),
    "starts_at": gettext_lazy("开始时间"),
    "ends_at": gettext_lazy("结束时间"),
    "judge": gettext_lazy("审判人员"),
    "participants": gettext_lazy("当事人"),
    "closure": gettext_lazy("结案方式"),
    "closed_on": gettext_lazy("结案日期"),
    "plaintiff_share": gettext_lazy("原告负担金额"),
    "is_filer": gettext_lazy("本人"),
    "type_code": gettext_lazy("类型代字"),
}
FILER_ROLES = {Role.PARTY: "party", Role.AGENT: "agent", Role.LIAISON: "liaison"}


def _errors(exc: FieldError) -> list[str]:
    return [
        _("%(field)s：%(message)s") % {"field": FIELD_LABELS.get(k, k), "message": m}
        for k, msgs in exc.fields.items()
        for m in msgs
    ]


def _capacities(user: Any) -> list[tuple[str, str]]:
    scope = scope_of(user)
    labels = dict(Filing.FilerCapacity.choices)
    return [(v, labels[v]) for role, v in FILER_ROLES.items() if scope.holds(role)]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/index.html",
        {
            "filings": selectors.filings_for(request.user)[:50],
            "cases": selectors.cases_for(request.user)[:50],
            "can_file": bool(_capacities(request.user)),
            "may_review": selectors.may_review(request.user),
            "has_docket": selectors.has_docket(request.user),
        },
    )


@login_required
@page_view
def cause_options(request: HttpRequest) -> HttpResponse:
    """htmx search-as-you-type over the causes in force today."""
    text = request.GET.get("q", "").strip()
    qs = causes_in_force(timezone.localdate())
    if text:
        qs = qs.filter(name__contains=text)
    return render(request, "cases/_cause_options.html", {"causes": qs[:30]})


@login_required
@page_view
@idempotent_page
def filing_new(request: HttpRequest) -> HttpResponse:
    capacities = _capacities(request.user)
    if not capacities:
        raise NotPermitted(_("只有当事人、代理人或联络员可以网上立案。"))
    errors: list[str] = []
    if request.method == "POST":
        try:
            filing = filing_services.create_filing(
                actor=request.user,
                court=_object(Court, request.POST.get("court"), "court"),
                tribunal=_object(Tribunal, request.POST.get("tribunal"), "tribunal", optional=True),
                received_by=_object(
                    Court, request.POST.get("received_by"), "received_by", optional=True
                ),
                cause=_object(CauseOfAction, request.POST.get("cause"), "cause", optional=True),
                filer_capacity=request.POST.get("filer_capacity", ""),
                facts=request.POST.get("facts", ""),
                consent_note=request.POST.get("consent_note", ""),
            )
        except FieldError as exc:
            errors = _errors(exc)
        else:
            return redirect("cases:filing", filing.pk)
    return render(
        request,
        "cases/filing_new.html",
        {
            "errors": errors,
            "courts": Court.objects.order_by("name"),
            "tribunals": Tribunal.objects.select_related("court").order_by("court__name", "name"),
            "capacities": capacities,
            "causes": causes_in_force(timezone.localdate())[:30],
            "data": request.POST,
        },
    )


def _object(model: type, raw: str | None, field: str, *, optional: bool = False) -> Any:
    if not raw:
        if optional:
            return None
        raise FieldError({field: _("请选择。")})
    obj = model.objects.filter(pk=raw).first() if str(raw).isdigit() else None
    if obj is None:
        raise FieldError({field: _("选项无效。")})
    return obj


def _filing_context(request: HttpRequest, filing: Filing, errors: list[str] | None = None) -> dict:
    user = request.user
    return {
        "filing": filing,
        "errors": errors or [],
        "can_edit": selectors.can_edit_filing(user, filing)
        and filing.status in filing_services.EDITABLE,
        "is_filer": selectors.can_edit_filing(user, filing),
        "can_review": selectors.can_review(user, filing),
        "can_forward": selectors.can_forward(user, filing) and filing.is_cross_region,
        "full_ids": selectors.can_see_identifiers(user, filing),
        "sees_detail": sees_technical_detail(user, filing.court_id)
        or sees_technical_detail(user, filing.received_by_id),
        "party_roles": filing.parties.model.Role.choices,
        "evidence_kinds": filing.evidence.model.Kind.choices,
        "procedures": Case.Procedure.choices,
        "case": getattr(filing, "case", None) if filing.status == Filing.Status.ACCEPTED else None,
    }


@login_required
@page_view
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    filing = selectors.filing_for(request.user, pk)
    return render(request, "cases/filing_detail.html", _filing_context(request, filing))


def _date(raw: str, field: str) -> date:
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise FieldError({field: _("日期格式应为“2026-03-01”。")}) from None


def _filing_action(request: HttpRequest, filing: Filing, name: str) -> Any:
    post, user = request.POST, request.user
    edit_actions = {"party", "claim", "evidence", "submit", "withdraw", "resubmit", "relief"}
    review_actions = {"accept", "refuse", "correct"}
    selectors.filing_for(
        user,
        filing.pk,
        action="edit"
        if name in edit_actions
        else "review"
        if name in review_actions
        else "forward",
    )
    if name == "party":
        return filing_services.add_party(
            actor=user, filing=filing, is_filer=post.get("is_filer") == "on",
            **{k: post.get(k, "") for k in ("role", "kind", "name", "id_number", "uscc", "mobile", "address", "representative")},
        )  # fmt: skip
    if name == "claim":
        return filing_services.add_claim(
            actor=user, filing=filing, text=post.get("text", ""), amount=post.get("amount")
        )
    if name == "evidence":
        return filing_services.upload_evidence(
            actor=user, filing=filing, kind=post.get("kind", ""), title=post.get("title", ""),
            file=request.FILES.get("file"), source=post.get("source", ""), purpose=post.get("purpose", ""),
        )  # fmt: skip
    if name == "relief":
        percent = post.get("reduction_percent")
        return payments.apply_fee_relief(
            actor=user, filing=filing, kind=post.get("kind", ""), grounds=post.get("grounds", ""),
            reduction_percent=int(percent) if percent and percent.isdigit() else None,
        )  # fmt: skip
    if name == "accept":
        simple = {"yes": True, "no": False}.get(post.get("simple_case", ""))
        return acceptance.accept_filing(
            actor=user, filing=filing, procedure=post.get("procedure") or None, simple_case=simple
        )
    if name == "refuse":
        return filing_services.refuse_filing(
            actor=user, filing=filing, reasons=post.get("reasons", "")
        )
    if name == "correct":
        items = [line for line in post.get("items", "").splitlines() if line.strip()]
        return filing_services.request_correction(
            actor=user, filing=filing, items=items, due_on=_date(post.get("due_on", ""), "due_on")
        )
    simple = {
        "submit": filing_services.submit_filing,
        "withdraw": filing_services.withdraw_filing,
        "resubmit": filing_services.resubmit_filing,
        "forward": filing_services.forward_filing,
    }
    return simple[name](actor=user, filing=filing)


FILING_ACTIONS = {
    "party", "claim", "evidence", "relief", "submit", "withdraw", "resubmit", "forward",
    "accept", "refuse", "correct",
}  # fmt: skip


@login_required
@require_POST
@page_view
@idempotent_page
def filing_act(request: HttpRequest, pk: int) -> HttpResponse:
    """One POST endpoint for every wizard step and review decision; htmx gets the sections back."""
    filing = selectors.filing_for(request.user, pk)
    name = request.POST.get("action", "")
    if name not in FILING_ACTIONS:
        raise FieldError({"action": _("未知的操作。")})
    errors = form_errors(lambda: _filing_action(request, filing, name), FIELD_LABELS)
    filing = selectors.filing_for(request.user, pk)
    if is_htmx(request):
        response = render(
            request, "cases/_filing_sections.html", _filing_context(request, filing, errors)
        )
        return response
    if errors:
        response = render(
            request, "cases/filing_detail.html", _filing_context(request, filing, errors)
        )
        response.status_code = 400
        return response
    messages.success(request, done(name))
    return redirect("cases:filing", filing.pk)


@login_required
@page_view
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    evidence = selectors.evidence_for(request.user, pk, evidence_id)
    try:
        data = selectors.read_evidence(evidence)
    except selectors.EvidenceTampered as exc:
        return HttpResponse(exc.message, status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="evidence-{evidence.pk}"'
    return response


@login_required
@page_view
def review_queue(request: HttpRequest) -> HttpResponse:
    # The same rows as GET /api/v1/cases/filings/review-queue/: empty for a non-reviewer.
    rates = [
        (c, selectors.review_in_time_rate(court_id=c.pk))
        for c in selectors.review_courts(request.user)
    ]
    return render(
        request,
        "cases/review_queue.html",
        {
            "filings": selectors.review_queue(request.user),
            "rates": rates,
            "today": timezone.localdate(),
        },
    )


@login_required
@page_view
def docket(request: HttpRequest) -> HttpResponse:
    # The same rows as GET /api/v1/cases/cases/docket/: the cases assigned to the user.
    today = timezone.localdate()
    return render(
        request,
        "cases/docket.html",
        {"rows": selectors.docket_rows(request.user, as_of=today), "today": today},
    )


def _datetime(raw: str, field: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        raise FieldError({field: _("时间格式应为“2026-03-01T09:00”。")}) from None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@login_required
@require_POST
@page_view
@idempotent_page
def case_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Pay (party), schedule a hearing or close the case (court)."""
    name = request.POST.get("action", "")
    post, user = request.POST, request.user
    case = selectors.case_for(user, pk, action="pay" if name == "pay" else "manage")

    to_gateway: list[str] = []  # the payment page to send the party to

    def act() -> None:
        if name == "pay":
            to_gateway.append(payments.create_payment(actor=user, case=case).pay_url)
        elif name == "schedule":
            hearings.schedule_hearing(
                actor=user, case=case, mode=post.get("mode", ""), courtroom=post.get("courtroom", ""),
                starts_at=_datetime(post.get("starts_at", ""), "starts_at"),
                ends_at=_datetime(post.get("ends_at", ""), "ends_at"),
            )  # fmt: skip
        elif name == "close":
            share_value = parse_money(
                post.get("plaintiff_share"), field="plaintiff_share", label="原告负担金额",
                grouping=True,
            )  # fmt: skip
            hearings.close_case(
                actor=user, case=case, closure=post.get("closure", ""), plaintiff_share=share_value
            )
        else:
            raise FieldError({"action": _("未知的操作。")})

    errors = form_errors(act, FIELD_LABELS)
    if not errors:
        if to_gateway:
            return redirect(to_gateway[0])
        messages.success(request, done(name))
        return redirect(case_tabs.url_after(case, name))
    return case_tabs.render_failure(request, case, name, errors)


@login_required
@page_view
def sandbox_pay(request: HttpRequest, order_id: str) -> HttpResponse:
    """The sandbox plays the payment provider: paying posts a signed callback to the same
    handler a real gateway would call."""
    payment = selectors.payment_for(request.user, order_id)
    if request.method == "POST":
        if payment.counterclaim_id is not None:
            if not selectors.can_pay_counterclaim(request.user, payment.case):
                raise NotPermitted(_("只有本案被告一方可以交纳反诉受理费。"))
        elif not selectors.can_pay(request.user, payment.case):
            raise NotPermitted(_("只有原告或立案提交人可以交纳诉讼费。"))
        if payment.status != Payment.Status.PENDING:
            # A real gateway does not take money for a closed order; the callback handler would
            # still record it as an overpayment (see payments.handle_callback).
            messages.error(
                request,
                _("该订单已%(status)s，无需支付。") % {"status": payment.get_status_display()},
            )
            return redirect("cases:case-fees", payment.case_id)
        body, headers = SandboxGateway().signed_callback(
            order_id=payment.order_id, amount=payment.amount
        )
        try:
            result, _payment = payments.handle_callback(
                gateway_name="sandbox", body=body, headers=headers
            )
        except BadCallback as exc:
            messages.error(request, str(exc))
        else:
            if result == "overpaid":
                messages.warning(request, _("该费用已交清，本次款项已登记为多付款项，将予退还。"))
            else:
                messages.success(request, _("支付成功，已开具收据。"))
        return redirect("cases:case-fees", payment.case_id)
    return render(request, "cases/sandbox_pay.html", {"payment": payment})


@login_required
@page_view
def join_hearing(request: HttpRequest, token: str) -> HttpResponse:
    participant = (
        HearingParticipant.objects.select_related("hearing__case", "party")
        .filter(join_token=token)
        .first()
    )
    if participant is None:
        raise Http404
    hearing = participant.hearing
    own = participant.party is not None and participant.party.user_id == request.user.pk
    if not (own or selectors.can_manage_case(request.user, hearing.case)):
        raise NotVisible(_("开庭安排不存在。"))
    return render(request, "cases/join.html", {"participant": participant, "hearing": hearing})
