from rest_framework.routers import SimpleRouter

from fating.conversations import api

router = SimpleRouter()
router.register("rooms", api.RoomViewSet, basename="room")

app_name = "conversations-api"
urlpatterns = [*router.urls]
