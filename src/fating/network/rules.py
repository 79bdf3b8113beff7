"""Pure rules of the court network: court codes, population years, yes/no cells. No Django.

The 法院代字 shape follows 最高人民法院关于人民法院案件案号的若干规定 (法〔2015〕137号) 第4–5条, the
same rule `fating.cases.rules.case_numbers.validate_court_code` applies to case numbers (the
network is the bottom app and cannot import cases; `network/tests/test_rules.py` checks both agree).
A basic court (基层人民法院) has a province abbreviation plus 4 digits, e.g. 鲁0321.
"""

from __future__ import annotations

import re

# 第4条: provincial abbreviations (内 for 内蒙古), in GB/T 2260 order; 兵 for 兵团 courts.
PROVINCE_ABBREVIATIONS = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新"
BASIC_COURT_PREFIXES = PROVINCE_ABBREVIATIONS + "兵"
_BASIC_COURT = re.compile(r"(?P<prefix>\S)(?P<digits>[0-9]{4})")

MIN_POPULATION_YEAR = 1949
MAX_POPULATION_YEAR = 2100

YES = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓"})
NO = frozenset({"否", "无", "n", "no", "false", "0", ""})


def basic_court_code_error(code: str) -> str:
    """Why `code` is not a basic court's 法院代字 (第4–5条), or "" when it is one."""
    if not code:
        return "法院代字不能为空。"
    match = _BASIC_COURT.fullmatch(code)
    if not match:
        return f"法院代字「{code}」格式不对，基层法院应为省级简称加4位数字，如「鲁0321」。"
    if match["prefix"] not in BASIC_COURT_PREFIXES:
        return f"法院代字「{code}」的首字「{match['prefix']}」不是省级简称（内蒙古用「内」）。"
    if int(match["digits"]) == 0:
        return f"法院代字「{code}」的数字部分不能全为0。"
    return ""


def province_of(code: str) -> str:
    """The province abbreviation a court code starts with."""
    return code[:1]


def population_year_error(year: int) -> str:
    if not MIN_POPULATION_YEAR <= year <= MAX_POPULATION_YEAR:
        return f"人口统计年度应在 {MIN_POPULATION_YEAR} 至 {MAX_POPULATION_YEAR} 之间。"
    return ""


def parse_yes_no(text: str) -> bool | None:
    """A yes/no cell of the import sheet: 是/否 (and common variants); None if unreadable."""
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    return None


def split_codes(text: str) -> list[str]:
    """A cell listing several codes or names, separated by commas (half or full width),
    顿号 or spaces."""
    return [part for part in re.split(r"[,，、;；\s]+", text.strip()) if part]
