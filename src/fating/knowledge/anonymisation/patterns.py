"""Finding the identifiers and precise addresses that a published judgment must not show.

LEGAL-RULES E 第10条: a natural person's home address, contact details, ID number, bank account,
vehicle plate and title-certificate numbers are deleted; organisations' bank accounts, plates and
certificate numbers too. 第11条 keeps the county/district of residence, organisations' seat and
organisation code (统一社会信用代码) and lawyers' licence numbers, so those are left alone here.

Each finder yields :class:`Found` items with the span of the value and, when a label such as
"公民身份号码" or "联系电话" sits right before it, the span of that label; the caller decides
between deleting label and value together or crossing the value out with "×".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from fating.core.identifiers import IdentifierError, luhn_is_valid, parse_id_number


class Kind(StrEnum):
    """Kinds of personal data the anonymiser replaces."""

    NAME = "name"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    BANK_ACCOUNT = "bank_account"
    EMAIL = "email"
    ADDRESS = "address"
    VEHICLE_PLATE = "vehicle_plate"
    CERTIFICATE = "certificate_number"


KIND_LABELS = {
    Kind.NAME: "姓名",
    Kind.ID_NUMBER: "身份证号码",
    Kind.PHONE: "电话号码",
    Kind.BANK_ACCOUNT: "银行账号",
    Kind.EMAIL: "电子邮箱",
    Kind.ADDRESS: "住址",
    Kind.VEHICLE_PLATE: "车牌号码",
    Kind.CERTIFICATE: "证件号码",
}


@dataclass(frozen=True)
class Found:
    kind: Kind
    start: int  # value span
    end: int
    label_start: int | None = None  # start of "公民身份号码：" etc. when present
    keep_prefix: int = 0  # characters of the value kept (plates: 鲁C×××××)


_D = "[0-9０-９]"
_ND = "(?<![0-9０-９A-Za-z])"  # not preceded by a digit or letter
_NA = "(?![0-9０-９A-Za-z])"

_ID_LABEL = r"(?:公民身份号码|居民身份证号码?|身份证号码?|身份证件号码|身份号码|证件号码|身份证)"
_PHONE_LABEL = (
    r"(?:联系电话|联系方式|联系号码|手机号码|手机号|电话号码|移动电话|手机|电话|微信号|微信|QQ号?)"
)
_BANK_LABEL = (
    r"(?:银行卡号|银行账号|银行账户|银行帐号|开户账号|收款账号|收款账户|账号|帐号|卡号|账户|帐户)"
)
_EMAIL_LABEL = r"(?:电子邮箱|电子邮件|邮箱)"
_CERT_LABEL = (
    r"(?:不动产权证书号|不动产权证号|不动产证号|房屋所有权证号|房产证号|房权证号|土地使用权证号|"
    r"土地证号|林权证号|宅基地使用权证号|登记证书编号|产权证号)"
)
_SEP = r"[：:为是\s]{0,2}"
# Labels whose numbers 第11条 keeps: organisation codes and lawyers' licence numbers.
_KEEP_LABEL_RE = re.compile(
    r"(?:统一社会信用代码|社会信用代码|组织机构代码|执业证号|执业证书?编?号?)[：:为是\s]{0,2}$"
)

_ID_RE = re.compile(rf"{_ND}{_D}{{17}}[0-9０-９XxＸｘ]{_NA}")
_OLD_ID_RE = re.compile(rf"{_ID_LABEL}{_SEP}(?P<v>{_D}{{15}}){_NA}")
_BANK_RE = re.compile(
    rf"{_ND}(?:{_D}{{16,19}}|{_D}{{4}}(?:[ \-]{_D}{{4}}){{2,3}}(?:[ \-]{_D}{{1,3}})?){_NA}"
)
_LABELLED_BANK_RE = re.compile(rf"{_BANK_LABEL}{_SEP}(?P<v>{_D}(?:[ \-]?{_D}){{7,29}}){_NA}")
_MOBILE_RE = re.compile(
    rf"{_ND}(?:(?:\+|00)?86[ \-]?)?1[3-9]{_D}(?:[ \-]?{_D}{{4}}[ \-]?{_D}{{4}}|{_D}{{8}}){_NA}"
)
_LANDLINE_RE = re.compile(
    rf"{_ND}(?:[（(]0{_D}{{2,3}}[）)]|0{_D}{{2,3}}[\-－—])\s?{_D}{{7,8}}{_NA}"
)
_LABELLED_PHONE_RE = re.compile(rf"{_PHONE_LABEL}{_SEP}(?P<v>[0-9０-９A-Za-z_\-]{{5,20}})")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_PLATE_RE = re.compile(
    r"(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领]"
    r"[A-HJ-NP-Z][·•\-]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳](?![A-Za-z0-9])"
)
_CERT_RE = re.compile(
    r"[\u4e00-\u9fff]{1,2}[（(][0-9]{4}[）)][\u4e00-\u9fff]{0,12}?不动产(?:权|证明)第(?P<v>[0-9]{4,12})号"
    r"|(?:房权证|房产证|国用|集用|集建|林证字|土地证)[^，。；;\s]{0,12}?第(?P<w>[0-9]{3,12})号"
)
_LABELLED_CERT_RE = re.compile(rf"{_CERT_LABEL}{_SEP}(?P<v>[A-Za-z0-9０-９\-]{{4,30}})")


def _label_before(text: str, start: int, label: str) -> int | None:
    m = re.search(rf"{label}{_SEP}$", text[max(0, start - 16) : start])
    return None if m is None else start - (len(text[max(0, start - 16) : start]) - m.start())


def _kept(text: str, start: int) -> bool:
    return _KEEP_LABEL_RE.search(text[max(0, start - 16) : start]) is not None


def _digits(s: str) -> str:
    return "".join(
        str(int(c)) if c.isdigit() else c.upper() for c in s if not c.isspace() and c != "-"
    )


def find_numbers(text: str) -> Iterator[Found]:
    """ID numbers, bank accounts, phone numbers, e-mail addresses (第10条)."""
    for m in _ID_RE.finditer(text):
        if _kept(text, m.start()):
            continue
        yield _classify_18(text, m.start(), m.end())
    for m in _OLD_ID_RE.finditer(text):
        yield Found(Kind.ID_NUMBER, m.start("v"), m.end("v"), m.start())
    for m in _LABELLED_BANK_RE.finditer(text):
        if not _kept(text, m.start()):
            yield Found(Kind.BANK_ACCOUNT, m.start("v"), m.end("v"), m.start())
    for m in _BANK_RE.finditer(text):
        if not _kept(text, m.start()):
            yield Found(
                Kind.BANK_ACCOUNT, m.start(), m.end(), _label_before(text, m.start(), _BANK_LABEL)
            )
    for m in _MOBILE_RE.finditer(text):
        yield Found(Kind.PHONE, m.start(), m.end(), _label_before(text, m.start(), _PHONE_LABEL))
    for m in _LANDLINE_RE.finditer(text):
        yield Found(Kind.PHONE, m.start(), m.end(), _label_before(text, m.start(), _PHONE_LABEL))
    for m in _LABELLED_PHONE_RE.finditer(text):
        yield Found(Kind.PHONE, m.start("v"), m.end("v"), m.start())
    for m in _EMAIL_RE.finditer(text):
        yield Found(Kind.EMAIL, m.start(), m.end(), _label_before(text, m.start(), _EMAIL_LABEL))


def _classify_18(text: str, start: int, end: int) -> Found:
    """An 18-character number is an ID number or a bank account; labels decide, then validity."""
    id_label = _label_before(text, start, _ID_LABEL)
    if id_label is not None:
        return Found(Kind.ID_NUMBER, start, end, id_label)
    bank_label = _label_before(text, start, _BANK_LABEL)
    if bank_label is not None:
        return Found(Kind.BANK_ACCOUNT, start, end, bank_label)
    value = _digits(text[start:end])
    try:
        parse_id_number(value)
    except IdentifierError:
        if value[-1] != "X" and luhn_is_valid(value):
            return Found(Kind.BANK_ACCOUNT, start, end)
    # Either a valid ID or an unlabelled 18-character number we cannot place: removing it as an
    # ID number is the privacy-safe choice.
    return Found(Kind.ID_NUMBER, start, end)


def find_plates_and_certificates(text: str) -> Iterator[Found]:
    """Vehicle plates (kept to province + issuing office: 鲁C×××××) and title-certificate numbers."""
    for m in _PLATE_RE.finditer(text):
        yield Found(Kind.VEHICLE_PLATE, m.start(), m.end(), keep_prefix=2)
    for m in _CERT_RE.finditer(text):
        group = "v" if m.group("v") else "w"
        yield Found(Kind.CERTIFICATE, m.start(group), m.end(group))
    for m in _LABELLED_CERT_RE.finditer(text):
        yield Found(Kind.CERTIFICATE, m.start("v"), m.end("v"), m.start())


def numbers_matching(text: str, value: str, kind: Kind) -> Iterator[Found]:
    """Occurrences of a known identifier, however it is spaced or hyphenated in the text."""
    core = _digits(value)
    if len(core) < 5:
        return
    if kind is Kind.PHONE and len(core) == 13 and core.startswith("86"):
        core = core[2:]
    pattern = r"[ \-]?".join(
        re.escape(c) if not c.isdigit() else f"[{c}{chr(0xFF10 + int(c))}]" for c in core
    )
    if core[-1] == "X":
        pattern = pattern[: -len("X")] + "[XxＸｘ]"
    for m in re.finditer(rf"{_ND}{pattern}{_NA}", text):
        yield Found(kind, m.start(), m.end(), _label_before(text, m.start(), _label_for(kind)))


def _label_for(kind: Kind) -> str:
    return {
        Kind.ID_NUMBER: _ID_LABEL,
        Kind.PHONE: _PHONE_LABEL,
        Kind.BANK_ACCOUNT: _BANK_LABEL,
    }.get(kind, "(?!)")


# ------------------------------------------------------------------------------- addresses

# Cues that introduce a natural person's address. "住所地"/"住所" introduce an organisation's seat,
# which 第11条 keeps, so they are not cues here.
_ADDRESS_CUE_RE = re.compile(
    r"(?:(?<=[，,。；;、\s：:（(])|^)(?:现住址|身份证住址|户籍所在地|经常居住地|现住|家住|住址|户籍地|"
    r"居住地|送达地址|联系地址|住)(?![所院宿房])[：:\s]{0,2}",
    re.MULTILINE,
)
_ADDRESS_BODY_RE = re.compile(r"[^，,。；;：:（）()\n]{2,60}")
_DETAIL_RE = re.compile(r"[镇乡村街道路巷弄号组屯庄栋幢楼室区园苑社里坊]|小区|社区|\d")
_UNIT_RE = re.compile(r"[\u4e00-\u9fff]{1,9}?(?:自治区|自治州|自治县|地区|省|市|盟|县|区|旗)")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def county_prefix_length(address: str) -> int:
    """Length of the part of ``address`` down to the county/district, which 第11条 keeps.

    Reads administrative units from the start (province, prefecture, county) and stops after the
    first county-level unit (县, 区, 旗, 自治县, or a second 市). Returns 0 when no unit is found.
    """
    pos = 0
    level = 0  # 0 nothing, 1 province, 2 prefecture, 3 county
    while level < 3:
        m = _UNIT_RE.match(address, pos)
        if not m:
            break
        unit = m.group()
        if unit.endswith(("省", "自治区")) or (level == 0 and unit in _MUNICIPALITIES):
            new = 1
        elif unit.endswith(("县", "旗", "自治县")) or (
            unit.endswith("区") and not unit.endswith("地区")
        ):
            new = 3
        elif unit.endswith("市"):
            new = 2 if level < 2 else 3
        else:  # 自治州, 地区, 盟
            new = 2
        if new <= level:
            break
        level = new
        pos = m.end()
    return pos


def find_addresses(text: str) -> Iterator[Found]:
    """Natural persons' addresses after 住/现住/住址…; the county part stays (第10、11条).

    The yielded span is the part to delete. ``label_start`` is set only when nothing can be kept,
    so the cue ("住") goes too.
    """
    for cue in _ADDRESS_CUE_RE.finditer(text):
        body = _ADDRESS_BODY_RE.match(text, cue.end())
        if not body:
            continue
        address = body.group()
        keep = county_prefix_length(address)
        rest = address[keep:]
        if not rest or not _DETAIL_RE.search(rest):
            continue
        start = body.start() + keep
        yield Found(Kind.ADDRESS, start, body.end(), None if keep else cue.start())
