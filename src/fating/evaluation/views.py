"""Pages of appraisal and neutral evaluation: the case's 鉴定与评估 tab, the dispute's 中立评估
page, one page per appraisal and per evaluation with the actions the machine allows from its
state that the person may take, and the list (what is mine, deadlines, the counts)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fating.cases import selectors as case_selectors
from fating.cases.case_tabs import tab_context
from fating.cases.models import Case
from fating.core.http import form_errors, page_view
from fating.core.idempotency import idempotent_page
from fating.disputes import selectors as dispute_selectors
from fating.disputes.models import Dispute
from fating.evaluation import rules, selectors, services
from fating.evaluation.models import Appraisal, NeutralEvaluation

LABELS = {
    "matters": _("鉴定事项"), "purpose": _("鉴定范围和目的"), "note": _("理由"),
    "applicant_name": _("申请人"), "fee": _("鉴定费用"), "fee_paid_on": _("预交日期"),
    "institution": _("鉴定机构"), "chosen_by": _("确定方式"), "report_days": _("鉴定期限"),
    "received_on": _("收到日期"), "on": _("委托日期"), "summary": _("鉴定意见摘要"), "objection_days": _("异议期间"),
    "file": _("鉴定书"), "text": _("异议内容"), "appearance_on": _("出庭日期"),
    "evaluator": _("评估人"), "questions": _("评估问题"), "party_ids": _("当事人同意"),
    "consent_note": _("同意方式"), "opinion": _("评估意见"), "likely_outcome": _("可能结果"),
    "dispute": _("纠纷"), "case": _("案件"),
}  # fmt: skip
# The form each transition needs, and the access it asks (rules.APPRAISAL names → action).
APPRAISAL_ACCESS = {
    "grant": "decide", "refuse": "decide", "abandon": "decide", "commission": "decide",
    "receive": "record", "summon": "decide",
}  # fmt: skip
EVALUATION_ACCESS = {"issue": "issue", "withdraw": "manage"}


def _appoint_context(user: Any, court_id: int, parties: list[Any]) -> dict[str, Any]:
    return {"evaluators": selectors.evaluators(court_id), "parties": parties}


def _case_page(
    request: HttpRequest, case: Case, errors: list[str], status: int = 200
) -> HttpResponse:
    user = request.user
    is_open = case.status == Case.Status.OPEN
    may_manage = case_selectors.can_manage_case(user, case)
    mediating = case.entrustments.filter(status="mediating").exists()
    context = {
        **tab_context(request, case, "appraisal", errors),
        "appraisals": selectors.appraisals_of(user, case),
        "evaluations": selectors.evaluations_of(user, case=case),
        "may_apply": is_open and selectors.may_on_case(user, case, "apply"),
        "may_order": is_open and selectors.may_on_case(user, case, "decide"),
        "may_appoint": is_open and may_manage and mediating,
        "excluded": case.excluded_periods.filter(kind=services.APPRAISAL_KIND),
        "form": request.POST,
        **(_appoint_context(user, case.court_id, list(case.filing.parties.order_by("pk")))
           if is_open and may_manage and mediating else {}),
    }  # fmt: skip
    return render(request, "evaluation/case_tab.html", context, status=status)


@login_required
@page_view
@idempotent_page
def case_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's 鉴定与评估 tab: a party applies; the judge commissions on the court's own motion;
    court staff appoint a neutral evaluator while the case is in 委托调解."""
    case = case_selectors.case_for(request.user, pk)
    if request.method != "POST":
        return _case_page(request, case, [])
    p, user, made = request.POST, request.user, []
    which = p.get("form", "")
    calls = {
        "apply": lambda: made.append(services.apply(
            actor=user, case=case, matters=p.get("matters", ""), purpose=p.get("purpose", ""),
            applicant_name=p.get("applicant_name", ""))),
        "order": lambda: made.append(services.order_ex_officio(
            actor=user, case=case, matters=p.get("matters", ""), purpose=p.get("purpose", ""),
            note=p.get("note", ""))),
        "appoint": lambda: made.append(services.appoint(
            actor=user, case=case, evaluator=p.get("evaluator", ""),
            questions=p.get("questions", ""), party_ids=_ints(p.getlist("party_ids")),
            consent_note=p.get("consent_note", ""))),
    }  # fmt: skip
    if which not in calls:
        return _case_page(request, case, [str(_("请选择要提交的表单。"))], status=400)
    errors = form_errors(calls[which], LABELS)
    if errors:
        return _case_page(request, case, errors, status=400)
    target = made[0]
    if isinstance(target, NeutralEvaluation):
        return redirect("evaluation:evaluation", pk=target.pk)
    return redirect("evaluation:appraisal", pk=target.pk)


def _ints(values: list[str]) -> list[int]:
    return [int(v) for v in values[:50] if v.isdigit()]


def _dispute_page(request: HttpRequest, dispute: Dispute, errors: list[str],
                  status: int = 200) -> HttpResponse:  # fmt: skip
    user = request.user
    may_appoint = dispute.status in selectors.MEDIATING_DISPUTE and (
        dispute_selectors.is_court_staff(user, dispute)
        or dispute_selectors.is_assigned_mediator(user, dispute)
    )
    context = {
        "dispute": dispute, "errors": errors, "form": request.POST, "may_appoint": may_appoint,
        "evaluations": selectors.evaluations_of(user, dispute=dispute),
        **(_appoint_context(user, dispute.court_id, list(dispute.parties.order_by("pk")))
           if may_appoint else {}),
    }  # fmt: skip
    return render(request, "evaluation/dispute.html", context, status=status)


@login_required
@page_view
@idempotent_page
def dispute_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The dispute's 中立评估 page: court staff or the mediator running it appoint an evaluator."""
    dispute = dispute_selectors.dispute_for(request.user, pk)
    if request.method != "POST":
        return _dispute_page(request, dispute, [])
    p, made = request.POST, []
    errors = form_errors(lambda: made.append(services.appoint(
        actor=request.user, dispute=dispute, evaluator=p.get("evaluator", ""),
        questions=p.get("questions", ""), party_ids=_ints(p.getlist("party_ids")),
        consent_note=p.get("consent_note", ""))), LABELS)  # fmt: skip
    if errors:
        return _dispute_page(request, dispute, errors, status=400)
    return redirect("evaluation:evaluation", pk=made[0].pk)


@login_required
@page_view
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    courts = selectors.count_courts(user)
    return render(request, "evaluation/index.html", {
        "appraisals": selectors.appraisals_for(user)[:100],
        "evaluations": selectors.evaluations_for(user)[:100],
        "counts": selectors.counts(courts) if courts else None,
    })  # fmt: skip


def _appraisal_page(request: HttpRequest, a: Appraisal, errors: list[str] | None = None,
                    status: int = 200) -> HttpResponse:  # fmt: skip
    user = request.user
    offered = {
        name for name in rules.APPRAISAL.allowed_names(a.status)
        if selectors.may(user, a, APPRAISAL_ACCESS[name])
    }  # fmt: skip
    may_object = (a.status in ("reported", "appearance") and selectors.may(user, a, "object")
                  and (a.objection_due_on is None
                       or timezone.localdate() <= a.objection_due_on))  # fmt: skip
    return render(request, "evaluation/appraisal.html", {
        "a": a, "errors": errors or [], "offered": offered, "may_object": may_object,
        "may_fee": (a.status == "granted" and a.fee is not None and a.fee_paid_on is None
                    and selectors.may(user, a, "record")),
        "objections": a.objections.all(), "chooser": Appraisal.Chooser.choices,
        "excluded_days": (rules.excluded_days(a.commissioned_on, a.report_received_on,
                                              timezone.localdate())
                          if a.commissioned_on else None),
        "article": rules.EXCLUSION_ARTICLE,
    }, status=status)  # fmt: skip


@login_required
@page_view
def appraisal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _appraisal_page(request, selectors.appraisal_for(request.user, pk))


NEEDS = {"decision": "decide", "fee": "record", "abandon": "decide", "commission": "decide",
         "report": "record", "objections": "object", "summon": "decide"}  # fmt: skip


@login_required
@require_POST
@page_view
@idempotent_page
def appraisal_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    a = selectors.appraisal_for(request.user, pk, NEEDS[action])
    p, user = request.POST, request.user
    calls = {
        "decision": lambda: services.decide(actor=user, appraisal=a, grant=p.get("grant") == "yes",
                                            fee=p.get("fee", ""), note=p.get("note", "")),
        "fee": lambda: services.record_fee(actor=user, appraisal=a,
                                           paid_on=p.get("paid_on") or None),
        "abandon": lambda: services.abandon(actor=user, appraisal=a, note=p.get("note", "")),
        "commission": lambda: services.commission(
            actor=user, appraisal=a, institution=p.get("institution", ""),
            chosen_by=p.get("chosen_by", ""), report_days=p.get("report_days", ""),
            on=p.get("on") or None),
        "report": lambda: services.receive_report(
            actor=user, appraisal=a, upload=request.FILES.get("file"),
            received_on=p.get("received_on") or None, summary=p.get("summary", ""),
            objection_days=p.get("objection_days", "15")),
        "objections": lambda: services.object_to(actor=user, appraisal=a, text=p.get("text", "")),
        "summon": lambda: services.summon(actor=user, appraisal=a,
                                          on=p.get("appearance_on") or "x", note=p.get("note", "")),
    }  # fmt: skip
    errors = form_errors(calls[action], LABELS)
    if errors:
        a.refresh_from_db()
        return _appraisal_page(request, a, errors, status=400)
    return redirect("evaluation:appraisal", pk=a.pk)


def _evaluation_page(request: HttpRequest, e: NeutralEvaluation, errors: list[str] | None = None,
                     status: int = 200) -> HttpResponse:  # fmt: skip
    user = request.user
    offered = {
        name for name in rules.EVALUATION.allowed_names(e.status)
        if name in EVALUATION_ACCESS and selectors.may(user, e, EVALUATION_ACCESS[name])
    }  # fmt: skip
    acks = list(e.acknowledgements.all())
    may_ack = e.status == "issued" and any(
        x.user_id == user.pk and x.acknowledged_on is None for x in acks
    )
    return render(request, "evaluation/evaluation.html", {
        "e": e, "errors": errors or [], "offered": offered, "acks": acks, "may_ack": may_ack,
        "non_binding": rules.NON_BINDING,
        "sees_dispute": e.dispute is not None
        and dispute_selectors.can_view_dispute(user, e.dispute),
        "sees_case": e.case is not None
        and case_selectors.cases_for(user).filter(pk=e.case_id).exists(),
    }, status=status)  # fmt: skip


@login_required
@page_view
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _evaluation_page(request, selectors.evaluation_for(request.user, pk))


EVAL_NEEDS = {"opinion": "issue", "acknowledge": "acknowledge", "withdraw": "manage"}


@login_required
@require_POST
@page_view
@idempotent_page
def evaluation_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    e = selectors.evaluation_for(request.user, pk, EVAL_NEEDS[action])
    p, user = request.POST, request.user
    calls = {
        "opinion": lambda: services.issue(actor=user, evaluation=e, opinion=p.get("opinion", ""),
                                          likely_outcome=p.get("likely_outcome", "")),
        "acknowledge": lambda: services.acknowledge(actor=user, evaluation=e),
        "withdraw": lambda: services.withdraw(actor=user, evaluation=e, note=p.get("note", "")),
    }  # fmt: skip
    errors = form_errors(calls[action], LABELS)
    if errors:
        e.refresh_from_db()
        return _evaluation_page(request, e, errors, status=400)
    return redirect("evaluation:evaluation", pk=e.pk)
