from __future__ import annotations

from collections.abc import Mapping

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fating.accounts import services
from fating.accounts.auth import TokenAuthentication
from fating.accounts.models import Membership, Role
from fating.accounts.selectors import primary_role


class MembershipSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    place = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = [
            "role",
            "role_label",
            "court",
            "tribunal",
            "service_point",
            "organisation",
            "place",
        ]

    def get_place(self, obj: Membership) -> str:
        place = obj.service_point or obj.organisation or obj.tribunal or obj.court
        return str(place) if place else ""


@extend_schema(
    summary="The signed-in user",
    responses=inline_serializer(
        "Me",
        {
            "id": serializers.IntegerField(),
            "username": serializers.CharField(),
            "full_name": serializers.CharField(),
            "primary_role": serializers.CharField(allow_null=True),
            "memberships": MembershipSerializer(many=True),
        },
    ),
)
@api_view(["GET"])
def me(request: Request) -> Response:
    user = request.user
    memberships = Membership.objects.filter(user=user, active=True).select_related(
        "court", "tribunal", "service_point", "organisation"
    )
    role = primary_role(user)
    return Response(
        {
            "id": user.pk,
            "username": user.username,
            "full_name": user.full_name,
            "primary_role": role,
            "primary_role_label": str(Role(role).label) if role else "",
            "memberships": MembershipSerializer(memberships, many=True).data,
        }
    )


class TokenRequest(serializers.Serializer):
    username = serializers.CharField(help_text="用户名或 11 位手机号码", max_length=150)
    password = serializers.CharField(style={"input_type": "password"}, max_length=128)


class TokenView(APIView):
    """`POST` exchanges a username (or mobile) and password for an expiring API token;
    `DELETE` revokes the token the request is made with."""

    def get_authenticators(self) -> list:
        # Signing in must not need a token; revoking needs exactly the token being revoked.
        if self.request is not None and self.request.method == "DELETE":
            return [TokenAuthentication()]
        return []

    def get_permissions(self) -> list:
        if self.request is not None and self.request.method == "DELETE":
            return [IsAuthenticated()]
        return [AllowAny()]

    @extend_schema(
        summary="Obtain an API token",
        description=(
            "Each call issues a new token, valid for FATING_TOKEN_TTL_DAYS days (default 30). "
            "Send it as `Authorization: Token <token>`. Failed sign-ins are throttled per "
            "(client address, account) and per account: 429 while locked."
        ),
        request=TokenRequest,
        responses={
            200: inline_serializer(
                "Token",
                {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
            ),
            400: OpenApiResponse(description="Missing fields or wrong credentials"),
            429: OpenApiResponse(description="Too many failed sign-ins"),
        },
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, Mapping) else {}
        login = str(data.get("username", "") or "").strip()
        password = str(data.get("password", "") or "")
        user = services.check_credentials(request=request, login=login, password=password)
        instance, secret = services.issue_token(user=user, request=request)
        return Response({"token": secret, "expiry": instance.expiry})

    @extend_schema(
        summary="Revoke the API token this request is made with",
        request=None,
        responses={204: None, 401: OpenApiResponse(description="No valid token")},
    )
    def delete(self, request: Request) -> Response:
        services.revoke_token(token=request.auth, actor=request.user)
        return Response(status=204)
