from django.urls import path
from rest_framework.routers import SimpleRouter

from fating.network import api

router = SimpleRouter()
router.register("areas", api.AreaViewSet, basename="area")
router.register("courts", api.CourtViewSet, basename="court")
router.register("tribunals", api.TribunalViewSet, basename="tribunal")
router.register("service-points", api.ServicePointViewSet, basename="service-point")
router.register("liaisons", api.LiaisonViewSet, basename="liaison")
router.register("organisations", api.OrganisationViewSet, basename="organisation")
router.register("mediators", api.MediatorViewSet, basename="mediator")

app_name = "network-api"
urlpatterns = [
    path("map/", api.map_data, name="map"),
    path("import/", api.import_network, name="import"),
    *router.urls,
]
