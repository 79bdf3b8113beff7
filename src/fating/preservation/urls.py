from django.urls import path

from fating.preservation import views

app_name = "preservation"

urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.new, name="new"),
    path("cases/<int:pk>/", views.case_tab, name="case"),
    path("<int:pk>/", views.detail, name="detail"),
    path(
        "<int:pk>/security-order/", views.act, {"action": "order_security"}, name="order-security"
    ),
    path("<int:pk>/security/", views.act, {"action": "security"}, name="security"),
    path("<int:pk>/decision/", views.act, {"action": "decide"}, name="decide"),
    path("<int:pk>/release/", views.act, {"action": "release"}, name="release"),
]
