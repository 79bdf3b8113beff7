"""REST API for warnings. Thin: visibility from selectors, writes through services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError, NotVisible
from fating.core.fields import model_field
from fating.disputes.rules import PEOPLE_INVOLVED_MAX
from fating.warnings import rules, selectors, services
from fating.warnings.models import Action, Assessment, EarlyWarning, Kind, WarningRule


class RuleSerializer(serializers.ModelSerializer):
    group_by = serializers.ListField(
        child=serializers.ChoiceField(choices=list(rules.GROUP_KEYS)), required=False,
        help_text="群体性分组依据：respondent 被申请人、project 项目、employer 用工单位、estate 小区",
    )  # fmt: skip

    class Meta:
        model = WarningRule
        fields = ["id", "court", "kind", "name", "active", "window_days", "min_count",
                  "min_people", "min_ratio", "p_threshold", "categories", "group_by"]  # fmt: skip
        read_only_fields = ["id", "court", "kind"]


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assessment
        fields = ["id", "held_at", "participants", "notes", "decisions"]


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "kind", "status", "description", "department", "document_id",
                  "reply_due_on", "replied_on", "reply"]  # fmt: skip


class WarningSerializer(serializers.Serializer):
    """The shape of `warning_data` (documentation of the response)."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_label = serializers.CharField()
    status = serializers.ChoiceField(choices=EarlyWarning.Status.choices)
    status_label = serializers.CharField()
    title = serializers.CharField()
    area = serializers.IntegerField(allow_null=True)
    area_name = serializers.CharField()
    category = serializers.CharField()
    window_start = serializers.DateField()
    window_end = serializers.DateField()
    observed = serializers.IntegerField()
    expected = serializers.FloatField(allow_null=True)
    p_value = serializers.FloatField(allow_null=True)
    explanation = serializers.CharField()
    created_at = serializers.DateTimeField()


class EvidenceSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["dispute", "filing"])
    id = serializers.IntegerField()
    ref = serializers.CharField()
    date = serializers.DateField()


class WarningDetailSerializer(WarningSerializer):
    evidence = EvidenceSerializer(many=True, help_text="计入记录；综治干部和联络员看不到（空列表）")
    assessments = AssessmentSerializer(many=True)
    actions = ActionSerializer(many=True)


class ParticipantSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    unit = serializers.ChoiceField(choices=list(services.UNITS))


class AssessRequestSerializer(serializers.Serializer):
    participants = ParticipantSerializer(many=True, max_length=100)
    notes = model_field(Assessment, "notes")
    decisions = model_field(Assessment, "decisions", required=False)


class ActRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[Action.Kind.JOINT_MEDIATION, Action.Kind.OTHER])
    description = model_field(Action, "description")


class SuggestRequestSerializer(serializers.Serializer):
    department = model_field(Action, "department", allow_blank=False, help_text="受文单位")
    findings = serializers.CharField(help_text="发现的问题", max_length=5000)
    suggestions = serializers.ListField(
        child=serializers.CharField(max_length=1000), help_text="建议事项", max_length=50
    )
    reply_due_on = serializers.DateField(help_text="回复期限（今天之后）")


class ReplyRequestSerializer(serializers.Serializer):
    reply = model_field(Action, "reply", allow_blank=False, help_text="回复内容")
    replied_on = serializers.DateField(required=False, help_text="回复日期，默认今天")


class CloseRequestSerializer(serializers.Serializer):
    note = model_field(EarlyWarning, "closing_note", allow_blank=False, help_text="关闭说明")


class IncidentRequestSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="事件概要", max_length=services.INCIDENT_TITLE_MAX)
    description = model_field(EarlyWarning, "explanation", help_text="事件经过")
    service_point = serializers.IntegerField(
        required=False, allow_null=True, help_text="服务点；联络员只有一个服务点时可省略"
    )
    people_involved = serializers.IntegerField(
        required=False, default=0, min_value=0, max_value=PEOPLE_INVOLVED_MAX,
        help_text="涉及人数，0 至 1,000,000（与纠纷上报相同的上限）",
    )  # fmt: skip


STATUS_FILTER = OpenApiParameter(
    "status", str, enum=list(EarlyWarning.Status.values), description="按状态筛选"
)


def warning_data(user: Any, w: EarlyWarning, *, detail: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": w.id, "kind": w.kind, "kind_label": w.get_kind_display(), "status": w.status,
        "status_label": rules.STATUS_LABELS[w.status], "title": w.title,
        "area": w.area_id, "area_name": w.area.name if w.area else "", "category": w.category,
        "window_start": w.window_start, "window_end": w.window_end, "observed": w.observed,
        "expected": w.expected, "p_value": w.p_value, "explanation": w.explanation,
        "created_at": w.created_at,
    }  # fmt: skip
    if detail:
        data["evidence"] = w.evidence if selectors.sees_records(user, w) else []
        data["assessments"] = AssessmentSerializer(w.assessments.all(), many=True).data
        data["actions"] = ActionSerializer(w.actions.all(), many=True).data
    return data


@extend_schema(operation_id="warnings_list", parameters=[STATUS_FILTER],
               responses=WarningSerializer(many=True))  # fmt: skip
@api_view(["GET"])
def warning_list(request: Request) -> Response:
    qs = selectors.warnings_for(request.user)
    if request.query_params.get("status"):
        qs = qs.filter(status=request.query_params["status"])
    return Response([warning_data(request.user, w) for w in qs[:200]])


@extend_schema(responses=WarningDetailSerializer)
@api_view(["GET"])
def warning_detail(request: Request, pk: int) -> Response:
    return Response(
        warning_data(request.user, selectors.warning_for(request.user, pk), detail=True)
    )


@extend_schema(request=AssessRequestSerializer, responses={201: AssessmentSerializer})
@api_view(["POST"])
def warning_assess(request: Request, pk: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="assess")
    a = services.record_assessment(
        actor=request.user, warning=warning, participants=request.data.get("participants") or [],
        notes=request.data.get("notes", ""), decisions=request.data.get("decisions", ""),
    )  # fmt: skip
    return Response(AssessmentSerializer(a).data, status=status.HTTP_201_CREATED)


@extend_schema(request=ActRequestSerializer, responses={201: ActionSerializer})
@api_view(["POST"])
def warning_act(request: Request, pk: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="manage")
    a = services.take_action(actor=request.user, warning=warning, kind=request.data.get("kind", ""),
                             description=request.data.get("description", ""))  # fmt: skip
    return Response(ActionSerializer(a).data, status=status.HTTP_201_CREATED)


def _date(value: Any, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise FieldError({field: _("日期格式应为 YYYY-MM-DD。")}) from None


@extend_schema(
    request=SuggestRequestSerializer, responses={201: ActionSerializer},
    description="Issue a 司法建议 as a generated document (judges of the court only).",
)  # fmt: skip
@api_view(["POST"])
def warning_suggest(request: Request, pk: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="suggest")
    d = request.data
    a = services.issue_judicial_suggestion(
        actor=request.user, warning=warning,
        data=services.SuggestionInput(
            department=d.get("department", ""), findings=d.get("findings", ""),
            suggestions=list(d.get("suggestions") or []),
            reply_due_on=_date(d.get("reply_due_on"), "reply_due_on"),
        ),
    )  # fmt: skip
    return Response(ActionSerializer(a).data, status=status.HTTP_201_CREATED)


@extend_schema(request=ReplyRequestSerializer, responses=ActionSerializer)
@api_view(["POST"])
def action_reply(request: Request, pk: int, action_id: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="manage")
    action = warning.actions.filter(pk=action_id).first()
    if action is None:
        raise NotVisible(_("处置措施不存在。"))
    a = services.record_reply(actor=request.user, action=action, reply=request.data.get("reply", ""),
                              replied_on=_date(request.data.get("replied_on"), "replied_on"))  # fmt: skip
    return Response(ActionSerializer(a).data)


@extend_schema(request=CloseRequestSerializer, responses=WarningSerializer)
@api_view(["POST"])
def warning_close(request: Request, pk: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="manage")
    w = services.close_warning(
        actor=request.user, warning=warning, note=request.data.get("note", "")
    )
    return Response(warning_data(request.user, w))


@extend_schema(request=IncidentRequestSerializer, responses={201: WarningSerializer})
@api_view(["POST"])
def incident_create(request: Request) -> Response:
    d = request.data
    try:
        people = int(d.get("people_involved") or 0)
        point = int(d["service_point"]) if d.get("service_point") not in (None, "") else None
    except (TypeError, ValueError, OverflowError):  # "x", [], 1e400 (infinity)
        raise FieldError({"people_involved": _("请填写整数。")}) from None
    for name in ("title", "description"):
        if not isinstance(d.get(name, ""), str):
            raise FieldError({name: _("请填写文字。")})
    w = services.flag_incident(actor=request.user, title=d.get("title", ""),
                               description=d.get("description", ""), service_point_id=point,
                               people_involved=people)  # fmt: skip
    return Response(warning_data(request.user, w), status=status.HTTP_201_CREATED)


@extend_schema(operation_id="warnings_rules_list", responses=RuleSerializer(many=True))
@api_view(["GET"])
def rule_list(request: Request) -> Response:
    return Response(RuleSerializer(selectors.rules_for(request.user), many=True).data)


@extend_schema(methods=["GET"], responses=RuleSerializer)
@extend_schema(methods=["PATCH"], request=RuleSerializer, responses=RuleSerializer,
               description="Tune the rule (court administrator only).")  # fmt: skip
@api_view(["GET", "PATCH"])
def rule_detail(request: Request, pk: int) -> Response:
    rule = selectors.rule_for(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        rule = services.update_rule(actor=request.user, rule=rule, data=dict(request.data))
    return Response(RuleSerializer(rule).data)
