from datetime import date

from fating.inbox import rules


def test_default_channels_and_mandatory_ones_stay_on() -> None:
    assert rules.channels_for(rules.DEADLINE, None) == {rules.IN_APP}
    off = {rules.IN_APP: False, rules.SMS: False, rules.EMAIL: False}
    assert rules.channels_for(rules.DEADLINE, off) == frozenset()
    assert rules.channels_for(rules.HEARING_SCHEDULED, off) == {rules.IN_APP, rules.SMS}
    assert rules.channels_for(rules.CORRECTION, off) == {rules.IN_APP}
    assert rules.refused_channels(rules.HEARING_CHANGED, off) == [rules.IN_APP, rules.SMS]
    assert rules.refused_channels(rules.DEADLINE, off) == []


def test_deadline_window_and_keys() -> None:
    today = date(2026, 3, 2)
    assert rules.deadline_near(date(2026, 3, 5), today)
    assert rules.deadline_near(today, today)
    assert not rules.deadline_near(date(2026, 3, 6), today)
    assert not rules.deadline_near(date(2026, 3, 1), today)
    assert rules.dedupe_key("a", "e:1", 7) != rules.dedupe_key("a", "e:1", 8)
