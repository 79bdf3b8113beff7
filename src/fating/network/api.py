"""REST API for the court network. Thin: visibility from selectors, writes through services."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.api_helpers import parse_pk
from fating.core.identifiers import mask_mobile
from fating.network import selectors, services
from fating.network.map import network_map
from fating.network.models import (
    Area,
    Court,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "code", "name", "level", "parent", "population", "population_year"]


class CourtSerializer(serializers.ModelSerializer):
    class Meta:
        model = Court
        fields = ["id", "name", "code", "province", "area"]


class TribunalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tribunal
        fields = ["id", "name", "court", "address", "phone", "areas"]


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
        read_only_fields = ["tribunal", "areas"]

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
        ]


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
        ]


class SearchMixin:
    search_fields: tuple[str, ...] = ("name",)

    def filter_search(self, qs: QuerySet) -> QuerySet:
        request: Request = self.request  # type: ignore[attr-defined]
        return selectors.search(qs, request.query_params.get("q", ""), *self.search_fields)


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AreaSerializer

    def get_queryset(self) -> QuerySet[Area]:
        qs = selectors.areas_for(self.request.user)
        level = self.request.query_params.get("level")
        parent = self.request.query_params.get("parent")
        if level:
            qs = qs.filter(level=level)
        if parent and parent.isdigit():
            qs = qs.filter(parent_id=int(parent))
        return qs


class CourtViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CourtSerializer

    def get_queryset(self) -> QuerySet[Court]:
        return selectors.courts_for(self.request.user)


class TribunalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TribunalSerializer

    def get_queryset(self) -> QuerySet[Tribunal]:
        return selectors.tribunals_for(self.request.user).prefetch_related("areas")


class ServicePointViewSet(
    SearchMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ServicePointSerializer
    search_fields = ("name", "address")
    http_method_names = ["get", "patch", "head", "options"]

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

    def perform_update(self, serializer: ServicePointSerializer) -> None:
        serializer.instance = services.update_service_point(
            actor=self.request.user, point=serializer.instance, changes=serializer.validated_data
        )


class LiaisonViewSet(
    SearchMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = LiaisonSerializer
    search_fields = ("name", "service_point__name", "area__name")
    http_method_names = ["get", "post", "patch", "head", "options"]

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
        )

    def perform_update(self, serializer: LiaisonSerializer) -> None:
        serializer.instance = services.update_liaison(
            actor=self.request.user, liaison=serializer.instance, changes=serializer.validated_data
        )


class OrganisationViewSet(SearchMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[MediationOrganisation]:
        return self.filter_search(selectors.organisations_for(self.request.user))

    def get_object(self) -> MediationOrganisation:
        return selectors.organisation_for(self.request.user, parse_pk(self.kwargs["pk"]))


class MediatorViewSet(SearchMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MediatorSerializer
    search_fields = ("name", "organisation__name")

    def get_queryset(self) -> QuerySet[Mediator]:
        return self.filter_search(selectors.mediators_for(self.request.user))

    def get_object(self) -> Mediator:
        return selectors.mediator_for(self.request.user, parse_pk(self.kwargs["pk"]))


@extend_schema(
    summary="Network map data",
    description="County and township outlines (GeoJSON) and the visible service points.",
    responses={200: dict},
)
@api_view(["GET"])
def map_data(request: Request) -> Response:
    return Response(network_map(request.user))
