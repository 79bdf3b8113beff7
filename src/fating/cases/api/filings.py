"""REST API of filings (/api/v1/cases/filings/, causes/): the online filing wizard, review and
acceptance. Thin: selectors decide visibility, services write."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.api.cases import CaseSerializer
from fating.cases.api.fees import ReliefSerializer
from fating.cases.models import Case, CauseOfAction, Claim, Evidence, Filing, FilingParty
from fating.cases.services import acceptance, payments
from fating.cases.services import filing as filing_services
from fating.core.api_helpers import parse_pk, validated
from fating.core.exceptions import NotVisible
from fating.core.fields import MoneyField, model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.rest import JSONParser
from fating.network.models import Court, Tribunal


class CauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = CauseOfAction
        fields = [
            "id",
            "revision",
            "code",
            "path",
            "name",
            "level",
            "number",
            "parent",
            "valid_from",
            "valid_to",
        ]


class PartySerializer(serializers.ModelSerializer):
    """Identifiers masked unless the reader is the court handling the filing."""

    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = FilingParty
        fields = [
            "id",
            "role",
            "role_label",
            "kind",
            "name",
            "id_number",
            "uscc",
            "mobile",
            "address",
            "representative",
        ]

    def to_representation(self, instance: FilingParty) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.context.get("full_identifiers"):
            data["id_number"] = instance.masked_id_number
            data["uscc"] = instance.masked_uscc
            data["mobile"] = instance.masked_mobile
        return data


class FilingSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    parties = serializers.SerializerMethodField()
    claims = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    reviews = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    cause_name = serializers.CharField(source="cause.name", read_only=True, default="")
    claimed_amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = Filing
        fields = [
            "id", "status", "status_label", "filer_capacity", "court", "received_by", "tribunal",
            "forwarded_at", "is_cross_region", "type_code", "fee_kind", "cause", "cause_name",
            "facts", "claimed_amount", "submitted_at", "correction_items", "correction_due_on",
            "refusal_reasons", "decided_at", "parties", "claims", "evidence", "reviews", "case",
        ]  # fmt: skip

    def get_parties(self, obj: Filing) -> list[dict[str, Any]]:
        request = self.context.get("request")
        page = getattr(self.parent, "instance", None)  # the list being serialized, if any
        if request and isinstance(page, list):
            if "_identifiers" not in self.context:  # one question for the whole page
                ids = [f.pk for f in page]
                self.context["_identifiers"] = selectors.filings_with_identifiers(request.user, ids)
            full = obj.pk in self.context["_identifiers"]
        else:
            full = bool(request and selectors.can_see_identifiers(request.user, obj))
        return PartySerializer(
            obj.parties.all(), many=True, context={"full_identifiers": full}
        ).data

    def get_claims(self, obj: Filing) -> list[dict[str, Any]]:
        return [
            {"id": c.pk, "text": c.text, "amount": str(c.amount) if c.amount is not None else None}
            for c in obj.claims.all()
        ]

    def get_evidence(self, obj: Filing) -> list[dict[str, Any]]:
        return [
            {"id": e.pk, "kind": e.kind, "title": e.title, "source": e.source, "purpose": e.purpose,
             "size": e.size, "sha256": e.sha256}
            for e in obj.evidence.all()
        ]  # fmt: skip

    def get_reviews(self, obj: Filing) -> list[dict[str, Any]]:
        return [
            {
                "received_on": r.received_on,
                "due_on": r.due_on,
                "decision": r.decision,
                "in_time": r.in_time,
            }
            for r in obj.reviews.all()
        ]

    def get_case(self, obj: Filing) -> dict[str, Any] | None:
        case = getattr(obj, "case", None) if obj.status == Filing.Status.ACCEPTED else None
        return {"id": case.pk, "number": case.number} if case else None


class FilingWriteSerializer(serializers.Serializer):
    court = serializers.PrimaryKeyRelatedField(queryset=Court.objects.all())
    received_by = serializers.PrimaryKeyRelatedField(
        queryset=Court.objects.all(), required=False, allow_null=True
    )
    tribunal = serializers.PrimaryKeyRelatedField(
        queryset=Tribunal.objects.all(), required=False, allow_null=True
    )
    cause = serializers.PrimaryKeyRelatedField(
        queryset=CauseOfAction.objects.all(), required=False, allow_null=True
    )
    filer_capacity = serializers.ChoiceField(choices=Filing.FilerCapacity.choices)
    facts = model_field(Filing, "facts", required=False, allow_blank=True, default="")
    fee_kind = serializers.CharField(required=False, default="property", max_length=32)
    consent_note = model_field(Filing, "consent_note", default="")


class FilingUpdateSerializer(serializers.Serializer):
    court = serializers.PrimaryKeyRelatedField(queryset=Court.objects.all(), required=False)
    received_by = serializers.PrimaryKeyRelatedField(queryset=Court.objects.all(), required=False)
    tribunal = serializers.PrimaryKeyRelatedField(
        queryset=Tribunal.objects.all(), required=False, allow_null=True
    )
    cause = serializers.PrimaryKeyRelatedField(
        queryset=CauseOfAction.objects.all(), required=False, allow_null=True
    )
    facts = model_field(Filing, "facts", required=False, allow_blank=True)
    fee_kind = serializers.CharField(required=False, max_length=32)
    consent_note = model_field(Filing, "consent_note", required=False)


class PartyWriteSerializer(serializers.Serializer):
    """Lengths are FilingParty's columns; role and kind are checked by the service, whose
    messages say which values are allowed."""

    role = serializers.CharField(max_length=12)
    kind = serializers.CharField(max_length=12)
    name = model_field(FilingParty, "name", allow_blank=True)
    id_number = model_field(FilingParty, "id_number", default="")
    uscc = model_field(FilingParty, "uscc", default="")
    mobile = model_field(FilingParty, "mobile", default="")
    address = model_field(FilingParty, "address", default="")
    representative = model_field(FilingParty, "representative", default="")
    is_filer = serializers.BooleanField(required=False, default=False)


class ClaimWriteSerializer(serializers.Serializer):
    text = model_field(Claim, "text", allow_blank=True)
    amount = MoneyField(label="请求金额", required=False, allow_null=True, default=None)


class EvidenceWriteSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=20)
    title = model_field(Evidence, "title", allow_blank=True)
    file = serializers.FileField()
    source = model_field(Evidence, "source", default="")
    purpose = model_field(Evidence, "purpose", default="")


class CorrectionSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.CharField(max_length=500), allow_empty=True, max_length=50
    )
    due_on = serializers.DateField()


class AcceptSerializer(serializers.Serializer):
    procedure = serializers.ChoiceField(
        choices=Case.Procedure.choices, required=False, allow_null=True, default=None
    )
    simple_case = serializers.BooleanField(required=False, allow_null=True, default=None)


class CauseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = CauseSerializer

    def get_queryset(self) -> QuerySet[CauseOfAction]:
        params = self.request.query_params
        return selectors.causes(revision=params.get("revision"), text=params.get("q", ""))


class FilingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = FilingSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Filing]:
        return (
            selectors.filings_for(self.request.user)
            .select_related("case")
            .prefetch_related("parties", "claims", "evidence", "reviews")
        )

    def _filing(self, action_name: str = "view") -> Filing:
        return selectors.filing_for(
            self.request.user, parse_pk(self.kwargs["pk"]), action=action_name
        )

    def get_object(self) -> Filing:
        return self._filing()

    def _out(self, filing: Filing, code: int = 200) -> Response:
        filing = selectors.filing_for(self.request.user, filing.pk)
        return Response(
            FilingSerializer(filing, context={"request": self.request}).data, status=code
        )

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = validated(FilingWriteSerializer, request)
        filing = filing_services.create_filing(actor=request.user, **data)
        return self._out(filing, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        filing = self._filing("edit")
        serializer = FilingUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        filing = filing_services.update_filing(
            actor=request.user, filing=filing, changes=dict(serializer.validated_data)
        )
        return self._out(filing)

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    @action(detail=True, methods=["post"])
    @idempotent
    def parties(self, request: Request, pk: str) -> Response:
        filing = self._filing("edit")
        filing_services.add_party(
            actor=request.user, filing=filing, **validated(PartyWriteSerializer, request)
        )
        return self._out(filing, status.HTTP_201_CREATED)

    @action(detail=True, methods=["delete"], url_path=r"parties/(?P<party_id>\d+)")
    def remove_party(self, request: Request, pk: str, party_id: str) -> Response:
        filing = self._filing("edit")
        party = filing.parties.filter(pk=parse_pk(party_id)).first()
        if party is None:
            raise NotVisible(_("当事人不存在。"))
        filing_services.remove_party(actor=request.user, party=party)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    @action(detail=True, methods=["post"])
    @idempotent
    def claims(self, request: Request, pk: str) -> Response:
        filing = self._filing("edit")
        filing_services.add_claim(
            actor=request.user, filing=filing, **validated(ClaimWriteSerializer, request)
        )
        return self._out(filing, status.HTTP_201_CREATED)

    @action(detail=True, methods=["delete"], url_path=r"claims/(?P<claim_id>\d+)")
    def remove_claim(self, request: Request, pk: str, claim_id: str) -> Response:
        filing = self._filing("edit")
        claim = filing.claims.filter(pk=parse_pk(claim_id)).first()
        if claim is None:
            raise NotVisible(_("诉讼请求不存在。"))
        filing_services.remove_claim(actor=request.user, claim=claim)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    @action(detail=True, methods=["post"])
    @idempotent
    def evidence(self, request: Request, pk: str) -> Response:
        filing = self._filing("edit")
        filing_services.upload_evidence(
            actor=request.user, filing=filing, **validated(EvidenceWriteSerializer, request)
        )
        return self._out(filing, status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"], url_path=r"evidence/(?P<evidence_id>\d+)")
    def evidence_file(self, request: Request, pk: str, evidence_id: str) -> HttpResponse:
        evidence = selectors.evidence_for(request.user, parse_pk(pk), parse_pk(evidence_id))
        data = selectors.read_evidence(evidence)
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="evidence-{evidence.pk}"'
        response["X-Content-SHA256"] = evidence.sha256
        return response

    def _simple(self, service: Any, action_name: str = "view", **extra: Any) -> Response:
        filing = self._filing(action_name)
        return self._out(service(actor=self.request.user, filing=filing, **extra))

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    @action(detail=True, methods=["post"])
    @idempotent
    def submit(self, request: Request, pk: str) -> Response:
        return self._simple(filing_services.submit_filing, "edit")

    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        return self._simple(filing_services.withdraw_filing, "edit")

    @action(detail=True, methods=["post"])
    def resubmit(self, request: Request, pk: str) -> Response:
        return self._simple(filing_services.resubmit_filing, "edit")

    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: str) -> Response:
        return self._simple(filing_services.forward_filing, "forward")

    @action(detail=True, methods=["post"], url_path="request-correction")
    def request_correction(self, request: Request, pk: str) -> Response:
        filing = self._filing("review")
        data = validated(CorrectionSerializer, request)
        return self._out(
            filing_services.request_correction(actor=request.user, filing=filing, **data)
        )

    @action(detail=True, methods=["post"])
    def refuse(self, request: Request, pk: str) -> Response:
        filing = self._filing("review")
        reasons = str(request.data.get("reasons", ""))
        return self._out(
            filing_services.refuse_filing(actor=request.user, filing=filing, reasons=reasons)
        )

    @extend_schema(responses={201: CaseSerializer})  # 受理 creates the case
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        filing = self._filing("review")
        case = acceptance.accept_filing(
            actor=request.user, filing=filing, **validated(AcceptSerializer, request)
        )
        case = selectors.case_for(request.user, case.pk)
        return Response(
            CaseSerializer(case, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses={201: dict})  # the application for relief, created
    @action(detail=True, methods=["post"], url_path="fee-relief")
    def fee_relief(self, request: Request, pk: str) -> Response:
        filing = self._filing("edit")
        relief = payments.apply_fee_relief(
            actor=request.user, filing=filing, **validated(ReliefSerializer, request)
        )
        return Response(
            {"id": relief.pk, "kind": relief.kind, "status": relief.status},
            status=status.HTTP_201_CREATED,
        )

    @action(detail=False, methods=["get"], url_path="review-queue")
    def review_queue(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.review_queue(request.user))
        return self.get_paginated_response(
            FilingSerializer(page, many=True, context={"request": request}).data
        )
