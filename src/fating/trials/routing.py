"""WebSocket route of the online courtroom's signalling; the ASGI router includes it."""

from django.urls import path

from fating.trials.consumers import SignallingConsumer

websocket_urlpatterns = [
    path("ws/trials/rooms/<int:room_id>/", SignallingConsumer.as_asgi()),
]
