"""A retried service request is one service: POST /api/v1/delivery/services/ honours
Idempotency-Key and replays the first answer (fating.core.idempotency)."""

from __future__ import annotations

import json

import pytest

from fating.delivery import services
from fating.delivery.models import Service
from fating.delivery.tests.factories import Served
from fating.testing import client_for

pytestmark = pytest.mark.django_db


def test_a_retried_service_is_one_service_and_the_same_answer(served: Served) -> None:
    clerk = served.user("clerk")
    key = served.key("respondent")
    services.record_consent(actor=clerk, matter=served.matter, party_key=key, channel="in_app")
    client = client_for(clerk)
    body = {"document": served.document.pk, "party_key": key, "channels": ["in_app"]}

    def post(data: dict) -> object:
        return client.post(
            "/api/v1/delivery/services/", data=json.dumps(data),
            content_type="application/json", HTTP_IDEMPOTENCY_KEY="serve-1",
        )  # fmt: skip

    first, again = post(body), post(body)
    assert first.status_code == again.status_code == 201, first.content
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert Service.objects.count() == 1
    assert post({**body, "channels": ["post"]}).status_code == 422
    assert Service.objects.count() == 1
