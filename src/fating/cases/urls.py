from django.urls import path

from fating.cases.views import (
    cases,
    changes,
    fees,
    filings,
    hearings,
    mediation,
    risk,
    time_limits,
    triage,
)

app_name = "cases"
urlpatterns = [
    path("", cases.index, name="index"),
    path("causes/", filings.cause_options, name="cause-options"),
    path("filings/new/", filings.filing_new, name="filing-new"),
    path("filings/<int:pk>/", filings.filing_detail, name="filing"),
    path("filings/<int:pk>/act/", filings.filing_act, name="filing-act"),
    path(
        "filings/<int:pk>/evidence/<int:evidence_id>/",
        filings.evidence_download,
        name="evidence",
    ),
    path("review/", filings.review_queue, name="review-queue"),
    path("docket/", cases.docket, name="docket"),
    path("risk/", risk.risk_assessment, name="risk"),
    path("risk/pdf/", risk.risk_pdf, name="risk-pdf"),
    path("time-limits/", time_limits.closure_rates, name="closure-rates"),
    path("<int:pk>/", cases.case_detail, name="case"),
    path("<int:pk>/act/", cases.case_act, name="case-act"),
    path("<int:pk>/changes/", changes.changes_act, name="changes-act"),
    path(
        "counterclaims/<int:pk>/pay/",
        fees.counterclaim_pay,
        name="counterclaim-pay",
    ),
    path("triage-admin/", triage.triage_admin_page, name="triage-admin"),
    path("<int:pk>/time-limit/", time_limits.time_limit_act, name="time-limit-act"),
    path("<int:pk>/entrust/", mediation.entrust, name="entrust"),
    path("entrustments/<int:pk>/", mediation.entrustment_detail, name="entrustment"),
    path("entrustments/<int:pk>/act/", mediation.entrustment_act, name="entrustment-act"),
    path("pay/sandbox/<str:order_id>/", fees.sandbox_pay, name="sandbox-pay"),
    path("join/<str:token>/", hearings.join_hearing, name="join"),
]
