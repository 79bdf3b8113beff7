from django.urls import path

from fating.enforcement import views, views_notices

app_name = "enforcement"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("command/", views.command, name="command"),
    path("apply/<int:agreement_pk>/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<slug:name>/", views.act, name="act"),
    path("<int:pk>/notices/", views_notices.notices_page, name="notices"),
    path("<int:pk>/notices/<slug:name>/", views_notices.notices_act, name="notices-act"),
    path("centre/", views_notices.centre, name="centre"),
    path("centre/<int:pk>/<slug:name>/", views_notices.task_act, name="task-act"),
    path("reconciliation/", views_notices.reconciliation, name="reconciliation"),
    path(
        "reconciliation/export.<slug:fmt>",
        views_notices.reconciliation,
        name="reconciliation-export",
    ),
]
