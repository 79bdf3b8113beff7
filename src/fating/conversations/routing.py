"""WebSocket routes of the group chat; the ASGI router includes `websocket_urlpatterns`."""

from django.urls import path

from fating.conversations.consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/conversations/<int:room_id>/", RoomConsumer.as_asgi()),
]
