from django.urls import path

from fating.accounts import api

app_name = "accounts-api"
urlpatterns = [
    path("me/", api.me, name="me"),
    path("auth/token/", api.obtain_token, name="token"),
]
