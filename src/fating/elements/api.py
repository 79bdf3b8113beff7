"""REST API of the element tables (mounted at /api/v1/elements/). Thin: selectors and services
decide who may see and change what."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError
from fating.elements import rules, selectors, services

SheetSerializer = inline_serializer(
    "ElementSheet",
    {
        "case": serializers.IntegerField(),
        "cause": serializers.CharField(allow_null=True),
        "elements": serializers.ListField(child=serializers.DictField()),
        "focus": serializers.ListField(child=serializers.CharField()),
    },
)
AnswersRequest = inline_serializer(
    "ElementAnswersRequest",
    {
        "side": serializers.ChoiceField(choices=[s.value for s in rules.Side]),
        "answers": serializers.DictField(
            child=serializers.CharField(allow_blank=True, max_length=rules.MAX_TEXT)
        ),
    },
)
FindingRequest = inline_serializer(
    "ElementFindingRequest",
    {
        "element": serializers.CharField(max_length=40),
        "finding": serializers.ChoiceField(choices=[f.value for f in rules.Finding]),
        "note": serializers.CharField(required=False, allow_blank=True, max_length=500),
    },
)


def sheet_json(sheet: selectors.Sheet) -> dict[str, Any]:
    return {
        "case": sheet.case.pk,
        "cause": sheet.table.cause if sheet.table else None,
        "elements": [
            {
                "key": r.element.key,
                "label": r.element.label,
                "kind": r.element.kind.value,
                "basis": r.element.basis,
                "choices": list(r.element.choices),
                "plaintiff": r.plaintiff,
                "defendant": r.defendant,
                "finding": r.finding.value if r.finding else None,
                "suggested": r.suggested.value if r.suggested else None,
            }
            for r in sheet.rows
        ],
        "focus": [r.element.key for r in sheet.focus],
    }


@extend_schema(request=None, responses=SheetSerializer)
@api_view(["GET"])
def case_sheet(request: Request, pk: int) -> Response:
    return Response(sheet_json(selectors.sheet(selectors.case_for(request.user, pk))))


@extend_schema(request=AnswersRequest, responses=SheetSerializer)
@api_view(["POST"])
def fill(request: Request, pk: int) -> Response:
    """Save one side's answers; resending the same answers changes nothing (safe to retry)."""
    case = selectors.case_for(request.user, pk)
    answers = request.data.get("answers", {})
    if not isinstance(answers, dict):
        raise FieldError({"answers": _("要素填写应为“要素代码: 内容”的对象。")})
    if not all(isinstance(v, str) for v in answers.values()):
        raise FieldError({"answers": _("每项要素的内容应为文字。")})
    services.fill_elements(
        actor=request.user, case=case, side=str(request.data.get("side", "")), answers=answers
    )
    return Response(sheet_json(selectors.sheet(case)))


@extend_schema(request=FindingRequest, responses=SheetSerializer)
@api_view(["POST"])
def mark(request: Request, pk: int) -> Response:
    """Mark one element agreed or disputed; the same finding again changes nothing."""
    case = selectors.case_for(request.user, pk)
    d = request.data
    services.mark_element(
        actor=request.user,
        case=case,
        element=str(d.get("element", ""))[:40],
        finding=str(d.get("finding", "")),
        note=str(d.get("note", "")),
    )
    return Response(sheet_json(selectors.sheet(case)))
