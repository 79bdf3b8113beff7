from django.urls import path

from fating.trials import views

app_name = "trials"
urlpatterns = [
    path("", views.index, name="index"),
    path("hearings/<int:hearing_id>/open/", views.open_room, name="open"),
    path("rooms/<int:pk>/", views.room, name="room"),
    path("rooms/<int:pk>/device/", views.device, name="device"),
    path("rooms/<int:pk>/act/", views.act, name="act"),
    path("rooms/<int:pk>/transcript/", views.transcript, name="transcript"),
    path("rooms/<int:pk>/recordings/", views.start_recording, name="start-recording"),
    path("recordings/<int:pk>/chunk/", views.recording_chunk, name="recording-chunk"),
    path("recordings/<int:pk>/finish/", views.recording_finish, name="recording-finish"),
    path("recordings/<int:pk>/", views.recording_file, name="recording"),
    path("broadcasts/", views.broadcasts, name="broadcasts"),
    path("broadcasts/<int:pk>/video/", views.broadcast_file, name="broadcast-video"),
    path("broadcasts/<int:pk>/hls/<str:name>", views.broadcast_stream, name="broadcast-stream"),
]
