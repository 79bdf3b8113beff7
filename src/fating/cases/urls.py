from django.urls import path

from fating.cases import case_tabs, views, views_fees, views_limits, views_mediation, views_risk

app_name = "cases"
urlpatterns = [
    path("", views.index, name="index"),
    path("causes/", views.cause_options, name="cause-options"),
    path("filings/new/", views.filing_new, name="filing-new"),
    path("filings/<int:pk>/", views.filing_detail, name="filing"),
    path("filings/<int:pk>/act/", views.filing_act, name="filing-act"),
    path(
        "filings/<int:pk>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence",
    ),
    path("review/", views.review_queue, name="review-queue"),
    path("docket/", views.docket, name="docket"),
    path("risk/", views_risk.risk_assessment, name="risk"),
    path("risk/pdf/", views_risk.risk_pdf, name="risk-pdf"),
    path("time-limits/", views_limits.closure_rates, name="closure-rates"),
    path("<int:pk>/", case_tabs.overview, name="case"),
    path("<int:pk>/hearings/", case_tabs.hearings, name="case-hearings"),
    path("<int:pk>/fees/", case_tabs.fees_tab, name="case-fees"),
    path("<int:pk>/amendments/", case_tabs.amendments, name="case-amendments"),
    path("<int:pk>/limits/", case_tabs.limits, name="case-limits"),
    path("<int:pk>/mediation/", case_tabs.mediation, name="case-mediation"),
    path("<int:pk>/chat/", case_tabs.chat, name="case-chat"),
    path("<int:pk>/documents/", case_tabs.documents, name="case-documents"),
    path("<int:pk>/service/", case_tabs.service, name="case-service"),
    path("<int:pk>/act/", views.case_act, name="case-act"),
    path("<int:pk>/changes/", views_fees.changes_act, name="changes-act"),
    path(
        "counterclaims/<int:pk>/pay/",
        views_fees.counterclaim_pay,
        name="counterclaim-pay",
    ),
    path("triage-admin/", views_fees.triage_admin_page, name="triage-admin"),
    path("<int:pk>/time-limit/", views_limits.time_limit_act, name="time-limit-act"),
    path("<int:pk>/entrust/", views_mediation.entrust, name="entrust"),
    path("entrustments/<int:pk>/", views_mediation.entrustment_detail, name="entrustment"),
    path("entrustments/<int:pk>/act/", views_mediation.entrustment_act, name="entrustment-act"),
    path("pay/sandbox/<str:order_id>/", views.sandbox_pay, name="sandbox-pay"),
    path("join/<str:token>/", views.join_hearing, name="join"),
]
