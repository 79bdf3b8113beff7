"""REST API of the cases app (/api/v1/cases/). Thin: selectors decide visibility, services write."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases import selectors
from fating.cases.gateways import BadCallback
from fating.cases.models import (
    Case,
    CauseOfAction,
    Claim,
    Evidence,
    FeeRelief,
    Filing,
    FilingParty,
    Hearing,
    Overpayment,
    Payment,
)  # fmt: skip
from fating.cases.services import acceptance, documents, hearings, payments
from fating.cases.services import filing as filing_services
from fating.core.api_errors import error_body
from fating.core.api_helpers import parse_pk, validated
from fating.core.court_calendar import court_calendar
from fating.core.event_labels import event_label
from fating.core.exceptions import NotVisible
from fating.core.fields import MoneyField, model_field
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.rest import JSONParser
from fating.network.models import Court, Tribunal

# --------------------------------------------------------------------------------------------
# Serializers


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


class ReliefSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=8)
    grounds = model_field(FeeRelief, "grounds", allow_blank=True)
    reduction_percent = serializers.IntegerField(required=False, allow_null=True, default=None)


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reasons = model_field(FeeRelief, "decision_reasons", default="")


class HearingSerializer(serializers.ModelSerializer):
    participants = serializers.SerializerMethodField()

    class Meta:
        model = Hearing
        fields = [
            "id",
            "case",
            "mode",
            "starts_at",
            "ends_at",
            "courtroom",
            "room_code",
            "judge",
            "status",
            "record",
            "participants",
        ]

    def get_participants(self, obj: Hearing) -> list[dict[str, Any]]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        out = []
        for p in obj.participants.select_related("party"):
            # A join link is personal: only its holder and the court see it.
            own = bool(user and p.party and p.party.user_id == user.pk)
            show = own or bool(user and selectors.can_manage_case(user, obj.case))
            out.append({
                "id": p.pk, "name": p.name, "role": p.role, "attended": p.attended,
                "join_link": f"/cases/join/{p.join_token}/" if show and obj.mode == "online" else None,
            })  # fmt: skip
        return out


class HearingWriteSerializer(serializers.Serializer):
    mode = serializers.CharField(max_length=12)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    courtroom = model_field(Hearing, "courtroom", default="")


class CloseSerializer(serializers.Serializer):
    closure = serializers.CharField(max_length=12)
    closed_on = serializers.DateField(required=False, allow_null=True, default=None)
    plaintiff_share = MoneyField(
        label="原告负担金额", required=False, allow_null=True, default=None
    )


class PaymentSerializer(serializers.ModelSerializer):
    receipt = serializers.CharField(source="receipt.number", read_only=True, default=None)

    class Meta:
        model = Payment
        fields = [
            "id",
            "order_id",
            "counterclaim",
            "gateway",
            "amount",
            "purpose",
            "status",
            "pay_url",
            "paid_at",
            "receipt",
        ]


class CaseSerializer(serializers.ModelSerializer):
    procedure_label = serializers.CharField(source="get_procedure_display", read_only=True)
    judge_name = serializers.CharField(source="judge.display_name", read_only=True, default="")
    fee_notice = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "number", "filing", "court", "tribunal", "status", "accepted_on", "procedure",
            "procedure_label", "procedure_reasons", "judge", "judge_name", "assignment_reason",
            "due_on", "time_limit_basis", "fee_amount", "fee_due", "fee_status", "fee_due_on",
            "fee_breakdown", "fee_notice", "closure", "closed_on", "closed_in_time", "final_fee",
            "fee_settlement",
        ]  # fmt: skip

    def get_fee_notice(self, obj: Case) -> dict[str, Any]:
        return acceptance.fee_notice(obj)


class OverpaymentSerializer(serializers.ModelSerializer):
    """Money received that was not owed, to be refunded (cases.models.Overpayment)."""

    order_id = serializers.CharField(source="payment.order_id", read_only=True)
    reason_label = serializers.CharField(source="get_reason_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Overpayment
        fields = [
            "id", "order_id", "counterclaim", "amount", "reason", "reason_label",
            "gateway_reference", "received_at", "status", "status_label", "refund_reference",
            "refunded_at",
        ]  # fmt: skip


class OverpaymentRefundSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=64, allow_blank=True)


class DocketSerializer(CaseSerializer):
    """A docket row: the case with its days remaining and alert level."""

    days_remaining = serializers.SerializerMethodField()
    alert = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "days_remaining", "alert"]

    def _status(self, obj: Case) -> Any:
        cache = self.context.setdefault("_limits", {})
        if obj.pk not in cache:
            if "_calendar" not in self.context:
                self.context["_calendar"] = court_calendar()  # one lookup for the whole page
            cache[obj.pk] = selectors.time_limit_status(
                obj, as_of=timezone.localdate(), calendar=self.context["_calendar"]
            )
        return cache[obj.pk]

    def get_days_remaining(self, obj: Case) -> int:
        return self._status(obj).days_remaining

    def get_alert(self, obj: Case) -> str:
        return str(self._status(obj).alert)


class CaseDetailSerializer(CaseSerializer):
    hearings = serializers.SerializerMethodField()
    payments = PaymentSerializer(many=True, read_only=True)
    overpayments = OverpaymentSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "hearings", "payments", "overpayments", "timeline"]

    def get_hearings(self, obj: Case) -> list[dict[str, Any]]:
        return HearingSerializer(obj.hearings.all(), many=True, context=self.context).data

    def get_timeline(self, obj: Case) -> list[dict[str, Any]]:
        return [
            {
                "seq": e.seq,
                "at": e.created_at,
                "actor": e.actor_label,
                "action": e.action,
                "label": event_label(e.action),
                "after": e.after,
            }
            for e in selectors.timeline(obj)
        ]


# --------------------------------------------------------------------------------------------
# Views


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


@extend_schema(request=DecideSerializer, responses={200: dict})
@api_view(["POST"])
def decide_relief(request: Request, pk: str) -> Response:
    relief = selectors.relief_for(request.user, parse_pk(pk), action="decide")
    relief = payments.decide_fee_relief(
        actor=request.user, relief=relief, **validated(DecideSerializer, request)
    )
    return Response({"id": relief.pk, "status": relief.status, "reasons": relief.decision_reasons})


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        return selectors.cases_for(self.request.user).prefetch_related(*selectors.CASE_ROW_PREFETCH)

    def get_object(self) -> Case:
        return selectors.case_for(self.request.user, parse_pk(self.kwargs["pk"]))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(CaseDetailSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def docket(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.docket(request.user))
        return self.get_paginated_response(
            DocketSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=None,
        responses={200: PaymentSerializer, 201: PaymentSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def payments(self, request: Request, pk: str) -> Response:
        """Open an order for what is due on the case's fee (201); while one is open, the same
        order again (200): a fee has at most one open order."""
        case = selectors.case_for(request.user, parse_pk(pk), action="pay")
        payment, created = payments.order_case_fee(actor=request.user, case=case)
        return Response(
            PaymentSerializer(payment).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @action(detail=True, methods=["post"])
    def hearings(self, request: Request, pk: str) -> Response:
        case = selectors.case_for(request.user, parse_pk(pk), action="manage")
        hearing = hearings.schedule_hearing(
            actor=request.user, case=case, **validated(HearingWriteSerializer, request)
        )
        return Response(
            HearingSerializer(hearing, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        case = selectors.case_for(request.user, parse_pk(pk), action="manage")
        case = hearings.close_case(
            actor=request.user, case=case, **validated(CloseSerializer, request)
        )
        return Response(CaseSerializer(case, context={"request": request}).data)

    @extend_schema(request=None, responses={201: dict})
    @action(detail=True, methods=["post"], url_path="acceptance-notice")
    def acceptance_notice(self, request: Request, pk: str) -> Response:
        case = selectors.case_for(request.user, parse_pk(pk), action="manage")
        document = documents.acceptance_notice(actor=request.user, case=case)
        return Response({"document": document.pk}, status=status.HTTP_201_CREATED)


class HearingViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HearingSerializer

    def get_queryset(self) -> QuerySet[Hearing]:
        return Hearing.objects.filter(case__in=selectors.cases_for(self.request.user))

    def get_object(self) -> Hearing:
        return selectors.hearing_for(self.request.user, parse_pk(self.kwargs["pk"]))

    def _managed(self) -> Hearing:
        return selectors.hearing_for(
            self.request.user, parse_pk(self.kwargs["pk"]), action="manage"
        )

    def _out(self, hearing: Hearing) -> Response:
        return Response(HearingSerializer(hearing, context={"request": self.request}).data)

    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: str) -> Response:
        hearing = self._managed()
        attended = {
            int(k): bool(v)
            for k, v in (request.data.get("attended") or {}).items()
            if str(k).isdigit()
        }
        return self._out(
            hearings.record_hearing(
                actor=request.user,
                hearing=hearing,
                record=str(request.data.get("record", "")),
                attended=attended,
            )
        )

    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        hearing = self._managed()
        return self._out(
            hearings.cancel_hearing(
                actor=request.user, hearing=hearing, reason=str(request.data.get("reason", ""))
            )
        )

    @action(detail=True, methods=["post"])
    def summons(self, request: Request, pk: str) -> Response:
        hearing = self._managed()
        docs = documents.summonses(actor=request.user, hearing=hearing)
        return Response({"documents": [d.pk for d in docs]}, status=status.HTTP_201_CREATED)


@extend_schema(request=OverpaymentRefundSerializer, responses={200: OverpaymentSerializer})
@api_view(["POST"])
def refund_overpayment(request: Request, pk: str) -> Response:
    """The court's finance returned an overpayment: a clerk or the court administrator records
    it with the refund's reference (repeating the same reference changes nothing)."""
    overpayment = (
        Overpayment.objects.select_related("payment", "case").filter(pk=parse_pk(pk)).first()
    )
    if overpayment is None:
        raise NotVisible(_("多付款项不存在。"))
    selectors.case_for(request.user, overpayment.case_id)  # outsiders get 404
    overpayment = payments.refund_overpayment(
        actor=request.user,
        overpayment=overpayment,
        reference=validated(OverpaymentRefundSerializer, request)["reference"],
    )
    return Response(OverpaymentSerializer(overpayment).data)


@extend_schema(request=None, responses={200: dict, 400: dict})
@csrf_exempt
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def payment_callback(request: Request, gateway_name: str) -> Response:
    """Gateway → court. Signature checked on the raw body; bad → 400 and nothing changes;
    replays are acknowledged and ignored."""
    try:
        result, payment = payments.handle_callback(
            gateway_name=gateway_name, body=request.body, headers=request.headers
        )
    except BadCallback as exc:
        return Response(error_body(400, "bad_callback", str(exc)), status=400)
    return Response({"result": result, "order_id": payment.order_id, "status": payment.status})
