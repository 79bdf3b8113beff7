"""The API's error contract: bodies that are not a JSON object, deep nesting, oversized bodies and
bad page parameters answer 4xx in the one error shape and write nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from fating.core.rest import MAX_JSON_DEPTH, MAX_PAGE_SIZE
from fating.testing import Network, client_for, routes_under

pytestmark = pytest.mark.django_db

NOT_OBJECTS = ["[]", '"x"', "123", "null", "true", '[{"title": "x"}]']


def _concrete(route: str) -> str:
    """A route with each parameter filled by 1 (the body is refused before any lookup)."""
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return re.sub(r"<[\w:]+>", "1", route)


WRITE_ROUTES = sorted(
    {_concrete(r) for r in routes_under("/api/v1/") if "(?P<format>" not in r and "\\." not in r}
)


def _row_count() -> int:
    return sum(model._default_manager.count() for model in apps.get_models())


def _assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    error: dict[str, Any] = response.json()["error"]
    assert error["status"] == status
    assert set(error) == {"status", "code", "message", "fields"}
    assert re.search(r"[\u4e00-\u9fff]", error["message"]), error["message"]
    return error


def test_every_api_route_is_enumerated() -> None:
    assert "/api/v1/disputes/" in WRITE_ROUTES
    assert "/api/v1/auth/token/" in WRITE_ROUTES
    assert len(WRITE_ROUTES) > 40


@pytest.mark.parametrize("route", WRITE_ROUTES)
def test_a_body_that_is_not_an_object_is_refused_everywhere(network: Network, route: str) -> None:
    client = client_for(network.users["court_admin"])
    before = _row_count()
    for body in NOT_OBJECTS:
        error = _assert_error(client.post(route, body, content_type="application/json"), 400)
        assert "JSON 对象" in error["message"]
    assert _row_count() == before


@pytest.mark.parametrize("method", ["put", "patch"])
def test_put_and_patch_refuse_non_objects_too(network: Network, method: str) -> None:
    client = client_for(network.users["court_admin"])
    before = _row_count()
    response = getattr(client, method)(
        f"/api/v1/network/service-points/{network.point.pk}/", "[]", content_type="application/json"
    )
    _assert_error(response, 400)
    assert _row_count() == before


def test_the_token_endpoint_refuses_non_objects_anonymously(network: Network) -> None:
    for body in NOT_OBJECTS:
        response = Client().post("/api/v1/auth/token/", body, content_type="application/json")
        _assert_error(response, 400)


def test_an_action_that_reads_no_body_still_refuses_a_non_object(network: Network) -> None:
    """DRF parses lazily; a submit that never reads request.data must not act on `[]`."""
    from fating.cases.models import Filing
    from fating.cases.tests.factories import draft_filing

    filing = draft_filing(network)
    client = client_for(network.users["party"])
    response = client.post(
        f"/api/v1/cases/filings/{filing.pk}/submit/", "[]", content_type="application/json"
    )
    _assert_error(response, 400)
    assert Filing.objects.get(pk=filing.pk).status == filing.status


@pytest.mark.parametrize(
    "body",
    [
        "[" * 10_000 + "]" * 10_000,
        '{"a":' * 10_000 + "1" + "}" * 10_000,
        '{"a":' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1),
        '{"title": ' + "[" * 40 + "]" * 40 + "}",
    ],
)
def test_deep_nesting_is_a_400(network: Network, body: str) -> None:
    client = client_for(network.users["liaison"])
    before = _row_count()
    error = _assert_error(
        client.post("/api/v1/disputes/", body, content_type="application/json"), 400
    )
    assert "嵌套" in error["message"]
    assert _row_count() == before


def test_nesting_within_the_bound_reaches_the_view(network: Network) -> None:
    body = '{"parties": ' + "[" * 5 + "]" * 5 + "}"
    response = client_for(network.users["liaison"]).post(
        "/api/v1/disputes/", body, content_type="application/json"
    )
    error = _assert_error(response, 400)
    assert error["code"] == "invalid"  # the serializer's field errors, not the parser's


@pytest.mark.parametrize("body", ["{bad", "NaN", '{"a": Infinity}', b"\xff\xfe"])
def test_malformed_json_is_a_400_in_the_shape(network: Network, body: str | bytes) -> None:
    response = client_for(network.users["liaison"]).post(
        "/api/v1/disputes/", body, content_type="application/json"
    )
    _assert_error(response, 400)


def test_an_oversized_body_is_a_413(network: Network, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = client_for(network.users["liaison"])
    before = _row_count()
    body = '{"title": "' + "x" * 2000 + '"}'
    response = client.post("/api/v1/disputes/", body, content_type="application/json")
    _assert_error(response, 413)
    assert _row_count() == before


def test_too_many_form_fields_is_a_400_in_the_shape(network: Network, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    data = {f"f{i}": "x" for i in range(20)}
    response = client_for(network.users["liaison"]).post("/api/v1/disputes/", data)
    _assert_error(response, 400)


def test_an_unsupported_media_type_is_a_415_in_the_shape(network: Network) -> None:
    response = client_for(network.users["liaison"]).post(
        "/api/v1/disputes/", "title=x", content_type="text/plain"
    )
    _assert_error(response, 415)


# --- pagination ----------------------------------------------------------------------------

LISTS = ["/api/v1/disputes/", "/api/v1/cases/filings/", "/api/v1/network/service-points/",
         "/api/v1/knowledge/orders/", "/api/v1/knowledge/qa/"]  # fmt: skip


@pytest.mark.parametrize("url", LISTS)
def test_a_limit_past_64_bits_is_clamped(network: Network, url: str) -> None:
    client = client_for(network.users["court_admin"])
    response = client.get(url, {"limit": "9" * 30})
    assert response.status_code == 200, response.content[:300]
    response = client.get(url, {"limit": "9" * 30, "offset": "9" * 30})
    assert response.status_code == 200, response.content[:300]
    assert response.json()["results"] == []


def test_the_clamp_is_the_max_page_size(network: Network) -> None:
    from fating.testing import ServicePointFactory

    for i in range(MAX_PAGE_SIZE + 5):
        ServicePointFactory.create(tribunal=network.tribunal, name=f"点{i}")
    response = client_for(network.users["court_admin"]).get(
        "/api/v1/network/service-points/", {"limit": "9" * 25}
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == MAX_PAGE_SIZE


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("name", "value"), [("limit", "-1"), ("limit", "0"), ("limit", "x"), ("offset", "-3"),
                        ("offset", "1e3")],
)  # fmt: skip
def test_bad_page_parameters_are_a_400_naming_them(
    network: Network, url: str, name: str, value: str
) -> None:
    response = client_for(network.users["court_admin"]).get(url, {name: value})
    error = _assert_error(response, 400)
    assert name in error["fields"]


# --- endpoints that answered 500 ---------------------------------------------------------


def test_dispute_statistics_answer_json_with_delegations(network: Network) -> None:
    from fating.disputes.models import Delegation

    response = client_for(network.users["court_admin"]).get("/api/v1/disputes/statistics/")
    assert response.status_code == 200, response.content[:300]
    assert isinstance(response.json()["delegations"], dict)
    # Keys are the labels as text (lazy labels were the 500).
    from fating.disputes import stats

    data = stats.statistics(court_ids=None)
    assert all(isinstance(k, str) for k in data["delegations"])
    assert Delegation.Status.choices


@pytest.mark.parametrize(
    ("url", "persona", "field"),
    [
        ("/api/v1/knowledge/qa/", None, "court"),
        ("/api/v1/knowledge/orders/", "liaison", "service_point"),
        ("/api/v1/knowledge/rules/", "liaison", "service_point"),
    ],
)
def test_an_empty_object_gets_field_errors(
    network: Network, url: str, persona: str | None, field: str
) -> None:
    client = client_for(network.users[persona] if persona else None)
    before = _row_count()
    error = _assert_error(client.post(url, {}, content_type="application/json"), 400)
    assert field in error["fields"]
    assert _row_count() == before


# --- the schema documents the errors ---------------------------------------------------------


def test_every_operation_documents_the_error_shape(network: Network) -> None:
    schema = client_for(network.users["judge"]).get("/api/schema/", {"format": "json"}).json()
    assert "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404", "429"} <= codes, (method, path)
            if method in ("post", "put", "patch"):
                assert {"413", "415"} <= codes, (method, path)
