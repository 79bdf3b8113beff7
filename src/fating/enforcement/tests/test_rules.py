"""The pure enforcement rules: machine, limits, money, triage, auction prices, 终本."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fating.core.machine import TransitionRefused
from fating.enforcement.rules import deadlines, measures, money, triage
from fating.enforcement.rules.workflow import CLOSED, ENFORCEMENT, EnforcementStatus

FULL = measures.ZhongbenFacts(
    evidence={k: "见卷宗" for k in measures.ZHONGBEN_CONDITIONS}, applicant_interviewed=True
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ENFORCEMENT.names), max_size=25), st.booleans())
def test_machine_walks_only_along_arrows(names: list[str], full: bool) -> None:
    state = EnforcementStatus.FILED
    facts = FULL if full else measures.ZhongbenFacts(evidence={}, applicant_interviewed=False)
    for name in names:
        before = state
        if ENFORCEMENT.allows(state, name, facts):
            state = ENFORCEMENT.target(state, name, facts)
            assert (before, state, ENFORCEMENT.label(name)) in ENFORCEMENT.edges()
        else:
            with pytest.raises(TransitionRefused):
                ENFORCEMENT.target(state, name, facts)
            assert state == before  # a refusal changes nothing
        if before in CLOSED:
            assert state == before  # closures are final


def test_conclude_needs_all_five_conditions_and_the_interview() -> None:
    assert ENFORCEMENT.target("investigating", "conclude", FULL) == "concluded"
    for key in measures.ZHONGBEN_CONDITIONS:
        lacking = measures.ZhongbenFacts(
            evidence={k: "有" for k in measures.ZHONGBEN_CONDITIONS if k != key},
            applicant_interviewed=True,
        )
        assert measures.zhongben_missing(lacking) == [measures.ZHONGBEN_CONDITIONS[key]]
        with pytest.raises(TransitionRefused):
            ENFORCEMENT.target("investigating", "conclude", lacking)
    blank = measures.ZhongbenFacts(evidence={"three_months": "  "}, applicant_interviewed=False)
    assert len(measures.zhongben_missing(blank)) == 6


# -- 民事诉讼法 第250条 --------------------------------------------------------------------


def test_limit_from_the_last_day_of_the_performance_period() -> None:
    check = deadlines.check_application_limit(
        applied_on=dt.date(2026, 3, 10),
        effective_on=dt.date(2024, 1, 5),
        performance_last_day=dt.date(2024, 3, 10),
    )
    assert check.start == dt.date(2024, 3, 10)
    assert check.end.end == dt.date(2026, 3, 10)  # a Tuesday
    assert check.in_time
    late = deadlines.check_application_limit(
        applied_on=dt.date(2026, 3, 11),
        effective_on=dt.date(2024, 1, 5),
        performance_last_day=dt.date(2024, 3, 10),
    )
    assert not late.in_time and "已超过" in late.explanation()


def test_limit_from_the_last_instalment_or_the_effective_day() -> None:
    check = deadlines.check_application_limit(
        applied_on=dt.date(2026, 9, 30),
        effective_on=dt.date(2024, 1, 5),
        performance_last_day=dt.date(2024, 2, 1),
        instalment_due_days=[dt.date(2024, 6, 30), dt.date(2024, 3, 31)],
    )
    assert check.start == dt.date(2024, 6, 30)
    assert check.end.nominal_end == dt.date(2026, 6, 30)
    assert not check.in_time
    none = deadlines.check_application_limit(
        applied_on=dt.date(2025, 1, 1), effective_on=dt.date(2024, 1, 5)
    )
    assert none.start == dt.date(2024, 1, 5) and "生效之日" in none.basis
    # A last day on a weekend moves to Monday (民事诉讼法 第85条): 2027-01-09 is a Saturday.
    weekend = deadlines.check_application_limit(
        applied_on=dt.date(2027, 1, 11),
        effective_on=dt.date(2025, 1, 9),
    )
    assert weekend.end.nominal_end == dt.date(2027, 1, 9) and weekend.in_time
    restarted = deadlines.check_application_limit(
        applied_on=dt.date(2026, 2, 1),
        effective_on=dt.date(2023, 1, 5),
        interrupted_on=dt.date(2025, 1, 6),
    )
    assert restarted.start == dt.date(2025, 1, 6) and restarted.in_time


def test_freezing_periods_and_renewal() -> None:
    start = dt.date(2026, 2, 28)
    assert deadlines.freeze_end("deposit", start) == dt.date(2027, 2, 28)
    assert deadlines.freeze_end("movable", start) == dt.date(2028, 2, 28)
    assert deadlines.freeze_end("real_estate", start) == dt.date(2029, 2, 28)
    assert deadlines.renewal_end("deposit", dt.date(2027, 2, 28), dt.date(2027, 2, 1)) == dt.date(
        2028, 2, 28
    )
    with pytest.raises(ValueError, match="不能续行"):
        deadlines.renewal_end("deposit", dt.date(2027, 2, 28), dt.date(2027, 3, 1))
    assert deadlines.remind_on(dt.date(2027, 2, 28)) == dt.date(2027, 1, 29)
    assert deadlines.time_limit_end(dt.date(2026, 1, 15)) == dt.date(2026, 7, 15)


# -- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "fee"),
    [(None, "50.00"), ("10000", "50.00"), ("500000", "7400.00"), ("60000", "800.00"),
     ("5000000", "52400.00"), ("10000000", "77400.00")],
)  # fmt: skip
def test_application_fee_from_the_fee_engine(amount: str | None, fee: str) -> None:
    result = money.application_fee(D(amount) if amount else None)
    assert result.fee == D(fee)
    assert any("第14条" in a for a in result.articles)


def test_delay_interest_hand_computed() -> None:
    due = dt.date(2026, 3, 1)
    # 100,000 × 0.000175 × 30 days (3-02 … 3-31) = 525
    total, lines = money.delay_interest(
        [money.Instalment(D("100000"), due)], [], until=dt.date(2026, 3, 31)
    )
    assert total == D("525") and lines[0].days == 30
    # Paid on the last day: no delay.
    total, _ = money.delay_interest(
        [money.Instalment(D("5000"), due)], [(due, D("5000"))], until=due
    )
    assert total == 0
    # 20,000 paid 10 days late, the other 30,000 ... 1 day: 20000×0.000175×10 + 30000×0.000175×40
    total, lines = money.delay_interest(
        [money.Instalment(D("50000"), due)],
        [(dt.date(2026, 3, 11), D("20000"))],
        until=dt.date(2026, 4, 10),
    )
    assert total == D("35") + D("210")
    assert [line.days for line in lines] == [10, 40]
    # Instalments each run from their own expiry; money pays the earliest first.
    total, lines = money.delay_interest(
        [money.Instalment(D("1000"), dt.date(2026, 1, 31)), money.Instalment(D("1000"), due)],
        [(dt.date(2026, 2, 10), D("1500"))],
        until=dt.date(2026, 3, 3),
    )
    # 1000×.000175×10 = 1.75; 500 paid before its due: 0; 500×.000175×2 = 0.175
    assert total == D("1.925")
    assert money.round_fen(total) == D("1.93")


@settings(max_examples=100, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**7, places=2),
    st.integers(min_value=0, max_value=2000),
)
def test_delay_interest_is_principal_times_rate_times_days(principal: D, days: int) -> None:
    due = dt.date(2025, 6, 30)
    total, _ = money.delay_interest(
        [money.Instalment(principal, due)], [], until=due + dt.timedelta(days=days)
    )
    assert total == principal * D("0.000175") * days


# -- triage, auction, measures -------------------------------------------------------------


def test_speedy_triage_reasons() -> None:
    fast = triage.triage(triage.TriageFacts(amount=D("100000"), document_kind="mediation_ruling"))
    assert fast.speedy and not fast.unmet
    slow = triage.triage(
        triage.TriageFacts(amount=D("100000.01"), document_kind="judgment", property_found=False)
    )
    assert not slow.speedy and slow.unmet == ("amount", "property", "document")
    assert any(r.startswith("不符合") for r in slow.reasons())
    assert triage.least_loaded([(3, 2), (1, 5), (2, 2)]) == 2
    assert triage.least_loaded([]) is None


def test_auction_prices_at_their_edges() -> None:
    valuation = D("1000000")
    assert measures.auction_price_problems(valuation=valuation, start_price=D("700000")) == {}
    assert "start_price" in measures.auction_price_problems(
        valuation=valuation, start_price=D("699999.99")
    )
    assert measures.min_start_price(D("333.33")) == D("233.34")  # 233.331 up to the cent
    second = measures.auction_price_problems(
        valuation=valuation, start_price=D("560000"), previous_start=D("700000")
    )
    assert second == {}
    assert (
        "第26条"
        in measures.auction_price_problems(
            valuation=valuation, start_price=D("559999.99"), previous_start=D("700000")
        )["start_price"]
    )
    ok = measures.auction_price_problems(
        valuation=valuation, start_price=D("700000"), deposit=D("35000")
    )
    assert ok == {}
    assert "deposit" in measures.auction_price_problems(
        valuation=valuation, start_price=D("700000"), deposit=D("34999.99")
    )
    assert "deposit" in measures.auction_price_problems(
        valuation=valuation, start_price=D("700000"), deposit=D("140000.01")
    )
    assert "valuation" in measures.auction_price_problems(valuation=D(0), start_price=D(1))


def test_measures_need_their_conditions() -> None:
    assert measures.consumption_ban_allowed(notice_served=True, performed_in_time=False)
    assert not measures.consumption_ban_allowed(notice_served=False, performed_in_time=False)
    assert not measures.consumption_ban_allowed(notice_served=True, performed_in_time=True)
    assert measures.blacklist_problem(set()) is not None
    assert measures.blacklist_problem({"nonsense"}) is not None
    assert measures.blacklist_problem({"breaks_report_duty"}) is None


def test_command_centre_rates() -> None:
    from fating.enforcement.rules import stats

    got = stats.rates(
        open_=2, completed=3, concluded=1, other_closed=0, paid=D("500"), applied=D("3000")
    )
    assert got == {"closure": D("66.7"), "completion": D("75.0"), "zhongben": D("25.0"),
                   "money": D("16.7")}  # fmt: skip
    assert stats.rate(1, 0) is None
    assert [stats.age_bucket(d) for d in (0, 90, 91, 180, 181)] == [
        "三个月以内", "三个月以内", "三至六个月", "三至六个月", "超过六个月"
    ]  # fmt: skip
