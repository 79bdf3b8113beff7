from django.urls import path

from fating.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("reports/", views.request_report, name="report-request"),
    path("reports/<int:pk>/", views.report_status, name="report-status"),
    path("reports/<int:pk>/download/", views.download_report, name="report-download"),
]
