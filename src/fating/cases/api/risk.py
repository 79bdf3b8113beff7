"""REST API for 诉讼风险评估 (/api/v1/cases/risk-assessment/): any signed-in user, nothing
stored; the same input fields as the page (JSON)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.cases.views.risk import assess


@extend_schema(request=dict, responses={200: dict})
@api_view(["POST"])
def risk_assessment(request: Request) -> Response:
    return Response(assess(request.data, user=request.user))
