from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.http import HttpRequest

from fating.accounts.models import Role, User
from fating.accounts.selectors import scope_of

# Permissions that come with a role grant rather than from Django's permission tables. Lower apps
# ask `user.has_perm(name)` and so need not import accounts (core sits below it). A grant at any
# place counts: the holiday calendar is national data.
ROLE_PERMISSIONS: dict[str, str] = {
    "core.manage_calendar": Role.COURT_ADMIN,
}


def resolve_login(login: str) -> User | None:
    """The user a login names: an 11-digit number is a mobile, anything else a username."""
    login = (login or "").strip()
    if not login:
        return None
    field = "mobile" if login.isdigit() and len(login) == 11 else "username"
    return User.objects.filter(**{field: login}).first()


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' gate in front of the password check (see accounts.lockout).

    Axes refuses to run without a request; Django's test client and management commands call
    `authenticate()` without one and are not a guessing channel, so they pass through here.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class UsernameOrMobileBackend(ModelBackend):
    """Authenticate with a username or an 11-digit mobile number."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = resolve_login(username)
        if user is None:
            # Spend the same time as a real check so timing does not reveal which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class RoleGrantBackend(BaseBackend):
    """Answers `has_perm` for ROLE_PERMISSIONS from the user's active grants; never logs anyone
    in."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        role = ROLE_PERMISSIONS.get(perm)
        if role is None or not getattr(user_obj, "is_active", False):
            return False
        if not getattr(user_obj, "is_authenticated", False):
            return False
        return scope_of(user_obj).holds(role)
