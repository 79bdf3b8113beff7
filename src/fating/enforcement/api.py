"""REST API of enforcement (mounted at /api/v1/enforcement/). Thin: selectors and services decide."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError
from fating.core.fields import MoneyField
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.schema import LIST_OF_OBJECTS
from fating.enforcement import selectors, services
from fating.enforcement.models import Asset, EnforcementCase
from fating.enforcement.rules.workflow import ENFORCEMENT


class ControlRequest(serializers.Serializer[dict[str, Any]]):
    asset = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    action = serializers.ChoiceField(choices=["freeze", "seize", "deduct"])
    amount = MoneyField(label="金额", allow_zero=False)
    key = serializers.CharField(required=False, max_length=80)


class TransitionRequest(serializers.Serializer[dict[str, Any]]):
    action = serializers.ChoiceField(
        choices=["settle", "resume", "complete", "conclude", "terminate", "refuse"]
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)


def case_json(case: EnforcementCase, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": case.pk, "case_number": case.case_number, "status": case.status,
        "status_label": ENFORCEMENT.state_label(case.status), "court": case.court_id,
        "amount": str(case.amount), "fee": str(case.fee), "filed_on": case.filed_on.isoformat(),
        "due_on": case.due_on.isoformat(), "team": case.team.name if case.team else None,
        "speedy": case.speedy,
    }  # fmt: skip
    if full:
        totals = selectors.ledger_totals(case)
        data.update({
            "source_kind": case.source_kind, "source_reference": case.source_reference,
            "triage_reasons": case.triage_reasons,
            "parties": [{"role": p.role, "name": p.name} for p in case.parties.order_by("pk")],
            "assets": [{"id": a.pk, "kind": a.kind, "holder": a.holder, "value": str(a.value)}
                       for a in case.assets.order_by("pk")],
            "controls": [{"id": c.pk, "action": c.action, "amount": str(c.amount), "status": c.status,
                          "ends_on": c.ends_on.isoformat() if c.ends_on else None}
                         for c in case.controls.order_by("pk")],
            "ledger": {k: str(v) for k, v in totals.items()},
            "allowed": ENFORCEMENT.allowed_names(case.status),
        })  # fmt: skip
    return data


@extend_schema(responses={200: LIST_OF_OBJECTS})
@api_view(["GET"])
def case_list(request: Request) -> Response:
    cases = selectors.cases_for(request.user).order_by("-filed_on", "-pk")[:500]
    return Response([case_json(c) for c in cases])


@extend_schema(responses=dict)
@api_view(["GET"])
def case_detail(request: Request, pk: int) -> Response:
    return Response(case_json(selectors.case_for(request.user, pk), full=True))


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def triage(request: Request, pk: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    return Response(case_json(services.triage_case(actor=request.user, case=case), full=True))


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def search(request: Request, pk: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    inquiry = services.search_property(actor=request.user, case=case)
    return Response({"inquiry": inquiry.pk, "status": inquiry.status, "failed": inquiry.failed})


@extend_schema(request=ControlRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def control(request: Request, pk: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    body = ControlRequest(data=request.data)
    if not body.is_valid():
        raise FieldError({k: [str(m) for m in v] for k, v in body.errors.items()})
    d = body.validated_data
    asset = Asset.objects.filter(case=case, pk=d["asset"]).first()
    if asset is None:
        raise FieldError({"asset": "财产不存在"})
    done = services.control_asset(actor=request.user, asset=asset, action=d["action"],
                                  amount=d["amount"], key=d.get("key"))  # fmt: skip
    return Response({"id": done.pk, "status": done.status, "key": done.key}, status=201)


@extend_schema(request=None, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def payout(request: Request, pk: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    made = services.pay_out(actor=request.user, case=case)
    return Response(
        [{"id": e.pk, "kind": e.kind, "amount": str(e.amount)} for e in made], status=201
    )


@extend_schema(request=TransitionRequest, responses=dict)
@api_view(["POST"])
def transition(request: Request, pk: int) -> Response:
    case = selectors.case_for(request.user, pk, "manage")
    body = TransitionRequest(data=request.data)
    if not body.is_valid():
        raise FieldError({k: [str(m) for m in v] for k, v in body.errors.items()})
    d = body.validated_data
    case = services.close_case(
        actor=request.user, case=case, action=d["action"], note=d.get("note", "")
    )
    return Response(case_json(case, full=True))
