"""审限 per CPL 第152、164、168、183、187条, 解释 第243、258条, 2000规定 第8–10条, 2019规定 第1条.
Due dates are worked out by hand from 立案 date + months (民法典 第202条) + excluded days, then
the CPL 第85条 holiday roll."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.cases.rules.calendar import RuleInputError
from fating.cases.rules.periods import days, months
from fating.cases.rules.time_limits import (
    Alert,
    Approver,
    CaseProcedure,
    ExcludedKind,
    ExcludedPeriod,
    Extension,
    ProcedureChange,
    compute_time_limit,
    in_time_closure_rate,
)

D = dt.date
P = CaseProcedure
PRES = Approver.PRESIDENT


def status(procedure: CaseProcedure, filed: dt.date, as_of: dt.date | None = None, **kw: object):
    return compute_time_limit(procedure=procedure, filed_on=filed, as_of=as_of or filed, **kw)  # type: ignore[arg-type]


def error(procedure: CaseProcedure, filed: dt.date, **kw: object) -> RuleInputError:
    with pytest.raises(RuleInputError) as info:
        status(procedure, filed, **kw)
    return info.value


@pytest.mark.parametrize(
    ("procedure", "filed", "due"),
    [
        (P.ORDINARY, D(2025, 3, 10), D(2025, 9, 10)),
        (P.SIMPLE, D(2025, 6, 30), D(2025, 9, 30)),
        (P.SIMPLE, D(2025, 7, 1), D(2025, 10, 9)),  # 10月1日 → after 国庆中秋
        (P.SMALL_CLAIMS, D(2025, 3, 10), D(2025, 5, 12)),  # 5月10日 Saturday → Monday
        (P.SMALL_CLAIMS, D(2025, 12, 31), D(2026, 2, 28)),  # no Feb 31: month end, 调休 Saturday
        (P.SPECIAL, D(2025, 3, 3), D(2025, 4, 2)),
        (P.JUDICIAL_CONFIRMATION, D(2025, 3, 3), D(2025, 3, 18)),
        (P.PAYMENT_ORDER, D(2025, 3, 3), D(2025, 3, 18)),
        (P.APPEAL_RULING, D(2025, 3, 3), D(2025, 4, 2)),
        (P.ENFORCEMENT, D(2025, 3, 10), D(2025, 9, 10)),
        (P.NON_LITIGATION_ENFORCEMENT, D(2025, 3, 10), D(2025, 6, 10)),
    ],
)
def test_base_limits_run_from_the_day_after_filing(
    procedure: CaseProcedure, filed: dt.date, due: dt.date
) -> None:
    assert status(procedure, filed).due_on == due


def test_holiday_roll_is_reported() -> None:
    result = status(P.SIMPLE, D(2025, 7, 1))
    assert result.nominal_due == D(2025, 10, 1)
    assert "届满日2025-10-01为国庆节、中秋节，顺延至2025-10-09（民事诉讼法 第85条）" in result.notes


def test_holiday_roll_can_be_disabled() -> None:
    assert status(P.SIMPLE, D(2025, 7, 1), extend_for_holiday=False).due_on == D(2025, 10, 1)


def test_small_claims_extension_by_president() -> None:
    ext = Extension(PRES, months(1), D(2025, 5, 1))
    result = status(P.SMALL_CLAIMS, D(2025, 3, 10), extensions=[ext])
    assert result.due_on == D(2025, 6, 10)
    assert result.next_approver is None


def test_small_claims_cannot_extend_beyond_one_month() -> None:
    exts = [Extension(PRES, months(1), D(2025, 5, 1)), Extension(PRES, days(1), D(2025, 6, 1))]
    err = error(P.SMALL_CLAIMS, D(2025, 3, 10), extensions=exts)
    assert err.reason == "小额诉讼程序经本院院长批准累计延长不得超过1个月（民事诉讼法 第168条）"


def test_simple_extensions_may_be_split_but_total_at_most_four_months() -> None:
    ok = [Extension(PRES, days(15), D(2025, 6, 1)), Extension(PRES, days(15), D(2025, 6, 20))]
    assert status(P.SIMPLE, D(2025, 3, 10), extensions=ok).due_on == D(2025, 7, 10)
    too_long = [ok[0], Extension(PRES, days(16), D(2025, 6, 20))]
    err = error(P.SIMPLE, D(2025, 3, 10), extensions=too_long)
    assert err.reason == (
        "简易程序经本院院长批准累计延长不得超过1个月（民事诉讼法 第164条；民诉法解释 第258条）"
    )


def test_ordinary_president_then_higher_court() -> None:
    exts = [
        Extension(PRES, months(6), D(2025, 8, 20)),
        Extension(Approver.HIGHER_COURT, months(3), D(2026, 2, 20)),
    ]
    result = status(P.ORDINARY, D(2025, 3, 10), extensions=exts)
    assert result.due_on == D(2026, 6, 10)
    assert result.next_approver is Approver.HIGHER_COURT


def test_ordinary_next_approver_after_president_is_higher_court() -> None:
    result = status(
        P.ORDINARY, D(2025, 3, 10), extensions=[Extension(PRES, months(6), D(2025, 8, 20))]
    )
    assert result.due_on == D(2026, 3, 10)
    assert result.next_approver is Approver.HIGHER_COURT


def test_ordinary_president_only_once() -> None:
    exts = [Extension(PRES, months(3), D(2025, 8, 20)), Extension(PRES, months(3), D(2025, 11, 20))]
    err = error(P.ORDINARY, D(2025, 3, 10), extensions=exts)
    assert err.reason == "普通程序经本院院长批准只能延长1次（民事诉讼法 第152条）"


def test_higher_court_only_after_president() -> None:
    err = error(
        P.ORDINARY,
        D(2025, 3, 10),
        extensions=[Extension(Approver.HIGHER_COURT, months(3), D(2025, 8, 1))],
    )
    assert (
        err.reason
        == "普通程序延长审限的审批顺序应为：本院院长批准、上级人民法院批准（民事诉讼法 第152条）"
    )


def test_months_are_added_in_one_step_from_filing() -> None:
    # 8月31日 + 12 months = next 8月31日 (chaining would give 8月28日).
    ext = Extension(PRES, months(6), D(2026, 2, 1))
    assert status(P.ORDINARY, D(2025, 8, 31), extensions=[ext]).nominal_due == D(2026, 8, 31)


def test_no_extension_for_voter_cases() -> None:
    err = error(
        P.VOTER_QUALIFICATION, D(2025, 3, 3), extensions=[Extension(PRES, days(5), D(2025, 3, 10))]
    )
    assert (
        err.reason
        == "选民资格案件的审限不得延长（民事诉讼法 第187条；严格执行审限若干规定 第2条（须在选举日前审结））"
    )


def test_voter_case_must_end_before_election_day() -> None:
    assert status(P.VOTER_QUALIFICATION, D(2025, 3, 3), election_day=D(2025, 3, 20)).due_on == D(
        2025, 3, 19
    )


def test_judicial_confirmation_extension_ten_days() -> None:
    ext = Extension(PRES, days(10), D(2025, 3, 10))
    assert status(P.JUDICIAL_CONFIRMATION, D(2025, 3, 3), extensions=[ext]).due_on == D(2025, 3, 28)


def test_special_procedure_counts_from_end_of_notice_period() -> None:
    result = status(P.SPECIAL, D(2025, 3, 3), notice_period_ends=D(2025, 6, 3))
    assert result.due_on == D(2025, 7, 3)


def test_notice_period_start_only_for_special_procedures() -> None:
    err = error(P.ORDINARY, D(2025, 3, 3), notice_period_ends=D(2025, 6, 3))
    assert err.reason == "公告期满后起算仅适用于特别程序案件"


def test_simple_to_ordinary_counts_from_original_filing() -> None:
    change = ProcedureChange(P.ORDINARY, D(2025, 5, 1))
    result = status(P.SIMPLE, D(2025, 3, 10), changes=[change])
    assert result.procedure is P.ORDINARY
    assert result.due_on == D(2025, 9, 10)
    assert result.issues == ()


def test_small_claims_to_simple_counts_from_original_filing() -> None:
    result = status(
        P.SMALL_CLAIMS, D(2025, 3, 10), changes=[ProcedureChange(P.SIMPLE, D(2025, 4, 1))]
    )
    assert result.due_on == D(2025, 6, 10)


def test_conversion_after_expiry_is_flagged() -> None:
    result = status(P.SIMPLE, D(2025, 3, 10), changes=[ProcedureChange(P.ORDINARY, D(2025, 6, 11))])
    assert result.issues == (
        "2025-06-11转换程序晚于原简易程序审限届满日2025-06-10（民诉法解释 第258条第2款要求在届满前裁定）",
    )


def test_extensions_lapse_with_the_old_procedure() -> None:
    ext = Extension(PRES, months(1), D(2025, 6, 1))
    result = status(
        P.SIMPLE,
        D(2025, 3, 10),
        extensions=[ext],
        changes=[ProcedureChange(P.ORDINARY, D(2025, 6, 20))],
    )
    assert result.extensions == ()
    assert result.due_on == D(2025, 9, 10)


def test_ordinary_to_simple_after_hearing_is_refused() -> None:
    err = error(P.ORDINARY, D(2025, 3, 10), changes=[ProcedureChange(P.SIMPLE, D(2025, 4, 1))])
    assert (
        err.reason == "已经按照普通程序审理的案件，在开庭后不得转为简易程序（民诉法解释 第260条）"
    )


def test_ordinary_to_simple_before_hearing_is_allowed() -> None:
    change = ProcedureChange(P.SIMPLE, D(2025, 3, 20), before_first_hearing=True)
    assert status(P.ORDINARY, D(2025, 3, 10), changes=[change]).due_on == D(2025, 6, 10)


def test_appraisal_period_is_excluded() -> None:
    period = ExcludedPeriod(ExcludedKind.APPRAISAL, D(2025, 4, 1), D(2025, 5, 1))
    result = status(P.ORDINARY, D(2025, 3, 10), excluded=[period])
    assert result.excluded_days == 30
    assert result.due_on == D(2025, 10, 10)


def test_overlapping_exclusions_are_not_counted_twice() -> None:
    periods = [
        ExcludedPeriod(ExcludedKind.APPRAISAL, D(2025, 4, 1), D(2025, 5, 1)),
        ExcludedPeriod(ExcludedKind.SUSPENSION, D(2025, 4, 15), D(2025, 5, 15)),
    ]
    assert status(P.ORDINARY, D(2025, 3, 10), excluded=periods).excluded_days == 44


def test_exclusion_before_filing_is_ignored() -> None:
    period = ExcludedPeriod(ExcludedKind.APPRAISAL, D(2025, 2, 1), D(2025, 3, 15))
    assert status(P.ORDINARY, D(2025, 3, 10), excluded=[period]).excluded_days == 5


def test_running_exclusion_pauses_the_clock() -> None:
    period = ExcludedPeriod(ExcludedKind.JURISDICTION, D(2025, 4, 1))
    early = status(P.ORDINARY, D(2025, 3, 10), D(2025, 4, 11), excluded=[period])
    later = status(P.ORDINARY, D(2025, 3, 10), D(2025, 4, 21), excluded=[period])
    assert early.paused
    assert early.due_on == D(2025, 9, 22)  # 9月10日 + 10 days = Saturday 20日 → Monday
    assert later.due_on == D(2025, 9, 30)
    assert early.days_used == later.days_used == 22


def test_new_evidence_adjournment_is_capped_at_one_month() -> None:
    period = ExcludedPeriod(ExcludedKind.NEW_EVIDENCE_ADJOURNMENT, D(2025, 4, 1), D(2025, 6, 1))
    assert status(P.ORDINARY, D(2025, 3, 10), excluded=[period]).excluded_days == 30


def test_public_notice_not_allowed_in_simple_procedure() -> None:
    period = ExcludedPeriod(ExcludedKind.PUBLIC_NOTICE, D(2025, 4, 1), D(2025, 5, 1))
    err = error(P.SIMPLE, D(2025, 3, 10), excluded=[period])
    assert err.reason == (
        "简易程序不适用公告送达，需公告的应转为普通程序（民诉法解释 第140条；延长审限和延期开庭规定 第4条）"
    )


def test_enforcement_only_exclusions() -> None:
    period = ExcludedPeriod(ExcludedKind.AUCTION, D(2025, 4, 1), D(2025, 5, 1))
    err = error(P.ORDINARY, D(2025, 3, 10), excluded=[period])
    assert err.reason == "拍卖、变卖期间仅适用于执行案件（严格执行审限若干规定 第9条（十二））"
    assert status(P.ENFORCEMENT, D(2025, 3, 10), excluded=[period]).excluded_days == 30


def test_excluded_end_before_start() -> None:
    period = ExcludedPeriod(ExcludedKind.APPRAISAL, D(2025, 5, 1), D(2025, 4, 1))
    assert (
        error(P.ORDINARY, D(2025, 3, 10), excluded=[period]).reason
        == "鉴定期间的结束日期不能早于开始日期"
    )


def test_days_used_and_remaining() -> None:
    result = status(P.SIMPLE, D(2025, 3, 10), D(2025, 5, 20))
    assert (result.days_used, result.days_allowed, result.days_remaining) == (71, 92, 21)
    assert result.extension_request_by == D(2025, 5, 26)
    assert result.extension_decision_by == D(2025, 6, 5)


@pytest.mark.parametrize(
    ("as_of", "alert"),
    [
        (D(2025, 5, 10), Alert.NORMAL),  # 31 days left
        (D(2025, 5, 11), Alert.APPROACHING),  # 30
        (D(2025, 5, 26), Alert.EXTENSION_WINDOW),  # 15
        (D(2025, 6, 4), Alert.EXTENSION_WINDOW),  # 6
        (D(2025, 6, 5), Alert.CRITICAL),  # 5
        (D(2025, 6, 10), Alert.CRITICAL),  # due day
        (D(2025, 6, 11), Alert.OVERDUE),
    ],
)
def test_alert_thresholds(as_of: dt.date, alert: Alert) -> None:
    assert status(P.SIMPLE, D(2025, 3, 10), as_of).alert is alert


def test_late_extension_request_is_flagged() -> None:
    ext = Extension(PRES, months(1), D(2025, 6, 5), requested_on=D(2025, 5, 30))
    result = status(P.SIMPLE, D(2025, 3, 10), extensions=[ext])
    assert result.issues == (
        "2025-05-30申请延长，未在届满十五日前提出（延长审限和延期开庭规定 第1条）",
    )


def test_extension_granted_after_expiry_is_flagged() -> None:
    ext = Extension(PRES, months(1), D(2025, 6, 11))
    result = status(P.SIMPLE, D(2025, 3, 10), extensions=[ext])
    assert result.issues == ("2025-06-11批准的延长晚于审限届满日2025-06-10",)


def test_closed_on_due_day_is_in_time() -> None:
    result = status(P.SIMPLE, D(2025, 3, 10), D(2025, 7, 1), closed_on=D(2025, 6, 10))
    assert result.alert is Alert.CLOSED_IN_TIME
    assert result.closed_in_time is True


def test_closed_a_day_late() -> None:
    result = status(P.SIMPLE, D(2025, 3, 10), D(2025, 7, 1), closed_on=D(2025, 6, 11))
    assert result.alert is Alert.CLOSED_LATE
    assert result.overdue


def test_in_time_closure_rate() -> None:
    filed = D(2025, 3, 10)
    cases = [
        status(P.SIMPLE, filed, D(2025, 7, 1), closed_on=D(2025, 5, 1)),
        status(P.SIMPLE, filed, D(2025, 7, 1), closed_on=D(2025, 6, 10)),
        status(P.SIMPLE, filed, D(2025, 7, 1), closed_on=D(2025, 6, 11)),
        status(P.SIMPLE, filed, D(2025, 7, 1)),  # open: not counted
    ]
    rate = in_time_closure_rate(cases)
    assert (rate.closed, rate.in_time) == (3, 2)
    assert rate.percent() == Decimal("66.67")


def test_closure_rate_with_no_closed_cases() -> None:
    assert in_time_closure_rate([]).percent() is None


def test_as_of_before_filing() -> None:
    assert error(P.SIMPLE, D(2025, 3, 10), as_of=D(2025, 3, 9)).reason == "统计日期不能早于立案日期"


@given(
    st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 31)),
    st.sampled_from([P.SMALL_CLAIMS, P.SIMPLE, P.ORDINARY, P.SPECIAL]),
    st.integers(min_value=0, max_value=120),
    st.integers(min_value=0, max_value=200),
)
def test_used_plus_remaining_is_allowed(
    filed: dt.date, procedure: CaseProcedure, gap: int, offset: int
) -> None:
    period = ExcludedPeriod(
        ExcludedKind.APPRAISAL, filed + dt.timedelta(days=5), filed + dt.timedelta(days=5 + gap)
    )
    as_of = filed + dt.timedelta(days=offset)
    result = status(procedure, filed, as_of, excluded=[period])
    assert result.excluded_days >= 0
    assert result.due_on >= result.nominal_due
    if as_of >= period.end:  # type: ignore[operator]
        assert result.days_used + result.days_remaining == result.days_allowed
