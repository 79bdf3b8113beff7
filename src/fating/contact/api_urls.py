from django.urls import path

from fating.contact import api

app_name = "contact-api"
urlpatterns = [
    path("meetings/", api.meetings, name="meetings"),
    path("meetings/<int:pk>/", api.meeting, name="meeting"),
    path("meetings/<int:pk>/route/", api.meeting_route, name="meeting-route"),
    path("meetings/<int:pk>/accept/", api.meeting_accept, name="meeting-accept"),
    path("meetings/<int:pk>/decline/", api.meeting_decline, name="meeting-decline"),
    path("meetings/<int:pk>/complete/", api.meeting_complete, name="meeting-complete"),
    path("meetings/<int:pk>/withdraw/", api.meeting_withdraw, name="meeting-withdraw"),
    path("calls/", api.calls, name="calls"),
    path("calls/figures/", api.figures, name="figures"),
    path("calls/<int:pk>/", api.call, name="call"),
    path("calls/<int:pk>/route/", api.call_route, name="call-route"),
    path("calls/<int:pk>/answer/", api.call_answer, name="call-answer"),
]
