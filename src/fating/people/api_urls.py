from django.urls import path

from fating.people import api

app_name = "people-api"
urlpatterns = [
    path("signup/", api.signup, name="signup"),
    path("signup/complete/", api.signup_complete, name="signup-complete"),
    path("assisted-signups/", api.assisted_signup, name="assisted-signup"),
    path("assisted-signups/complete/", api.assisted_complete, name="assisted-complete"),
    path("representations/", api.representations, name="representations"),
    path("representations/<int:pk>/decide/", api.decide, name="decide"),
    path("representations/<int:pk>/revoke/", api.revoke, name="revoke"),
]
