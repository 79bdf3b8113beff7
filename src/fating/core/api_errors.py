"""One error shape for every API error:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"name": ["…"]}}}

`fields` maps each offending field to Chinese messages; `message` is a summary for a banner.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fating.core.exceptions import DomainError


def error_body(
    status: int, code: str, message: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            elif isinstance(value, list):
                out[key] = [str(v) for v in value if not isinstance(v, dict)] or [str(value)]
            else:
                out[key] = [str(value)]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(d) for d in detail]}
    return {}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(
            error_body(exc.status_code, exc.code, exc.message, exc.fields), status=exc.status_code
        )
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        msg = "; ".join(exc.messages)
        return Response(error_body(400, "invalid", msg, fields), status=400)
    if isinstance(exc, RequestDataTooBig):
        # Django's own refusals of a request would otherwise reach its HTML 400 page.
        return Response(error_body(413, "too_large", _("提交的数据过大。")), status=413)
    if isinstance(exc, SuspiciousOperation | BadRequest):
        return Response(error_body(400, "bad_request", _("请求无法解析。")), status=400)
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if not isinstance(exc, drf.APIException):  # DRF only answers for its own exceptions
        return response
    if isinstance(exc, drf.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.items()), None)
        message = _("提交的数据有误") + (f"：{first[0]} {first[1][0]}" if first else "")
        code = "invalid"
    else:
        fields = {}
        detail = exc.detail
        message = str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
    response.data = error_body(response.status_code, str(code), message, fields)
    return response


def json_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(status, code, message), status=status)
