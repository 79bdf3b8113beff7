"""Case numbers 案号: format, parse and validate. Pure Python, no Django.

Source: 最高人民法院关于人民法院案件案号的若干规定 (法〔2015〕137号, in force 2016-01-01),
its standards 人民法院案件类型及其代字标准 and 各级法院代字表, amended by 法〔2018〕335号.
These texts are NOT in the LawRefBook snapshot; see LEGAL-RULES.md §B for how sure we are
(format and court codes: high; type-code table: medium — verify against the SPC standard
before release).

Shape (第2–3条): ``（`` 收案年度 ``）`` 法院代字 [专门审判代字] 类型代字 案件编号 ``号``, no "第",
full-width brackets in documents, e.g. ``（2022）鲁0321民初1234号``.

People's tribunals (人民法庭) have no code of their own: their cases carry the basic court's code
and number series (人民法院组织法 第26条). The gap-free sequence per court × type × year
(第9–10条) needs the database and lives in a service, not here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType

from fating.core.exceptions import FieldError

# 第4条: high courts use the province's abbreviation; 内蒙古 uses 内. Order follows GB/T 2260.
PROVINCE_ABBREVIATIONS: tuple[str, ...] = tuple(
    "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新"
)
# 第4条: 军事法院 军, 新疆生产建设兵团分院 兵 — court codes, but not provinces (no provincial
# government sets fee ranges for them).
SPECIAL_HIGH_COURT_CODES: tuple[str, ...] = ("军", "兵")
SUPREME_COURT_CODE = "最高法"

# 法〔2018〕335号 added one-character codes for specialised trials, placed between the court code
# and the type code: （2019）最高法知民终1号.
SPECIALIZED_TRIAL_CODES: MappingProxyType[str, str] = MappingProxyType({"知": "知识产权"})


class CaseNumberError(FieldError):
    """A case number (or one of its parts) is malformed. `field` names the part."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: message}, f"{field}: {message}")
        self.field = field
        self.reason = message


@dataclass(frozen=True)
class CaseType:
    """One entry of 人民法院案件类型及其代字标准.

    `category` is the statistics category code where LEGAL-RULES §B gives one (None otherwise —
    we do not guess). `provisional` marks codes seen in court practice but not traced to an SPC
    document.
    """

    code: str
    name: str
    group: str
    category: str | None = None
    subcategories: tuple[tuple[str, str], ...] = ()
    provisional: bool = False


def _types(*entries: CaseType) -> MappingProxyType[str, CaseType]:
    return MappingProxyType({entry.code: entry for entry in entries})


CIVIL = "民事"
PRESERVATION = "非诉保全审查"
ENFORCEMENT = "执行"
SANCTION = "司法制裁"
AID = "司法救助"
BANKRUPTCY = "强制清算与破产"
OTHER = "其他"

# Codes relevant to a basic court and its tribunals (LEGAL-RULES §B). Extend as the pilot court
# needs; each addition should cite the standard's entry.
TYPE_CODES: MappingProxyType[str, CaseType] = _types(
    CaseType("民初", "民事一审", CIVIL, "0301"),
    CaseType("民终", "民事二审", CIVIL, "0302"),
    CaseType("民监", "民事依职权再审审查", CIVIL),
    CaseType("民申", "民事申请再审审查", CIVIL),
    CaseType("民抗", "民事抗诉再审审查", CIVIL),
    CaseType("民再", "民事再审", CIVIL),
    CaseType("民撤", "第三人撤销之诉", CIVIL, "0308"),
    CaseType(
        "民特",
        "特别程序",
        CIVIL,
        subcategories=(
            ("0317", "实现担保物权"),
            ("0318", "调解协议司法确认"),
            ("0321", "撤销仲裁裁决"),
            ("0322", "确认仲裁协议效力"),
        ),
    ),
    CaseType("民特监", "特别程序监督", CIVIL),
    CaseType("民催", "公示催告", CIVIL),
    CaseType("民督", "申请支付令审查", CIVIL, "0328"),
    CaseType("民督监", "支付令监督", CIVIL),
    CaseType("民他", "其他民事案件", CIVIL),
    CaseType("民保令", "人身安全保护令申请", CIVIL, "0332"),
    CaseType("民保更", "人身安全保护令变更", CIVIL),
    CaseType("民辖", "管辖", CIVIL),
    CaseType("民辖终", "管辖上诉", CIVIL),
    CaseType("民辖监", "管辖监督", CIVIL),
    # LEGAL-RULES §B: used by courts for pre-filing mediation (statistics category 9901), but the
    # creating SPC document was not found and 第7条 caps type codes at 3 characters.
    CaseType("民诉前调", "诉前调解", CIVIL, "9901", provisional=True),
    CaseType("财保", "诉前、仲裁前财产保全", PRESERVATION, "0901"),
    CaseType("行保", "行为保全", PRESERVATION),
    CaseType("行保复", "行为保全复议", PRESERVATION),
    CaseType("证保", "证据保全", PRESERVATION),
    CaseType("执", "首次执行", ENFORCEMENT, "1002"),
    CaseType("执恢", "恢复执行", ENFORCEMENT, "1003"),
    CaseType("执保", "财产保全执行", ENFORCEMENT, "1004"),
    CaseType("执异", "执行异议", ENFORCEMENT, "1006"),
    CaseType("执复", "执行复议", ENFORCEMENT, "1007"),
    CaseType("执监", "执行监督", ENFORCEMENT),
    CaseType("执协", "执行协调", ENFORCEMENT),
    CaseType("执他", "其他执行案件", ENFORCEMENT),
    CaseType("司惩", "司法制裁（拘留、罚款）", SANCTION),
    CaseType("司惩复", "司法制裁复议", SANCTION),
    CaseType("司救民", "民事司法救助", AID),
    CaseType("司救执", "执行司法救助", AID),
    CaseType("破申", "破产申请审查", BANKRUPTCY),
    CaseType("破", "破产", BANKRUPTCY),
    CaseType("清申", "强制清算申请审查", BANKRUPTCY),
    CaseType("强清", "强制清算", BANKRUPTCY),
)

# After NFKC, full-width brackets and digits become half-width, so one pattern serves both.
# The court part is matched loosely here and validated by `validate_court_code` for a clear error.
_SHAPE = re.compile(
    r"^\((?P<year>\d{4})\)"
    r"(?P<court>最高法|[^\d\s()]\d*)"
    r"(?P<rest>[\u4e00-\u9fa5]{1,5}?)"
    r"(?P<seq>\d+)号$",
    re.ASCII,
)
_COURT = re.compile(r"^(?P<prefix>[^\d])(?P<digits>\d*)$")

# The 2015 scheme applies to cases received from 2016 on; older years are accepted so that
# legacy records converted to the new shape still parse.
MIN_YEAR = 1949
MAX_YEAR = 9999


@dataclass(frozen=True)
class CaseNumber:
    """A parsed 案号. `str()` gives the canonical full-width form."""

    year: int
    court_code: str
    type_code: str
    seq: int
    special: str = ""

    @property
    def case_type(self) -> CaseType:
        return TYPE_CODES[self.type_code]

    @property
    def court_level(self) -> str:
        """最高/高级/中级/基层 from the shape of the court code (第4条)."""
        return court_level(self.court_code)

    def __str__(self) -> str:
        return format_case_number(
            self.year, self.court_code, self.type_code, self.seq, special=self.special
        )


def court_level(court_code: str) -> str:
    """Court level implied by a court code: 最高法, letter only (高级), +2 digits (中级), +4 (基层).

    第4条 of the 2015 rules; e.g. 粤 高级, 粤07 江门中院, 粤0703 蓬江区法院.
    """
    validate_court_code(court_code)
    if court_code == SUPREME_COURT_CODE:
        return "最高"
    return {0: "高级", 2: "中级", 4: "基层"}[len(court_code) - 1]


def validate_court_code(court_code: str) -> str:
    """Check a 法院代字 and return it unchanged; raise CaseNumberError("court_code", …) if bad.

    第4–5条: 最高法; or a provincial abbreviation (内 for 内蒙古), 军 or 兵, alone (high court)
    or followed by 2 digits (intermediate; 71–99 for special courts) or 4 digits (basic; the
    GB/T 2260 county code without the province digits). Only the shape is checked: the SPC code
    table (第12条) is not bundled, and old codes survive division changes (第13条).
    """
    if not isinstance(court_code, str) or not court_code:
        raise CaseNumberError("court_code", "法院代字不能为空")
    if court_code == SUPREME_COURT_CODE:
        return court_code
    match = _COURT.match(court_code)
    if not match:
        raise CaseNumberError(
            "court_code",
            f"法院代字「{court_code}」格式不对，应为省份简称加2位或4位数字，如「鲁0321」",
        )
    prefix, digits = match["prefix"], match["digits"]
    if prefix not in PROVINCE_ABBREVIATIONS and prefix not in SPECIAL_HIGH_COURT_CODES:
        raise CaseNumberError(
            "court_code",
            f"法院代字「{court_code}」的首字「{prefix}」不是省级简称（内蒙古用「内」，军事法院用「军」，兵团用「兵」）",
        )
    if len(digits) not in (0, 2, 4) or not digits.isascii():
        raise CaseNumberError(
            "court_code", f"法院代字「{court_code}」的数字部分应为2位（中级法院）或4位（基层法院）"
        )
    if digits and int(digits) == 0:
        raise CaseNumberError("court_code", f"法院代字「{court_code}」的数字部分不能全为0")
    return court_code


def _check_type_code(type_code: str) -> None:
    if type_code not in TYPE_CODES:
        raise CaseNumberError("type_code", f"未知的类型代字「{type_code}」")


def _check_special(special: str) -> None:
    if special and special not in SPECIALIZED_TRIAL_CODES:
        raise CaseNumberError("special", f"未知的专门审判代字「{special}」，目前只有「知」")


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise CaseNumberError("year", f"收案年度应为{MIN_YEAR}至{MAX_YEAR}之间的四位年份")


def _check_seq(seq: int) -> None:
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise CaseNumberError("seq", "案件编号应为从1开始的正整数")


def format_case_number(
    year: int, court_code: str, type_code: str, seq: int, special: str = ""
) -> str:
    """Canonical 案号, e.g. ``format_case_number(2026, "鲁0321", "民初", 1234)`` →
    ``（2026）鲁0321民初1234号``.

    Full-width brackets and no "第" (案号规定 第2–3条); `special` is a 专门审判代字 (2018
    amendment). Raises CaseNumberError naming the bad part.
    """
    _check_year(year)
    validate_court_code(court_code)
    _check_special(special)
    _check_type_code(type_code)
    _check_seq(seq)
    return f"（{year}）{court_code}{special}{type_code}{seq}号"


def parse_case_number(text: str) -> CaseNumber:
    """Parse a 案号 written with full- or half-width brackets (and digits).

    Raises CaseNumberError: field "case_number" for the wrong shape, "court_code" for a bad court
    code, "type_code" for a type code not in TYPE_CODES, "seq" for a number with leading zeros.
    """
    if not isinstance(text, str):
        raise CaseNumberError("case_number", "案号必须是文字")
    normalised = unicodedata.normalize("NFKC", text).strip()
    match = _SHAPE.match(normalised)
    if not match:
        raise CaseNumberError(
            "case_number",
            f"案号「{text}」格式不对，应为（年度）法院代字类型代字编号号，如「（2026）鲁0321民初1234号」",
        )
    court, rest, seq_text = match["court"], match["rest"], match["seq"]
    if rest.endswith("第"):
        # Old-style numbers read "…字第12号"; the 2015 rules (第3条) dropped "第".
        raise CaseNumberError("case_number", "案号中不写「第」，如「（2026）鲁0321民初1234号」")
    validate_court_code(court)
    special = ""
    if rest[:1] in SPECIALIZED_TRIAL_CODES and rest[1:] in TYPE_CODES:
        special, rest = rest[:1], rest[1:]
    _check_type_code(rest)
    if seq_text.startswith("0"):
        raise CaseNumberError("seq", f"案件编号「{seq_text}」不能以0开头")
    number = CaseNumber(
        year=int(match["year"]),
        court_code=court,
        type_code=rest,
        seq=int(seq_text),
        special=special,
    )
    _check_year(number.year)
    return number


def is_valid_case_number(text: str) -> bool:
    """True when `parse_case_number` accepts `text`."""
    try:
        parse_case_number(text)
    except CaseNumberError:
        return False
    return True
