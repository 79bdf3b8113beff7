from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from fating.accounts import services
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


@extend_schema(
    summary="Obtain an API token",
    request=TokenRequest,
    responses=inline_serializer("Token", {"token": serializers.CharField()}),
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def obtain_token(request: Request) -> Response:
    login = str(request.data.get("username", "")).strip()
    password = str(request.data.get("password", ""))
    user = services.check_credentials(request=request, login=login, password=password)
    return Response({"token": services.issue_token(user=user).key})
