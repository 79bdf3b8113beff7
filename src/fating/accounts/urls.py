from django.urls import path

from fating.accounts import views, views_users

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/change/", views.password_change, name="password-change"),
    path("password/forgot/", views.password_forgot, name="password-forgot"),
    path("password/reset/", views.password_reset, name="password-reset"),
    path("users/", views_users.user_list, name="users"),
    path("users/new/", views_users.user_create, name="user-create"),
    path("users/<int:pk>/", views_users.user_detail, name="user-detail"),
    path("users/<int:pk>/grants/", views_users.grant_add, name="user-grant-add"),
    path("users/<int:pk>/grants/<int:grant_pk>/end/", views_users.grant_end, name="user-grant-end"),
    path("users/<int:pk>/deactivate/", views_users.user_deactivate, name="user-deactivate"),
    path("users/<int:pk>/reactivate/", views_users.user_reactivate, name="user-reactivate"),
    path("users/<int:pk>/password/", views_users.password_reset, name="user-password"),
]
