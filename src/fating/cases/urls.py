from django.urls import path

from fating.cases import case_tabs
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
    path("<int:pk>/", case_tabs.overview, name="case"),
    path("<int:pk>/hearings/", case_tabs.hearings, name="case-hearings"),
    path("<int:pk>/fees/", case_tabs.fees_tab, name="case-fees"),
    path("<int:pk>/amendments/", case_tabs.amendments, name="case-amendments"),
    path("<int:pk>/limits/", case_tabs.limits, name="case-limits"),
    path("<int:pk>/mediation/", case_tabs.mediation, name="case-mediation"),
    path("<int:pk>/chat/", case_tabs.chat, name="case-chat"),
    path("<int:pk>/documents/", case_tabs.documents, name="case-documents"),
    path("<int:pk>/service/", case_tabs.service, name="case-service"),
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
