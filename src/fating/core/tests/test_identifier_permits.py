"""Residence permits (港澳台居民居住证) and the 2023 foreign permanent residence ID card are valid
identity numbers in court: checksum and date of birth validated, the card named."""

from __future__ import annotations

import datetime as dt

import pytest

from fating.core.identifiers import IdentifierError, id_check_digit, parse_id_number

TODAY = dt.date(2026, 1, 15)


def make(body: str) -> str:
    return body + id_check_digit(body)


@pytest.mark.parametrize(
    ("area", "document"),
    [("830000", "台湾居民居住证"), ("810000", "港澳居民居住证"), ("820000", "港澳居民居住证")],
)
def test_residence_permits_are_accepted(area: str, document: str) -> None:
    parsed = parse_id_number(make(area + "19900101123"), today=TODAY)
    assert parsed.document == document
    assert parsed.birth_date == dt.date(1990, 1, 1)


def test_foreign_permanent_residence_card_2023_is_accepted() -> None:
    # 9 + 44 (广东 accepted the application) + 156 (nationality code) + birth + order + check.
    parsed = parse_id_number(make("94415619850505123"), today=TODAY)
    assert parsed.document == "外国人永久居留身份证"
    assert parsed.birth_date == dt.date(1985, 5, 5)


def test_permits_still_need_a_right_check_digit_and_birth_date() -> None:
    good = make("83000019900101123")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(IdentifierError, match="校验位错误"):
        parse_id_number(wrong, today=TODAY)
    with pytest.raises(IdentifierError, match="出生日期无效"):
        parse_id_number(make("94415619851305123"), today=TODAY)


@pytest.mark.parametrize("body", ["83032119900101123", "99015619850505123", "90015619850505123"])
def test_other_83_and_9_prefixes_stay_refused(body: str) -> None:
    with pytest.raises(IdentifierError, match="地址码无效"):
        parse_id_number(make(body), today=TODAY)
