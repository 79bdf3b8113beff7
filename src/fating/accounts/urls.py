from django.urls import path

from fating.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/change/", views.password_change, name="password-change"),
    path("password/forgot/", views.password_forgot, name="password-forgot"),
    path("password/reset/", views.password_reset, name="password-reset"),
]
