"""The case page, organised by what one does (issue 12): an overview and one page per task —
开庭, 费用, 变更, 审限, 调解, 一案一群聊, 文书, 送达 — each a real URL reached from the tab bar.

Each tab shows only the forms the person may use now; the flags come from the cases selectors
(the same rules the POST handlers and services check), so no button leads to a refusal. The
POST endpoints stay where they were; after a refused input they render the tab the form lives
on (`render_failure`), and after success they return to it (`tab_url`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fating.accounts.selectors import sees_technical_detail
from fating.accounts.timeline import timeline_rows
from fating.cases import legal, selectors
from fating.cases.models import Adjournment, Case, Entrustment, Hearing
from fating.cases.services import acceptance, fees
from fating.core.exceptions import NotPermitted
from fating.core.http import page_view
from fating.documents.kinds import get_kind
from fating.documents.selectors import can_manage_matter, documents_of


@dataclass(frozen=True)
class Tab:
    slug: str
    label: Promise
    path: str  # after /cases/<pk>/; "" is the overview


TABS = (
    Tab("overview", gettext_lazy("概览"), ""),
    Tab("hearings", gettext_lazy("开庭"), "hearings/"),
    Tab("fees", gettext_lazy("费用"), "fees/"),
    Tab("amendments", gettext_lazy("变更"), "amendments/"),
    Tab("limits", gettext_lazy("审限"), "limits/"),
    Tab("mediation", gettext_lazy("调解"), "mediation/"),
    Tab("chat", gettext_lazy("一案一群聊"), "chat/"),
    Tab("documents", gettext_lazy("文书"), "documents/"),
    Tab("service", gettext_lazy("送达"), "service/"),
)
BY_SLUG = {t.slug: t for t in TABS}

# Tabs that apps above cases add to the case page (cases imports none of them): each with the
# URL name of its own view, which takes the case's pk and renders with `tab_context`.
REGISTERED: dict[str, tuple[Tab, str]] = {}


def register_tab(tab: Tab, url_name: str) -> None:
    """Add a tab to the case page from an app above cases (call in its AppConfig.ready)."""
    REGISTERED[tab.slug] = (tab, url_name)


# The tab each existing POST action's form lives on (cases:case-act, changes-act, time-limit-act).
ACTION_TABS = {
    "pay": "fees",
    "refund_overpayment": "fees",
    "pay_out": "fees",
    "counterclaim_pay": "fees",
    "schedule": "hearings",
    "adjourn": "hearings",
    "close": "hearings",
    "claim_change": "amendments",
    "counterclaim": "amendments",
    "change_procedure": "amendments",
    "request_extension": "limits",
    "decide_extension": "limits",
    "exclude": "limits",
    "end_exclusion": "limits",
    "entrust": "mediation",
}


def tab_url(case: Case | int, slug: str) -> str:
    pk = case if isinstance(case, int) else case.pk
    return reverse("cases:case", args=[pk]) + BY_SLUG[slug].path


def tab_for_action(action: str) -> str:
    return ACTION_TABS.get(action, "overview")


def url_after(case: Case, action: str) -> str:
    """Where a successful action returns: its tab, except closing, whose outcome (closure, fee
    borne, refund) is the overview's news."""
    return tab_url(case, "overview" if action == "close" else tab_for_action(action))


def _may_serve(user: Any, case: Case) -> bool:
    # Serving documents is for whoever manages the case as a matter (delivery's rule).
    return can_manage_matter(user, case)


def _base(request: HttpRequest, case: Case, slug: str, errors: list[str] | None) -> dict:
    user = request.user
    hidden = set() if _may_serve(user, case) else {"service"}
    return {
        "case": case,
        "tab": slug,
        "tabs": [(t, tab_url(case, t.slug)) for t in TABS if t.slug not in hidden]
        + [(t, reverse(name, args=[case.pk])) for t, name in REGISTERED.values()],
        "errors": errors or [],
        "can_manage": selectors.can_manage_case(user, case),
        "is_open": case.status == Case.Status.OPEN,
        "sees_detail": sees_technical_detail(user, case.court_id),
    }


def tab_context(
    request: HttpRequest, case: Case, slug: str, errors: list[str] | None = None
) -> dict:
    """What the tab bar and heading need, for a registered tab's own view."""
    return _base(request, case, slug, errors)


def _overview(request: HttpRequest, case: Case) -> dict:
    now = timezone.now()
    return {
        "parties": case.filing.parties.all(),
        "claims": case.filing.claims.all(),
        "limit": selectors.time_limit_status(case, as_of=timezone.localdate()),
        "alert_labels": legal.ALERT_LABELS,
        "next_hearing": case.hearings.filter(status=Hearing.Status.SCHEDULED, starts_at__gte=now)
        .order_by("starts_at")
        .first(),
        "notice": acceptance.fee_notice(case),
        "timeline": timeline_rows(selectors.timeline(case)),
    }


def _hearings(request: HttpRequest, case: Case) -> dict:
    hearings = list(case.hearings.all())
    return {
        "hearings": hearings,
        "adjournable": [h for h in hearings if h.status in ("scheduled", "held")],
        "adjournments": Adjournment.objects.filter(hearing__case=case).select_related(
            "next_hearing"
        ),
        "adjournment_grounds": Adjournment.Ground.choices,
        "closures": Case.Closure.choices,
        # "生成传票" next to each hearing: for whoever may generate the case's documents.
        "generates_summons": get_kind("summons") is not None
        and can_manage_matter(request.user, case),
    }


def _fees(request: HttpRequest, case: Case) -> dict:
    user = request.user
    return {
        "notice": acceptance.fee_notice(case),
        "payments": case.payments.select_related("receipt"),
        "overpayments": case.overpayments.select_related("payment"),
        "refunds": case.refunds.all(),
        "fee_adjustments": case.fee_adjustments.all(),
        "counterclaims": case.counterclaims.all(),
        "can_pay_out": fees.can_pay_out(user, case),
        "can_pay_counterclaim": selectors.can_pay_counterclaim(user, case),
        "can_pay": selectors.can_pay(user, case) and case.fee_status == Case.FeeStatus.UNPAID,
    }


def _amendments(request: HttpRequest, case: Case) -> dict:
    user = request.user
    return {
        "claim_changes": case.claim_changes.select_related("adjustment"),
        "counterclaims": case.counterclaims.all(),
        "procedure_changes": case.procedure_changes.all(),
        "procedures": Case.Procedure.choices,
        "can_change_claims": case.status == Case.Status.OPEN
        and (selectors.can_manage_case(user, case) or selectors.can_pay(user, case)),
    }


def _limits(request: HttpRequest, case: Case) -> dict:
    user = request.user
    return {
        "limit": selectors.time_limit_status(case, as_of=timezone.localdate()),
        "alert_labels": legal.ALERT_LABELS,
        "extensions": case.extensions.select_related("requested_by", "decided_by"),
        "excluded_periods": case.excluded_periods.all(),
        "excluded_labels": legal.EXCLUDED_KIND_LABELS,
        "can_request_extension": selectors.can_request_extension(user, case),
        "can_decide_extension": selectors.can_decide_extension(user, case),
    }


def _mediation(request: HttpRequest, case: Case) -> dict:
    entrustments = selectors.entrustments_for(request.user).filter(case=case)
    return {
        "entrustments": entrustments,
        # services.mediation.entrust refuses a second live entrustment: no form then.
        "has_live_entrustment": case.entrustments.filter(
            status__in=(Entrustment.Status.OFFERED, Entrustment.Status.MEDIATING)
        ).exists(),
        "has_invited_roster": case.court.organisations.filter(is_court_invited=True).exists(),
    }


def _documents(request: HttpRequest, case: Case) -> dict:
    return {"documents": documents_of(case), "manages_matter": _may_serve(request.user, case)}


CONTEXTS = {
    "overview": _overview,
    "hearings": _hearings,
    "fees": _fees,
    "amendments": _amendments,
    "limits": _limits,
    "mediation": _mediation,
    "chat": lambda request, case: {},
    "documents": _documents,
    "service": lambda request, case: {},
}


def render_tab(
    request: HttpRequest,
    case: Case,
    slug: str,
    errors: list[str] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    if slug == "service" and not _may_serve(request.user, case):
        raise NotPermitted(_(selectors.CASE_REFUSALS["manage"]))
    context = {**_base(request, case, slug, errors), **CONTEXTS[slug](request, case)}
    return render(request, f"cases/tabs/{slug}.html", context, status=status)


def render_failure(
    request: HttpRequest, case: Case, action: str, errors: list[str]
) -> HttpResponse:
    """A refused form: its tab again with the messages above it (400)."""
    case.refresh_from_db()
    return render_tab(request, case, tab_for_action(action), errors, status=400)


def _tab_view(slug: str) -> Any:
    @login_required
    @page_view
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return render_tab(request, selectors.case_for(request.user, pk), slug)

    view.__name__ = f"case_{slug}"
    view.__doc__ = f"The case page's {slug} tab (GET)."
    return view


overview = _tab_view("overview")
hearings = _tab_view("hearings")
fees_tab = _tab_view("fees")
amendments = _tab_view("amendments")
limits = _tab_view("limits")
mediation = _tab_view("mediation")
chat = _tab_view("chat")
documents = _tab_view("documents")
service = _tab_view("service")
