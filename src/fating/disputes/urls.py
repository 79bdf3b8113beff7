from django.urls import path

from fating.disputes import views

app_name = "disputes"
urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("report/", views.report, name="report"),
    path("suggest/", views.suggest, name="suggest"),
    path("queue/", views.queue, name="queue"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<slug:name>/", views.act, name="act"),
]
