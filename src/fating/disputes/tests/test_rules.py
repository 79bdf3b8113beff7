"""Pure rules: the state machine, time limits, confirmation windows, cause suggestions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.disputes import rules
from fating.disputes.rules import Status


def test_happy_path_through_the_tiers() -> None:
    s = Status.REPORTED
    for action in ["start_village", "escalate", "delegate", "agree", "resolve"]:
        s = rules.next_status(s, action)
    assert s == Status.RESOLVED


def test_illegal_transition_names_state_and_action() -> None:
    with pytest.raises(rules.TransitionRefused) as caught:
        rules.next_status(Status.RESOLVED, "escalate")
    assert str(caught.value) == "纠纷当前状态为“已化解”，不能执行“升级为部门联动调解”。"


def test_final_states_allow_nothing() -> None:
    for final in rules.FINAL:
        assert rules.allowed_actions(final) == []


ACTIONS = sorted(rules.DISPUTE.names)


@given(st.lists(st.sampled_from(ACTIONS), max_size=30))
def test_random_action_sequences_keep_the_invariants(actions: list[str]) -> None:
    """Whatever is tried, the machine only moves along declared arrows, stops at final states,
    and only reaches an agreement from a mediating tier."""
    state = Status.REPORTED
    history = [state]
    for action in actions:
        try:
            new = rules.next_status(state, action)
        except rules.TransitionRefused:
            assert rules.DISPUTE.find(state, action) is None
            continue
        assert state not in rules.FINAL
        if new == Status.AGREED:
            assert state in rules.MEDIATING
        if new == Status.RESOLVED:
            assert state == Status.AGREED
        state = new
        history.append(state)
    finals = [i for i, s in enumerate(history) if s in rules.FINAL]
    assert len(finals) <= 1 and (not finals or finals[0] == len(history) - 1)


def test_delegation_due_counts_from_acceptance_and_excludes_start_day() -> None:
    accepted = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    due = rules.delegation_due(accepted, rules.DelegationKind.PRE_FILING)
    assert due.date() == date(2026, 4, 1)  # 30 days after 2 March, start day not counted
    assert rules.delegation_due(accepted, rules.DelegationKind.POST_FILING_SIMPLE).date() == date(
        2026, 3, 9
    )
    extended = rules.delegation_due(accepted, rules.DelegationKind.PRE_FILING, extension_days=10)
    # 2 March + 40 days = Saturday 11 April → Monday 13 April (民事诉讼法 第85条).
    assert extended.date() == date(2026, 4, 13)


def test_delegation_clock_and_reminders() -> None:
    due = datetime(2026, 4, 1, 23, 59, tzinfo=UTC)
    assert not rules.delegation_clock(due, datetime(2026, 4, 1, 12, tzinfo=UTC)).expired
    assert rules.delegation_clock(due, datetime(2026, 4, 2, 0, 1, tzinfo=UTC)).expired
    assert rules.reminder_due(6, []) == 7
    assert rules.reminder_due(2, [7]) == 3
    assert rules.reminder_due(2, [7, 3]) is None
    assert rules.reminder_due(10, []) is None


def test_acceptance_window_skips_weekends() -> None:
    assert rules.add_working_days(date(2026, 3, 6), 3) == date(2026, 3, 11)  # Fri → Wed


def test_confirmation_window_and_decision_deadline() -> None:
    assert rules.confirmation_window_ends(date(2026, 1, 31)) == date(2026, 3, 2)
    assert rules.confirmation_decision_due(date(2026, 3, 2)) == date(2026, 3, 17)
    assert rules.confirmation_decision_due(date(2026, 3, 2), extended=True) == date(2026, 3, 27)


@pytest.mark.parametrize(
    ("cause", "reason"),
    [
        ("离婚纠纷", "涉及婚姻关系的效力或者解除"),
        ("确认亲子关系纠纷", "涉及身份关系（亲子、收养）的确认"),
        ("物权确认纠纷", "涉及物权的确认"),
        ("民间借贷纠纷", None),
        ("离婚后财产纠纷", None),
    ],
)
def test_inadmissible_subjects(cause: str, reason: str | None) -> None:
    assert rules.inadmissibility(cause) == reason


def test_agreement_takes_effect_only_when_everyone_signed() -> None:
    assert rules.agreement_effective([True, True], True)
    assert not rules.agreement_effective([True, False], True)
    assert not rules.agreement_effective([True, True], False)
    assert not rules.agreement_effective([], True)


def test_overdue_instalments() -> None:
    plan = [
        rules.Instalment(date(2026, 5, 1), 100_00, 100_00),
        rules.Instalment(date(2026, 6, 1), 100_00, 50_00),
        rules.Instalment(date(2026, 7, 1), 100_00),
    ]
    assert rules.overdue(plan, date(2026, 6, 1)) == []
    assert rules.overdue(plan, date(2026, 6, 2)) == [plan[1]]
