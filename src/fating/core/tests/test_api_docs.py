"""The API docs page is served offline: every script and stylesheet comes from this server."""

from __future__ import annotations

import re

import pytest

from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


def test_docs_page_loads_only_local_assets(network: Network) -> None:
    client = client_for(network.users["judge"])
    html = client.get("/api/docs/").content.decode()
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert assets, html[:500]
    assert all(not a.startswith(("http://", "https://", "//")) for a in assets), assets
    for asset in (a for a in assets if a.startswith("/static/")):
        assert client.get(asset).status_code == 200, asset
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/disputes/" in schema["paths"]
    assert "/api/v1/network/service-points/" in schema["paths"]
    # Both ways of signing in are documented on every protected operation: the API token
    # (accounts.auth, knox's scheme) and the page session.
    schemes = schema["components"]["securitySchemes"]
    assert schemes["knoxApiToken"]["name"] == "Authorization" and "cookieAuth" in schemes
    security = schema["paths"]["/api/v1/disputes/"]["get"]["security"]
    assert {"knoxApiToken": []} in security and {"cookieAuth": []} in security
