"""Fixtures of the documents tests: a private MEDIA_ROOT, ServicePoint registered as a matter,
and cached renders (PDF generation is the slow part; each kind is rendered once per run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fating.documents import registry, render
from fating.documents.kinds import get_kind
from fating.documents.rules import validate_context
from fating.documents.tests.factories import can_manage_point, can_view_point, context_for
from fating.network.models import ServicePoint

_RENDERS: dict[tuple[str, str], bytes] = {}


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def point_matter() -> Iterator[None]:
    registry.register_matter(ServicePoint, can_view=can_view_point, can_manage=can_manage_point)
    yield
    registry.unregister_matter(ServicePoint)


def rendered(kind: str, fmt: str) -> bytes:
    """The DOCX or PDF of the kind's sample context, rendered once per test run."""
    if (kind, fmt) not in _RENDERS:
        spec = get_kind(kind)
        assert spec is not None
        clean, errors = validate_context(spec.fields, context_for(kind))
        assert not errors, errors
        blocks, title = spec.build(clean), spec.title(clean)
        _RENDERS[(kind, "docx")] = render.render_docx(title=title, blocks=blocks)
        _RENDERS[(kind, "pdf")] = render.render_pdf(title=title, blocks=blocks)
    return _RENDERS[(kind, fmt)]


FAKE_PDF = b"%PDF-1.7\n% fake PDF for tests that do not look inside it\n%%EOF\n"


@pytest.fixture
def fast_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip WeasyPrint where the test is about permissions or the chain, not the PDF."""
    monkeypatch.setattr(render, "render_pdf", lambda **kwargs: FAKE_PDF)
    monkeypatch.setattr(render, "render_template_pdf", lambda template, context: FAKE_PDF)
