from django.urls import path

from fating.analytics import api

app_name = "analytics-api"
urlpatterns = [
    path("dashboard/", api.dashboard, name="dashboard"),
    path("map/", api.map_view, name="map"),
    path("charts/", api.charts, name="charts"),
    path("indicators/", api.indicators, name="indicators"),
]
