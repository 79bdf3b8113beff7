from decimal import Decimal

from fating.conversations import rules


def test_midpoint_rounds_half_up_to_the_fen() -> None:
    assert rules.midpoint(Decimal("100.01"), Decimal("100.00")) == Decimal("100.01")


def test_bidding_settles_at_the_midpoint_when_within_the_gap() -> None:
    assert rules.bidding_outcome(Decimal("50000"), Decimal("46000"), Decimal("5000")) == Decimal(
        "48000.00"
    )


def test_gap_is_inclusive() -> None:
    assert rules.bidding_outcome(Decimal("50000"), Decimal("45000"), Decimal("5000")) is not None


def test_bidding_outside_the_gap_settles_nothing() -> None:
    assert rules.bidding_outcome(Decimal("50000"), Decimal("44999.99"), Decimal("5000")) is None


def test_an_offer_above_the_ask_settles_at_the_ask() -> None:
    assert rules.bidding_outcome(Decimal("40000"), Decimal("45000"), Decimal("0")) == Decimal(
        "40000.00"
    )


def test_one_side_alone_settles_nothing() -> None:
    assert rules.bidding_outcome(Decimal("1"), None, Decimal("100")) is None


def test_a_disputed_property_needs_a_reason() -> None:
    errors = rules.opinion_errors(
        {"authenticity": "disputed", "legality": "admitted", "relevance": "admitted"}
    )
    assert errors == {"authenticity_reason": "对真实性有异议的，请写明理由。"}


def test_every_property_needs_an_opinion() -> None:
    assert rules.opinion_errors({})["legality"] == "请选择对合法性的意见（认可或有异议）。"
