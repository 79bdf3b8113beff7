from django.urls import path

from fating.accounts import api, api_users

app_name = "accounts-api"
urlpatterns = [
    path("me/", api.me, name="me"),
    path("auth/token/", api.TokenView.as_view(), name="token"),
    path("accounts/users/", api_users.UserListView.as_view(), name="users"),
    path("accounts/users/<int:pk>/", api_users.UserDetailView.as_view(), name="user"),
    path("accounts/users/<int:pk>/grants/", api_users.GrantAddView.as_view(), name="user-grants"),
    path(
        "accounts/users/<int:pk>/grants/<int:grant_pk>/end/",
        api_users.GrantEndView.as_view(),
        name="user-grant-end",
    ),
    path(
        "accounts/users/<int:pk>/deactivate/",
        api_users.DeactivateView.as_view(),
        name="user-deactivate",
    ),
    path(
        "accounts/users/<int:pk>/reactivate/",
        api_users.ReactivateView.as_view(),
        name="user-reactivate",
    ),
    path(
        "accounts/users/<int:pk>/password/", api_users.PasswordView.as_view(), name="user-password"
    ),
]
