"""The demo's warning story: a burst of complaints from one housing estate is detected and
explained, assessed, and answered with a judicial suggestion."""

from __future__ import annotations

import pytest

from fating.demo.county import seed_county
from fating.demo.plan import build_county
from fating.demo.warning_story import ESTATE, seed_warning_story
from fating.disputes.tests.factories import causes_2025  # noqa: F401  (fixture)
from fating.documents.models import Document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("causes_2025")]


def test_burst_raises_an_explained_warning_that_is_acted_on(
    django_capture_on_commit_callbacks,
) -> None:
    seed_county(build_county())
    with django_capture_on_commit_callbacks(execute=True):
        warning = seed_warning_story()
    assert warning is not None and warning.kind == "mass_dispute"
    # Three respondents, one estate written five ways: the estate is what groups them.
    assert warning.subject_key == "mass:estate:锦绣花园"
    assert "分组依据：同一小区" in warning.explanation and "共 5 件" in warning.explanation
    assert ESTATE in warning.explanation and ESTATE in warning.title
    assert warning.status == "acting"
    assert Document.objects.filter(kind="judicial_suggestion").exists()
