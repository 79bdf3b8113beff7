"""The schema class of the API: drf-spectacular's, with every 4xx an operation can answer
documented with the body fating.core.api_errors gives it (kept apart from fating.core.rest, which
DRF's settings import while drf-spectacular is itself importing DRF)."""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

# --- the error shape in the schema ---------------------------------------------------------


class ErrorDetailSerializer(serializers.Serializer[Any]):
    status = serializers.IntegerField(help_text="HTTP 状态码")
    code = serializers.CharField(help_text="机器可读的错误代码，如 invalid、not_found")
    message = serializers.CharField(help_text="给用户看的中文说明")
    # DRF's metaclass moves declared fields aside; the stubs see Serializer.fields shadowed.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="出错的字段及其中文说明",
    )


class ErrorSerializer(serializers.Serializer[Any]):
    error = ErrorDetailSerializer()


# Every operation can be refused for these reasons (fating.core.api_errors gives them all one
# body); writes can also be refused for their body's size or media type.
ERRORS_ANY = {
    400: "请求有误（参数或字段不合规定）",
    401: "未登录或凭证无效",
    403: "无权执行该操作",
    404: "对象不存在或对当前用户不可见",
    406: "无法按请求的格式应答",
    409: "与对象当前的状态冲突",
    422: "请求无法处理",
    429: "请求过于频繁",
}
ERRORS_WRITE = {413: "提交的数据过大", 415: "不支持的请求体格式"}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error responses of fating.core.api_errors documented on
    every operation (those an operation declares itself stay as declared)."""

    def _get_response_bodies(
        self, direction: Literal["request", "response"] = "response"
    ) -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = dict(ERRORS_ANY)
        if self.method in ("POST", "PUT", "PATCH"):
            errors.update(ERRORS_WRITE)
        for code, description in sorted(errors.items()):
            if str(code) not in responses:
                # drf-spectacular leaves this helper unannotated.
                body = self._get_response_for_code(ErrorSerializer, str(code))  # type: ignore[no-untyped-call]
                responses[str(code)] = {**body, "description": description}
        return responses


# For views that answer a plain list of objects (a bare `dict` would document one object).
LIST_OF_OBJECTS = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
