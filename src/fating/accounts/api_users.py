"""REST API of user administration (/api/v1/accounts/users/), the same actions as the /users/
pages: who may see whom is `accounts.selectors.restrict`, each change an
`accounts.services_users` function."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fating.accounts import rules, selectors, services_users
from fating.accounts.models import Membership, Role, User
from fating.accounts.places import place_for
from fating.core.api_helpers import parse_pk
from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.fields import model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.identifiers import mask_id_number

ROLE_CHOICES = [(r, str(Role(r).label)) for r in rules.GRANTABLE_PLACES]
#: "kind:id", e.g. "service_point:12"; longer is never a place
PLACE_MAX_LENGTH = 40
PLACE_HELP = "授予身份的地点，格式“类型:编号”：court:1、tribunal:3、service_point:12、organisation:7、department:4；须在您管理的法院内。"


class GrantSerializer(serializers.ModelSerializer[Membership]):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    place_type = serializers.SerializerMethodField()
    place_id = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "role", "role_label", "place_type", "place_id", "place", "active",
                  "created_at", "updated_at"]  # fmt: skip

    def _kind(self, obj: Membership) -> str:
        for kind in ("service_point", "tribunal", "organisation", "department", "court"):
            if getattr(obj, f"{kind}_id"):
                return kind
        return ""

    def get_place_type(self, obj: Membership) -> str:
        return self._kind(obj)

    def get_place_id(self, obj: Membership) -> int | None:
        kind = self._kind(obj)
        return getattr(obj, f"{kind}_id") if kind else None

    def get_place(self, obj: Membership) -> str:
        return obj.place_name


class UserSerializer(serializers.ModelSerializer[User]):
    grants = serializers.SerializerMethodField()
    id_number = serializers.SerializerMethodField(help_text="公民身份号码（掩码）")

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "mobile", "id_number", "is_active",
                  "must_change_password", "last_login", "date_joined", "grants"]  # fmt: skip

    def get_id_number(self, obj: User) -> str:
        return mask_id_number(obj.id_number) if obj.id_number else ""

    def get_grants(self, obj: User) -> list[dict[str, Any]]:
        grants = getattr(obj, "court_grants", None)
        if grants is None:
            grants = selectors.grants_of_user(self.context["request"].user, obj)
        return GrantSerializer(grants, many=True).data  # type: ignore[return-value]


class CreateUserRequest(serializers.Serializer[Any]):
    full_name = model_field(User, "full_name", required=True, help_text="姓名")
    mobile = model_field(
        User,
        "mobile",
        required=True,
        validators=[],  # uniqueness is the service's, in its transaction, with a Chinese message
        help_text="11 位中国大陆手机号码（唯一，可用于登录）",
    )
    id_number = model_field(
        User, "id_number", required=False, help_text="18 位公民身份号码（可选）"
    )
    username = model_field(
        User, "username", required=False, validators=[], help_text="用户名（可选，默认为手机号码）"
    )
    role = serializers.ChoiceField(choices=ROLE_CHOICES, help_text="初始身份的角色")
    place = serializers.CharField(max_length=PLACE_MAX_LENGTH, help_text=PLACE_HELP)


class CreatedUserSerializer(UserSerializer):
    temporary_password = serializers.SerializerMethodField(
        help_text="临时密码，只在此响应中出现一次；用户首次登录须修改。"
    )

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "temporary_password"]

    def get_temporary_password(self, obj: User) -> str:
        return str(self.context["temporary_password"])


class GrantRequest(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=ROLE_CHOICES, help_text="角色")
    place = serializers.CharField(max_length=PLACE_MAX_LENGTH, help_text=PLACE_HELP)


class ReasonRequest(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=200, help_text="原因（必填，不超过 200 字）")


class PasswordRequest(serializers.Serializer[Any]):
    method = serializers.ChoiceField(
        choices=[("temporary", "签发临时密码"), ("sms", "发送短信验证码")],
        help_text="temporary：签发一次性临时密码（只在响应中出现一次，下次登录须修改）；"
        "sms：向用户登记的手机发送“忘记密码”验证码，由用户自行设置新密码。",
    )


class PasswordResult(serializers.Serializer[Any]):
    method = serializers.CharField()
    temporary_password = serializers.CharField(required=False)


def _data(request: Request) -> Mapping[str, Any]:
    return request.data if isinstance(request.data, Mapping) else {}


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name, "")
    return "" if value is None else str(value)


def _check_admin(user: User) -> None:
    courts = selectors.managed_courts(user)
    if courts is not None and not courts:
        raise NotPermitted(_("只有法院管理员可以管理用户。"))


def _target(request: Request, pk: Any, action: str = "view") -> User:
    return selectors.user_for(request.user, parse_pk(pk, missing=_("用户不存在。")), action)


USER_FILTERS = [
    OpenApiParameter("q", str, description="按姓名、手机号码或用户名搜索"),
    OpenApiParameter("role", str, enum=list(rules.GRANTABLE_PLACES), description="在本院持有该角色"),
    OpenApiParameter("status", str, enum=["active", "ended", "inactive"],
                     description="active：有有效身份；ended：本院身份均已结束；inactive：账号已停用"),
]  # fmt: skip


class UserListView(generics.ListAPIView[User]):
    """The users holding (or having held) a grant in the courts the caller administers."""

    serializer_class = UserSerializer

    def get_queryset(self) -> QuerySet[User]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no real user
            return User.objects.none()
        _check_admin(self.request.user)
        params = self.request.query_params
        return selectors.users_for(
            self.request.user, search=params.get("q", ""), role=params.get("role", ""),
            status=params.get("status", ""),
        ).order_by("-date_joined", "-pk")  # fmt: skip

    @extend_schema(summary="List the users of my court", parameters=USER_FILTERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Create a user with one grant in my court",
        description="Returns the account and its temporary password (shown once). "
        "The same Idempotency-Key replays the first answer instead of creating twice.",
        request=CreateUserRequest,
        responses={201: CreatedUserSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        _check_admin(request.user)
        data = _data(request)
        user, password = services_users.create_user(
            actor=request.user, full_name=_text(data, "full_name"), mobile=_text(data, "mobile"),
            id_number=_text(data, "id_number"), username=_text(data, "username"),
            role=_text(data, "role"), place=place_for(request.user, _text(data, "place")),
        )  # fmt: skip
        context = {"request": request, "temporary_password": password}
        return Response(CreatedUserSerializer(user, context=context).data, status=201)


class UserDetailView(APIView):
    @extend_schema(summary="One user of my court, with their grants here", responses=UserSerializer)
    def get(self, request: Request, pk: str) -> Response:
        user = _target(request, pk)
        return Response(UserSerializer(user, context={"request": request}).data)


class GrantAddView(APIView):
    @extend_schema(
        summary="Grant a role at a place in my court",
        request=GrantRequest,
        responses={201: GrantSerializer},
    )
    def post(self, request: Request, pk: str) -> Response:
        user = _target(request, pk, "change")
        data = _data(request)
        grant = services_users.add_grant(
            actor=request.user, user=user, role=_text(data, "role"),
            place=place_for(request.user, _text(data, "place")),
        )  # fmt: skip
        return Response(GrantSerializer(grant).data, status=201)


class GrantEndView(APIView):
    @extend_schema(
        summary="End a grant in my court (its holder's sessions and tokens end)",
        request=ReasonRequest,
        responses={200: GrantSerializer},
    )
    def post(self, request: Request, pk: str, grant_pk: str) -> Response:
        user = _target(request, pk, "change")
        grant = selectors.grant_for(request.user, parse_pk(grant_pk, missing=_("身份不存在。")))
        if grant.user_id != user.pk:
            raise NotVisible(_("身份不存在。"))
        grant = services_users.end_grant(
            actor=request.user, grant=grant, reason=_text(_data(request), "reason")
        )
        return Response(GrantSerializer(grant).data)


class DeactivateView(APIView):
    @extend_schema(
        summary="Deactivate an account (only if it holds no grant in another court)",
        request=ReasonRequest,
        responses={200: UserSerializer},
    )
    def post(self, request: Request, pk: str) -> Response:
        user = _target(request, pk, "deactivate")
        user = services_users.deactivate_user(
            actor=request.user, user=user, reason=_text(_data(request), "reason")
        )
        return Response(UserSerializer(user, context={"request": request}).data)


class ReactivateView(APIView):
    @extend_schema(summary="Reactivate an account", request=None, responses={200: UserSerializer})
    def post(self, request: Request, pk: str) -> Response:
        user = _target(request, pk, "deactivate")
        user = services_users.reactivate_user(actor=request.user, user=user)
        return Response(UserSerializer(user, context={"request": request}).data)


class PasswordView(APIView):
    @extend_schema(
        summary="Reset a password: a temporary one (shown once) or the SMS reset code",
        request=PasswordRequest,
        responses={
            200: PasswordResult,
            429: OpenApiResponse(description="Too many reset codes for this mobile number"),
        },
    )
    def post(self, request: Request, pk: str) -> Response:
        user = _target(request, pk, "change")
        method = _text(_data(request), "method") or "temporary"
        if method == "sms":
            services_users.send_password_reset_code(actor=request.user, user=user)
            return Response({"method": "sms"})
        if method != "temporary":
            raise FieldError({"method": _("重置方式应为 temporary 或 sms。")})
        password = services_users.issue_temporary_password(actor=request.user, user=user)
        return Response({"method": "temporary", "temporary_password": password})
