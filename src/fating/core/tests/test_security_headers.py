"""Content-Security-Policy on pages; no-store on private answers, never on static files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def test_pages_carry_the_policy(network: Network) -> None:
    response = client_for(network.users["judge"]).get("/")
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'", "ws:", "wss:"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_an_inline_style_block_gets_the_nonce_the_header_names(network: Network) -> None:
    response = client_for(network.users["party"]).get("/cases/risk/")
    assert response.status_code == 200
    nonces = [
        s for s in _directives(response["Content-Security-Policy"])["style-src"] if "nonce" in s
    ]
    assert len(nonces) == 1
    assert f'<style nonce="{nonces[0][7:-1]}">' in response.content.decode()


def test_pages_without_inline_code_name_no_nonce(network: Network) -> None:
    response = client_for(network.users["judge"]).get("/")
    assert "nonce-" not in response["Content-Security-Policy"]


def test_no_template_keeps_inline_event_handlers() -> None:
    """on*="" attributes cannot run under the policy; behaviour lives in static/fating/app.js."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if re.search(r"\son[a-z]+=\"", path.read_text(encoding="utf-8"))
        and "/render/" not in str(path)
    ]
    offenders += [
        str(path.relative_to(root))
        for path in (root / "templates").glob("**/*.html")
        if re.search(r"\son[a-z]+=\"", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_signed_in_pages_are_not_stored(network: Network) -> None:
    response = client_for(network.users["judge"]).get("/")
    assert response.status_code == 200
    cache_control = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


def test_api_answers_are_not_stored(network: Network) -> None:
    response = client_for(network.users["judge"]).get("/api/v1/me/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    # Even an anonymous API answer (an error naming no one) is not kept by a shared cache.
    assert "no-store" in Client().get("/api/v1/me/")["Cache-Control"]


def test_public_pages_and_static_files_keep_their_caching(network: Network) -> None:
    assert "no-store" not in Client().get("/knowledge/").get("Cache-Control", "")
    response = client_for(network.users["judge"]).get("/static/fating/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_api_docs_load_their_start_up_script_as_a_file(network: Network) -> None:
    client = client_for(network.users["judge"])
    html = client.get("/api/docs/").content.decode()
    assert re.search(r'<script src="/api/docs/\?[^"]*script', html)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
