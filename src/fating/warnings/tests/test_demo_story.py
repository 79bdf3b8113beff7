"""The demo's warning story: a burst against one property company is detected and explained,
assessed, and answered with a judicial suggestion."""

from __future__ import annotations

import pytest

from fating.documents.models import Document
from fating.network.demo import seed_county
from fating.network.demo_plan import build_county
from fating.warnings.demo import COMPANY, seed_warning_story

pytestmark = pytest.mark.django_db


def test_burst_raises_an_explained_warning_that_is_acted_on(
    django_capture_on_commit_callbacks,
) -> None:
    seed_county(build_county())
    with django_capture_on_commit_callbacks(execute=True):
        warning = seed_warning_story()
    assert warning is not None and warning.kind == "mass_dispute"
    assert COMPANY in warning.explanation and "共 5 件" in warning.explanation
    assert warning.status == "acting"
    assert Document.objects.filter(kind="judicial_suggestion").exists()
