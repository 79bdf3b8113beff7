"""Chinese identifiers: validation, parsing and display masking.

Pure Python, no Django import, so models, forms, the API and the anonymiser share one policy.
Rules are in shared/LEGAL-RULES.md section F (identifier validation) and section E (what a
published judgment may show). python-stdnum supplies the two checksums; the acceptance policy on
top is ours because stdnum 2.2 rejects valid numbers (LEGAL-RULES F, caveats 1–3):

- ``stdnum.cn.ric.validate`` rejects a resident ID whose county code was not in force in the birth
  year by its own table, and ``is_valid`` raises ``KeyError`` for some prefixes;
- ``stdnum.cn.uscc.validate`` requires positions 1–8 to be digits, so it rejects codes issued by
  the agricultural (N), military (A) and "other" (Y) registration authorities.

Every validator returns the normalised value or raises :class:`IdentifierError` whose message
names, in Chinese, what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from stdnum.cn import ric as _ric
from stdnum.cn import uscc as _uscc

__all__ = [
    "COMPOUND_SURNAMES",
    "CREDIT_CODE_ALPHABET",
    "PROVINCE_CODES",
    "USCC_CATEGORIES",
    "CreditCode",
    "IdentifierError",
    "ResidentId",
    "Sex",
    "id_check_digit",
    "luhn_check_digit",
    "luhn_is_valid",
    "mask_bank_account",
    "mask_id_number",
    "mask_mobile",
    "mask_name",
    "mask_uscc",
    "parse_id_number",
    "parse_uscc",
    "split_surname",
    "uscc_check_digit",
    "validate_id_number",
    "validate_mobile",
    "validate_uscc",
]

ID_LABEL = "公民身份号码"
USCC_LABEL = "统一社会信用代码"
MOBILE_LABEL = "手机号码"


class IdentifierError(ValueError):
    """An identifier failed validation.

    ``field_label`` names the identifier (公民身份号码, 统一社会信用代码, 手机号码) so a form or the
    API error handler can attach the message to the right field; ``message`` is the full Chinese
    sentence shown to the user, e.g. "公民身份号码校验位错误".
    """

    def __init__(self, field_label: str, message: str) -> None:
        super().__init__(message)
        self.field_label = field_label
        self.message = message


def _normalise(value: str) -> str:
    # NFKC turns full-width digits and letters (common when typed with a Chinese IME) into ASCII;
    # then all whitespace goes, wherever it is.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


# --------------------------------------------------------------------------------------------
# 公民身份号码 — GB 11643-1999 (LEGAL-RULES F)
# --------------------------------------------------------------------------------------------

# First two digits of the address code: the province-level divisions of GB/T 2260 (11–65 as
# actually assigned, 71 台湾, 81 香港, 82 澳门) plus 91, which the project brief lists as a plausible
# prefix. County codes are deliberately NOT checked: a code abolished before or created after the
# birth year still appears on valid cards (LEGAL-RULES F, caveat 1).
PROVINCE_CODES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 91".split()
)

# Residence permits for Hong Kong, Macau and Taiwan residents (港澳台居民居住证, 2018) carry an
# 18-digit number of the resident-ID shape whose address code is exactly 810000 / 820000 /
# 830000 (港澳台居民居住证申领发放办法 第2条; GB 11643 check digit). 83 is not a province prefix
# of the resident ID itself, so only the full 830000 is accepted.
PERMIT_AREA_CODES: dict[str, str] = {
    "810000": "港澳居民居住证",
    "820000": "港澳居民居住证",
    "830000": "台湾居民居住证",
}
# The 2023 foreign permanent residence ID card (外国人永久居留身份证, 2023版): "9", the 2-digit code
# of the province that accepted the application, a 3-digit nationality code, the birth date, a
# 3-digit order code and the same ISO 7064 MOD 11-2 check character as the resident ID.
FOREIGN_PR_LABEL = "外国人永久居留身份证"
RESIDENT_ID_LABEL = "居民身份证"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH = dt.date(1900, 1, 1)


# Province-level codes of the mainland (11–65): where a foreign permanent resident applied.
_MAINLAND_PROVINCES = frozenset(c for c in PROVINCE_CODES if "11" <= c <= "65")


class Sex(StrEnum):
    """Sex encoded in the order code: odd = male, even = female (GB 11643-1999 §4.3)."""

    MALE = "男"
    FEMALE = "女"


@dataclass(frozen=True)
class ResidentId:
    """A validated 18-character 公民身份号码 and what it encodes (GB 11643-1999)."""

    number: str
    area_code: str  # 6-digit GB/T 2260 address code where the number was first issued
    birth_date: dt.date
    sex: Sex
    # Which card carries the number: 居民身份证, 港澳居民居住证, 台湾居民居住证 or
    # 外国人永久居留身份证 (all accepted as identity documents in court).
    document: str = RESIDENT_ID_LABEL

    @property
    def province_code(self) -> str:
        return self.area_code[:2]


def id_check_digit(body: str) -> str:
    """Check character for the first 17 digits of a resident ID (ISO 7064 MOD 11-2).

    Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; S mod 11 indexes "10X98765432" (LEGAL-RULES F).
    Delegates to python-stdnum, whose function expects the check character to be present.
    """
    if len(body) != 17 or not body.isdigit():
        raise IdentifierError(ID_LABEL, "公民身份号码本体码应为17位数字")
    return _ric.calc_check_digit(body + "0")


def parse_id_number(value: str, *, today: dt.date | None = None) -> ResidentId:
    """Validate a 公民身份号码 and return what it encodes.

    Accepts surrounding/inner whitespace, full-width characters and a lowercase check ``x``.
    Checks, in order: length 18 (old 15-digit numbers from GB 11643-1989 carry no check digit
    and are refused), 17 digits plus a digit or X, the province part of the address code,
    a real birth date between 1900-01-01 and ``today``, then the check character.
    """
    number = _normalise(value).upper()
    if len(number) != 18:
        raise IdentifierError(ID_LABEL, f"公民身份号码应为18位，实为{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise IdentifierError(ID_LABEL, "公民身份号码只能由数字和末位X组成")
    document = RESIDENT_ID_LABEL
    if number[:6] in PERMIT_AREA_CODES:
        document = PERMIT_AREA_CODES[number[:6]]
    elif number[0] == "9" and number[1:3] in _MAINLAND_PROVINCES:
        document = FOREIGN_PR_LABEL
    elif number[:2] not in PROVINCE_CODES:
        raise IdentifierError(ID_LABEL, "公民身份号码地址码无效（省级代码不存在）")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdentifierError(ID_LABEL, "出生日期无效") from None
    if birth < _EARLIEST_BIRTH:
        raise IdentifierError(ID_LABEL, "出生日期无效（早于1900年）")
    if birth > (today or dt.date.today()):
        raise IdentifierError(ID_LABEL, "出生日期无效（晚于今天）")
    if number[17] != id_check_digit(number[:17]):
        raise IdentifierError(ID_LABEL, "公民身份号码校验位错误")
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return ResidentId(
        number=number, area_code=number[:6], birth_date=birth, sex=sex, document=document
    )


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalised 公民身份号码 (uppercase X) or raise :class:`IdentifierError`."""
    return parse_id_number(value, today=today).number


# --------------------------------------------------------------------------------------------
# 统一社会信用代码 — GB 32100-2015 (LEGAL-RULES F)
# --------------------------------------------------------------------------------------------

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V

# 登记管理部门代码 → {机构类别代码: 类别}. GB 32100-2015 表2/表3 as amended: A (中央军委改革和编制
# 办公室) and N (农业, for rural collective economic organisations) were added after 2015. The table
# is corroborated by several independent public implementations; LEGAL-RULES F quotes the
# authorities 1, 5, 9, A, N, Y and the category N2.
USCC_CATEGORIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {
            "1": "外国旅游部门常驻代表机构",
            "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
            "9": "其他",
        },
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}


@dataclass(frozen=True)
class CreditCode:
    """A validated 统一社会信用代码 and its parts (GB 32100-2015 §4)."""

    code: str
    authority: str  # position 1, 登记管理部门代码
    authority_label: str
    category: str  # position 2, 机构类别代码
    category_label: str
    division_code: str  # positions 3–8, GB/T 2260 code of the registering authority
    organisation_code: str  # positions 9–17, 主体标识码 (GB 11714 organisation code)


def uscc_check_digit(body: str) -> str:
    """Check character for the first 17 characters of a USCC.

    Weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = alphabet[(31 − Σ mod 31) mod
    31] (GB 32100-2015 §5; LEGAL-RULES F). Delegates to python-stdnum's ``calc_check_digit``, which
    (unlike its ``validate``) works for every authority code.
    """
    if len(body) != 17 or any(c not in CREDIT_CODE_ALPHABET for c in body):
        raise IdentifierError(USCC_LABEL, "统一社会信用代码本体码应为17位代码字符")
    return _uscc.calc_check_digit(body)


def parse_uscc(value: str) -> CreditCode:
    """Validate a 统一社会信用代码 and return its parts.

    Normalises case, whitespace and full-width characters. Checks length, the character set,
    the registration authority and a category valid for that authority (GB 32100-2015 表2/表3,
    including N 农业 — village collective economic organisations N2 are frequent parties in land
    disputes), a 6-digit division code, then the check character. The GB 11714 check inside the
    organisation code is not verified: the standard does not require it of the USCC check.
    """
    code = _normalise(value).upper()
    if len(code) != 18:
        raise IdentifierError(USCC_LABEL, f"统一社会信用代码应为18位，实为{len(code)}位")
    bad = sorted({c for c in code if c not in CREDIT_CODE_ALPHABET})
    if bad:
        raise IdentifierError(USCC_LABEL, f"统一社会信用代码含有不允许的字符：{''.join(bad)}")
    if code[0] not in USCC_CATEGORIES:
        raise IdentifierError(USCC_LABEL, "统一社会信用代码登记管理部门代码无效")
    authority_label, categories = USCC_CATEGORIES[code[0]]
    if code[1] not in categories:
        raise IdentifierError(
            USCC_LABEL, f"统一社会信用代码机构类别代码无效（{authority_label}部门无类别{code[1]}）"
        )
    if not code[2:8].isdigit():
        raise IdentifierError(USCC_LABEL, "统一社会信用代码登记管理机关行政区划码应为6位数字")
    if code[17] != uscc_check_digit(code[:17]):
        raise IdentifierError(USCC_LABEL, "统一社会信用代码校验位错误")
    return CreditCode(
        code=code,
        authority=code[0],
        authority_label=authority_label,
        category=code[1],
        category_label=categories[code[1]],
        division_code=code[2:8],
        organisation_code=code[8:17],
    )


def validate_uscc(value: str) -> str:
    """Return the normalised 统一社会信用代码 or raise :class:`IdentifierError`."""
    return parse_uscc(value).code


# --------------------------------------------------------------------------------------------
# Mobile numbers
# --------------------------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"1[3-9]\d{9}")


def validate_mobile(value: str) -> str:
    """Return a mainland mobile number as 11 digits, or raise :class:`IdentifierError`.

    Accepts spaces, hyphens, dots and brackets as separators and a +86 / 0086 / 86 country prefix.
    Mainland mobile numbers are 11 digits beginning 13–19.
    """
    raw = _normalise(value)
    digits = re.sub(r"[-.()（）]", "", raw)
    if digits.startswith("+"):
        if not digits.startswith("+86"):
            raise IdentifierError(MOBILE_LABEL, "手机号码国家代码应为+86")
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if not digits.isdigit():
        raise IdentifierError(MOBILE_LABEL, "手机号码只能包含数字")
    if len(digits) != 11:
        raise IdentifierError(MOBILE_LABEL, f"手机号码应为11位，实为{len(digits)}位")
    if not _MOBILE_RE.fullmatch(digits):
        raise IdentifierError(MOBILE_LABEL, "手机号码号段无效（应以13–19开头）")
    return digits


# --------------------------------------------------------------------------------------------
# Bank cards
# --------------------------------------------------------------------------------------------


def luhn_check_digit(body: str) -> str:
    """Luhn (ISO/IEC 7812-1) check digit for a bank card number without its last digit."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def luhn_is_valid(number: str) -> bool:
    """True when ``number`` (digits only) passes the Luhn check."""
    return number.isdigit() and len(number) > 1 and luhn_check_digit(number[:-1]) == number[-1]


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

# Two-character surnames that must stay whole when the given name is replaced (欧阳娜娜 → 欧阳某,
# LEGAL-RULES E 第9条 keeps the surname).
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 钟离 闾丘 "
    "独孤 南宫 西门 端木 百里 呼延 东郭 万俟 澹台 公冶 太史 申屠 濮阳 淳于 单于 仲孙 宗政 公羊 "
    "赫连 拓跋 第五 梁丘 左丘 谷梁 羊舌 微生 段干 乐正 巫马 公良 漆雕 壤驷 颛孙 亓官 鲜于 "
    "司寇 子车 颛顼 东门 歐陽".split()
)


def split_surname(name: str) -> tuple[str, str]:
    """Split a Han name into (surname, given name); compound surnames stay whole."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def mask_name(name: str, *, per_character: bool = False) -> str:
    """Replace a natural person's name as LEGAL-RULES E 第9条 requires.

    Han names keep the surname and the given name becomes "某" (张三 → 张某, 欧阳娜娜 → 欧阳某);
    with ``per_character`` one "某" per character (张三丰 → 张某某), the other published practice.
    Names written with "·" (ethnic-minority names, Chinese renderings of foreign names) keep the
    first character; Latin-script names keep only the first letter.
    """
    name = name.strip()
    if not name:
        return name
    if name[0].isascii():
        return name[0].upper() if name[0].isalpha() else name[0]
    if "·" in name or "•" in name:
        return name[0] + "某"
    surname, given = split_surname(name)
    if not given:
        return surname + "某"
    return surname + ("某" * len(given) if per_character else "某")


# --------------------------------------------------------------------------------------------
# Display masking. These are for staff and party screens; a published judgment deletes these
# identifiers altogether (LEGAL-RULES E 第10条) — see fating.knowledge.anonymise.
# --------------------------------------------------------------------------------------------


def _mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_id_number(value: str) -> str:
    """370321********123X: keep the 6-digit address code and the last 4 characters.

    LEGAL-RULES has no rule for the shape of a displayed mask (E 第10条 deletes the number in
    published judgments). The address code reveals only the county, which 第11条 treats as
    publishable; the birth date is hidden. Works on any string, valid or not.
    """
    return _mask_middle(_normalise(value).upper(), 6, 4)


def mask_mobile(value: str) -> str:
    """138****5678: keep the 3-digit network prefix and the last 4 digits."""
    try:
        digits = validate_mobile(value)
    except IdentifierError:
        digits = re.sub(r"\D", "", value)
    return _mask_middle(digits, 3, 4)


def mask_uscc(value: str) -> str:
    """91370321******123X: keep authority, category and division (positions 1–8), last 4."""
    return _mask_middle(_normalise(value).upper(), 8, 4)


def mask_bank_account(value: str) -> str:
    """6222 **** **** 1234 without spaces: keep the first 4 and last 4 digits."""
    return _mask_middle(re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value)), 4, 4)
