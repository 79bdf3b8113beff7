"""The cases web layer is laid out by resource (issue 13): `api/` and `views/` packages with one
module per resource, no `api_*.py` / `views_*.py` beside them, selectors that never reach into
services, and no import circle among the app's files."""

from __future__ import annotations

import ast
from pathlib import Path

from django.urls import resolve, reverse

from fating.core.tests.test_import_circles import _circles, _import_graph

CASES = Path(__file__).resolve().parents[1]
RESOURCES = {
    "filings", "cases", "fees", "hearings", "changes", "time_limits", "mediation", "risk", "triage",
    "divorce", "investigation",
}  # fmt: skip


def test_no_topic_modules_beside_the_packages() -> None:
    stray = sorted(p.name for p in CASES.glob("*.py") if p.name.startswith(("api_", "views_")))
    assert stray == ["api_urls.py"]
    assert not (CASES / "api.py").exists()
    assert not (CASES / "views.py").exists()


def test_api_and_views_are_packages_by_resource() -> None:
    api = {p.stem for p in (CASES / "api").glob("*.py")} - {"__init__"}
    views = {p.stem for p in (CASES / "views").glob("*.py")} - {"__init__"}
    assert api == RESOURCES
    # Pages also share their field labels and input parsers.
    assert views == RESOURCES | {"common"}


def test_selectors_do_not_import_services() -> None:
    tree = ast.parse((CASES / "selectors.py").read_text(encoding="utf8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not [m for m in imported if m.startswith("fating.cases.services")]


def test_no_file_circle_in_cases() -> None:
    graph = _import_graph()
    circles = [c for c in _circles(graph) if any(m.startswith("fating.cases") for m in c)]
    assert circles == []


def test_urls_resolve_to_the_resource_modules() -> None:
    # Paths and names are unchanged; each lands in its resource's module.
    expected = {
        reverse("cases:case", args=[1]): "fating.cases.case_tabs",
        reverse("cases:filing-new"): "fating.cases.views.filings",
        reverse("cases:changes-act", args=[1]): "fating.cases.views.changes",
        reverse("cases:triage-admin"): "fating.cases.views.triage",
        reverse("cases:sandbox-pay", args=["x"]): "fating.cases.views.fees",
        reverse("cases:join", args=["t"]): "fating.cases.views.hearings",
        reverse("cases-api:hearing-adjourn", args=[1]): "fating.cases.api.hearings",
        reverse("cases-api:speedy-teams"): "fating.cases.api.triage",
        reverse("cases-api:claim-change", args=[1]): "fating.cases.api.changes",
        reverse("cases-api:procedure-change", args=[1]): "fating.cases.api.changes",
        reverse("cases-api:refund-pay-out", args=[1]): "fating.cases.api.fees",
        reverse("cases-api:case-time-limit", args=[1]): "fating.cases.api.time_limits",
        reverse("cases-api:filing-list"): "fating.cases.api.filings",
    }
    assert {path: resolve(path).func.__module__ for path in expected} == expected
