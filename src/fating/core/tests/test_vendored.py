"""Vendored assets match the checksums in VENDORED.md, and templates load nothing from outside."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import fating

PACKAGE = Path(fating.__file__).parent
VENDOR = PACKAGE / "static" / "vendor"


def test_checksums_match_the_table() -> None:
    table = (VENDOR / "VENDORED.md").read_text()
    rows = re.findall(r"`([\w.\-/]+\.js)`.*?`([0-9a-f]{64})`", table)
    assert len(rows) >= 2
    for path, digest in rows:
        assert hashlib.sha256((VENDOR / path).read_bytes()).hexdigest() == digest, path
        assert any(p.name.startswith("LICENSE") for p in (VENDOR / path).parent.iterdir())


def test_no_external_urls_in_templates_and_static() -> None:
    external = re.compile(r"""(src|href)=["']https?://""")
    offenders = [
        str(p)
        for p in list(PACKAGE.rglob("*.html")) + list((PACKAGE / "static" / "fating").rglob("*"))
        if p.is_file() and external.search(p.read_text(errors="ignore"))
    ]
    assert offenders == []
