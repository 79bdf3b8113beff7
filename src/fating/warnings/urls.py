from django.urls import path

from fating.warnings import views

app_name = "warnings"
urlpatterns = [
    path("", views.warning_list, name="list"),
    path("<int:pk>/", views.warning_detail, name="detail"),
    path("<int:pk>/suggest/", views.warning_suggest, name="suggest"),
    path("<int:pk>/actions/<int:action_id>/reply/", views.action_reply, name="reply"),
]
