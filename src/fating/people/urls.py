from django.urls import path

from fating.people import views

app_name = "people"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/code/", views.signup_code, name="signup-code"),
    path("verify/", views.verify, name="verify"),
    path("assisted/", views.assisted_signup, name="assisted-signup"),
    path("assisted/code/", views.assisted_code, name="assisted-code"),
    path("representations/", views.representations, name="representations"),
    path("representations/court/", views.court_representations, name="court-representations"),
    path("representations/<int:pk>/letter/", views.letter, name="letter"),
    path("representations/<int:pk>/decide/", views.decide, name="decide"),
    path("representations/<int:pk>/revoke/", views.revoke, name="revoke"),
]
