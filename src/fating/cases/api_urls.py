from django.urls import path
from rest_framework.routers import SimpleRouter

from fating.cases import api, api_fees, api_limits, api_mediation, api_risk

router = SimpleRouter()
router.register("causes", api.CauseViewSet, basename="cause")
router.register("filings", api.FilingViewSet, basename="filing")
router.register("cases", api.CaseViewSet, basename="case")
router.register("hearings", api.HearingViewSet, basename="hearing")

app_name = "cases-api"
urlpatterns = [
    path("fee-reliefs/<int:pk>/decide/", api.decide_relief, name="relief-decide"),
    path("payments/callback/<str:gateway_name>/", api.payment_callback, name="payment-callback"),
    path("overpayments/<int:pk>/refund/", api.refund_overpayment, name="overpayment-refund"),
    # 审限
    path("cases/<int:pk>/time-limit/", api_limits.case_time_limit, name="case-time-limit"),
    path("cases/<int:pk>/extensions/", api_limits.request_extension, name="extension-request"),
    path("extensions/<int:pk>/decide/", api_limits.decide_extension, name="extension-decide"),
    path(
        "cases/<int:pk>/excluded-periods/",
        api_limits.record_excluded_period,
        name="excluded-period-create",
    ),
    path(
        "excluded-periods/<int:pk>/end/", api_limits.end_excluded_period, name="excluded-period-end"
    ),
    path(
        "cases/<int:pk>/procedure-changes/",
        api_limits.change_procedure,
        name="procedure-change",
    ),
    path("time-limits/rates/", api_limits.closure_rates, name="closure-rates"),
    path("risk-assessment/", api_risk.risk_assessment, name="risk-assessment"),
    # 委托调解
    path("cases/<int:pk>/entrust/", api_mediation.entrust, name="entrust"),
    path("entrustments/", api_mediation.entrustment_list, name="entrustments"),
    path("entrustments/<int:pk>/", api_mediation.entrustment_detail, name="entrustment"),
    path("entrustments/<int:pk>/accept/", api_mediation.accept, name="entrustment-accept"),
    path("entrustments/<int:pk>/decline/", api_mediation.decline, name="entrustment-decline"),
    path("entrustments/<int:pk>/extend/", api_mediation.extend, name="entrustment-extend"),
    path("entrustments/<int:pk>/conclude/", api_mediation.conclude, name="entrustment-conclude"),
    # Changes after acceptance; triage administration
    path("cases/<int:pk>/claim-changes/", api_fees.claim_change, name="claim-change"),
    path("cases/<int:pk>/counterclaims/", api_fees.counterclaim, name="counterclaim"),
    path(
        "counterclaims/<int:pk>/payments/",
        api_fees.counterclaim_payment,
        name="counterclaim-payment",
    ),
    path("refunds/<int:pk>/pay-out/", api_fees.pay_out_refund, name="refund-pay-out"),
    path("hearings/<int:pk>/adjourn/", api_fees.adjourn, name="hearing-adjourn"),
    path("speedy-teams/", api_fees.teams, name="speedy-teams"),
    path("speedy-teams/<int:pk>/", api_fees.team_update, name="speedy-team"),
    path("wage-figures/", api_fees.wage_figures, name="wage-figures"),
    *router.urls,
]
