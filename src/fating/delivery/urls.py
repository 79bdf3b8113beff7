from django.urls import path

from fating.delivery import views

app_name = "delivery"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.inbox_item, name="inbox-item"),
    path("<int:pk>/", views.detail, name="detail"),
    path("attempts/<int:pk>/outcome/", views.outcome, name="outcome"),
]
