"""REST API of the court calendar (/api/v1/calendar/…): the period calculator for any signed-in
user, and the holiday years (list for everyone signed in; import for court administrators)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.base_user import AbstractBaseUser
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core import court_calendar
from fating.core.calendar import RuleInputError, compute_period, parse_period_request
from fating.core.exceptions import FieldError


class PeriodAnswerSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    unit = serializers.CharField()
    count = serializers.IntegerField()
    nominal_last_day = serializers.DateField()
    last_day = serializers.DateField()
    moved_from = serializers.DateField(allow_null=True)
    moved_because = serializers.CharField(allow_null=True)
    legal_basis = serializers.ListField(child=serializers.CharField())
    calendar_verified = serializers.BooleanField()
    warning = serializers.CharField(allow_null=True)
    years = serializers.ListField(child=serializers.DictField())
    explanation = serializers.CharField()


def _answer(data: Any, request: Request, *, from_text: bool) -> Response:
    try:
        req = parse_period_request(data, from_text=from_text)
    except RuleInputError as exc:
        raise FieldError({exc.field: exc.reason}) from None
    answer = compute_period(req, court_calendar.court_calendar(request._request))
    return Response(answer.as_dict())


@extend_schema(
    summary="期间计算器",
    description="start 起算日，days / months / working_days 三者必须且只能给一项（正整数）。"
    "按民事诉讼法 第85条、民法典 第202条计算，届满日逢休息日或节假日顺延。",
    parameters=[
        OpenApiParameter("start", str, description="YYYY-MM-DD"),
        OpenApiParameter("days", int, required=False),
        OpenApiParameter("months", int, required=False),
        OpenApiParameter("working_days", int, required=False),
    ],
    request={"application/json": {"type": "object"}},
    responses={200: PeriodAnswerSerializer},
)
@api_view(["GET", "POST"])
def period(request: Request) -> Response:
    if request.method == "GET":
        return _answer(request.query_params.dict(), request, from_text=True)
    return _answer(request.data, request, from_text=False)


class HolidayYearSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    origin = serializers.CharField()
    # DRF's metaclass moves declared fields aside; the stubs see Field.source shadowed.
    source = serializers.CharField()  # type: ignore[assignment]
    confidence = serializers.CharField()
    verified = serializers.BooleanField()
    holidays = serializers.IntegerField()
    workdays = serializers.IntegerField()
    loaded_by = serializers.CharField()
    loaded_at = serializers.DateTimeField(allow_null=True)


@extend_schema(
    summary="节假日安排年度",
    description="GET 列出生效的年度；POST 导入一个年度的 JSON（仅法院管理员）。",
    request={"application/json": {"type": "object"}},
    responses={200: HolidayYearSerializer(many=True), 201: HolidayYearSerializer},
)
@api_view(["GET", "POST"])
def holiday_years(request: Request) -> Response:
    if request.method == "GET":
        rows = court_calendar.year_rows()
        return Response(HolidayYearSerializer(rows, many=True).data)
    if not isinstance(request.data, dict):
        raise FieldError({"document": "应为一个年度的 JSON 对象。"})
    # Logged in (the API's default permission); import_year refuses anyone but a manager.
    actor = cast(AbstractBaseUser, request.user)
    row = court_calendar.import_year(actor=actor, document=dict(request.data))
    shown = next(r for r in court_calendar.year_rows() if r.year == row.year)
    return Response(HolidayYearSerializer(shown).data, status=status.HTTP_201_CREATED)
