"""The pure rules of 约见法官 and 12368: due times, overdue, the month's figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fating.contact import rules
from fating.core.machine import TransitionRefused

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_due_by_category_target() -> None:
    assert rules.due_at(T0, "consult") == T0 + timedelta(hours=24)
    assert rules.due_at(T0, "complaint") == T0 + timedelta(hours=120)


def test_overdue_open_or_answered_late() -> None:
    due = T0 + timedelta(hours=24)
    assert not rules.is_overdue(due, None, T0 + timedelta(hours=23))
    assert rules.is_overdue(due, None, T0 + timedelta(hours=25))
    assert rules.is_overdue(due, T0 + timedelta(hours=30), T0 + timedelta(hours=31))
    assert not rules.is_overdue(due, T0 + timedelta(hours=2), T0 + timedelta(hours=99))


def test_month_figures() -> None:
    h = timedelta(hours=1)
    rows = [
        (T0, T0 + 2 * h, T0 + 24 * h),  # in time, 2 h
        (T0, T0 + 30 * h, T0 + 24 * h),  # late, 30 h
        (T0, None, T0 + 24 * h),  # open, overdue by now
        (T0 + 100 * h, None, T0 + 124 * h),  # open, not yet due
    ]
    f = rules.month_figures(rows, now=T0 + 110 * h)
    assert (f.calls, f.answered, f.answered_in_time, f.overdue_open) == (4, 2, 1, 1)
    assert f.in_time_share == 0.25
    assert f.average_hours == 16.0
    empty = rules.month_figures([], now=T0)
    assert (empty.calls, empty.in_time_share, empty.average_hours) == (0, None, None)


def test_meeting_machine() -> None:
    assert rules.MEETING.target("requested", "accept") == "accepted"
    assert rules.MEETING.allowed_names("accepted") == ["complete", "withdraw"]
    with pytest.raises(TransitionRefused, match="已婉拒"):
        rules.MEETING.target("declined", "accept")
    assert rules.CALL.allowed_names("answered") == []


def test_month_bounds() -> None:
    assert rules.month_bounds(2026, 12) == ((2026, 12), (2027, 1))
    with pytest.raises(ValueError):
        rules.month_bounds(2026, 13)
