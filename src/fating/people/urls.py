from django.urls import path

from fating.people import views

app_name = "people"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/code/", views.signup_code, name="signup-code"),
    path("verify/", views.verify, name="verify"),
    path("representations/", views.representations, name="representations"),
    path("representations/<int:pk>/decide/", views.decide, name="decide"),
    path("representations/<int:pk>/revoke/", views.revoke, name="revoke"),
]
