from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from fating.core.request_context import current_request_id, reset_request_id, set_request_id

# Accept a caller's id only when it looks like one, so logs cannot be injected through the header.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (from X-Request-ID when safe), echo it back, expose it to audit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        token = set_request_id(incoming if _SAFE_ID.match(incoming) else None)
        try:
            request.request_id = current_request_id()  # type: ignore[attr-defined]
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
            return response
        finally:
            reset_request_id(token)


class PrivateCacheMiddleware:
    """`Cache-Control: no-store, private` on every answer that may carry personal data.

    That is every response to a signed-in user and every API response (an API caller signed in by
    token is only known inside DRF, after this middleware has run). Static files never get here:
    WhiteNoise answers them earlier in the chain. A view's own stricter header is kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or request.path.startswith("/api/"):
            existing = response.get("Cache-Control", "")
            if "no-store" not in existing:
                patch_cache_control(response, no_store=True, private=True)  # drops "public"
        return response
