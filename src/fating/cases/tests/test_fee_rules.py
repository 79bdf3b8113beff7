"""Fee rules against 诉讼费用交纳办法. Expected values are worked out by hand from the statute
(closed forms in LEGAL-RULES.md A2–A4), never taken from the code under test."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.cases.rules import (
    NATIONAL_SCHEDULE,
    ROUND_TO_YUAN,
    Closure,
    FeeInputError,
    FeeKind,
    FeeRange,
    FeeRequest,
    FeeResult,
    Procedure,
    ProvinceFeeSchedule,
    RangedFee,
    RoundingPolicy,
    calculate_fee,
    parse_fee_request,
    parse_money,
    schedule_for,
)

D = Decimal


def fee(kind: str, amount: str | None = None, **kwargs: object) -> FeeResult:
    schedule = kwargs.pop("schedule", NATIONAL_SCHEDULE)
    rounding = kwargs.pop("rounding", None)
    fields = {key: (D(value) if key == "base" else value) for key, value in kwargs.items()}
    request = FeeRequest(kind=FeeKind(kind), amount=None if amount is None else D(amount), **fields)  # type: ignore[arg-type]
    if rounding is None:
        return calculate_fee(request, schedule=schedule)  # type: ignore[arg-type]
    return calculate_fee(request, schedule=schedule, rounding=rounding)  # type: ignore[arg-type]


def input_error(kind: str, amount: str | None = None, **kwargs: object) -> FeeInputError:
    with pytest.raises(FeeInputError) as info:
        fee(kind, amount, **kwargs)
    return info.value


# --- LEGAL-RULES.md A8: the ten worked examples -------------------------------------------


@pytest.mark.parametrize(
    ("kind", "amount", "extra", "expected"),
    [
        # 1 民间借贷 8,000, 简易程序: 50 / 2
        ("property", "8000", {"procedure": Procedure.SIMPLE}, "25.00"),
        # 2 买卖合同 80,000, mediated: (50 + 70,000 × 2.5%) / 2
        ("property", "80000", {"closure": Closure.MEDIATION}, "900.00"),
        # 3 买卖合同 350,000: 4,300 + 150,000 × 1.5%
        ("property", "350000", {}, "6550.00"),
        # 4 交通事故 1,200,000: 13,800 + 200,000 × 0.9%
        ("property", "1200000", {}, "15600.00"),
        # 5 建设工程 3,600,000: 22,800 + 1,600,000 × 0.8%
        ("property", "3600000", {}, "35600.00"),
        # 6 金融借款 25,000,000: 141,800 + 5,000,000 × 0.5%
        ("property", "25000000", {}, "166800.00"),
        # 7 离婚, base 200, property 800,000: 200 + 600,000 × 0.5%
        ("divorce", "800000", {"base": "200"}, "3200.00"),
        # 8 名誉权, base 300, damages 80,000: 300 + 30,000 × 1%
        ("personality", "80000", {"base": "300"}, "600.00"),
        # 9 财产保全 300,000: 1,020 + 200,000 × 0.5%
        ("preservation", "300000", {}, "2020.00"),
        # 10 执行 1,500,000: 7,400 + 1,000,000 × 1%
        ("enforcement", "1500000", {}, "17400.00"),
    ],
)
def test_worked_examples(kind: str, amount: str, extra: dict, expected: str) -> None:
    assert fee(kind, amount, **extra).fee == D(expected)


def test_example_one_cites_simple_procedure() -> None:
    result = fee("property", "8000", procedure=Procedure.SIMPLE)
    assert result.halved is True
    assert result.halving_reasons == ("适用简易程序",)
    assert result.articles == ("诉讼费用交纳办法 第13条(一)", "诉讼费用交纳办法 第16条")


def test_breakdown_of_example_three() -> None:
    lines = fee("property", "350000").breakdown
    assert [(x.lower, x.upper, x.rate, x.amount) for x in lines] == [
        (D(0), D(10000), None, D(50)),
        (D(10000), D(100000), D("0.025"), D(2250)),
        (D(100000), D(200000), D("0.02"), D(2000)),
        (D(200000), D(500000), D("0.015"), D(2250)),
    ]
    assert fee("property", "350000").full_fee == D(6550)


# --- 第13条(一): every bracket boundary and one fen above -----------------------------------

PROPERTY_BOUNDARIES = [
    # (amount, exact fee) — top of each bracket, then + 0.01 × next rate
    ("0", "50"),
    ("10000", "50"),
    ("10000.01", "50.00025"),
    ("100000", "2300"),
    ("100000.01", "2300.0002"),
    ("200000", "4300"),
    ("200000.01", "4300.00015"),
    ("500000", "8800"),
    ("500000.01", "8800.0001"),
    ("1000000", "13800"),
    ("1000000.01", "13800.00009"),
    ("2000000", "22800"),
    ("2000000.01", "22800.00008"),
    ("5000000", "46800"),
    ("5000000.01", "46800.00007"),
    ("10000000", "81800"),
    ("10000000.01", "81800.00006"),
    ("20000000", "141800"),
    ("20000000.01", "141800.00005"),
]


@pytest.mark.parametrize(("amount", "exact"), PROPERTY_BOUNDARIES)
def test_property_bracket_boundaries(amount: str, exact: str) -> None:
    result = fee("property", amount)
    assert result.exact_fee == Fraction(exact)
    assert result.halved is False


def test_property_closed_form_and_withdrawal() -> None:
    # 0.02x + 300 at 150,000 = 3,300; 撤诉 halves it (第15条).
    result = fee("property", "150000", closure=Closure.WITHDRAWAL)
    assert result.full_fee == D(3300)
    assert result.fee == D("1650.00")
    assert result.halving_reasons == ("申请撤诉",)


# --- rounding (LEGAL-RULES §0: exact value, then ROUND_HALF_UP to the fen) -------------------


def test_rounding_half_up_to_fen_and_yuan() -> None:
    # 50 + 0.20 × 2.5% = 50.005
    assert fee("property", "10000.20").exact_fee == Fraction("50.005")
    assert fee("property", "10000.20").fee == D("50.01")
    assert fee("property", "10000.20", rounding=ROUND_TO_YUAN).fee == D("50")
    # 50 + 20 × 2.5% = 50.5 → 51 yuan half-up, 50 half-even
    assert fee("property", "10020", rounding=ROUND_TO_YUAN).fee == D("51")
    half_even_yuan = RoundingPolicy(D(1), ROUND_HALF_EVEN, "yuan-even")
    assert fee("property", "10020", rounding=half_even_yuan).fee == D("50")


def test_rounding_happens_once_after_halving() -> None:
    # Exact 50.5 halved is 25.25 → 25 yuan. Rounding before halving would give 51 / 2 = 25.5 → 26.
    result = fee("property", "10020", procedure=Procedure.SIMPLE, rounding=ROUND_TO_YUAN)
    assert result.exact_fee == Fraction("25.25")
    assert result.fee == D("25")


# --- halving: 第15、16、18条, once only (解释 第206条) ---------------------------------------


def test_simple_plus_mediation_halves_once() -> None:
    result = fee("property", "80000", procedure=Procedure.SIMPLE, closure=Closure.MEDIATION)
    assert result.fee == D("900.00")  # 1,800 / 2, not / 4
    assert result.halving_reasons == ("适用简易程序", "以调解方式结案")
    assert "民诉法解释 第206条" in result.articles


def test_three_grounds_still_halve_once() -> None:
    result = fee(
        "property",
        "350000",
        procedure=Procedure.SIMPLE,
        closure=Closure.WITHDRAWAL,
        counterclaim=True,
    )
    assert result.fee == D("3275.00")
    assert len(result.halving_reasons) == 3
    assert result.halving_reason == "适用简易程序；申请撤诉；反诉或有独立请求权第三人的请求合并审理"


def test_small_claims_is_simple_procedure() -> None:
    result = fee("property", "30000", procedure=Procedure.SMALL_CLAIMS)
    assert result.fee == D("275.00")  # (50 + 20,000 × 2.5%) / 2
    assert "小额诉讼" in result.halving_reasons[0]
    assert "诉讼费用交纳办法 第16条" in result.articles


def test_counterclaim_alone_halves() -> None:
    assert fee("property", "80000", counterclaim=True).fee == D("900.00")
    assert "诉讼费用交纳办法 第18条" in fee("property", "80000", counterclaim=True).articles


def test_single_ground_does_not_cite_206() -> None:
    assert "民诉法解释 第206条" not in fee("property", "80000", counterclaim=True).articles


@pytest.mark.parametrize(
    ("kind", "amount", "extra", "expected"),
    [
        ("labor", None, {}, "5.00"),
        ("administrative", None, {}, "25.00"),
        ("administrative", None, {"subkind": "patent"}, "50.00"),
        ("divorce", "800000", {"base": "200"}, "1600.00"),
        ("personality", None, {}, "50.00"),
        ("non_property", None, {}, "25.00"),
        ("ip", None, {}, "250.00"),
        ("ip", "350000", {}, "3275.00"),
    ],
)
def test_every_acceptance_fee_kind_halves(
    kind: str, amount: str | None, extra: dict, expected: str
) -> None:
    assert fee(kind, amount, procedure=Procedure.SIMPLE, **extra).fee == D(expected)


@pytest.mark.parametrize(
    ("kind", "amount", "extra"),
    [
        ("enforcement", "100000", {}),
        ("preservation", "100000", {}),
        ("payment_order", "100000", {}),
        ("public_summons", None, {}),
        ("arbitration", None, {}),
        ("bankruptcy", "100000", {}),
        ("maritime", None, {"subkind": "general_average"}),
        ("jurisdiction_objection", None, {}),
    ],
)
@pytest.mark.parametrize(
    ("field", "halving"),
    [
        ("procedure", {"procedure": Procedure.SIMPLE}),
        ("closure", {"closure": Closure.MEDIATION}),
        ("counterclaim", {"counterclaim": True}),
    ],
)
def test_application_fees_are_not_halved(
    kind: str, amount: str | None, extra: dict, field: str, halving: dict
) -> None:
    error = input_error(kind, amount, **extra, **halving)
    assert error.field == field
    assert "不适用减半" in error.reason


# --- 第13条(二)–(六) ------------------------------------------------------------------------


def test_divorce() -> None:
    assert fee("divorce").fee == D("50.00")  # lower bound by default
    assert fee("divorce", base="300").fee == D("300.00")
    assert fee("divorce", "200000", base="200").exact_fee == 200  # ≤ 200,000 not charged
    assert fee("divorce", "200000.01", base="200").exact_fee == Fraction("200.00005")
    assert input_error("divorce", base="301").field == "base"
    assert input_error("divorce", base="49.99").field == "base"


def test_personality() -> None:
    assert fee("personality").fee == D("100.00")
    assert fee("personality", "50000", base="300").fee == D("300.00")
    assert fee("personality", "100000", base="100").fee == D("600.00")  # 100 + 50,000 × 1%
    assert fee("personality", "150000", base="100").fee == D("850.00")  # + 50,000 × 0.5%
    assert input_error("personality", base="501").field == "base"


def test_other_non_property() -> None:
    assert fee("non_property").fee == D("50.00")
    assert fee("non_property", base="100").fee == D("100.00")
    error = input_error("non_property", "1000")
    assert error.field == "amount"
    assert "第201条" in error.reason


def test_intellectual_property() -> None:
    assert fee("ip").fee == D("500.00")
    assert fee("ip", base="1000").fee == D("1000.00")
    assert input_error("ip", base="1001").field == "base"
    with_amount = fee("ip", "350000")
    assert with_amount.fee == D("6550.00")
    assert "诉讼费用交纳办法 第13条(一)" in with_amount.articles
    assert input_error("ip", "350000", base="500").field == "base"


def test_labor() -> None:
    result = fee("labor")
    assert result.fee == D("10.00")
    assert result.articles == ("诉讼费用交纳办法 第13条(四)",)
    assert any("第20条" in note for note in result.notes)
    # The filing form has a claim amount for every case: accepted, the fee stays 10 (第13条(四)).
    assert fee("labor", "50000").fee == D("10.00")
    assert fee("labor", "50000", procedure=Procedure.SIMPLE).fee == D("5.00")


@pytest.mark.parametrize(
    ("subkind", "expected", "article"),
    [
        (None, "50.00", "诉讼费用交纳办法 第13条(五)2"),
        ("other", "50.00", "诉讼费用交纳办法 第13条(五)2"),
        ("trademark", "100.00", "诉讼费用交纳办法 第13条(五)1"),
        ("patent", "100.00", "诉讼费用交纳办法 第13条(五)1"),
        ("maritime", "100.00", "诉讼费用交纳办法 第13条(五)1"),
    ],
)
def test_administrative(subkind: str | None, expected: str, article: str) -> None:
    result = fee("administrative", subkind=subkind)
    assert result.fee == D(expected)
    assert result.articles == (article,)


def test_administrative_bad_subkind() -> None:
    assert input_error("administrative", subkind="tax").field == "subkind"
    assert input_error("property", "1000", subkind="other").field == "subkind"


def test_jurisdiction_objection() -> None:
    assert fee("jurisdiction_objection").fee == D("50.00")
    assert fee("jurisdiction_objection", base="100").fee == D("100.00")
    assert input_error("jurisdiction_objection", base="100.01").field == "base"


# --- 第14条 application fees ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "exact"),
    [
        ("0", "50"),
        ("10000", "50"),
        ("10000.01", "50.00015"),
        ("500000", "7400"),
        ("500000.01", "7400.0001"),
        ("5000000", "52400"),
        ("5000000.01", "52400.00005"),
        ("10000000", "77400"),
        ("10000000.01", "77400.00001"),
        ("20000000", "87400"),  # 0.001x + 67,400
    ],
)
def test_enforcement_breakpoints(amount: str, exact: str) -> None:
    assert fee("enforcement", amount).exact_fee == Fraction(exact)


def test_enforcement_without_amount() -> None:
    assert fee("enforcement").fee == D("50.00")
    assert fee("enforcement", base="500").fee == D("500.00")
    assert input_error("enforcement", base="501").field == "base"
    assert input_error("enforcement", "1000", base="100").field == "base"
    assert fee("enforcement").articles == ("诉讼费用交纳办法 第14条(一)1",)


@pytest.mark.parametrize(
    ("amount", "exact", "rounded"),
    [
        (None, "30", "30.00"),  # 不涉及财产数额
        ("1000", "30", "30.00"),
        ("1000.01", "30.0001", "30.00"),
        ("100000", "1020", "1020.00"),
        ("100000.01", "1020.00005", "1020.00"),
        ("895999.99", "4999.99995", "5000.00"),
        ("896000", "5000", "5000.00"),  # the cap is reached exactly here
        ("896000.01", "5000", "5000.00"),
        ("10000000", "5000", "5000.00"),
    ],
)
def test_preservation_and_cap(amount: str | None, exact: str, rounded: str) -> None:
    result = fee("preservation", amount)
    assert result.exact_fee == Fraction(exact)
    assert result.fee == D(rounded)


def test_preservation_cap_is_reported() -> None:
    assert any("5000" in a for a in fee("preservation", "1000000").adjustments)
    assert fee("preservation", "896000").adjustments == ()


def test_payment_order_is_one_third() -> None:
    small = fee("payment_order", "8000")
    assert small.exact_fee == Fraction(50, 3)
    assert small.fee == D("16.67")
    assert fee("payment_order", "8000", rounding=ROUND_TO_YUAN).fee == D("17")
    assert fee("payment_order", "80000").fee == D("600.00")  # 1,800 / 3
    assert fee("payment_order", "150000").fee == D("1100.00")  # 3,300 / 3
    assert small.halved is False
    assert input_error("payment_order").field == "amount"


def test_fixed_application_fees() -> None:
    assert fee("public_summons").fee == D("100.00")
    assert fee("arbitration").fee == D("400.00")
    assert input_error("public_summons", "100").field == "amount"
    assert input_error("arbitration", base="400").field == "base"


@pytest.mark.parametrize(
    ("estate", "exact"),
    [
        ("100000000", "270900"),  # (0.005 × 1e8 + 41,800) / 2
        ("111639999.99", "299999.999975"),
        ("111640000", "300000"),  # cap reached exactly
        ("111640000.01", "300000"),
        ("1000000000", "300000"),
        ("8000", "25"),
    ],
)
def test_bankruptcy(estate: str, exact: str) -> None:
    result = fee("bankruptcy", estate)
    assert result.exact_fee == Fraction(exact)
    # its halving is the rate of 第14条(六), not a 第15/16条 halving
    assert result.halved is False
    assert any("第14条(六)" in a for a in result.adjustments)


def test_bankruptcy_needs_the_estate() -> None:
    assert input_error("bankruptcy").field == "amount"


@pytest.mark.parametrize(
    ("subkind", "base", "expected"),
    [
        ("limitation_fund", None, "1000.00"),
        ("limitation_fund", "10000", "10000.00"),
        ("injunction", "5000", "5000.00"),
        ("lien_summons", None, "1000.00"),
        ("debt_registration", None, "1000.00"),
        ("general_average", None, "1000.00"),
    ],
)
def test_maritime(subkind: str, base: str | None, expected: str) -> None:
    extra = {} if base is None else {"base": base}
    assert fee("maritime", subkind=subkind, **extra).fee == D(expected)


def test_maritime_errors() -> None:
    assert input_error("maritime").field == "subkind"
    assert input_error("maritime", subkind="injunction", base="5001").field == "base"
    assert input_error("maritime", subkind="debt_registration", base="1000").field == "base"


# --- input validation -------------------------------------------------------------------------


def test_negative_amount_message() -> None:
    error = input_error("property", "-1")
    assert (error.field, error.reason) == ("amount", "金额不能为负数")
    assert str(error) == "amount: 金额不能为负数"


def test_more_than_two_decimals_rejected() -> None:
    assert input_error("property", "100.001").field == "amount"


@pytest.mark.parametrize("text", ["abc", "1e5", "1,000", "", "１０００", "NaN", "1_000"])
def test_parse_money_rejects_non_numbers(text: str) -> None:
    with pytest.raises(FeeInputError) as info:
        parse_money("amount", text)
    assert info.value.field == "amount"


def test_parse_money_accepts_strings_ints_and_floats() -> None:
    assert parse_money("amount", " 150000.50 ") == D("150000.50")
    assert parse_money("amount", 150000) == D(150000)
    assert parse_money("amount", 150000.1) == D("150000.1")
    assert parse_money("amount", None) is None
    with pytest.raises(FeeInputError):
        parse_money("amount", True)
    with pytest.raises(FeeInputError):
        parse_money("amount", float("inf"))


def test_parse_fee_request() -> None:
    request = parse_fee_request(
        {"kind": "property", "amount": "150000", "procedure": None, "closure": "withdrawal"}
    )
    assert request == FeeRequest(
        kind=FeeKind.PROPERTY, amount=D(150000), closure=Closure.WITHDRAWAL
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "kind"),
        ({"kind": "lawsuit"}, "kind"),
        ({"kind": "property", "amout": "1"}, "amout"),
        ({"kind": "property", "procedure": "fast"}, "procedure"),
        ({"kind": "property", "closure": "judgment"}, "closure"),
        ({"kind": "property", "counterclaim": "yes"}, "counterclaim"),
        ({"kind": "administrative", "subkind": 1}, "subkind"),
        ({"kind": "property", "amount": "-5"}, "amount"),
        ({"kind": "divorce", "base": "abc"}, "base"),
    ],
)
def test_parse_fee_request_errors(data: dict, field: str) -> None:
    with pytest.raises(FeeInputError) as info:
        parse_fee_request(data)
    assert info.value.field == field


# --- provincial schedules (第13条 last paragraph) ---------------------------------------------

# Hypothetical test data, not a real provincial standard.
FAKE_LU = ProvinceFeeSchedule(
    province="鲁",
    effective_from=dt.date(2020, 1, 1),
    ranges={RangedFee.DIVORCE: FeeRange(D(100), D(200), D(150))},
    source="test only",
)


def test_schedule_lookup_by_province_and_date() -> None:
    assert schedule_for("鲁", dt.date(2021, 1, 1), schedules=(FAKE_LU,)) is FAKE_LU
    assert schedule_for("鲁", dt.date(2019, 12, 31), schedules=(FAKE_LU,)) is NATIONAL_SCHEDULE
    assert schedule_for("豫", dt.date(2021, 1, 1), schedules=(FAKE_LU,)) is NATIONAL_SCHEDULE
    assert schedule_for(None) is NATIONAL_SCHEDULE
    with pytest.raises(FeeInputError) as info:
        schedule_for("山东")
    assert info.value.field == "province"


def test_province_range_and_default_are_used() -> None:
    assert fee("divorce", schedule=FAKE_LU).fee == D("150.00")
    assert fee("divorce", base="200", schedule=FAKE_LU).fee == D("200.00")
    error = input_error("divorce", base="300", schedule=FAKE_LU)  # inside 50–300, outside 鲁
    assert error.field == "base"
    assert "100元至200元" in error.reason
    # ranges the province did not set fall back to the statutory range
    assert fee("personality", schedule=FAKE_LU).fee == D("100.00")


def test_province_range_must_lie_inside_the_statute() -> None:
    with pytest.raises(ValueError):
        ProvinceFeeSchedule("鲁", dt.date(2020, 1, 1), {RangedFee.DIVORCE: FeeRange(D(40), D(90))})
    with pytest.raises(ValueError):
        FeeRange(D(100), D(50))
    with pytest.raises(ValueError):
        FeeRange(D(50), D(100), D(120))


# --- properties -------------------------------------------------------------------------------

fen_amounts = st.integers(min_value=0, max_value=200_000_000_00).map(lambda c: D(c) / 100)

# (kind, Lipschitz bound = highest marginal rate after all factors)
MONOTONE_KINDS = [
    ("property", Fraction("0.025")),
    ("enforcement", Fraction("0.015")),
    ("preservation", Fraction("0.01")),
    ("payment_order", Fraction("0.025") / 3),
    ("bankruptcy", Fraction("0.025") / 2),
    ("divorce", Fraction("0.005")),
    ("personality", Fraction("0.01")),
]


@pytest.mark.parametrize(("kind", "max_rate"), MONOTONE_KINDS)
@given(a=fen_amounts, b=fen_amounts)
def test_fee_is_monotone_and_continuous(kind: str, max_rate: Fraction, a: D, b: D) -> None:
    low, high = sorted((a, b))
    f_low, f_high = fee(kind, str(low)).exact_fee, fee(kind, str(high)).exact_fee
    assert f_low <= f_high
    # no jumps anywhere, boundaries included: the fee grows at most at the top marginal rate
    assert f_high - f_low <= max_rate * Fraction(high - low)


# (boundary, marginal rate below, marginal rate above), typed from 第13条(一) and 第14条(一)(二)
BOUNDARY_RATES = {
    "property": [
        (10_000, "0", "0.025"),
        (100_000, "0.025", "0.02"),
        (200_000, "0.02", "0.015"),
        (500_000, "0.015", "0.01"),
        (1_000_000, "0.01", "0.009"),
        (2_000_000, "0.009", "0.008"),
        (5_000_000, "0.008", "0.007"),
        (10_000_000, "0.007", "0.006"),
        (20_000_000, "0.006", "0.005"),
    ],
    "enforcement": [
        (10_000, "0", "0.015"),
        (500_000, "0.015", "0.01"),
        (5_000_000, "0.01", "0.005"),
        (10_000_000, "0.005", "0.001"),
    ],
    "preservation": [(1_000, "0", "0.01"), (100_000, "0.01", "0.005"), (896_000, "0.005", "0")],
}
boundary_cases = st.sampled_from(
    [(kind, row) for kind, rows in BOUNDARY_RATES.items() for row in rows]
)


@given(case=boundary_cases, fen=st.integers(min_value=1, max_value=100_000))
def test_marginal_rates_on_both_sides_of_each_boundary(case: tuple, fen: int) -> None:
    # Boundaries are at least 1,000 yuan apart, so a step of up to 1,000 yuan stays in the
    # neighbouring bracket on either side.
    kind, (boundary, below, above) = case
    delta = D(fen) / 100
    at = fee(kind, str(D(boundary))).exact_fee
    assert fee(kind, str(boundary + delta)).exact_fee - at == Fraction(above) * Fraction(delta)
    assert at - fee(kind, str(boundary - delta)).exact_fee == Fraction(below) * Fraction(delta)


@given(
    amount=fen_amounts,
    procedure=st.sampled_from(list(Procedure)),
    closure=st.sampled_from([None, *Closure]),
    counterclaim=st.booleans(),
)
def test_halving_is_exactly_one_half_or_nothing(
    amount: D, procedure: Procedure, closure: Closure | None, counterclaim: bool
) -> None:
    result = fee(
        "property", str(amount), procedure=procedure, closure=closure, counterclaim=counterclaim
    )
    grounds = (procedure is not Procedure.ORDINARY) + (closure is not None) + counterclaim
    assert result.halved is (grounds > 0)
    assert result.exact_fee == Fraction(result.full_fee) / (2 if grounds else 1)
