"""REST API of triage administration (/api/v1/cases/…): 速裁 teams and the official wage figures
behind the small-claims limit. For court administrators."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.models import SpeedyTrialTeam, WageFigure
from fating.cases.rules.triage import WAGE_MAX
from fating.cases.services import triage_admin
from fating.core.api_helpers import parse_pk, validated
from fating.core.exceptions import NotPermitted, NotVisible
from fating.core.fields import model_field
from fating.network.models import Court, Tribunal


class TeamSerializer(serializers.ModelSerializer):
    members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = SpeedyTrialTeam
        fields = ["id", "court", "tribunal", "name", "members", "active"]


class TeamWriteSerializer(serializers.Serializer):
    court = serializers.IntegerField()
    tribunal = serializers.IntegerField(required=False, allow_null=True)
    name = model_field(SpeedyTrialTeam, "name", allow_blank=True, default="")
    members = serializers.ListField(child=serializers.IntegerField(), default=list)


class TeamUpdateSerializer(serializers.Serializer):
    members = serializers.ListField(child=serializers.IntegerField(), required=False)
    active = serializers.BooleanField(required=False)


class WageFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = WageFigure
        fields = [
            "id", "province", "wage_year", "average_wage", "small_claims_limit", "agreed_limit",
            "effective_from", "source",
        ]  # fmt: skip


class WageWriteSerializer(serializers.Serializer):
    province = model_field(WageFigure, "province")
    wage_year = serializers.IntegerField(min_value=2000, max_value=2999)
    average_wage = model_field(WageFigure, "average_wage", allow_zero=False, maximum=WAGE_MAX)
    small_claims_limit = model_field(WageFigure, "small_claims_limit", maximum=WAGE_MAX)
    agreed_limit = model_field(WageFigure, "agreed_limit", maximum=WAGE_MAX)
    effective_from = serializers.DateField()
    source = model_field(WageFigure, "source", allow_blank=True, default="")


@extend_schema(request=TeamWriteSerializer, responses={200: TeamSerializer})
@api_view(["GET", "POST"])
def teams(request: Request) -> Response:
    """速裁团队 of the courts the user administers (403 for everyone else)."""
    if not selectors.restrict(Court.objects.all(), request.user, "triage").exists():
        raise NotPermitted(_("只有法院管理员可以管理速裁团队。"))
    if request.method == "GET":
        return Response(TeamSerializer(triage_admin.teams_for(request.user), many=True).data)
    data = validated(TeamWriteSerializer, request)
    court = Court.objects.filter(pk=data["court"]).first()
    if court is None:
        raise NotVisible(_("法院不存在。"))
    tribunal = None
    if data.get("tribunal"):
        tribunal = Tribunal.objects.filter(pk=data["tribunal"]).first()
        if tribunal is None:
            raise NotVisible(_("人民法庭不存在。"))
    team = triage_admin.create_team(
        actor=request.user, court=court, tribunal=tribunal, name=data["name"],
        members=data["members"],
    )  # fmt: skip
    return Response(TeamSerializer(team).data, status=status.HTTP_201_CREATED)


@extend_schema(request=TeamUpdateSerializer, responses={200: TeamSerializer})
@api_view(["POST"])
def team_update(request: Request, pk: str) -> Response:
    team = next((t for t in triage_admin.teams_for(request.user) if t.pk == parse_pk(pk)), None)
    if team is None:
        raise NotVisible(_("速裁团队不存在。"))
    team = triage_admin.update_team(
        actor=request.user, team=team, **validated(TeamUpdateSerializer, request)
    )
    return Response(TeamSerializer(team).data)


@extend_schema(request=WageWriteSerializer, responses={200: WageFigureSerializer})
@api_view(["GET", "POST"])
def wage_figures(request: Request) -> Response:
    """The official small-claims wage figures loaded by courts; court administrators load."""
    figures = selectors.restrict(WageFigure.objects.all(), request.user, "view")
    if not selectors.restrict(Court.objects.all(), request.user, "triage").exists():
        raise NotPermitted(_("只有法院管理员可以载入小额诉讼工资标准。"))
    if request.method == "GET":
        return Response(WageFigureSerializer(figures, many=True).data)
    figure = triage_admin.load_wage_figure(
        actor=request.user, **validated(WageWriteSerializer, request)
    )
    return Response(WageFigureSerializer(figure).data, status=status.HTTP_201_CREATED)
