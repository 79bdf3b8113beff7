from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from fating.accounts.models import User


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
        login = username.strip()
        field = "mobile" if login.isdigit() and len(login) == 11 else "username"
        user = User.objects.filter(**{field: login}).first()
        if user is None:
            # Spend the same time as a real check so timing does not reveal which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
