"""The pure rules: report and objection deadlines through the court calendar, the choice of the
appraiser, the fee, the days not counted in 审限."""

from __future__ import annotations

import datetime as dt

import pytest

from fating.evaluation import rules


def test_report_due_counts_from_the_next_day_and_skips_rest_days() -> None:
    # 2026-05-01 (Fri) + 30 days = 2026-05-31, a Sunday: moved to Monday 2026-06-01 (CPL 第85条).
    assert rules.report_due(dt.date(2026, 5, 1), 30) == dt.date(2026, 6, 1)
    assert rules.report_due(dt.date(2026, 5, 4), 10) == dt.date(2026, 5, 14)
    with pytest.raises(ValueError):
        rules.report_due(dt.date(2026, 5, 4), 0)
    with pytest.raises(ValueError):
        rules.objection_due(dt.date(2026, 5, 4), rules.MAX_OBJECTION_DAYS + 1)


def test_excluded_days_span_commission_to_receipt() -> None:
    start = dt.date(2026, 3, 1)
    assert rules.excluded_days(start, dt.date(2026, 3, 21), dt.date(2026, 4, 1)) == 20
    assert rules.excluded_days(start, None, dt.date(2026, 3, 11)) == 10  # still running


def test_who_chooses_the_appraiser_and_who_advances_the_fee() -> None:
    app, own = rules.Origin.APPLICATION, rules.Origin.EX_OFFICIO
    assert rules.chooser_allowed(app, rules.Chooser.AGREEMENT)
    assert rules.chooser_allowed(app, rules.Chooser.COURT)
    assert not rules.chooser_allowed(own, rules.Chooser.AGREEMENT)  # 证据规定 第32条第2款
    assert rules.fee_required(app) and not rules.fee_required(own)


def test_the_machines_and_the_rate() -> None:
    assert rules.APPRAISAL.allowed_names("granted") == ["abandon", "commission"]
    assert rules.EVALUATION.allowed_names("issued") == ["acknowledge"]
    assert rules.settled_rate(0, 0) is None and rules.settled_rate(4, 1) == 0.25
