from django.urls import path

from fating.disputes import views, views_departments

app_name = "disputes"
urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("report/", views.report, name="report"),
    path("suggest/", views.suggest, name="suggest"),
    path("queue/", views.queue, name="queue"),
    path("departments/", views_departments.department_queue, name="department-queue"),
    path("departments/<int:pk>/", views_departments.referral_detail, name="referral"),
    path("departments/<int:pk>/<slug:name>/", views_departments.referral_act, name="referral-act"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<slug:name>/", views.act, name="act"),
]
