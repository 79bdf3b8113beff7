"""The permission matrix: every persona against every documents page and endpoint.

The matter is a ServicePoint (registered in conftest): whoever sees the point through the network
selectors may read its documents and dossier; only the court administrator manages them.
Outsiders get 404, readers 403 on writes, anonymous visitors the login page (pages) or 401 (API).

The point is court A's. "other_admin" and "other_clerk" work only at court B (the "other court"
columns); "cross" is a clerk at court B and the liaison of this point, so it answers exactly as
court A's liaison does: it reads, and never manages.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.accounts.models import Role
from fating.documents import services
from fating.documents.tests.factories import context_for
from fating.testing import Network, client_for, generic_route, member, routes_under

STAFF_A = ["court_admin", "judge", "clerk", "liaison", "mediator", "governance"]
PUBLIC = ["party", "agent"]
PERSONAS = [*STAFF_A, *PUBLIC, "other_admin", "other_clerk", "cross", "outsider", "anonymous"]


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    for group, code in overrides.items():
        for persona in {"staff_a": STAFF_A, "public": PUBLIC}.get(group, [group]):
            table[persona] = code
    return table


VIEW_PAGE = expect(200, 302, other_admin=404, outsider=404)
VIEW_API = expect(200, 401, other_admin=404, outsider=404)
ARCHIVED_PAGE = expect(404, 302, staff_a=200)
ARCHIVED_API = expect(404, 401, staff_a=200)

D = "/documents/dossiers/network.servicepoint/{point}/"
A = "/api/v1/documents/dossiers/network.servicepoint/{point}/"
D_ARCHIVED = "/documents/dossiers/network.servicepoint/{archived_point}/archive.zip"
A_ARCHIVED = "/api/v1/documents/dossiers/network.servicepoint/{archived_point}/archive.zip"
UPLOAD = {"title": "借条", "category": "evidence", "file": "<file>"}
GENERATE = {"matter_type": "network.servicepoint", "matter_id": "{point}", "kind": "summons",
            "context": "<summons>"}  # fmt: skip

# (name, method, url, body, body format, expectations)
MATRIX = [
    ("document page", "get", "/documents/{doc}/", None, None, VIEW_PAGE),
    ("document docx", "get", "/documents/{doc}/docx/", None, None, VIEW_PAGE),
    ("document pdf", "get", "/documents/{doc}/pdf/", None, None, VIEW_PAGE),
    ("dossier page", "get", D, None, None, VIEW_PAGE),
    ("generate page", "get", "/documents/new/network.servicepoint/{point}/", None, None,
     expect(403, 302, court_admin=200, other_admin=404, outsider=404)),
    ("dossier add", "post", D + "add/", UPLOAD, "multipart",
     expect(403, 302, court_admin=302, other_admin=404, outsider=404)),
    ("dossier archive", "post", D + "archive/", {}, "multipart",
     expect(403, 302, court_admin=302, other_admin=404, outsider=404)),
    ("archive download", "get", D_ARCHIVED, None, None, ARCHIVED_PAGE),
    ("kinds", "get", "/api/v1/documents/kinds/", None, None, expect(200, 401)),
    ("generate", "post", "/api/v1/documents/documents/", GENERATE, "json",
     expect(403, 401, court_admin=201, other_admin=404, outsider=404)),
    ("document", "get", "/api/v1/documents/documents/{doc}/", None, None, VIEW_API),
    ("document docx api", "get", "/api/v1/documents/documents/{doc}/docx/", None, None, VIEW_API),
    ("document pdf api", "get", "/api/v1/documents/documents/{doc}/pdf/", None, None, VIEW_API),
    ("dossier", "get", A, None, None, VIEW_API),
    ("dossier add api", "post", A + "entries/", UPLOAD, "multipart",
     expect(403, 401, court_admin=201, other_admin=404, outsider=404)),
    ("dossier archive api", "post", A + "archive/", {}, "json",
     expect(403, 401, court_admin=200, other_admin=404, outsider=404)),
    ("archive download api", "get", A_ARCHIVED, None, None, ARCHIVED_API),
]  # fmt: skip

for _name, _method, _url, _body, _fmt, _table in MATRIX:
    _table["other_clerk"], _table["cross"] = _table["other_admin"], _table["liaison"]

CASES = [
    pytest.param(name, method, url, body, fmt, persona, table[persona], id=f"{name}-{persona}")
    for name, method, url, body, fmt, table in MATRIX
    for persona in PERSONAS
]


@pytest.fixture
def ids(network: Network, fast_pdf: None) -> dict[str, int]:
    network.users["other_clerk"] = member(Role.CLERK, tribunal=network.other_tribunal)
    admin = network.users["court_admin"]
    doc = services.generate_document(
        actor=admin, matter=network.point, kind="summons", context=context_for("summons")
    )
    # The inactive point is visible to court staff only; its dossier is archived.
    services.generate_document(
        actor=admin, matter=network.inactive_point, kind="summons", context=context_for("summons")
    )
    services.archive_dossier(actor=admin, matter=network.inactive_point)
    return {"doc": doc.pk, "point": network.point.pk, "archived_point": network.inactive_point.pk}


def _fill(value: object, ids: dict[str, int]) -> object:
    if value == "<file>":
        return SimpleUploadedFile(
            "借条.pdf", "%PDF-1.4 今借到人民币伍万元整。".encode(), "application/pdf"
        )
    if value == "<summons>":
        return context_for("summons")
    if isinstance(value, str):
        for key, pk in ids.items():
            if value == "{" + key + "}":
                return pk
            value = value.replace("{" + key + "}", str(pk))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("name", "method", "url", "body", "fmt", "persona", "status"), CASES)
def test_permission_matrix(
    network: Network, ids: dict[str, int], name: str, method: str, url: str,
    body: dict | None, fmt: str | None, persona: str, status: int,
) -> None:  # fmt: skip
    client = client_for(None if persona == "anonymous" else network.users[persona])
    kwargs: dict = {}
    if body is not None:
        kwargs["data"] = _fill(body, ids)
        if fmt == "json":
            kwargs["content_type"] = "application/json"
    response = getattr(client, method)(_fill(url, ids), **kwargs)
    assert response.status_code == status, (name, persona, response.content[:300])
    if status == 302:
        to_login = response["Location"].startswith("/login/")
        assert to_login == (persona == "anonymous"), response["Location"]
    if url.startswith("/api/v1/") and status >= 400:
        assert response.json()["error"]["status"] == status


def test_every_documents_route_is_in_the_matrix() -> None:
    """A new documents page or endpoint must be added to the matrix before it ships."""

    covered = {re.sub(r"\{\w+\}", "*", url) for _, _, url, _, _, _ in MATRIX}
    covered = {c.replace("network.servicepoint", "*") for c in covered}
    owned = ("/documents/", "/api/v1/documents/")
    routes = routes_under(*owned)
    missing = [r for r in routes if generic_route(r) not in covered]
    assert routes and not missing, missing
