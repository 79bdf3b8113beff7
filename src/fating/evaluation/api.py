"""REST API of appraisal and neutral evaluation (mounted at /api/v1/evaluation/). Thin: each
handler finds the row through the selectors (404/403) and calls one service."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors as case_selectors
from fating.core.exceptions import FieldError
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.disputes import selectors as dispute_selectors
from fating.evaluation import selectors, services
from fating.evaluation.models import Appraisal, NeutralEvaluation

KEY = [IDEMPOTENCY_KEY_PARAMETER]
AppraisalRequest = inline_serializer("AppraisalRequest", {
    "case": serializers.IntegerField(),
    "origin": serializers.ChoiceField(choices=Appraisal.Origin.values, required=False),
    "matters": serializers.ListField(child=serializers.CharField(max_length=500)),
    "purpose": serializers.CharField(max_length=500),
    "applicant_name": serializers.CharField(required=False, max_length=100),
    "note": serializers.CharField(required=False, max_length=500),
})  # fmt: skip
DecisionRequest = inline_serializer("AppraisalDecision", {
    "grant": serializers.BooleanField(),
    "fee": serializers.CharField(required=False, max_length=20),
    "note": serializers.CharField(required=False, allow_blank=True, max_length=500),
})  # fmt: skip
FeeRequest = inline_serializer("AppraisalFee", {"paid_on": serializers.DateField(required=False)})
NoteRequest = inline_serializer("EvaluationNote", {"note": serializers.CharField(max_length=500)})
CommissionRequest = inline_serializer("AppraisalCommission", {
    "institution": serializers.CharField(max_length=120),
    "chosen_by": serializers.ChoiceField(choices=Appraisal.Chooser.values),
    "report_days": serializers.IntegerField(min_value=1, max_value=365),
    "on": serializers.DateField(required=False),
})  # fmt: skip
ReportRequest = inline_serializer("AppraisalReport", {
    "file": serializers.FileField(),
    "received_on": serializers.DateField(required=False),
    "summary": serializers.CharField(max_length=500),
    "objection_days": serializers.IntegerField(min_value=1, max_value=60, required=False),
})  # fmt: skip
ObjectionRequest = inline_serializer(
    "AppraisalObjection", {"text": serializers.CharField(max_length=2000)}
)
SummonRequest = inline_serializer("AppraisalSummon", {
    "appearance_on": serializers.DateField(),
    "note": serializers.CharField(required=False, allow_blank=True, max_length=500),
})  # fmt: skip
AppointRequest = inline_serializer("NeutralEvaluationRequest", {
    "dispute": serializers.IntegerField(required=False),
    "case": serializers.IntegerField(required=False),
    "evaluator": serializers.IntegerField(),
    "questions": serializers.ListField(child=serializers.CharField(max_length=500)),
    "party_ids": serializers.ListField(child=serializers.IntegerField()),
    "consent_note": serializers.CharField(max_length=500),
})  # fmt: skip
OpinionRequest = inline_serializer("NeutralEvaluationOpinion", {
    "opinion": serializers.CharField(max_length=4000),
    "likely_outcome": serializers.CharField(max_length=500),
})  # fmt: skip


def _d(value: Any) -> str | None:
    return value.isoformat() if value else None


def appraisal_json(a: Appraisal) -> dict[str, Any]:
    return {
        "id": a.pk, "case": a.case_id, "origin": a.origin, "status": a.status,
        "status_label": a.get_status_display(), "applicant_name": a.applicant_name,
        "matters": a.matters.splitlines(), "purpose": a.purpose,
        "fee": str(a.fee) if a.fee is not None else None, "fee_paid_on": _d(a.fee_paid_on),
        "institution": a.institution, "chosen_by": a.chosen_by,
        "commissioned_on": _d(a.commissioned_on), "report_due_on": _d(a.report_due_on),
        "report_received_on": _d(a.report_received_on), "report_summary": a.report_summary,
        "objection_due_on": _d(a.objection_due_on), "appearance_on": _d(a.appearance_on),
        "commission_document": a.commission_document_id, "report_entry": a.report_entry_id,
        "excluded_period": a.excluded_period_id, "decision_note": a.decision_note,
    }  # fmt: skip


def evaluation_json(e: NeutralEvaluation) -> dict[str, Any]:
    return {
        "id": e.pk, "dispute": e.dispute_id, "case": e.case_id, "status": e.status,
        "status_label": e.get_status_display(), "evaluator": e.evaluator_id,
        "evaluator_name": e.evaluator.name, "retired_judge": e.evaluator.is_retired_judge,
        "questions": e.questions.splitlines(), "consenting": e.consenting,
        "opinion": e.opinion, "likely_outcome": e.likely_outcome, "binding": False,
        "issued_on": _d(e.issued_on), "document": e.document_id,
        "acknowledged": [
            {"name": a.name, "on": _d(a.acknowledged_on)} for a in e.acknowledgements.all()
        ],
    }  # fmt: skip


def _pk(value: object, field: str, *, required: bool = True) -> int | None:
    if value in (None, "") and not required:
        return None
    if isinstance(value, bool) or not str(value or "").isdigit():
        raise FieldError({field: _("应为编号。")})
    return int(str(value))


def _text(data: Any, field: str, limit: int = 4000) -> str:
    value = data.get(field, "")
    if not isinstance(value, str | int):
        raise FieldError({field: _("应为文字。")})
    return str(value)[:limit]


def _list(data: Any, field: str) -> list[Any]:
    value = data.get(field, [])
    if isinstance(value, str):
        return value.splitlines()
    if not isinstance(value, list) or len(value) > 50:
        raise FieldError({field: _("应为列表。")})
    return [str(x)[:1000] for x in value if isinstance(x, str | int)]


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(methods=["POST"], request=AppraisalRequest, responses={201: dict}, parameters=KEY)
@api_view(["GET", "POST"])
@idempotent
def appraisals(request: Request) -> Response:
    """GET: the appraisals the user sees. POST: a party applies, or (origin "ex_officio") the
    judge commissions appraisal on the court's own motion."""
    if request.method == "GET":
        return Response([appraisal_json(a) for a in selectors.appraisals_for(request.user)[:200]])
    d = request.data
    case = case_selectors.case_for(request.user, _pk(d.get("case"), "case"))
    if d.get("origin", "application") == "ex_officio":
        made = services.order_ex_officio(actor=request.user, case=case,
                                         matters=_list(d, "matters"),
                                         purpose=_text(d, "purpose"), note=_text(d, "note"))  # fmt: skip
    else:
        made = services.apply(actor=request.user, case=case, matters=_list(d, "matters"),
                              purpose=_text(d, "purpose"),
                              applicant_name=_text(d, "applicant_name", 200))  # fmt: skip
    return Response(appraisal_json(made), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def appraisal(request: Request, pk: int) -> Response:
    return Response(appraisal_json(selectors.appraisal_for(request.user, pk)))


def _act(request: Request, pk: int, action: str, call: Any) -> Response:
    a = selectors.appraisal_for(request.user, pk, action)
    return Response(appraisal_json(call(a, request.data)))


@extend_schema(request=DecisionRequest, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def appraisal_decision(request: Request, pk: int) -> Response:
    grant = request.data.get("grant")
    if not isinstance(grant, bool):
        raise FieldError({"grant": _("请选择准许（true）或不予准许（false）。")})
    return _act(request, pk, "decide", lambda a, d: services.decide(
        actor=request.user, appraisal=a, grant=grant, fee=_text(d, "fee", 40),
        note=_text(d, "note", 1000)))  # fmt: skip


@extend_schema(request=FeeRequest, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def appraisal_fee(request: Request, pk: int) -> Response:
    return _act(request, pk, "record", lambda a, d: services.record_fee(
        actor=request.user, appraisal=a, paid_on=_text(d, "paid_on", 20) or None))  # fmt: skip


@extend_schema(request=NoteRequest, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def appraisal_abandon(request: Request, pk: int) -> Response:
    return _act(request, pk, "decide", lambda a, d: services.abandon(
        actor=request.user, appraisal=a, note=_text(d, "note", 1000)))  # fmt: skip


@extend_schema(request=CommissionRequest, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def appraisal_commission(request: Request, pk: int) -> Response:
    return _act(request, pk, "decide", lambda a, d: services.commission(
        actor=request.user, appraisal=a, institution=_text(d, "institution", 300),
        chosen_by=_text(d, "chosen_by", 20), report_days=_text(d, "report_days", 10),
        on=_text(d, "on", 20) or None))  # fmt: skip


@extend_schema(request={"multipart/form-data": ReportRequest}, responses=dict, parameters=KEY)
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
@idempotent
def appraisal_report(request: Request, pk: int) -> Response:
    return _act(request, pk, "record", lambda a, d: services.receive_report(
        actor=request.user, appraisal=a, upload=request.FILES.get("file"),
        received_on=_text(d, "received_on", 20) or None, summary=_text(d, "summary", 1000),
        objection_days=_text(d, "objection_days", 10) or 15))  # fmt: skip


@extend_schema(request=ObjectionRequest, responses={201: dict}, parameters=KEY)
@api_view(["POST"])
@idempotent
def appraisal_objections(request: Request, pk: int) -> Response:
    a = selectors.appraisal_for(request.user, pk, "object")
    objection = services.object_to(actor=request.user, appraisal=a,
                                   text=_text(request.data, "text", 3000))  # fmt: skip
    return Response({"id": objection.pk, "party_name": objection.party_name,
                     "filed_on": _d(objection.filed_on)}, status=201)  # fmt: skip


@extend_schema(request=SummonRequest, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def appraisal_summon(request: Request, pk: int) -> Response:
    return _act(request, pk, "decide", lambda a, d: services.summon(
        actor=request.user, appraisal=a, on=_text(d, "appearance_on", 20) or "x",
        note=_text(d, "note", 1000)))  # fmt: skip


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(methods=["POST"], request=AppointRequest, responses={201: dict}, parameters=KEY)
@api_view(["GET", "POST"])
@idempotent
def evaluations(request: Request) -> Response:
    """GET: the neutral evaluations the user sees. POST: appoint an evaluator."""
    if request.method == "GET":
        qs = selectors.evaluations_for(request.user).prefetch_related("acknowledgements")
        return Response([evaluation_json(e) for e in qs[:200]])
    d = request.data
    dispute_pk, case_pk = (
        _pk(d.get("dispute"), "dispute", required=False),
        _pk(d.get("case"), "case", required=False),
    )
    dispute = dispute_selectors.dispute_for(request.user, dispute_pk) if dispute_pk else None
    case = case_selectors.case_for(request.user, case_pk) if case_pk else None
    ids = d.get("party_ids", [])
    if not isinstance(ids, list):
        raise FieldError({"party_ids": _("应为当事人编号的列表。")})
    made = services.appoint(
        actor=request.user, dispute=dispute, case=case, evaluator=_text(d, "evaluator", 20),
        questions=_list(d, "questions"), party_ids=[x for x in ids if isinstance(x, int)][:50],
        consent_note=_text(d, "consent_note", 1000),
    )  # fmt: skip
    return Response(evaluation_json(made), status=201)


@extend_schema(request=None, responses=dict)
@api_view(["GET"])
def evaluation(request: Request, pk: int) -> Response:
    return Response(evaluation_json(selectors.evaluation_for(request.user, pk)))


@extend_schema(request=OpinionRequest, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def evaluation_opinion(request: Request, pk: int) -> Response:
    e = selectors.evaluation_for(request.user, pk, "issue")
    d = request.data
    return Response(evaluation_json(services.issue(
        actor=request.user, evaluation=e, opinion=_text(d, "opinion", 5000),
        likely_outcome=_text(d, "likely_outcome", 1000))))  # fmt: skip


@extend_schema(request=None, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def evaluation_acknowledge(request: Request, pk: int) -> Response:
    e = selectors.evaluation_for(request.user, pk, "acknowledge")
    return Response(evaluation_json(services.acknowledge(actor=request.user, evaluation=e)))


@extend_schema(request=NoteRequest, responses=dict, parameters=KEY)
@api_view(["POST"])
@idempotent
def evaluation_withdraw(request: Request, pk: int) -> Response:
    e = selectors.evaluation_for(request.user, pk, "manage")
    return Response(evaluation_json(services.withdraw(
        actor=request.user, evaluation=e, note=_text(request.data, "note", 1000))))  # fmt: skip
