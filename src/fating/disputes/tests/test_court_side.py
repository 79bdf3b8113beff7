"""Disputes reach the court's case side only through their port (fating.disputes.court_side),
which the cases app plugs in; without it they fail loudly rather than half-work (issue 13)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from fating.cases.for_disputes import court_side as cases_court_side
from fating.disputes import court_side


def test_the_cases_app_plugs_in_its_side() -> None:
    side = court_side.court_side()
    assert side.next_case_number.__module__ == "fating.cases.for_disputes"
    assert set(vars(side)) == set(vars(cases_court_side()))


def test_without_the_court_side_disputes_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(court_side, "_court_side", None)
    with pytest.raises(ImproperlyConfigured, match="is not installed"):
        court_side.court_side()


def test_a_blank_revision_has_no_entries_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    from fating.disputes import catalogue

    monkeypatch.setattr(court_side, "_court_side", None)
    assert catalogue.catalogue("") == ()
