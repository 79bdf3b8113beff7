from django.urls import path

from fating.preservation import api

app_name = "preservation-api"
urlpatterns = [
    path("applications/", api.applications, name="applications"),
    path("applications/<int:pk>/", api.application, name="application"),
    path("applications/<int:pk>/security-order/", api.order_security, name="order-security"),
    path("applications/<int:pk>/security/", api.record_security, name="security"),
    path("applications/<int:pk>/decision/", api.decide, name="decide"),
    path("applications/<int:pk>/release/", api.release, name="release"),
]
