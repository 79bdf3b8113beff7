from django.urls import path

from fating.inbox import api

app_name = "inbox-api"
urlpatterns = [
    path("", api.messages, name="messages"),
    path("<int:pk>/", api.message, name="message"),
    path("<int:pk>/read/", api.read, name="read"),
    path("read-all/", api.read_all, name="read-all"),
    path("preferences/", api.preferences, name="preferences"),
]
