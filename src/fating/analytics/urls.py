from django.urls import path

from fating.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("report.pdf", views.monthly_report, name="report"),
]
