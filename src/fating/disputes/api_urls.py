from django.urls import path
from rest_framework.routers import SimpleRouter

from fating.disputes import api, api_departments

departments = SimpleRouter()
departments.register("departments", api_departments.ReferralViewSet, basename="referral")
router = SimpleRouter()
router.register("", api.DisputeViewSet, basename="dispute")

app_name = "disputes-api"
urlpatterns = [
    path("suggest-causes/", api.suggest_causes, name="suggest-causes"),
    path("queue/", api.queue, name="queue"),
    path("statistics/", api.statistics, name="statistics"),
    *departments.urls,
    *router.urls,
]
