"""The API's shared plumbing: the JSON parser every write goes through and the one pagination
class of every list (the schema class is in fating.core.schema).

Each exists so that a rule holds for the whole API at once rather than view by view: a body that
is not a JSON object, or is nested past any sane depth, is a 400 before a view sees it; a page
size past 64 bits is clamped instead of reaching the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, pagination, parsers
from rest_framework.request import Request

# Deeper than any form of this API needs (the deepest, a filing's parties, is 3), and far below
# the depth at which Python's decoder would run out of stack.
MAX_JSON_DEPTH = 32
# The largest page a list answers; a larger `limit` is clamped to it.
MAX_PAGE_SIZE = 200


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = gettext_lazy("提交的数据过大。")
    default_code = "too_large"


def _too_deep(value: Any, limit: int) -> bool:
    """Whether `value` nests containers deeper than `limit` (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, made to refuse what no view of this API can take: a body that is not a
    JSON object (every write takes named fields), nesting deeper than MAX_JSON_DEPTH, and a body
    larger than Django's DATA_UPLOAD_MAX_MEMORY_SIZE (which DRF's streaming read bypasses)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1 if limit is not None else -1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge()
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding") or settings.DEFAULT_CHARSET
        try:
            text = raw.decode(encoding)
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise exceptions.ParseError(_("JSON 嵌套层数过多。")) from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(
                _("请求体不是有效的 JSON：%(error)s") % {"error": exc}
            ) from None
        if not isinstance(data, dict):
            raise exceptions.ParseError(
                _('请求体必须是 JSON 对象（形如 {"字段": 值}），收到的是%(kind)s。')
                % {"kind": _json_kind(data)}
            )
        if _too_deep(data, MAX_JSON_DEPTH):
            raise exceptions.ParseError(
                _("JSON 嵌套层数过多（最多 %(limit)d 层）。") % {"limit": MAX_JSON_DEPTH}
            )
        return data


def _refuse_constant(name: str) -> None:
    raise ValueError(_("不接受 %(name)s。") % {"name": name})


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return _("数组")
    if isinstance(value, str):
        return _("字符串")
    if isinstance(value, bool):
        return _("布尔值")
    if isinstance(value, int | float):
        return _("数字")
    return _("空值 null")


def _non_negative(request: Request, name: str, *, minimum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise exceptions.ValidationError(
            {name: [_("应为不小于 %(minimum)d 的整数。") % {"minimum": minimum}]}
        )
    return value


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """Every list's page: `limit` (1–MAX_PAGE_SIZE, a larger one is clamped) and `offset` (≥ 0).
    A value that is not such an integer answers 400 naming the parameter, never a silent default
    and never a number the database cannot hold."""

    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request: Request) -> int | None:
        limit = _non_negative(request, self.limit_query_param, minimum=1)
        if limit is None:
            return self.default_limit
        return min(limit, self.max_limit)

    def get_offset(self, request: Request) -> int:
        offset = _non_negative(request, self.offset_query_param, minimum=0)
        return offset or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.limit_query_param:
                param["schema"].update(minimum=1)
                param["description"] = _("每页条数（1–%(max)d，更大的值按 %(max)d 计）。") % {
                    "max": self.max_limit
                }
            elif param["name"] == self.offset_query_param:
                param["schema"].update(minimum=0)
        return params
