from django.urls import path

from fating.accounts import api

app_name = "accounts-api"
urlpatterns = [
    path("me/", api.me, name="me"),
    path("auth/token/", api.TokenView.as_view(), name="token"),
]
