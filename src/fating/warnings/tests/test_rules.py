"""Pure detection rules: exact Poisson tail, seasonal baseline, false-alarm rate, name keys."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from fating.warnings import rules


def test_poisson_tail_matches_direct_sum() -> None:
    mu = 2.5
    direct = 1 - sum(math.exp(-mu) * mu**i / math.factorial(i) for i in range(7))
    assert abs(rules.poisson_sf(7, mu) - direct) < 1e-12


def test_poisson_tail_far_out_is_tiny_but_positive() -> None:
    assert 0 < rules.poisson_sf(40, 1.0) < 1e-40


def test_poisson_tail_of_zero_is_one() -> None:
    assert rules.poisson_sf(0, 3.0) == 1.0


def test_week_start_is_monday() -> None:
    assert rules.week_start(date(2026, 5, 14)) == date(2026, 5, 11)


def _weeks(start: date, n: int) -> list[date]:
    return [start + timedelta(weeks=i) for i in range(n)]


def test_baseline_follows_the_level_of_the_last_year() -> None:
    start = date(2024, 1, 1)
    counts = {w: 4 for w in _weeks(start, 104)}
    base = rules.seasonal_baseline(counts, start + timedelta(weeks=104), data_start=start)
    assert 3.8 < base.expected < 4.2


def test_baseline_raises_expectation_in_a_recurring_season() -> None:
    start = date(2024, 1, 1)
    weeks = _weeks(start, 104)
    counts = {w: (12 if i % 52 in range(20, 25) else 2) for i, w in enumerate(weeks)}
    target = start + timedelta(weeks=52 + 52 + 22)
    counts = {w: c for w, c in counts.items() if w < target}
    flat = rules.seasonal_baseline(counts, start + timedelta(weeks=104 + 40), data_start=start)
    season = rules.seasonal_baseline(counts, target, data_start=start)
    assert season.seasonal_factor > 1.5 and season.expected > flat.expected


def test_never_seen_cell_has_positive_expectation() -> None:
    base = rules.seasonal_baseline({}, date(2026, 5, 11), data_start=date(2025, 5, 12))
    assert 0 < base.expected < 0.05


def test_planted_burst_is_flagged() -> None:
    start = date(2024, 1, 1)
    counts = {w: 1 for w in _weeks(start, 80)}
    base = rules.seasonal_baseline(counts, start + timedelta(weeks=80), data_start=start)
    verdict = rules.hotspot_test(9, base)
    assert verdict.alert and verdict.p_value < 0.01 and "期望" in verdict.explanation


def test_uniform_background_raises_no_more_alarms_than_the_threshold() -> None:
    """Poisson(3) weekly counts in 40 cells over 2 years: the share of alerting cell-weeks in the
    second year stays at or below p = 0.01 (plus sampling slack of 3 standard errors)."""
    rng = random.Random(20260)
    start = date(2024, 1, 1)
    tests = alerts = 0
    for _ in range(40):
        counts: dict[date, int] = {}
        for i, w in enumerate(_weeks(start, 104)):
            # Knuth's Poisson sampler: exact and dependency-free.
            limit, k, p = math.exp(-3.0), 0, 1.0
            while True:
                p *= rng.random()
                if p <= limit:
                    break
                k += 1
            if i >= 52:
                base = rules.seasonal_baseline(counts, w, data_start=start)
                tests += 1
                alerts += rules.hotspot_test(k, base).alert
            counts[w] = k
    slack = 3 * math.sqrt(0.01 * 0.99 / tests)
    assert alerts / tests <= 0.01 + slack, (alerts, tests)


def test_whistle_needs_both_ratio_and_significance() -> None:
    start = date(2024, 1, 1)
    counts = {w: 5 for w in _weeks(start, 60)}
    base = rules.seasonal_baseline(counts, start + timedelta(weeks=60), data_start=start)
    assert not rules.whistle_test(14, base, weeks=2, min_ratio=2).alert  # 1.4×
    assert rules.whistle_test(30, base, weeks=2, min_ratio=2).alert  # 3×


def test_respondent_key_prefers_credit_code_and_ignores_brackets() -> None:
    assert rules.respondent_key("某物业（青禾）有限公司") == rules.respondent_key(
        "某物业青禾有限公司"
    )
    assert rules.respondent_key("x", "91370000MA3C8Y0Q1K").startswith("uscc:")


def test_workflow_refuses_acting_on_a_new_warning() -> None:
    assert rules.next_status("new", "act") is None
    assert rules.next_status("assessing", "act") == "acting"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("锦绣花园（二期）", "锦绣花园 二期"),
        ("锦绣花园(二期)", "锦绣花园　二期"),  # full-width space
        ("ＡＢＣ项目", "abc项目"),  # full-width letters, case
        ("青禾·建工集团", "青禾建工集团"),
        ("青禾锦绣城 1 号地块", "青禾锦绣城1号地块"),
    ],
)
def test_names_that_differ_only_in_width_spacing_or_punctuation_normalise_alike(a, b) -> None:
    assert rules.normalise_name(a) == rules.normalise_name(b) != ""


def test_different_names_stay_different() -> None:
    assert rules.normalise_name("锦绣花园") != rules.normalise_name("锦绣家园")
    assert rules.normalise_name("一期") != rules.normalise_name("二期")


def test_estate_key_ignores_a_trailing_estate_word_only() -> None:
    assert rules.group_key("estate", "锦绣花园小区") == rules.group_key("estate", "锦绣花园")
    assert rules.group_key("estate", "小区") == "小区"  # nothing left to strip to
    assert rules.group_key("project", "锦绣花园小区") != rules.group_key("project", "锦绣花园")


def test_punctuation_only_name_has_no_key() -> None:
    assert rules.group_key("employer", "（ ）——") == ""
    with pytest.raises(ValueError):
        rules.group_key("street", "x")


def test_baseline_without_history_says_so_instead_of_near_zero_weeks() -> None:
    week = date(2026, 5, 11)
    base = rules.seasonal_baseline({}, week, data_start=week)
    assert base.weeks_of_history == 0
    text = rules.hotspot_test(4, base).explanation
    assert "近 0 周" not in text
    assert "暂无往周数据" in text
    with_history = rules.seasonal_baseline(
        {week - timedelta(weeks=1): 2}, week, data_start=week - timedelta(weeks=3)
    )
    assert "近 3 周平均" in with_history.describe()
