from pathlib import Path

import pytest

from fating.cases.tests.conftest import network  # noqa: F401  (court codes valid for case numbers)


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
