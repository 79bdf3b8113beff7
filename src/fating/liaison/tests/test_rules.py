"""The pure rules: activity, trend, score, ranking, the 无讼村居 criteria and the title machine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from fating.core.machine import TransitionRefused
from fating.liaison import rules


def test_activity_is_the_weighted_sum() -> None:
    counts = {"entries": 10, "reports": 2, "filings": 1, "services": 1, "chats": 15, "videos": 1}
    assert rules.activity(counts) == D("10") + 4 + 2 + 2 + D("1.5") + 1
    assert rules.activity({}) == 0


def test_trend_against_the_previous_month() -> None:
    assert rules.trend(D(15), D(10)) == D("0.5")
    assert rules.trend(D(5), D(10)) == D("-0.5")
    assert rules.trend(D(5), D(0)) is None


def test_score_spreads_a_missing_satisfaction_over_the_other_parts() -> None:
    best = rules.score(D(20), D(20), D(20), None)  # most active, steady, nobody rated
    assert best == D("92.9")
    assert rules.score(D(20), D(20), D(20), D(5)) == D(60 + 5 + 30)
    assert rules.score(D(20), D(20), D(20), D(1)) == D(65)
    assert rules.score(D(0), D(0), D(0), None) == D("7.1")  # nothing, nothing before: trend 50
    assert rules.score(D(10), D(40), D(20), D(3)) > rules.score(D(10), D(40), D(20), D(2))


def test_ranks_are_competition_ranks() -> None:
    assert rules.ranks([D(5), D(9), D(5), D(1)]) == [2, 1, 2, 4]


def test_months() -> None:
    assert rules.previous_month(2026, 1) == (2025, 12)
    assert rules.month_bounds(2026, 12) == (date(2026, 12, 1), date(2027, 1, 1))


def test_entry_dates() -> None:
    today = date(2026, 6, 30)
    assert rules.entry_date_error(date(2026, 7, 1), today)
    assert rules.entry_date_error(date(2026, 4, 1), today)
    assert rules.entry_date_error(date(2026, 6, 1), today) == ""


def test_criteria_pass_and_fail_against_the_thresholds() -> None:
    values = {"no_mass_dispute": D(0), "litigation_rate": D("29.5"), "village_rules": D(1),
              "liaison": D(1), "village_share": D("0.6")}  # fmt: skip
    assert rules.all_passed(rules.evaluate(values))
    strict = rules.evaluate(values, {"litigation_rate": D(20)})
    assert [r.key for r in strict if not r.passed] == ["litigation_rate"]
    unknown = rules.evaluate({**values, "litigation_rate": None})
    assert not rules.all_passed(unknown)  # no population on record: not computed, not passed
    assert not rules.all_passed(rules.evaluate({**values, "village_rules": D(0)}))
    assert rules.threshold_error("village_share", D("1.5"))
    assert rules.threshold_error("liaison", D(1))
    assert rules.threshold_error("nope", D(1))
    assert rules.threshold_error("litigation_rate", D(-1))
    assert rules.threshold_error("litigation_rate", D(25)) == ""


def test_a_title_needs_every_criterion() -> None:
    assert rules.TITLE.target("evaluated", "confirm", True) == "titled"
    with pytest.raises(TransitionRefused):
        rules.TITLE.target("evaluated", "confirm", False)
    with pytest.raises(TransitionRefused):
        rules.TITLE.target("titled", "reevaluate")
    assert rules.TITLE.target("declined", "reevaluate") == "evaluated"
