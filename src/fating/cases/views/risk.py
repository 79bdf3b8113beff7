"""诉讼风险评估 before filing: a page (printable, and as PDF), shared input parsing for the API.
Nothing is stored: the assessment is recomputed from the inputs, which live in the URL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fating.cases import legal, selectors
from fating.cases.services.causes import causes_in_force
from fating.core.exceptions import FieldError
from fating.core.http import page_view
from fating.core.money import MoneyError, parse_money
from fating.network.models import Court

RISK_LABELS = {
    "court": gettext_lazy("法院"),
    "cause": gettext_lazy("案由"),
    "amount": gettext_lazy("请求金额"),
    "knew_on": gettext_lazy("知道权利受损之日"),
    "harmed_on": gettext_lazy("权利受损之日"),
    "interruptions": gettext_lazy("时效中断日期"),
    "claim_kind": gettext_lazy("请求类型"),
    "simple_case": gettext_lazy("案情"),
    "filing": gettext_lazy("立案申请"),
}


HINT_LABELS = {
    "needs_appraisal": gettext_lazy("需要鉴定、评估"),
    "party_whereabouts_unknown": gettext_lazy("被告下落不明"),
    "personal_status_or_ownership": gettext_lazy("涉及人身关系或财产确权"),
    "foreign_related": gettext_lazy("涉外"),
    "counterclaim": gettext_lazy("有反诉"),
    "parties_agree_small_claims": gettext_lazy("双方约定适用小额诉讼"),
}


CLAIM_KIND_LABELS = {
    "ordinary": gettext_lazy("一般债权请求"),
    "stop_infringement": gettext_lazy("停止侵害、排除妨碍、消除危险"),
    "return_registered_property": gettext_lazy("返还不动产或登记的动产"),
    "support_payments": gettext_lazy("支付抚养费、赡养费或者扶养费"),
}


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("on", "true", "1", "yes")


def _date(raw: Any, field: str) -> date | None:
    if raw in (None, ""):
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise FieldError({field: _("日期格式应为“2026-03-01”。")}) from None


def parse_risk_input(data: Any, *, user: Any) -> dict[str, Any]:
    """Form or JSON input → keyword arguments of legal.risk_assessment (FieldError on bad input)."""
    errors: dict[str, str] = {}
    raw_court = str(data.get("court") or "")
    court = Court.objects.filter(pk=raw_court).first() if raw_court.isdigit() else None
    if court is None:
        errors["court"] = _("请选择法院。")
    cause = str(data.get("cause") or "").strip()
    if not cause:
        errors["cause"] = _("请填写案由。")
    amount: Decimal | None = None
    try:
        amount = parse_money(data.get("amount"), field="amount", label="金额", grouping=True)
    except MoneyError as exc:
        errors["amount"] = exc.reason
    raw_interruptions = data.get("interruptions") or []
    if isinstance(raw_interruptions, str):
        raw_interruptions = raw_interruptions.replace("，", ",").replace("\n", ",").split(",")
    interruptions: list[date] = []
    dates: dict[str, date | None] = {}
    try:
        dates["knew_on"] = _date(data.get("knew_on"), "knew_on")
        dates["harmed_on"] = _date(data.get("harmed_on"), "harmed_on")
        interruptions = [
            d for d in (_date(x.strip(), "interruptions") for x in raw_interruptions) if d
        ]
    except FieldError as exc:
        errors.update({k: v[0] for k, v in exc.fields.items()})
    claim_kind = str(data.get("claim_kind") or "ordinary")
    if claim_kind not in CLAIM_KIND_LABELS:
        errors["claim_kind"] = _("请求类型无效。")
    elif claim_kind == "ordinary" and not dates.get("knew_on") and "knew_on" not in errors:
        errors["knew_on"] = _("请填写知道或者应当知道权利受到损害以及义务人的日期。")
    if errors:
        raise FieldError(errors)
    simple = {"yes": True, "no": False, True: True, False: False}.get(data.get("simple_case"))
    hints = getattr(data, "getlist", None)
    chosen = set(hints("hints")) if hints else set(data.get("hints") or [])
    chosen |= {h for h in HINT_LABELS if _truthy(data.get(h))}
    money_only = _truthy(data.get("money_only")) if "money_only" in data else amount is not None
    return {
        "court": court,
        "cause": cause,
        "amount": amount,
        "money_only": money_only and amount is not None,
        "as_of": timezone.localdate(),
        "knew_on": dates.get("knew_on"),
        "harmed_on": dates.get("harmed_on"),
        "interruptions": tuple(interruptions),
        "claim_kind": claim_kind,
        "simple_case": simple,
        "hints": frozenset(chosen & set(HINT_LABELS)),
        "history": selectors.closure_history(court_id=court.pk),
    }


def assess(data: Any, *, user: Any) -> dict[str, Any]:
    return legal.risk_assessment(**parse_risk_input(data, user=user))


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """Start from a filing the user can see: its court, cause and claimed amount."""
    raw = request.GET.get("filing", "")
    if not raw.isdigit():
        return {}
    filing = selectors.filing_for(request.user, int(raw))
    total = filing.claims.aggregate(total=Sum("amount"))["total"]
    return {
        "court": str(filing.court_id),
        "cause": filing.cause.name if filing.cause else "",
        "amount": "" if total is None else str(total),
        "money_only": "on" if total else "",
    }


def _context(request: HttpRequest) -> dict[str, Any]:
    data: dict[str, Any] = {**_prefill(request), **request.GET.dict()}
    data["hints"] = request.GET.getlist("hints")
    result, errors = None, []
    if request.GET.get("assess"):
        try:
            result = assess(request.GET, user=request.user)
        except FieldError as exc:
            errors = [
                _("%(field)s：%(message)s") % {"field": RISK_LABELS.get(k, k), "message": m}
                for k, ms in exc.fields.items()
                for m in ms
            ]
    return {
        "data": data,
        "result": result,
        "errors": errors,
        "courts": Court.objects.order_by("name"),
        "causes": causes_in_force(timezone.localdate()).filter(level__gte=3)[:400],
        "hint_labels": HINT_LABELS,
        "claim_kinds": CLAIM_KIND_LABELS,
        "query": request.GET.urlencode(),
    }


@login_required
@page_view
def risk_assessment(request: HttpRequest) -> HttpResponse:
    """Open to every signed-in user: parties assess before filing, staff help them."""
    return render(request, "cases/risk.html", _context(request))


@login_required
@page_view
def risk_pdf(request: HttpRequest) -> HttpResponse:
    """The same assessment as a PDF (WeasyPrint), for a party without a printer at hand."""
    context = _context(request)
    if context["result"] is None:
        return render(request, "cases/risk.html", context, status=400)
    from weasyprint import HTML

    html = render_to_string("cases/risk_print.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="risk-assessment.pdf"'
    return response
