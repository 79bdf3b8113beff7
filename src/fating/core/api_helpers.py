"""Small helpers shared by every app's REST API modules (DRF views and viewsets)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.request import Request

from fating.core.exceptions import NotVisible


def parse_pk(raw: Any, *, missing: str | None = None) -> int:
    """The primary key in a URL segment; anything but digits is an object that is not there
    (404 with `missing`, by default 未找到。), never a 500."""
    if not str(raw).isdigit():
        raise NotVisible(missing or _("未找到。"))
    return int(raw)


def validated(
    serializer_class: type[serializers.Serializer[Any]], request: Request
) -> dict[str, Any]:
    """The request body checked by `serializer_class`; invalid input raises DRF's ValidationError
    (400 in the one error shape of core.api_errors)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
