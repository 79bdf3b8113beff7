from django.urls import path

from fating.delivery import desk, views

app_name = "delivery"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.inbox_item, name="inbox-item"),
    path("inbox/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("inbox/<int:pk>/paper-copy/", views.paper_copy, name="paper-copy"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/attempts/", views.add_attempt, name="add-attempt"),
    path("attempts/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("serve/<str:matter_type>/<int:matter_id>/", desk.serve, name="serve"),
]
