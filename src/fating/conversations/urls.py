from django.urls import path

from fating.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.room_list, name="list"),
    path("open/<str:matter_type>/<int:matter_id>/", views.open_room, name="open"),
    path("<int:pk>/", views.room, name="room"),
]
