"""REST API for the court network. Thin: visibility from selectors, writes through services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.access import obtain
from fating.core.api_helpers import parse_pk
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from fating.core.identifiers import mask_mobile
from fating.network import importing, selectors, services, workbook
from fating.network.map import network_map
from fating.network.models import (
    Area,
    Court,
    Liaison,
    LiaisonTraining,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "code", "name", "level", "parent", "population", "population_year"]
        read_only_fields = ["population", "population_year"]


class PopulationSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1949, max_value=2100, help_text="人口统计年度")
    population = serializers.IntegerField(min_value=0, max_value=100_000_000,
                                          help_text="该年度常住人口（人）")  # fmt: skip


class TrainingSerializer(serializers.ModelSerializer):
    class Meta:
        model = LiaisonTraining
        fields = ["id", "held_on", "topic", "hours"]


class ImportRequestSerializer(serializers.Serializer):
    court = serializers.CharField(max_length=12, help_text="法院代字，如 鲁0321")
    file = serializers.FileField(help_text="按模板填写的网络表格（xlsx）")
    dry_run = serializers.BooleanField(required=False, default=False, help_text="只预览，不写入")


class CourtSerializer(serializers.ModelSerializer):
    area_code = serializers.CharField(max_length=15, write_only=True, required=False,
                                      help_text="县（区）区划代码（新建时必填）")  # fmt: skip
    area_name = serializers.CharField(max_length=60, write_only=True, required=False,
                                      help_text="县（区）名称（新建时必填）")  # fmt: skip

    class Meta:
        model = Court
        fields = ["id", "name", "code", "province", "area", "active", "area_code", "area_name"]
        read_only_fields = ["area", "active"]
        extra_kwargs = {"province": {"required": False}}


class TribunalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tribunal
        fields = ["id", "name", "kind", "court", "address", "phone", "areas", "active"]
        read_only_fields = ["active"]


class ServicePointSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    tribunal_name = serializers.CharField(source="tribunal.name", read_only=True)
    paired_officer_name = serializers.SerializerMethodField()

    class Meta:
        model = ServicePoint
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "tribunal",
            "tribunal_name",
            "address",
            "longitude",
            "latitude",
            "areas",
            "paired_officer",
            "paired_officer_name",
            "opened_on",
            "active",
        ]

    def get_paired_officer_name(self, obj: ServicePoint) -> str:
        return obj.paired_officer.display_name if obj.paired_officer else ""


class ContactMaskingMixin:
    """Mask phone numbers for readers outside the network (parties, agents)."""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)  # type: ignore[misc]
        request = self.context.get("request")  # type: ignore[attr-defined]
        if "phone" in data and not (request and selectors.can_see_contacts(request.user)):
            data["phone"] = mask_mobile(data["phone"]) if data["phone"] else ""
        return data


class LiaisonSerializer(ContactMaskingMixin, serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    service_point_name = serializers.CharField(source="service_point.name", read_only=True)

    class Meta:
        model = Liaison
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "service_point",
            "service_point_name",
            "area",
            "phone",
            "active",
            "appointed_on",
            "paired_officer",
        ]


class OrganisationSerializer(ContactMaskingMixin, serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = MediationOrganisation
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "court",
            "area",
            "is_court_invited",
            "specialties",
            "phone",
            "active",
        ]
        read_only_fields = ["specialties", "active"]


class MediatorSerializer(ContactMaskingMixin, serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Mediator
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "organisation",
            "organisation_name",
            "specialties",
            "phone",
            "active",
            "is_gold",
            "is_retired_judge",
        ]
        read_only_fields = ["specialties", "active"]


class SearchMixin:
    search_fields: tuple[str, ...] = ("name",)

    def filter_search(self, qs: QuerySet) -> QuerySet:
        request: Request = self.request  # type: ignore[attr-defined]
        return selectors.search(qs, request.query_params.get("q", ""), *self.search_fields)


class KeptMixin:
    """Create (with Idempotency-Key), edit and close through the services; another court's
    rows are 404, visible rows the user may not change are 403 (the access rule)."""

    missing = "记录不存在。"

    def base_queryset(self) -> QuerySet:
        """Each viewset names the rows it keeps (the mixin cannot guess them)."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define base_queryset()")

    def get_object(self) -> Any:
        request: Request = self.request  # type: ignore[attr-defined]
        write = request.method not in ("GET", "HEAD", "OPTIONS")
        return obtain(selectors.restrict, self.base_queryset(), request.user,
                      parse_pk(self.kwargs["pk"]), "change" if write else "view",  # type: ignore[attr-defined]
                      missing=self.missing, refused="只有本院管理员可以维护本院网络。")  # fmt: skip

    @extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)  # type: ignore[misc]

    def close_object(self, close: Any) -> Response:
        obj = close(self.request.user, self.get_object())  # type: ignore[attr-defined]
        return Response(self.get_serializer(obj).data)  # type: ignore[attr-defined]


_WRITE = ["get", "post", "patch", "head", "options"]


class AreaViewSet(KeptMixin, viewsets.ModelViewSet):
    serializer_class = AreaSerializer
    http_method_names = _WRITE
    missing = "区划不存在。"

    def base_queryset(self) -> QuerySet[Area]:
        return Area.objects.all()

    def get_queryset(self) -> QuerySet[Area]:
        qs = selectors.areas_for(self.request.user)
        level = self.request.query_params.get("level")
        parent = self.request.query_params.get("parent")
        if level:
            qs = qs.filter(level=level)
        if parent and parent.isdigit():
            qs = qs.filter(parent_id=int(parent))
        return qs

    def perform_create(self, serializer: AreaSerializer) -> None:
        d = serializer.validated_data
        parent = d.get("parent")
        court = selectors.court_of_area(parent) if parent is not None else None
        if court is None:
            raise FieldError({"parent": "上级区划必须是本院辖区内的区划。"})
        serializer.instance = services.create_area(
            actor=self.request.user, court=court, code=d["code"], name=d["name"],
            level=d["level"], parent=parent,
        )  # fmt: skip

    def perform_update(self, serializer: AreaSerializer) -> None:
        serializer.instance = services.update_area(
            actor=self.request.user, area=serializer.instance, changes=serializer.validated_data
        )

    @extend_schema(request=PopulationSerializer, responses=AreaSerializer)
    @action(detail=True, methods=["post"])
    def population(self, request: Request, pk: str) -> Response:
        area = self.get_object()
        data = PopulationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.set_area_population(actor=request.user, area=area, **data.validated_data)
        area.refresh_from_db()
        return Response(AreaSerializer(area).data)


class CourtViewSet(KeptMixin, viewsets.ModelViewSet):
    serializer_class = CourtSerializer
    http_method_names = _WRITE
    missing = "法院不存在。"

    def base_queryset(self) -> QuerySet[Court]:
        return Court.objects.select_related("area")

    def get_queryset(self) -> QuerySet[Court]:
        return selectors.courts_for(self.request.user)

    def perform_create(self, serializer: CourtSerializer) -> None:
        d = serializer.validated_data
        serializer.instance = services.create_court(
            actor=self.request.user, name=d["name"], code=d["code"],
            province=d.get("province", ""), area_code=d.get("area_code", ""),
            area_name=d.get("area_name", ""),
        )  # fmt: skip

    def perform_update(self, serializer: CourtSerializer) -> None:
        changes = {k: v for k, v in serializer.validated_data.items() if k in services.COURT_FIELDS}
        serializer.instance = services.update_court(
            actor=self.request.user, court=serializer.instance, changes=changes
        )

    @extend_schema(request=None, responses=CourtSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self.close_object(lambda a, o: services.close_court(actor=a, court=o))


class TribunalViewSet(KeptMixin, viewsets.ModelViewSet):
    serializer_class = TribunalSerializer
    http_method_names = _WRITE
    missing = "人民法庭不存在。"

    def base_queryset(self) -> QuerySet[Tribunal]:
        return Tribunal.objects.select_related("court").prefetch_related("areas")

    def get_queryset(self) -> QuerySet[Tribunal]:
        return selectors.tribunals_for(self.request.user).prefetch_related("areas")

    def perform_create(self, serializer: TribunalSerializer) -> None:
        d = serializer.validated_data
        serializer.instance = services.create_tribunal(
            actor=self.request.user, court=d["court"], name=d["name"],
            kind=d.get("kind", Tribunal.Kind.RURAL), address=d.get("address", ""),
            phone=d.get("phone", ""), areas=list(d.get("areas", [])),
        )  # fmt: skip

    def perform_update(self, serializer: TribunalSerializer) -> None:
        serializer.instance = services.update_tribunal(
            actor=self.request.user, tribunal=serializer.instance,
            changes=serializer.validated_data,
        )  # fmt: skip

    @extend_schema(request=None, responses=TribunalSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self.close_object(lambda a, o: services.close_tribunal(actor=a, tribunal=o))


class ServicePointViewSet(SearchMixin, KeptMixin, viewsets.ModelViewSet):
    serializer_class = ServicePointSerializer
    search_fields = ("name", "address")
    http_method_names = _WRITE
    missing = "服务点不存在。"

    def base_queryset(self) -> QuerySet[ServicePoint]:
        return ServicePoint.objects.select_related("tribunal__court", "paired_officer")

    def get_queryset(self) -> QuerySet[ServicePoint]:
        # Only the ids of covered areas are serialised; loading whole rows cost most of the time.
        qs = selectors.service_points_for(self.request.user).prefetch_related(
            Prefetch("areas", queryset=Area.objects.only("id"))
        )
        kind = self.request.query_params.get("kind")
        if kind:
            qs = qs.filter(kind=kind)
        return self.filter_search(qs)

    def get_object(self) -> ServicePoint:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return selectors.service_point_for(
            self.request.user, parse_pk(self.kwargs["pk"]), write=write
        )

    def perform_create(self, serializer: ServicePointSerializer) -> None:
        d = serializer.validated_data
        serializer.instance = services.create_service_point(
            actor=self.request.user, tribunal=d["tribunal"], name=d["name"], kind=d["kind"],
            longitude=d["longitude"], latitude=d["latitude"], opened_on=d["opened_on"],
            address=d.get("address", ""), paired_officer=d.get("paired_officer"),
            areas=list(d.get("areas", [])),
        )  # fmt: skip

    def perform_update(self, serializer: ServicePointSerializer) -> None:
        serializer.instance = services.update_service_point(
            actor=self.request.user, point=serializer.instance, changes=serializer.validated_data
        )

    @extend_schema(request=None, responses=ServicePointSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self.close_object(lambda a, o: services.close_service_point(actor=a, point=o))


class LiaisonViewSet(SearchMixin, KeptMixin, viewsets.ModelViewSet):
    serializer_class = LiaisonSerializer
    search_fields = ("name", "service_point__name", "area__name")
    http_method_names = _WRITE
    missing = "联络员不存在。"

    def base_queryset(self) -> QuerySet[Liaison]:
        return Liaison.objects.select_related("service_point__tribunal", "area")

    def get_queryset(self) -> QuerySet[Liaison]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no real user
            return Liaison.objects.none()
        return self.filter_search(selectors.liaisons_for(self.request.user))

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)
        # The whole liaison directory, writes included, is for people working in the network.
        selectors.liaisons_for(request.user)

    def get_serializer(self, *args: Any, **kwargs: Any) -> LiaisonSerializer:
        serializer = super().get_serializer(*args, **kwargs)
        # A point the user cannot see answers like one that does not exist.
        if not getattr(self, "swagger_fake_view", False) and not isinstance(
            serializer, serializers.ListSerializer
        ):
            fields = serializer.fields
            fields["service_point"].queryset = selectors.service_points_for(self.request.user)
            fields["area"].queryset = selectors.areas_for(self.request.user)
        return serializer

    def get_object(self) -> Liaison:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return selectors.liaison_for(self.request.user, parse_pk(self.kwargs["pk"]), write=write)

    def perform_create(self, serializer: LiaisonSerializer) -> None:
        data = serializer.validated_data
        point = selectors.service_point_for(self.request.user, data["service_point"].pk)
        serializer.instance = services.register_liaison(
            actor=self.request.user,
            service_point=point,
            name=data["name"],
            kind=data["kind"],
            phone=data.get("phone", ""),
            area=data.get("area"),
            appointed_on=data.get("appointed_on"),
            paired_officer=data.get("paired_officer"),
        )

    def perform_update(self, serializer: LiaisonSerializer) -> None:
        serializer.instance = services.update_liaison(
            actor=self.request.user, liaison=serializer.instance, changes=serializer.validated_data
        )

    @extend_schema(request=None, responses=LiaisonSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self.close_object(lambda a, o: services.close_liaison(actor=a, liaison=o))

    @extend_schema(request=TrainingSerializer, responses={201: TrainingSerializer})
    @action(detail=True, methods=["post"])
    def trainings(self, request: Request, pk: str) -> Response:
        liaison = self.get_object()
        data = TrainingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        training = services.record_liaison_training(
            actor=request.user, liaison=liaison, **data.validated_data
        )
        return Response(TrainingSerializer(training).data, status=201)


class OrganisationViewSet(SearchMixin, KeptMixin, viewsets.ModelViewSet):
    serializer_class = OrganisationSerializer
    http_method_names = _WRITE
    missing = "调解组织不存在。"

    def base_queryset(self) -> QuerySet[MediationOrganisation]:
        return MediationOrganisation.objects.select_related("court", "area")

    def get_queryset(self) -> QuerySet[MediationOrganisation]:
        return self.filter_search(selectors.organisations_for(self.request.user))

    def perform_create(self, serializer: OrganisationSerializer) -> None:
        d = serializer.validated_data
        serializer.instance = services.create_organisation(
            actor=self.request.user, court=d["court"], name=d["name"], kind=d["kind"],
            area=d.get("area"), is_court_invited=d.get("is_court_invited", False),
            phone=d.get("phone", ""),
        )  # fmt: skip

    def perform_update(self, serializer: OrganisationSerializer) -> None:
        serializer.instance = services.update_organisation(
            actor=self.request.user, organisation=serializer.instance,
            changes=serializer.validated_data,
        )  # fmt: skip

    @extend_schema(request=None, responses=OrganisationSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self.close_object(lambda a, o: services.close_organisation(actor=a, organisation=o))


class MediatorViewSet(SearchMixin, KeptMixin, viewsets.ModelViewSet):
    serializer_class = MediatorSerializer
    search_fields = ("name", "organisation__name")
    http_method_names = _WRITE
    missing = "调解员不存在。"

    def base_queryset(self) -> QuerySet[Mediator]:
        return Mediator.objects.select_related("organisation")

    def get_queryset(self) -> QuerySet[Mediator]:
        return self.filter_search(selectors.mediators_for(self.request.user))

    def perform_create(self, serializer: MediatorSerializer) -> None:
        d = serializer.validated_data
        serializer.instance = services.create_mediator(
            actor=self.request.user, organisation=d["organisation"], name=d["name"],
            kind=d["kind"], phone=d.get("phone", ""), is_gold=d.get("is_gold", False),
            is_retired_judge=d.get("is_retired_judge", False),
        )  # fmt: skip

    def perform_update(self, serializer: MediatorSerializer) -> None:
        serializer.instance = services.update_mediator(
            actor=self.request.user, mediator=serializer.instance,
            changes=serializer.validated_data,
        )  # fmt: skip

    @extend_schema(request=None, responses=MediatorSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self.close_object(lambda a, o: services.close_mediator(actor=a, mediator=o))


@extend_schema(
    summary="Import the court's network from the workbook (all rows or none)",
    request={"multipart/form-data": ImportRequestSerializer},
    responses={200: dict},
)
@api_view(["POST"])
def import_network(request: Request) -> Response:
    if not selectors.administers_network(request.user):
        raise NotPermitted("只有法院管理员可以导入法庭网络。")
    data = ImportRequestSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    d = data.validated_data
    court = selectors.administered_court(request.user, d["court"])
    report = importing.import_network(actor=request.user, court=court,
                                     book=workbook.read(d["file"]), dry_run=d["dry_run"])  # fmt: skip
    return Response({
        "dry_run": report.dry_run, "written": report.written, "created": report.created,
        "updated": report.updated,
        "errors": [{"sheet": e.sheet, "row": e.row, "column": e.column, "message": e.message}
                   for e in report.errors],
    }, status=200 if report.ok else 400)  # fmt: skip


@extend_schema(
    summary="Network map data",
    description="County and township outlines (GeoJSON) and the visible service points.",
    responses={200: dict},
)
@api_view(["GET"])
def map_data(request: Request) -> Response:
    return Response(network_map(request.user))
