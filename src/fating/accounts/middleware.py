"""Send a person holding a temporary password to the password-change page first."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a person with a temporary password may still open: the change page itself, signing out,
# static files, the language switch. The API needs a token, which they cannot get (services).
_OPEN_PREFIXES = ("/static/", "/media/", "/i18n/", "/api/", "/healthz")


class PasswordChangeRequiredMiddleware:
    """After an administrator issued a temporary password, every page redirects to the password
    change until the holder has chosen their own (accounts.services.change_password clears it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The path first: asking `user` loads the session and the account, which an API call
        # signed in by token never needs.
        if request.path.startswith(_OPEN_PREFIXES):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
        ):
            allowed = (reverse("accounts:password-change"), reverse("accounts:logout"))
            if request.path not in allowed:
                return redirect("accounts:password-change")
        return self.get_response(request)
