"""REST API for divorce pre-filing and cooling-off (/api/v1/cases/divorce-prefilings/…). Thin:
selectors_procedures reads, services.divorce writes."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors_procedures as proc
from fating.cases.models import DivorcePreFiling
from fating.cases.services import divorce
from fating.core.api_helpers import parse_pk, validated
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.fields import model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.network.models import Court, Tribunal


class DivorceSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    court_name = serializers.CharField(source="court.name", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True, default=None)
    days_left = serializers.SerializerMethodField()

    class Meta:
        model = DivorcePreFiling
        fields = [
            "id", "court", "court_name", "tribunal", "applicant_name", "respondent_name",
            "status", "status_label", "prefiled_on", "cooling_from", "cooling_until", "days_left",
            "mediated_on", "mediation_note", "visited_on", "visit_note", "ended_on",
            "outcome_note", "case", "case_number",
        ]  # fmt: skip

    def get_days_left(self, obj: DivorcePreFiling) -> int | None:
        if obj.cooling_until is None or obj.status != DivorcePreFiling.Status.COOLING:
            return None
        return (obj.cooling_until - timezone.localdate()).days


class PrefileSerializer(serializers.Serializer):
    court = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    tribunal = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1
    )
    applicant_name = model_field(DivorcePreFiling, "applicant_name")
    applicant_id_number = model_field(DivorcePreFiling, "applicant_id_number")
    applicant_mobile = model_field(DivorcePreFiling, "applicant_mobile", default="")
    applicant_address = model_field(DivorcePreFiling, "applicant_address")
    respondent_name = model_field(DivorcePreFiling, "respondent_name")
    respondent_mobile = model_field(DivorcePreFiling, "respondent_mobile", default="")
    respondent_address = model_field(DivorcePreFiling, "respondent_address")
    facts = model_field(DivorcePreFiling, "facts")


class CoolingSerializer(serializers.Serializer):
    months = serializers.IntegerField(min_value=1, max_value=3)
    applicant_consents = serializers.BooleanField()
    respondent_consents = serializers.BooleanField()
    consent_note = model_field(DivorcePreFiling, "consent_note", default="")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, allow_blank=True, default="")


class FileSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=1000, allow_blank=True, default="")
    procedure = serializers.ChoiceField(
        choices=["small_claims", "simple", "ordinary"], required=False, allow_null=True
    )


class CountsSerializer(serializers.Serializer):
    court = serializers.IntegerField()
    prefiled = serializers.IntegerField()
    filed = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    reconciled = serializers.IntegerField()
    pending = serializers.IntegerField()
    withdrawn_or_reconciled_rate = serializers.FloatField(allow_null=True)
    investigation_applied = serializers.IntegerField()
    investigation_issued = serializers.IntegerField()
    investigation_answered = serializers.IntegerField()
    investigation_holder_refused = serializers.IntegerField()


def _out(prefiling: DivorcePreFiling, code: int = 200) -> Response:
    prefiling.refresh_from_db()
    return Response(DivorceSerializer(prefiling).data, status=code)


@extend_schema(methods=["GET"], responses={200: DivorceSerializer(many=True)})
@extend_schema(
    methods=["POST"],
    request=PrefileSerializer,
    responses={201: DivorceSerializer},
    parameters=[IDEMPOTENCY_KEY_PARAMETER],
)
@api_view(["GET", "POST"])
@idempotent
def prefilings(request: Request) -> Response:
    """GET: the pre-filings the user sees (own, or the court's). POST: a party pre-files."""
    if request.method == "GET":
        rows = proc.divorces_for(request.user).order_by("-prefiled_on", "-pk")[:200]
        return Response(DivorceSerializer(rows, many=True).data)
    data = validated(PrefileSerializer, request)
    court = Court.objects.filter(pk=data.pop("court")).first()
    tribunal_id = data.pop("tribunal", None)
    tribunal = Tribunal.objects.filter(pk=tribunal_id).first() if tribunal_id else None
    if tribunal_id and tribunal is None:
        raise FieldError({"tribunal": _("人民法庭不存在。")})
    prefiling = divorce.prefile(actor=request.user, court=court, tribunal=tribunal, **data)
    return _out(prefiling, status.HTTP_201_CREATED)


@extend_schema(responses={200: DivorceSerializer})
@api_view(["GET"])
def prefiling_detail(request: Request, pk: str) -> Response:
    return _out(proc.divorce_for(request.user, parse_pk(pk)))


@extend_schema(request=CoolingSerializer, responses={200: DivorceSerializer})
@api_view(["POST"])
def cool(request: Request, pk: str) -> Response:
    prefiling = proc.divorce_for(request.user, parse_pk(pk), action="manage")
    data = validated(CoolingSerializer, request)
    return _out(divorce.set_cooling_off(actor=request.user, prefiling=prefiling, **data))


def _noted(request: Request, pk: str, service, action: str = "manage") -> Response:  # type: ignore[no-untyped-def]
    prefiling = proc.divorce_for(request.user, parse_pk(pk), action=action)
    note = validated(NoteSerializer, request)["note"]
    return _out(service(actor=request.user, prefiling=prefiling, note=note))


@extend_schema(request=NoteSerializer, responses={200: DivorceSerializer})
@api_view(["POST"])
def mediate(request: Request, pk: str) -> Response:
    """Record family mediation (民法典 第1079条第2款)."""
    return _noted(request, pk, divorce.record_mediation)


@extend_schema(request=NoteSerializer, responses={200: DivorceSerializer})
@api_view(["POST"])
def visit(request: Request, pk: str) -> Response:
    """Record a return visit during the cooling-off."""
    return _noted(request, pk, divorce.record_visit)


@extend_schema(request=NoteSerializer, responses={200: DivorceSerializer})
@api_view(["POST"])
def reconcile(request: Request, pk: str) -> Response:
    """The spouses reconciled (和好)."""
    return _noted(request, pk, divorce.reconcile)


@extend_schema(request=NoteSerializer, responses={200: DivorceSerializer})
@api_view(["POST"])
def withdraw(request: Request, pk: str) -> Response:
    """The applicant withdraws (撤回), or the court records it."""
    return _noted(request, pk, divorce.withdraw, "withdraw")


@extend_schema(request=FileSerializer, responses={201: DivorceSerializer})
@api_view(["POST"])
def file_formally(request: Request, pk: str) -> Response:
    """Register the divorce as a case (number, judge, fee, 审限 from today)."""
    prefiling = proc.divorce_for(request.user, parse_pk(pk), action="manage")
    data = validated(FileSerializer, request)
    divorce.file_formally(actor=request.user, prefiling=prefiling, **data)
    return _out(prefiling, status.HTTP_201_CREATED)


def parse_day(raw: str | None, field: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldError({field: _("日期格式应为 YYYY-MM-DD。")}) from None


@extend_schema(
    parameters=[
        OpenApiParameter("since", str, description="起始日（含），YYYY-MM-DD"),
        OpenApiParameter("until", str, description="截止日（含），YYYY-MM-DD"),
    ],
    responses={200: CountsSerializer(many=True)},
)
@api_view(["GET"])
def stats(request: Request) -> Response:
    """Pre-filed, filed, 撤回和好率, and investigation orders issued and answered, per court the
    user works at (clerks, judges, administrators)."""
    since = parse_day(request.query_params.get("since"), "since")
    until = parse_day(request.query_params.get("until"), "until")
    courts = proc.stat_courts(request.user)
    if not courts:
        raise NotPermitted(_("只有法院的法官、法官助理和管理员可以查看统计。"))
    return Response([stat_row(court, since, until) for court in courts])


def stat_row(court: int, since: date | None, until: date | None) -> dict:
    counts = proc.divorce_counts(court, since, until).as_dict()
    orders = proc.investigation_counts(court, since, until).as_dict()
    return {"court": court, **counts, **{f"investigation_{k}": v for k, v in orders.items()}}
