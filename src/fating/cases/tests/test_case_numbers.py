"""案号: format, parse, round-trip and validation (LEGAL-RULES.md §B)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fating.cases.rules import (
    PROVINCE_ABBREVIATIONS,
    TYPE_CODES,
    CaseNumber,
    CaseNumberError,
    court_level,
    format_case_number,
    is_valid_case_number,
    parse_case_number,
    validate_court_code,
)


def test_format_basic_court() -> None:
    assert format_case_number(2026, "鲁0321", "民初", 1234) == "（2026）鲁0321民初1234号"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2022, "鲁0321", "民初", 1234), "（2022）鲁0321民初1234号"),
        ((2020, "粤07", "民终", 5), "（2020）粤07民终5号"),
        ((2020, "粤", "民终", 5), "（2020）粤民终5号"),
        ((2016, "京0105", "执", 1), "（2016）京0105执1号"),
        ((2023, "内01", "执恢", 88), "（2023）内01执恢88号"),
        ((2021, "川0104", "民诉前调", 801), "（2021）川0104民诉前调801号"),
    ],
)
def test_format(args: tuple, expected: str) -> None:
    assert format_case_number(*args) == expected


def test_format_with_specialised_trial_code() -> None:
    assert format_case_number(2019, "最高法", "民终", 1, special="知") == "（2019）最高法知民终1号"


def test_parse_full_width() -> None:
    number = parse_case_number("（2022）鲁0321民初1234号")
    assert number == CaseNumber(year=2022, court_code="鲁0321", type_code="民初", seq=1234)
    assert number.court_level == "基层"
    assert number.case_type.name == "民事一审"
    assert number.case_type.category == "0301"


def test_parse_half_width_and_canonicalise() -> None:
    number = parse_case_number("(2024)浙02民诉前调595号")
    assert (number.court_code, number.type_code, number.seq) == ("浙02", "民诉前调", 595)
    assert str(number) == "（2024）浙02民诉前调595号"


def test_parse_specialised_trial_code() -> None:
    number = parse_case_number("（2019）最高法知民终1号")
    assert (number.court_code, number.special, number.type_code) == ("最高法", "知", "民终")
    assert number.court_level == "最高"


def test_parse_full_width_digits_and_spaces() -> None:
    assert parse_case_number(" （２０２２）鲁０３２１民初１２号 ").seq == 12


@pytest.mark.parametrize(
    ("code", "level"),
    [("最高法", "最高"), ("粤", "高级"), ("粤07", "中级"), ("粤0703", "基层"), ("军", "高级")],
)
def test_court_level(code: str, level: str) -> None:
    assert court_level(code) == level


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("（2022）鲁0321民丙1号", "type_code"),
        ("（2022）鲁0321民x1号", "case_number"),
        ("（2022）鲁0321刑初1号", "type_code"),  # not in our table yet
        ("（2022）X0321民初1号", "court_code"),
        ("（2022）蒙0321民初1号", "court_code"),  # 内蒙古 is 内
        ("（2022）鲁032民初1号", "court_code"),
        ("（2022）鲁032101民初1号", "court_code"),
        ("（2022）鲁0000民初1号", "court_code"),
        ("（2022）鲁0321民初1", "case_number"),
        ("2022鲁0321民初1号", "case_number"),
        ("（22）鲁0321民初1号", "case_number"),
        ("（2022）鲁0321民初第1号", "case_number"),
        ("（2022）鲁0321民初号", "case_number"),
        ("（2022）鲁0321民初0012号", "seq"),
        ("（1900）鲁0321民初1号", "year"),
        ("", "case_number"),
    ],
)
def test_parse_rejects(text: str, field: str) -> None:
    with pytest.raises(CaseNumberError) as info:
        parse_case_number(text)
    assert info.value.field == field
    assert not is_valid_case_number(text)


def test_unknown_type_code_message() -> None:
    with pytest.raises(CaseNumberError) as info:
        parse_case_number("（2022）鲁0321民丙1号")
    assert str(info.value) == "type_code: 未知的类型代字「民丙」"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((2022, "鲁0321", "民初", 0), "seq"),
        ((2022, "鲁0321", "民初", -3), "seq"),
        ((2022, "鲁0321", "民初", True), "seq"),
        ((10000, "鲁0321", "民初", 1), "year"),
        ((2022, "鲁0321", "民初x", 1), "type_code"),
        ((2022, "", "民初", 1), "court_code"),
        ((2022, "最高", "民初", 1), "court_code"),
    ],
)
def test_format_rejects(args: tuple, field: str) -> None:
    with pytest.raises(CaseNumberError) as info:
        format_case_number(*args)
    assert info.value.field == field


def test_format_rejects_unknown_special_code() -> None:
    with pytest.raises(CaseNumberError) as info:
        format_case_number(2022, "鲁0321", "民初", 1, special="金")
    assert info.value.field == "special"


@pytest.mark.parametrize("code", ["最高法", "京", "内", "军", "兵", "兵07", "沪74", "鄂9004"])
def test_valid_court_codes(code: str) -> None:
    assert validate_court_code(code) == code


def test_province_list() -> None:
    assert len(PROVINCE_ABBREVIATIONS) == 31
    assert "内" in PROVINCE_ABBREVIATIONS
    assert "军" not in PROVINCE_ABBREVIATIONS


def test_type_code_table() -> None:
    required = (
        "民初 民终 民特 民督 民催 民诉前调 民保令 民撤 民申 民再 财保 行保 证保 "
        "执 执恢 执保 执异 执复 司惩 司救民"
    ).split()
    assert set(required) <= set(TYPE_CODES)
    assert TYPE_CODES["执"].category == "1002"
    assert TYPE_CODES["执异"].category == "1006"
    assert TYPE_CODES["民督"].category == "0328"
    assert TYPE_CODES["财保"].category == "0901"
    assert ("0318", "调解协议司法确认") in TYPE_CODES["民特"].subcategories
    assert TYPE_CODES["民诉前调"].provisional is True
    assert TYPE_CODES["民初"].provisional is False
    assert all(1 <= len(code) <= 4 for code in TYPE_CODES)


courts = st.one_of(
    st.just("最高法"),
    st.builds(
        lambda p, n, width: p + (f"{n:0{width}d}" if width else ""),
        st.sampled_from((*PROVINCE_ABBREVIATIONS, "军", "兵")),
        st.integers(min_value=1, max_value=99),
        st.sampled_from([0, 2, 4]),
    ),
)


@given(
    year=st.integers(min_value=2016, max_value=2100),
    court=courts,
    type_code=st.sampled_from(sorted(TYPE_CODES)),
    seq=st.integers(min_value=1, max_value=10**8),
    special=st.sampled_from(["", "知"]),
    half_width=st.booleans(),
)
def test_round_trip(
    year: int, court: str, type_code: str, seq: int, special: str, half_width: bool
) -> None:
    text = format_case_number(year, court, type_code, seq, special=special)
    if half_width:
        text = text.replace("（", "(").replace("）", ")")
    number = parse_case_number(text)
    assert number == CaseNumber(year, court, type_code, seq, special)
    assert str(number) == format_case_number(year, court, type_code, seq, special=special)
