"""Tests for fating.core.identifiers (LEGAL-RULES F; masking per E)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from fating.core.identifiers import (
    CREDIT_CODE_ALPHABET,
    PROVINCE_CODES,
    USCC_CATEGORIES,
    IdentifierError,
    Sex,
    id_check_digit,
    luhn_check_digit,
    luhn_is_valid,
    mask_bank_account,
    mask_id_number,
    mask_mobile,
    mask_name,
    mask_uscc,
    parse_id_number,
    parse_uscc,
    split_surname,
    uscc_check_digit,
    validate_id_number,
    validate_mobile,
    validate_uscc,
)

TODAY = dt.date(2026, 1, 15)


# Independent implementations written from the text of LEGAL-RULES F, so the tests do not merely
# repeat the library the module delegates to.
def spec_id_check(body: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def spec_uscc_check(body: str) -> str:
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(body, weights, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def make_id(area: str, birth: str, order: str) -> str:
    body = area + birth + order
    return body + spec_id_check(body)


def make_uscc(head: str) -> str:
    return head + spec_uscc_check(head)


def error_of(func: Callable[..., object], value: str, **kwargs: Any) -> IdentifierError:
    with pytest.raises(IdentifierError) as info:
        func(value, **kwargs)
    return info.value


# ---------------------------------------------------------------- 公民身份号码


def test_spec_test_vector_is_valid() -> None:
    parsed = parse_id_number("11010519491231002X", today=TODAY)
    assert parsed.number == "11010519491231002X"
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.sex is Sex.FEMALE  # order code 002 is even
    assert parsed.area_code == "110105"
    assert parsed.province_code == "11"


def test_lowercase_x_and_spaces_are_normalised() -> None:
    assert validate_id_number(" 110105 19491231 002x ", today=TODAY) == "11010519491231002X"


def test_full_width_digits_are_normalised() -> None:
    assert (
        validate_id_number("１１０１０５１９４９１２３１００２Ｘ", today=TODAY)
        == "11010519491231002X"
    )


def test_odd_order_code_is_male() -> None:
    number = make_id("370321", "19800101", "123")
    assert parse_id_number(number, today=TODAY).sex is Sex.MALE


def test_abolished_county_code_is_accepted_though_stdnum_rejects_it() -> None:
    # 330111 (富阳区) did not exist in 1990 by stdnum's table, yet the checksum is right and such
    # cards exist (LEGAL-RULES F caveat 1).
    number = "330111199003071237"
    assert ric.is_valid(number) is False
    assert validate_id_number(number, today=TODAY) == number


def test_county_code_missing_from_stdnum_table_is_accepted() -> None:
    number = "46032119900307123X"
    with pytest.raises(KeyError):  # LEGAL-RULES F caveat 2: stdnum raises instead of False
        ric.is_valid(number)
    assert validate_id_number(number, today=TODAY) == number


def test_bad_check_digit() -> None:
    err = error_of(validate_id_number, "110105194912310021", today=TODAY)
    assert err.field_label == "公民身份号码"
    assert err.message == "公民身份号码校验位错误"


def test_february_30_is_not_a_birth_date() -> None:
    number = make_id("370321", "19900230", "123")
    assert error_of(validate_id_number, number, today=TODAY).message == "出生日期无效"


def test_month_13_is_not_a_birth_date() -> None:
    number = make_id("370321", "19901301", "123")
    assert error_of(validate_id_number, number, today=TODAY).message == "出生日期无效"


def test_future_birth_date_is_rejected() -> None:
    number = make_id("370321", "20260116", "123")
    assert error_of(validate_id_number, number, today=TODAY).message == "出生日期无效（晚于今天）"
    assert validate_id_number(make_id("370321", "20260115", "123"), today=TODAY)


def test_birth_before_1900_is_rejected() -> None:
    number = make_id("370321", "18991231", "123")
    assert error_of(validate_id_number, number, today=TODAY).message == "出生日期无效（早于1900年）"


def test_leap_day_only_in_leap_years() -> None:
    assert validate_id_number(make_id("370321", "20000229", "123"), today=TODAY)
    bad = make_id("370321", "19000229", "123")  # 1900 is not a leap year
    assert error_of(validate_id_number, bad, today=TODAY).message == "出生日期无效"


@pytest.mark.parametrize("prefix", ["00", "10", "16", "20", "39", "66", "70", "80", "83", "99"])
def test_unknown_province_prefix_is_rejected(prefix: str) -> None:
    number = make_id(prefix + "0321", "19900101", "123")
    assert error_of(validate_id_number, number, today=TODAY).message == (
        "公民身份号码地址码无效（省级代码不存在）"
    )


@pytest.mark.parametrize("prefix", ["11", "46", "65", "71", "81", "82", "91"])
def test_listed_province_prefixes_are_accepted(prefix: str) -> None:
    assert validate_id_number(make_id(prefix + "0101", "19900101", "123"), today=TODAY)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("11010519491231002", "公民身份号码应为18位，实为17位"),
        ("11010519491231002X1", "公民身份号码应为18位，实为19位"),
        ("110105491231002", "公民身份号码应为18位，实为15位"),
        ("", "公民身份号码应为18位，实为0位"),
        ("1101051949123100XX", "公民身份号码只能由数字和末位X组成"),
        ("11010519491231002Y", "公民身份号码只能由数字和末位X组成"),
    ],
)
def test_malformed_id_numbers(value: str, message: str) -> None:
    assert error_of(validate_id_number, value, today=TODAY).message == message


def test_check_digit_needs_17_digits() -> None:
    assert error_of(id_check_digit, "1234").field_label == "公民身份号码"


_bodies = st.builds(
    lambda province, rest, birth, order: province + rest + birth.strftime("%Y%m%d") + order,
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.from_regex(r"\A[0-9]{4}\Z"),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    st.from_regex(r"\A[0-9]{3}\Z"),
)


@given(_bodies, st.booleans())
def test_generated_ids_round_trip(body: str, lowercase: bool) -> None:
    check = id_check_digit(body)
    assert check == spec_id_check(body)
    number = body + check
    typed = number.lower() if lowercase else number
    parsed = parse_id_number(typed, today=TODAY)
    assert parsed.number == number
    assert parsed.birth_date.strftime("%Y%m%d") == body[6:14]
    assert parsed.sex is (Sex.MALE if int(body[16]) % 2 else Sex.FEMALE)


@given(_bodies, st.sampled_from("0123456789X"))
def test_every_wrong_check_character_is_rejected(body: str, wrong: str) -> None:
    if wrong == spec_id_check(body):
        return
    with pytest.raises(IdentifierError, match="校验位错误"):
        validate_id_number(body + wrong, today=TODAY)


# ---------------------------------------------------------------- 统一社会信用代码


def test_uscc_spec_test_vector() -> None:
    parsed = parse_uscc("91110000600037341L")
    assert (parsed.authority, parsed.authority_label) == ("9", "工商")
    assert (parsed.category, parsed.category_label) == ("1", "企业")
    assert parsed.division_code == "110000"
    assert parsed.organisation_code == "600037341"


def test_uscc_case_and_whitespace_are_normalised() -> None:
    assert validate_uscc(" 9111 0000 6000 3734 1l\n") == "91110000600037341L"


def test_village_collective_n2_is_accepted_though_stdnum_rejects_it() -> None:
    code = make_uscc("N2370321MA3C51111")
    assert uscc.is_valid(code) is False  # LEGAL-RULES F caveat 3
    parsed = parse_uscc(code)
    assert parsed.authority_label == "农业"
    assert parsed.category_label == "村级集体经济组织"


@pytest.mark.parametrize(
    ("head", "authority", "category"),
    [
        ("11370321004321001", "机构编制", "机关"),
        ("21110000MA0012345", "外交", "外国常驻新闻机构"),
        ("31370000MD0123456", "司法行政", "律师执业机构"),
        ("41110000MA0012345", "文化", "外国在华文化中心"),
        ("52370321MJE123456", "民政", "民办非企业单位"),
        ("62110000MA0012345", "旅游", "港澳台地区旅游部门常驻内地（大陆）代表机构"),
        ("71370321MA0012345", "宗教", "宗教活动场所"),
        ("81370321MC1234567", "工会", "基层工会"),
        ("92370321MA3C12345", "工商", "个体工商户"),
        ("93370321MA3C12345", "工商", "农民专业合作社"),
        ("A1110000MB1234567", "中央军委改革和编制办公室", "军队事业单位"),
        ("N1370321MF1234567", "农业", "组级集体经济组织"),
        ("N3370321MF1234567", "农业", "乡镇级集体经济组织"),
        ("Y1370321MA1234567", "其他", "其他"),
    ],
)
def test_every_authority_is_accepted(head: str, authority: str, category: str) -> None:
    parsed = parse_uscc(make_uscc(head))
    assert (parsed.authority_label, parsed.category_label) == (authority, category)


@pytest.mark.parametrize(
    ("head", "message"),
    [
        ("B1370321MA3C12345", "统一社会信用代码登记管理部门代码无效"),
        ("94370321MA3C12345", "统一社会信用代码机构类别代码无效（工商部门无类别4）"),
        ("99370321MA3C12345", "统一社会信用代码机构类别代码无效（工商部门无类别9）"),
        ("N4370321MA3C12345", "统一社会信用代码机构类别代码无效（农业部门无类别4）"),
        ("Y9370321MA3C12345", "统一社会信用代码机构类别代码无效（其他部门无类别9）"),
        ("913703A1MA3C12345", "统一社会信用代码登记管理机关行政区划码应为6位数字"),
    ],
)
def test_bad_uscc_structure(head: str, message: str) -> None:
    assert error_of(validate_uscc, make_uscc(head)).message == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("91110000600037341", "统一社会信用代码应为18位，实为17位"),
        ("91110000600037341LL", "统一社会信用代码应为18位，实为19位"),
        ("91110000600O37341L", "统一社会信用代码含有不允许的字符：O"),
        ("9111000060003734IS", "统一社会信用代码含有不允许的字符：IS"),
        ("91110000600037341M", "统一社会信用代码校验位错误"),
    ],
)
def test_bad_uscc_values(value: str, message: str) -> None:
    err = error_of(validate_uscc, value)
    assert (err.field_label, err.message) == ("统一社会信用代码", message)


_uscc_heads = st.sampled_from(
    [a + c for a, (_, cats) in USCC_CATEGORIES.items() for c in cats]
).flatmap(
    lambda head: st.builds(
        lambda division, body: head + division + body,
        st.from_regex(r"\A[0-9]{6}\Z"),
        st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=9, max_size=9),
    )
)


@given(_uscc_heads)
def test_generated_usccs_round_trip(body: str) -> None:
    check = uscc_check_digit(body)
    assert check == spec_uscc_check(body)
    assert validate_uscc((body + check).lower()) == body + check


@given(_uscc_heads, st.sampled_from(CREDIT_CODE_ALPHABET))
def test_every_wrong_uscc_check_is_rejected(body: str, wrong: str) -> None:
    if wrong == spec_uscc_check(body):
        return
    with pytest.raises(IdentifierError, match="校验位错误"):
        validate_uscc(body + wrong)


# ---------------------------------------------------------------- mobile numbers


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "8613812345678",
        "0086-138-1234-5678",
        "(+86) 13812345678",
        "１３８１２３４５６７８",
    ],
)
def test_mobile_formats_normalise(value: str) -> None:
    assert validate_mobile(value) == "13812345678"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1381234567", "手机号码应为11位，实为10位"),
        ("138123456789", "手机号码应为11位，实为12位"),
        ("12812345678", "手机号码号段无效（应以13–19开头）"),
        ("23812345678", "手机号码号段无效（应以13–19开头）"),
        ("+85213812345678", "手机号码国家代码应为+86"),
        ("138abcd5678", "手机号码只能包含数字"),
        ("0531-87654321", "手机号码应为11位，实为12位"),
    ],
)
def test_bad_mobiles(value: str, message: str) -> None:
    err = error_of(validate_mobile, value)
    assert (err.field_label, err.message) == ("手机号码", message)


@given(st.from_regex(r"\A1[3-9][0-9]{9}\Z"))
def test_generated_mobiles_round_trip(number: str) -> None:
    assert validate_mobile(f"+86 {number[:3]}-{number[3:7]}-{number[7:]}") == number


# ---------------------------------------------------------------- Luhn


def test_luhn_known_card() -> None:
    assert luhn_is_valid("4111111111111111")
    assert not luhn_is_valid("4111111111111112")
    assert luhn_check_digit("411111111111111") == "1"


@given(st.from_regex(r"\A62[0-9]{13,16}\Z"))
def test_luhn_round_trip(body: str) -> None:
    assert luhn_is_valid(body + luhn_check_digit(body))


# ---------------------------------------------------------------- names and masks


@pytest.mark.parametrize(
    ("name", "masked", "per_char"),
    [
        ("张三", "张某", "张某"),
        ("张三丰", "张某", "张某某"),
        ("欧阳娜娜", "欧阳某", "欧阳某某"),
        ("司马光", "司马某", "司马某"),
        ("欧阳", "欧某", "欧某"),  # a two-character name whose surname is 欧
        ("买买提·艾力", "买某", "买某"),
        ("阿依古丽•吐尔逊", "阿某", "阿某"),
        ("John Smith", "J", "J"),
        ("张", "张某", "张某"),
    ],
)
def test_mask_name(name: str, masked: str, per_char: str) -> None:
    assert mask_name(name) == masked
    assert mask_name(name, per_character=True) == per_char


def test_split_surname() -> None:
    assert split_surname("诸葛亮") == ("诸葛", "亮")
    assert split_surname("王五") == ("王", "五")


def test_display_masks() -> None:
    assert mask_id_number("37032119800101123x") == "370321********123X"
    assert mask_mobile("+86 138-1234-5678") == "138****5678"
    assert mask_uscc("91110000600037341L") == "91110000******341L"
    assert mask_bank_account("6222 0212 3456 7890 128") == "6222***********0128"
    assert mask_mobile("123") == "***"
