from django.urls import path
from rest_framework.routers import SimpleRouter

from fating.cases.api import (
    cases,
    changes,
    divorce,
    fees,
    filings,
    hearings,
    investigation,
    mediation,
    risk,
    time_limits,
    triage,
)

router = SimpleRouter()
router.register("causes", filings.CauseViewSet, basename="cause")
router.register("filings", filings.FilingViewSet, basename="filing")
router.register("cases", cases.CaseViewSet, basename="case")
router.register("hearings", hearings.HearingViewSet, basename="hearing")

app_name = "cases-api"
urlpatterns = [
    path("fee-reliefs/<int:pk>/decide/", fees.decide_relief, name="relief-decide"),
    path("payments/callback/<str:gateway_name>/", fees.payment_callback, name="payment-callback"),
    path("overpayments/<int:pk>/refund/", fees.refund_overpayment, name="overpayment-refund"),
    # 审限
    path("cases/<int:pk>/time-limit/", time_limits.case_time_limit, name="case-time-limit"),
    path("cases/<int:pk>/extensions/", time_limits.request_extension, name="extension-request"),
    path("extensions/<int:pk>/decide/", time_limits.decide_extension, name="extension-decide"),
    path(
        "cases/<int:pk>/excluded-periods/",
        time_limits.record_excluded_period,
        name="excluded-period-create",
    ),
    path(
        "excluded-periods/<int:pk>/end/",
        time_limits.end_excluded_period,
        name="excluded-period-end",
    ),
    path(
        "cases/<int:pk>/procedure-changes/",
        changes.change_procedure,
        name="procedure-change",
    ),
    path("time-limits/rates/", time_limits.closure_rates, name="closure-rates"),
    path("risk-assessment/", risk.risk_assessment, name="risk-assessment"),
    # 委托调解
    path("cases/<int:pk>/entrust/", mediation.entrust, name="entrust"),
    path("entrustments/", mediation.entrustment_list, name="entrustments"),
    path("entrustments/<int:pk>/", mediation.entrustment_detail, name="entrustment"),
    path("entrustments/<int:pk>/accept/", mediation.accept, name="entrustment-accept"),
    path("entrustments/<int:pk>/decline/", mediation.decline, name="entrustment-decline"),
    path("entrustments/<int:pk>/extend/", mediation.extend, name="entrustment-extend"),
    path("entrustments/<int:pk>/conclude/", mediation.conclude, name="entrustment-conclude"),
    # 离婚预立案、冷静期; 律师调查令
    path("divorce-prefilings/", divorce.prefilings, name="divorce-prefilings"),
    path("divorce-prefilings/stats/", divorce.stats, name="procedure-stats"),
    path("divorce-prefilings/<int:pk>/", divorce.prefiling_detail, name="divorce-prefiling"),
    path("divorce-prefilings/<int:pk>/cool/", divorce.cool, name="divorce-cool"),
    path("divorce-prefilings/<int:pk>/mediate/", divorce.mediate, name="divorce-mediate"),
    path("divorce-prefilings/<int:pk>/visit/", divorce.visit, name="divorce-visit"),
    path("divorce-prefilings/<int:pk>/reconcile/", divorce.reconcile, name="divorce-reconcile"),
    path("divorce-prefilings/<int:pk>/withdraw/", divorce.withdraw, name="divorce-withdraw"),
    path("divorce-prefilings/<int:pk>/file/", divorce.file_formally, name="divorce-file"),
    path(
        "cases/<int:pk>/investigation-orders/",
        investigation.case_orders,
        name="case-investigation-orders",
    ),
    path("investigation-orders/<int:pk>/", investigation.order_detail, name="investigation-order"),
    path("investigation-orders/<int:pk>/issue/", investigation.issue, name="investigation-issue"),
    path(
        "investigation-orders/<int:pk>/refuse/", investigation.refuse, name="investigation-refuse"
    ),
    path(
        "investigation-orders/<int:pk>/answer/", investigation.answer, name="investigation-answer"
    ),
    # Changes after acceptance; triage administration
    path("cases/<int:pk>/claim-changes/", changes.claim_change, name="claim-change"),
    path("cases/<int:pk>/counterclaims/", changes.counterclaim, name="counterclaim"),
    path(
        "counterclaims/<int:pk>/payments/",
        fees.counterclaim_payment,
        name="counterclaim-payment",
    ),
    path("refunds/<int:pk>/pay-out/", fees.pay_out_refund, name="refund-pay-out"),
    path("hearings/<int:pk>/adjourn/", hearings.adjourn, name="hearing-adjourn"),
    path("speedy-teams/", triage.teams, name="speedy-teams"),
    path("speedy-teams/<int:pk>/", triage.team_update, name="speedy-team"),
    path("wage-figures/", triage.wage_figures, name="wage-figures"),
    *router.urls,
]
