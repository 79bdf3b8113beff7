"""REST API of measures, objections and 恢复执行 (under /api/v1/enforcement/). Thin: selectors
and services decide; POSTs that create honour Idempotency-Key."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.schema import LIST_OF_OBJECTS
from fating.enforcement import selectors, selectors_measures, services_measures
from fating.enforcement import selectors_notices as sn
from fating.enforcement.models import Measure, Objection
from fating.enforcement.rules import records

LABELS = {"kind": "措施", "party": "被执行人", "grounds": "失信情形", "extra_years": "延长年数",
          "facts": "事实与理由", "reason": "解除事由", "target": "异议对象", "reasons": "异议请求与理由",
          "objector_name": "异议人", "received_on": "收到书面异议日期", "outcome": "裁定结果",
          "ruling_text": "裁定理由", "flags": "标记"}  # fmt: skip


def _valid(serializer: serializers.Serializer[dict[str, Any]]) -> dict[str, Any]:
    if not serializer.is_valid():
        raise FieldError(
            {k: [f"{LABELS.get(k, k)}：{m}" for m in v] for k, v in serializer.errors.items()}
        )
    return dict(serializer.validated_data)


class MeasureRequest(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=[k.value for k in records.MeasureKind])
    party = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    grounds = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=6
    )
    extra_years = serializers.IntegerField(required=False, min_value=0, max_value=3, default=0)
    facts = serializers.CharField(max_length=1000)


class ConvertRequest(serializers.Serializer[dict[str, Any]]):
    facts = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    grounds = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=6
    )
    extra_years = serializers.IntegerField(required=False, min_value=0, max_value=3, default=0)


class LiftRequest(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=24)


class ObjectionRequest(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=[k.value for k in records.ObjectionKind])
    target = serializers.CharField(max_length=200)
    reasons = serializers.CharField(max_length=2000)
    objector_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    received_on = serializers.DateField(required=False)


class DecideRequest(serializers.Serializer[dict[str, Any]]):
    outcome = serializers.ChoiceField(choices=["uphold", "reject"])
    ruling_text = serializers.CharField(max_length=2000)


def measure_json(m: Measure) -> dict[str, Any]:
    return {
        "id": m.pk, "case": m.case_id, "kind": m.kind, "status": m.status, "party": m.party_id,
        "party_name": m.party.name, "grounds": m.grounds, "legal_basis": m.legal_basis,
        "starts_on": m.starts_on.isoformat(), "ends_on": m.ends_on.isoformat() if m.ends_on else None,
        "published": m.published, "lifted_on": m.lifted_on.isoformat() if m.lifted_on else None,
        "lift_reason": m.lift_reason, "document": m.document_id,
    }  # fmt: skip


def objection_json(o: Objection) -> dict[str, Any]:
    return {
        "id": o.pk, "number": o.number, "case": o.case_id, "kind": o.kind, "status": o.status,
        "status_label": records.OBJECTION.state_label(o.status), "objector_name": o.objector_name,
        "target": o.target, "received_on": o.received_on.isoformat(),
        "decide_by": o.decide_by.isoformat(),
        "decided_on": o.decided_on.isoformat() if o.decided_on else None,
        "remedy_by": o.remedy_by.isoformat() if o.remedy_by else None, "document": o.document_id,
    }  # fmt: skip


@extend_schema(methods=["GET"], responses={200: LIST_OF_OBJECTS})
@extend_schema(methods=["POST"], request=MeasureRequest, responses={201: dict},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["GET", "POST"])
@idempotent
def case_measures(request: Request, pk: int) -> Response:
    """GET: the case's 限制消费令 and 失信 records. POST: the 执行法官 decides one."""
    if request.method == "GET":
        case = selectors.case_for(request.user, pk)
        rows = case.measures.select_related("party").order_by("pk")
        return Response([measure_json(m) for m in rows])
    case = selectors.case_for(request.user, pk, "decide")
    d = _valid(MeasureRequest(data=request.data))
    party = None
    if "party" in d:
        party = case.parties.filter(pk=d["party"], role="respondent").first()
        if party is None:
            raise FieldError({"party": "被执行人：请选择本案的被执行人"})
    measure = services_measures.decide_measure(
        actor=request.user, case=case, kind=d["kind"], party=party, grounds=d.get("grounds", []),
        extra_years=d.get("extra_years", 0), facts=d["facts"],
    )  # fmt: skip
    return Response(measure_json(measure), status=201)


@extend_schema(request=LiftRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def measure_lift(request: Request, pk: int) -> Response:
    measure = selectors_measures.measure_for(request.user, pk, "decide")
    d = _valid(LiftRequest(data=request.data))
    return Response(measure_json(services_measures.lift_measure(actor=request.user, measure=measure,
                                                                reason=d["reason"])))  # fmt: skip


@extend_schema(responses={200: LIST_OF_OBJECTS})
@api_view(["GET"])
def objection_list(request: Request) -> Response:
    rows = selectors_measures.objections_for(request.user).order_by("-received_on", "-pk")[:500]
    return Response([objection_json(o) for o in rows])


@extend_schema(
    request=ObjectionRequest, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["POST"])
@idempotent
def objection_create(request: Request, pk: int) -> Response:
    """A party files, or the court's enforcement staff register, an objection (执异 number)."""
    case = selectors.case_for(request.user, pk)
    d = _valid(ObjectionRequest(data=request.data))
    objection = services_measures.file_objection(
        actor=request.user, case=case, kind=d["kind"], target=d["target"], reasons=d["reasons"],
        objector_name=d.get("objector_name", ""), received_on=d.get("received_on"),
    )  # fmt: skip
    return Response(objection_json(objection), status=201)


@extend_schema(responses=dict)
@api_view(["GET"])
def objection_detail(request: Request, pk: int) -> Response:
    return Response(objection_json(selectors_measures.objection_for(request.user, pk)))


@extend_schema(request=DecideRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def objection_decide(request: Request, pk: int) -> Response:
    objection = selectors_measures.objection_for(request.user, pk, "decide")
    d = _valid(DecideRequest(data=request.data))
    done = services_measures.decide_objection(actor=request.user, objection=objection,
                                              uphold=d["outcome"] == "uphold", ruling_text=d["ruling_text"])  # fmt: skip
    return Response(objection_json(done))


@extend_schema(request=None, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def objection_review(request: Request, pk: int) -> Response:
    objection = selectors_measures.objection_for(request.user, pk, "review")
    return Response(
        objection_json(services_measures.request_review(actor=request.user, objection=objection))
    )


@extend_schema(request=None, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def resume(request: Request, pk: int) -> Response:
    """恢复执行 of a 终本 case as a new 执恢 case."""
    case = selectors.case_for(request.user, pk)
    resumed = services_measures.resume_concluded(actor=request.user, case=case)
    return Response({"id": resumed.pk, "case_number": resumed.case_number, "status": resumed.status,
                     "amount": str(resumed.amount)}, status=201)  # fmt: skip


@extend_schema(
    request=ConvertRequest, responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
)
@api_view(["POST"])
@idempotent
def flag_convert(request: Request, pk: int) -> Response:
    """The 执行法官 converts a flag for breaching the report duty into a 失信 decision on that
    ground (the decision generated like any measure; the flag marked converted)."""
    flag = sn.flag_for(request.user, pk, "decide")
    d = _valid(ConvertRequest(data=request.data))
    measure = services_measures.convert_flag(
        actor=request.user, flag=flag, facts=d.get("facts", ""),
        extra_grounds=d.get("grounds", []), extra_years=d["extra_years"],
    )  # fmt: skip
    return Response({**measure_json(measure), "flag": flag.pk}, status=201)
