"""REST API for warnings. Thin: visibility from selectors, writes through services."""

from __future__ import annotations

from datetime import date
from typing import Any

from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError
from fating.warnings import rules, selectors, services
from fating.warnings.models import Action, Assessment, EarlyWarning, WarningRule


class RuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = WarningRule
        fields = ["id", "court", "kind", "name", "active", "window_days", "min_count",
                  "min_people", "min_ratio", "p_threshold", "categories"]  # fmt: skip


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assessment
        fields = ["id", "held_at", "participants", "notes", "decisions"]


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "kind", "status", "description", "department", "document_id",
                  "reply_due_on", "replied_on", "reply"]  # fmt: skip


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


@api_view(["GET"])
def warning_list(request: Request) -> Response:
    qs = selectors.warnings_for(request.user)
    if request.query_params.get("status"):
        qs = qs.filter(status=request.query_params["status"])
    return Response([warning_data(request.user, w) for w in qs[:200]])


@api_view(["GET"])
def warning_detail(request: Request, pk: int) -> Response:
    return Response(
        warning_data(request.user, selectors.warning_for(request.user, pk), detail=True)
    )


@api_view(["POST"])
def warning_assess(request: Request, pk: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="assess")
    a = services.record_assessment(
        actor=request.user, warning=warning, participants=request.data.get("participants") or [],
        notes=request.data.get("notes", ""), decisions=request.data.get("decisions", ""),
    )  # fmt: skip
    return Response(AssessmentSerializer(a).data, status=status.HTTP_201_CREATED)


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
        raise FieldError({field: "日期格式应为 YYYY-MM-DD。"}) from None


@api_view(["POST"])
def warning_suggest(request: Request, pk: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="manage")
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


@api_view(["POST"])
def action_reply(request: Request, pk: int, action_id: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="manage")
    action = warning.actions.filter(pk=action_id).first()
    if action is None:
        from fating.core.exceptions import NotVisible

        raise NotVisible("处置措施不存在。")
    a = services.record_reply(actor=request.user, action=action, reply=request.data.get("reply", ""),
                              replied_on=_date(request.data.get("replied_on"), "replied_on"))  # fmt: skip
    return Response(ActionSerializer(a).data)


@api_view(["POST"])
def warning_close(request: Request, pk: int) -> Response:
    warning = selectors.warning_for(request.user, pk, action="manage")
    w = services.close_warning(
        actor=request.user, warning=warning, note=request.data.get("note", "")
    )
    return Response(warning_data(request.user, w))


@api_view(["POST"])
def incident_create(request: Request) -> Response:
    d = request.data
    try:
        people = int(d.get("people_involved") or 0)
        point = int(d["service_point"]) if d.get("service_point") not in (None, "") else None
    except (TypeError, ValueError):
        raise FieldError({"people_involved": "请填写整数。"}) from None
    w = services.flag_incident(actor=request.user, title=d.get("title", ""),
                               description=d.get("description", ""), service_point_id=point,
                               people_involved=people)  # fmt: skip
    return Response(warning_data(request.user, w), status=status.HTTP_201_CREATED)


@api_view(["GET"])
def rule_list(request: Request) -> Response:
    return Response(RuleSerializer(selectors.rules_for(request.user), many=True).data)


@api_view(["GET", "PATCH"])
def rule_detail(request: Request, pk: int) -> Response:
    rule = selectors.rule_for(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        rule = services.update_rule(actor=request.user, rule=rule, data=dict(request.data))
    return Response(RuleSerializer(rule).data)
