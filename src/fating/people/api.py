"""REST API of sign-up and representation (mounted at /api/v1/people/). Thin.

Sign-up is for people without an account: `signup/` sends the SMS code (throttled exactly like
the page: 3 codes per number and 10 per client address an hour, in the service) and answers a
signed `token`; `signup/complete/` takes the token, the code and the password. A liaison uses
`assisted-signups/` (signed in) for a villager at their point; completing it makes the account
现场核验. Representations: the agent submits the 授权委托书 (multipart), the party or the court
confirms or refuses, any of them revokes.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    parser_classes,
    permission_classes,
)
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError, NotVisible
from fating.core.http import client_address
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.rest import JSONParser
from fating.network.models import ServicePoint
from fating.people import selectors, services
from fating.people.models import Representation, SignUp

SIGNUP_SALT = "fating.people.signup"
TOKEN_MAX_AGE = 30 * 60  # seconds; the SMS code itself lives 10 minutes

SignUpRequest = inline_serializer("PeopleSignUpRequest", {
    "full_name": serializers.CharField(max_length=60),
    "mobile": serializers.CharField(max_length=20),
    "id_number": serializers.CharField(max_length=18),
})  # fmt: skip
AssistedRequest = inline_serializer("PeopleAssistedSignUpRequest", {
    "service_point": serializers.IntegerField(),
    "full_name": serializers.CharField(max_length=60),
    "mobile": serializers.CharField(max_length=20),
    "id_number": serializers.CharField(max_length=18),
})  # fmt: skip
SignUpStarted = inline_serializer("PeopleSignUpStarted", {
    "token": serializers.CharField(), "mobile": serializers.CharField(help_text="打码的手机号码"),
})  # fmt: skip
CompleteRequest = inline_serializer("PeopleSignUpComplete", {
    "token": serializers.CharField(),
    "code": serializers.CharField(max_length=6),
    "password1": serializers.CharField(max_length=128),
    "password2": serializers.CharField(max_length=128),
})  # fmt: skip
SignedUp = inline_serializer("PeopleSignedUp", {
    "user": serializers.IntegerField(), "real_name": serializers.CharField(),
})  # fmt: skip
RepresentationRequest = inline_serializer("PeopleRepresentationRequest", {
    "case_number": serializers.CharField(max_length=60),
    "party_name": serializers.CharField(max_length=100),
    "scope": serializers.ChoiceField(choices=Representation.Scope.values),
    "power_of_attorney": serializers.FileField(),
})  # fmt: skip
DecisionRequest = inline_serializer(
    "PeopleRepresentationDecision", {"confirm": serializers.BooleanField()}
)


def _s(request: Request, field: str, limit: int) -> str:
    value = request.data.get(field, "") if hasattr(request.data, "get") else ""
    return str(value or "")[:limit]


def _started(signup: SignUp) -> Response:
    token = signing.dumps({"signup": signup.pk}, salt=SIGNUP_SALT)
    return Response({"token": token, "mobile": f"{signup.mobile[:3]}****{signup.mobile[-4:]}"},
                    status=201)  # fmt: skip


def _signup_of(request: Request) -> SignUp:
    try:
        data = signing.loads(_s(request, "token", 500), salt=SIGNUP_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise FieldError({"token": _("注册凭据无效或已过期，请重新获取验证码。")}) from None
    signup = SignUp.objects.filter(pk=data.get("signup"), completed_at__isnull=True).first()
    if signup is None:
        raise NotVisible(_("注册申请不存在或已完成。"))
    return signup


def _complete(request: Request, actor: Any) -> Response:
    user = services.complete_signup(
        signup=_signup_of(request), actor=actor, code=_s(request, "code", 12),
        password1=_s(request, "password1", 200), password2=_s(request, "password2", 200),
    )  # fmt: skip
    return Response({"user": user.pk, "real_name": selectors.status_of(user)}, status=201)


@extend_schema(request=SignUpRequest, responses={201: SignUpStarted}, auth=[])
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def signup(request: Request) -> Response:
    return _started(services.start_signup(
        full_name=_s(request, "full_name", 120), mobile=_s(request, "mobile", 40),
        id_number=_s(request, "id_number", 40), address=client_address(request)))  # fmt: skip


@extend_schema(request=CompleteRequest, responses={201: SignedUp}, auth=[])
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def signup_complete(request: Request) -> Response:
    return _complete(request, None)


@extend_schema(request=AssistedRequest, responses={201: SignUpStarted},
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["POST"])
@idempotent
def assisted_signup(request: Request) -> Response:
    selectors.check_liaison(request.user)
    raw = request.data.get("service_point")
    point = (ServicePoint.objects.filter(pk=int(str(raw))).first()
             if raw is not None and str(raw).isdigit() else None)  # fmt: skip
    if point is None:
        raise FieldError({"service_point": _("请选择您所在的服务点。")})
    return _started(services.start_signup(
        full_name=_s(request, "full_name", 120), mobile=_s(request, "mobile", 40),
        id_number=_s(request, "id_number", 40), address=client_address(request),
        liaison=request.user, service_point=point))  # fmt: skip


@extend_schema(request=CompleteRequest, responses={201: SignedUp})
@api_view(["POST"])
def assisted_complete(request: Request) -> Response:
    selectors.check_liaison(request.user)
    return _complete(request, request.user)


def representation_json(rep: Representation) -> dict[str, Any]:
    return {
        "id": rep.pk, "filing": rep.filing_id, "party": rep.party_id, "party_name": rep.party.name,
        "agent": rep.agent_id, "scope": rep.scope, "scope_label": rep.get_scope_display(),
        "status": rep.status, "status_label": rep.get_status_display(), "sha256": rep.sha256,
        "created_at": rep.created_at.isoformat() if rep.created_at else None,
        "decided_at": rep.decided_at.isoformat() if rep.decided_at else None,
    }  # fmt: skip


@extend_schema(methods=["GET"], request=None, responses=dict)
@extend_schema(methods=["POST"], request={"multipart/form-data": RepresentationRequest},
               responses={201: dict}, parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["GET", "POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
@idempotent
def representations(request: Request) -> Response:
    """GET: the representations the user may see (as agent, party or court), newest first;
    `?pending=1` only those awaiting confirmation. POST: an agent submits a 授权委托书."""
    if request.method == "GET":
        qs = selectors.restrict(
            Representation.objects.select_related("party"), request.user, "view"
        )
        if request.query_params.get("pending"):
            qs = qs.filter(status=Representation.Status.PENDING)
        return Response([representation_json(r) for r in qs.order_by("-created_at", "-pk")[:200]])
    rep = services.propose_representation(
        actor=request.user, case_number=_s(request, "case_number", 120),
        party_name=_s(request, "party_name", 200), scope=_s(request, "scope", 20),
        power_of_attorney=request.FILES.get("power_of_attorney"),
    )  # fmt: skip
    return Response(representation_json(rep), status=201)


@extend_schema(request=DecisionRequest, responses=dict)
@api_view(["POST"])
def decide(request: Request, pk: int) -> Response:
    rep = selectors.representation_for(request.user, pk, "decide")
    confirm = request.data.get("confirm")
    if not isinstance(confirm, bool):
        raise FieldError({"confirm": _("请选择确认（true）或不予确认（false）。")})
    return Response(representation_json(services.decide_representation(
        actor=request.user, representation=rep, confirm=confirm)))  # fmt: skip


@extend_schema(request=None, responses=dict)
@api_view(["POST"])
def revoke(request: Request, pk: int) -> Response:
    rep = selectors.representation_for(request.user, pk, "revoke")
    return Response(representation_json(
        services.revoke_representation(actor=request.user, representation=rep)))  # fmt: skip
