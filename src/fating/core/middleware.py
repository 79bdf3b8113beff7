from __future__ import annotations

import io
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
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


class ApiJsonBodyMiddleware:
    """Every JSON write to the API is checked once, before any view runs: a body that is not a
    JSON object, nests too deep, is malformed or too large answers 400/413 in the one error shape.

    The check sits here rather than only in the parser because DRF parses lazily: an action that
    never reads `request.data` (submit, accept, withdraw…) would otherwise act on a body such as
    `[]` and answer 200. The parser (fating.core.rest.JSONParser) holds the rules; this applies
    them to every write under /api/.
    """

    WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in self.WRITE_METHODS
            and request.path.startswith("/api/")
            and _is_json(request.content_type or "")
        ):
            refused = _refusal(request)
            if refused is not None:
                return refused
        return self.get_response(request)


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or content_type.endswith("+json")


def _refusal(request: HttpRequest) -> HttpResponse | None:
    from django.core.exceptions import RequestDataTooBig
    from django.utils.translation import gettext as _
    from rest_framework.exceptions import APIException

    from fating.core.api_errors import error_body, exception_handler, json_error
    from fating.core.rest import JSONParser

    try:
        body = request.body
    except RequestDataTooBig:
        return json_error(413, "too_large", _("提交的数据过大。"))
    if not body:
        return None
    try:
        JSONParser().parse(io.BytesIO(body), parser_context={"encoding": request.encoding})
    except APIException as exc:
        response = exception_handler(exc, {})
        data = response.data if response is not None else error_body(400, "parse_error", str(exc))
        return JsonResponse(data, status=exc.status_code)
    return None


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
        if request.path.startswith("/api/") or _signed_in(request):
            existing = response.get("Cache-Control", "")
            if "no-store" not in existing:
                patch_cache_control(response, no_store=True, private=True)  # drops "public"
        return response


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
