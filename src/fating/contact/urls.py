from django.urls import path

from fating.contact import views

app_name = "contact"
urlpatterns = [
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_new, name="meeting-new"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/<slug:step>/", views.meeting_act, name="meeting-act"),
    path("calls/", views.calls, name="calls"),
    path("calls/new/", views.call_new, name="call-new"),
    path("calls/figures/", views.figures, name="figures"),
    path("calls/<int:pk>/", views.call, name="call"),
    path("calls/<int:pk>/<slug:step>/", views.call_act, name="call-act"),
]
