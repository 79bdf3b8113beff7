from django.urls import path
from rest_framework.routers import SimpleRouter

from fating.cases import api

router = SimpleRouter()
router.register("causes", api.CauseViewSet, basename="cause")
router.register("filings", api.FilingViewSet, basename="filing")
router.register("cases", api.CaseViewSet, basename="case")
router.register("hearings", api.HearingViewSet, basename="hearing")

app_name = "cases-api"
urlpatterns = [
    path("fee-reliefs/<int:pk>/decide/", api.decide_relief, name="relief-decide"),
    path("payments/callback/<str:gateway_name>/", api.payment_callback, name="payment-callback"),
    *router.urls,
]
