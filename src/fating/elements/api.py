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

from fating.cases.models import Case
from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.elements import rules, selectors, services
from fating.elements.models import ModelLitigation, ParallelCase

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


# --- Model litigation (示范诉讼) ----------------------------------------------------------------

LitigationRequest = inline_serializer(
    "ModelLitigationRequest",
    {
        "name": serializers.CharField(max_length=100),
        "lead": serializers.IntegerField(),
        "cases": serializers.ListField(child=serializers.IntegerField(), max_length=200),
    },
)
ExcludeRequest = inline_serializer(
    "ParallelCaseExcludeRequest", {"reason": serializers.CharField(max_length=300)}
)


def litigation_json(litigation: ModelLitigation, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": litigation.pk,
        "name": litigation.name,
        "cause": litigation.cause,
        "lead": litigation.lead_id,
        "lead_number": litigation.lead.number,
    }
    if full:
        data["parallel_cases"] = [
            {
                "id": p.pk,
                "case": p.case_id,
                "case_number": p.case.number,
                "status": p.status,
                "applied": p.applied,
                "reason": p.reason,
                "proposals": [
                    {
                        "element": x.element.key,
                        "finding": x.finding.value if x.finding else None,
                        "note": x.note,
                        "reason": x.reason,
                    }
                    for x in selectors.proposals(litigation, p.case)
                ]
                if p.status == ParallelCase.Status.PENDING
                else [],
            }
            for p in litigation.parallel_cases.select_related("case")
        ]
    return data


def _int_list(value: object, field: str) -> list[int]:
    if not isinstance(value, list) or len(value) > 200:
        raise FieldError({field: _("应为不超过200个案件编号的列表。")})
    try:
        return [int(v) for v in value if not isinstance(v, bool)]
    except (TypeError, ValueError):
        raise FieldError({field: _("应为案件编号的列表。")}) from None


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(
    methods=["POST"],
    request=LitigationRequest,
    responses={201: dict},
    parameters=[IDEMPOTENCY_KEY_PARAMETER],
)
@api_view(["GET", "POST"])
@idempotent
def litigation_list(request: Request) -> Response:
    if request.method == "GET":
        return Response([litigation_json(g) for g in selectors.litigations_for(request.user)])
    d = request.data
    try:
        lead_pk = int(d.get("lead"))
    except (TypeError, ValueError):
        raise FieldError({"lead": _("请指定示范案件。")}) from None
    lead = selectors.case_for(request.user, lead_pk)
    ids = _int_list(d.get("cases", []), "cases")
    litigation = services.create_litigation(
        actor=request.user,
        lead=lead,
        cases=list(Case.objects.filter(pk__in=ids)),
        name=str(d.get("name", ""))[:200],
    )
    return Response(litigation_json(litigation, full=True), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def litigation_detail(request: Request, pk: int) -> Response:
    return Response(litigation_json(selectors.litigation_for(request.user, pk), full=True))


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def parallel_confirm(request: Request, pk: int, member: int) -> Response:
    litigation = selectors.litigation_for(request.user, pk)
    parallel = selectors.parallel_for(request.user, litigation, member)
    services.confirm_parallel(actor=request.user, parallel=parallel)
    return Response(litigation_json(litigation, full=True))


@extend_schema(request=ExcludeRequest, responses=dict)
@api_view(["POST"])
def parallel_exclude(request: Request, pk: int, member: int) -> Response:
    litigation = selectors.litigation_for(request.user, pk)
    parallel = selectors.parallel_for(request.user, litigation, member)
    services.exclude_parallel(
        actor=request.user, parallel=parallel, reason=str(request.data.get("reason", ""))[:400]
    )
    return Response(litigation_json(litigation, full=True))
