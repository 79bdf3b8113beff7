from django.urls import path

from fating.trials import api

app_name = "trials-api"
urlpatterns = [
    path("rooms/", api.rooms, name="rooms"),
    path("rooms/<int:pk>/", api.room, name="room"),
    path("rooms/<int:pk>/close/", api.close, name="close"),
    path("rooms/<int:pk>/attendees/<int:attendee_id>/moderate/", api.moderate, name="moderate"),
    path("rooms/<int:pk>/transcript/", api.transcript, name="transcript"),
    path("rooms/<int:pk>/notes/", api.notes, name="notes"),
    path("rooms/<int:pk>/evidence/", api.evidence, name="evidence"),
    path("rooms/<int:pk>/signatures/", api.sign, name="sign"),
    path("rooms/<int:pk>/refusals/", api.refusals, name="refusals"),
    path("rooms/<int:pk>/file/", api.file, name="file"),
    path("rooms/<int:pk>/broadcast/", api.broadcast, name="broadcast"),
]
