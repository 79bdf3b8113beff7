"""REST API of the notices, property reports and their flags, the 执行事务中心 queue and the
reconciliation (mounted at /api/v1/enforcement/). Thin: selectors_notices and services_notices
decide."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError, NotPermitted, NotVisible
from fating.core.fields import MoneyField
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.schema import LIST_OF_OBJECTS
from fating.enforcement import selectors, services_notices
from fating.enforcement import selectors_notices as sn
from fating.enforcement.models import CentreTask, EnforcementCase, PropertyReport, SanctionFlag
from fating.enforcement.rules import notices


def _valid(serializer: serializers.Serializer[Any]) -> dict[str, Any]:
    if not serializer.is_valid():
        labels = {name: f.label for name, f in serializer.fields.items() if f.label}
        raise FieldError({k: [f"{labels[k]}：{m}" if k in labels and isinstance(m, str) else str(m)
                              for m in v] for k, v in serializer.errors.items()})  # fmt: skip
    return dict(serializer.validated_data)


class IssueRequest(serializers.Serializer[dict[str, Any]]):
    report_days = serializers.IntegerField(
        label="报告期限（日）",
        min_value=1,
        max_value=90,
        required=False,
        default=notices.REPORT_DAYS,
    )


class ItemRequest(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(label="财产类型", choices=list(notices.ITEM_KINDS))
    holder = serializers.CharField(label="机构", max_length=60)
    reference = serializers.CharField(label="标识", max_length=60, required=False, allow_blank=True)
    value = MoneyField(label="金额")
    note = serializers.CharField(label="说明", max_length=200, required=False, allow_blank=True)


class ReportRequest(serializers.Serializer[dict[str, Any]]):
    items = ItemRequest(many=True, label="报告事项")
    party = serializers.IntegerField(
        label="被执行人", required=False, min_value=1, max_value=2**31 - 1
    )


class TaskRequest(serializers.Serializer[dict[str, Any]]):
    note = serializers.CharField(label="办理情况", max_length=300, required=False, allow_blank=True)


def _manage_or_respondent(user: Any, case: EnforcementCase) -> bool:
    manage = selectors.restrict(EnforcementCase.objects.filter(pk=case.pk), user, "manage").exists()
    if not manage and sn.respondent_of(user, case) is None:
        raise NotPermitted("只有本院执行人员和被执行人可以查看执行通知和财产报告。")
    return manage


def report_json(r: PropertyReport) -> dict[str, Any]:
    return {"id": r.pk, "party": r.party_id, "party_name": r.party.name,
            "reported_on": r.reported_on.isoformat(), "late": r.late, "by_party": r.by_party,
            "items": r.items}  # fmt: skip


def notices_json(user: Any, case: EnforcementCase) -> dict[str, Any]:
    manage = _manage_or_respondent(user, case)
    return {
        "case": case.pk, "notice_served": case.notice_served,
        "notice_served_on": case.notice_served_on and case.notice_served_on.isoformat(),
        "report_due_on": case.report_due_on and case.report_due_on.isoformat(),
        "documents": [{"id": d.pk, "kind": d.kind, "title": d.title}
                      for d in services_notices.notice_documents(case)] if manage else [],
        "reports": [report_json(r) for r in sn.reports_of(case)],
        "flags": [flag_json(f) for f in sn.flags_of(case)] if manage else [],
    }  # fmt: skip


def flag_json(f: SanctionFlag) -> dict[str, Any]:
    return {"id": f.pk, "party": f.party_id, "ground": f.ground, "detail": f.detail,
            "proposal": f.proposal, "blacklist_ground": f.blacklist_ground, "asset": f.asset_id,
            "status": f.status, "status_label": notices.FLAG.state_label(f.status),
            "decision_note": f.decision_note, "measure": f.measure_id,
            "decided_at": f.decided_at.isoformat() if f.decided_at else None}  # fmt: skip


class DismissRequest(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=300, label="不予处罚的理由")


@extend_schema(request=DismissRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def flag_dismiss(request: Request, pk: int) -> Response:
    """The 执行法官 decides not to sanction a flag, with the reason (民事诉讼法 第252条)."""
    flag = sn.flag_for(request.user, pk, "decide")
    d = _valid(DismissRequest(data=request.data))
    done = services_notices.dismiss_flag(actor=request.user, flag=flag, reason=d["reason"])
    return Response(flag_json(done))


@extend_schema(methods=["GET"], responses=dict)
@extend_schema(methods=["POST"], request=IssueRequest, responses=dict,
               parameters=[IDEMPOTENCY_KEY_PARAMETER])  # fmt: skip
@api_view(["GET", "POST"])
@idempotent
def case_notices(request: Request, pk: int) -> Response:
    """GET: the notices, their service, the reports and flags. POST: issue the 执行通知书 and
    报告财产令 (民事诉讼法 第251–252条)."""
    if request.method == "GET":
        return Response(notices_json(request.user, selectors.case_for(request.user, pk)))
    case = selectors.case_for(request.user, pk, "manage")
    d = _valid(IssueRequest(data=request.data))
    services_notices.issue_notices(actor=request.user, case=case, report_days=d["report_days"])
    return Response(notices_json(request.user, case), status=201)


@extend_schema(request=ReportRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def case_report(request: Request, pk: int) -> Response:
    """The respondent's property report (民事诉讼法 第252条): by the respondent, or recorded by
    the executor for `party`."""
    case = selectors.case_for(request.user, pk)
    _manage_or_respondent(request.user, case)
    d = _valid(ReportRequest(data=request.data))
    party = case.parties.filter(pk=d.get("party") or 0, role="respondent").first()
    report = services_notices.submit_report(actor=request.user, case=case, items=d["items"],
                                            party=party)  # fmt: skip
    return Response({**report_json(report),
                     "flags": [f.ground for f in report.flags.order_by("pk")]}, status=201)  # fmt: skip


def task_json(t: CentreTask) -> dict[str, Any]:
    return {"id": t.pk, "kind": t.kind, "status": t.status, "case": t.case_id,
            "case_number": t.case.case_number, "created_at": t.created_at.isoformat(),
            "age_days": sn.age_days(t),
            "claimed_by": t.claimed_by.get_username() if t.claimed_by else None, "note": t.note}  # fmt: skip


@extend_schema(
    responses={200: LIST_OF_OBJECTS},
    parameters=[OpenApiParameter("status", str, required=False), OpenApiParameter("kind", str, required=False)],
)  # fmt: skip
@api_view(["GET"])
def task_list(request: Request) -> Response:
    """The 执行事务中心 queue of the courts the user works or oversees (open tasks unless
    `status` is given)."""
    if not sn.may_see_centre(request.user):
        raise NotVisible("执行事务不存在。")
    tasks = sn.queue(request.user, status=request.query_params.get("status", ""),
                     kind=request.query_params.get("kind", ""))  # fmt: skip
    return Response([task_json(t) for t in tasks])


@extend_schema(request=TaskRequest, responses=dict, parameters=[IDEMPOTENCY_KEY_PARAMETER])
@api_view(["POST"])
@idempotent
def task_move(request: Request, pk: int, name: str) -> Response:
    """领取 (claim), 放回 (release), 办结 (finish) or 退回 (return) a task."""
    task = sn.task_for(request.user, pk, "manage")
    d = _valid(TaskRequest(data=request.data))
    task = services_notices.move_task(actor=request.user, task=task, name=name,
                                      note=d.get("note", ""))  # fmt: skip
    return Response(task_json(task))


@extend_schema(
    responses=dict,
    parameters=[OpenApiParameter("court", int, required=False), OpenApiParameter("month", str, required=False)],
)  # fmt: skip
@api_view(["GET"])
def reconciliation(request: Request) -> Response:
    """执行款月度对账 of a court's month ("2026-11")."""
    courts = list(sn.reconciliation_courts(request.user).order_by("pk"))
    if not courts:
        raise NotVisible("没有可以对账的法院。")
    wanted = request.query_params.get("court", "")
    court = next((c for c in courts if str(c.pk) == wanted), None if wanted else courts[0])
    if court is None:
        raise NotVisible("法院不存在。")
    from django.utils import timezone

    try:
        data = sn.reconciliation(court, request.query_params.get("month") or
                                 timezone.localdate().strftime("%Y-%m"))  # fmt: skip
    except ValueError:
        raise FieldError({"month": "月份格式应为“2026-11”"}) from None
    rows = [{"case": r["case"].pk, "case_number": r["case"].case_number,
             **{k: str(getattr(r["m"], k)) for k in data["totals"]},
             "problems": list(r["m"].problems)} for r in data["rows"]]  # fmt: skip
    return Response({"court": court.pk, "month": data["month"], "rows": rows,
                     "totals": {k: str(v) for k, v in data["totals"].items()},
                     "problems": data["problems"]})  # fmt: skip
