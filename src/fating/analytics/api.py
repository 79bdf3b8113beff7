"""REST API of the governance dashboard. Thin: visibility from selectors, figures from the
roll-up through `indicators`."""

from __future__ import annotations

from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.analytics.mapdata import map_data
from fating.analytics.params import catalogue_for, charts_for, dashboard_for
from fating.network.models import Court


@api_view(["GET"])
def dashboard(request: Request) -> Response:
    """Indicators with definitions, last year's same period, drill-down and point usage."""
    return Response(dashboard_for(request.user, request.query_params))


@api_view(["GET"])
def map_view(request: Request) -> Response:
    data = dashboard_for(request.user, request.query_params)
    court_area = Court.objects.values_list("area_id", flat=True).get(pk=data["court"]["id"])
    return Response(map_data(data, court_area))


@api_view(["GET"])
def charts(request: Request) -> Response:
    """The dashboard's charts: 12-month trend, tier funnel, top causes, busiest service points."""
    return Response(charts_for(request.user, request.query_params))


@api_view(["GET"])
def indicators(request: Request) -> Response:
    """Every indicator as `fating indicators --json` prints it: key, name, definition, value,
    last_year, change (a list)."""
    return Response(catalogue_for(request.user, request.query_params))
