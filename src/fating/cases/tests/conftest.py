"""Every cases test stores uploads under a temporary MEDIA_ROOT, never in var/."""

from __future__ import annotations

from pathlib import Path

import pytest

from fating.disputes.tests.factories import world  # noqa: F401  (fixture: disputes for rollup tests)
from fating.network.models import Court
from fating.testing import Network, build_network


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


@pytest.fixture
def network(db: None) -> Network:
    """The shared network, with valid basic-court codes (案号规定 第4条): the shared factory may
    produce "鲁0000", which no case number can carry."""
    net = build_network()
    for court, code in ((net.court, "鲁0321"), (net.other_court, "鲁0322")):
        Court.objects.filter(pk=court.pk).update(code=code)
        court.code = code
    return net
