"""Pure rules for documents and the e-dossier. No Django imports: tested without a database.

- Context schemas: each document kind declares its fields; `validate_context` checks a context
  against them and names every bad field in Chinese.
- Chinese court-document formatting: dates (落款 in Chinese numerals), times, amounts in figures
  and in capitals (大写, as money amounts are written in agreements and rulings).
- The dossier hash chain: each entry's hash covers its content and the previous entry's hash.
- Grounds on which a court rejects a confirmation application (解释 第358条).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fating.core.money import MoneyError, parse_money

# ---------------------------------------------------------------------------------------------
# Context schemas


@dataclass(frozen=True)
class Field:
    """One field of a document kind's context.

    `type` is one of: text, date, datetime, money, int, choice, texts (list of strings),
    records (list of dicts described by `items`).
    """

    name: str
    label: str
    type: str = "text"
    required: bool = True
    items: tuple[Field, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()
    min_items: int = 1
    help: str = ""

    def describe(self) -> dict[str, Any]:
        """The field as data, for the API's list of kinds."""
        out: dict[str, Any] = {
            "name": self.name,
            "label": self.label,
            "type": self.type,
            "required": self.required,
        }
        if self.help:
            out["help"] = self.help
        if self.choices:
            out["choices"] = [{"value": v, "label": label} for v, label in self.choices]
        if self.type in ("records", "texts"):
            out["min_items"] = self.min_items if self.required else 0
        if self.items:
            out["items"] = [item.describe() for item in self.items]
        return out


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _clean_scalar(spec: Field, value: Any, label: str) -> tuple[Any, str | None]:
    """Return (clean value, None) or (None, Chinese error message)."""
    if spec.type == "text":
        if not isinstance(value, str | int | Decimal):
            return None, f"{label}应为文字。"
        return str(value).strip(), None
    if spec.type == "date":
        if isinstance(value, datetime):
            return value.date(), None
        if isinstance(value, date):
            return value, None
        if isinstance(value, str) and _DATE_RE.match(value.strip()):
            try:
                return date.fromisoformat(value.strip()), None
            except ValueError:
                pass
        return None, f"{label}不是有效日期，格式应为“2026-03-01”。"
    if spec.type == "datetime":
        if isinstance(value, datetime):
            return value, None
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.strip()), None
            except ValueError:
                pass
        return None, f"{label}不是有效时间，格式应为“2026-03-01T09:00”。"
    if spec.type == "money":
        # The project's one money parser (fating.core.money); the message keeps the example.
        if isinstance(value, float):  # a document's figures come as text or Decimal, never float
            value = None
        try:
            amount = parse_money(value, field=spec.name, label=label, required=True, grouping=True)
        except MoneyError:
            amount = None
        if amount is None:
            return None, f"{label}应为金额（元），最多两位小数，如“5000”或“5000.50”。"
        return amount, None
    if spec.type == "int":
        if isinstance(value, bool) or not str(value).strip().isdigit():
            return None, f"{label}应为正整数。"
        number = int(str(value).strip())
        if number < 1:
            return None, f"{label}应为正整数。"
        return number, None
    if spec.type == "choice":
        allowed = dict(spec.choices)
        if value not in allowed:
            return None, f"{label}应为以下之一：{'、'.join(allowed.values())}。"
        return value, None
    raise ValueError(f"unknown field type {spec.type!r}")


def validate_context(
    fields: Sequence[Field], context: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check `context` against `fields`. Returns (clean context, errors by field path).

    Paths are "name" or "name.index.sub" (e.g. "parties.0.name"); messages name the field in
    Chinese ("当事人第1项的姓名不能为空。"). Unknown keys are errors: a typo must not silently
    leave a blank in a court document.
    """
    if not isinstance(context, Mapping):
        return {}, {"context": "文书数据应为键值对象。"}
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    known = {spec.name for spec in fields}
    for name in context:
        if name not in known:
            errors[str(name)] = "该文书模板没有此字段。"
    for spec in fields:
        value = context.get(spec.name)
        if _blank(value):
            if spec.required:
                errors[spec.name] = f"{spec.label}不能为空。"
            clean[spec.name] = [] if spec.type in ("texts", "records") else None
            continue
        if spec.type in ("texts", "records"):
            clean[spec.name] = _clean_list(spec, value, errors)
            continue
        cleaned, error = _clean_scalar(spec, value, spec.label)
        if error:
            errors[spec.name] = error
        clean[spec.name] = cleaned
    return clean, errors


def _clean_list(spec: Field, value: Any, errors: dict[str, str]) -> list[Any]:
    if not isinstance(value, list | tuple):
        errors[spec.name] = f"{spec.label}应为列表。"
        return []
    minimum = spec.min_items if spec.required else 0
    if len(value) < minimum:
        errors[spec.name] = f"{spec.label}至少需要{minimum}项。"
    out: list[Any] = []
    for index, item in enumerate(value):
        where = f"{spec.label}第{index + 1}项"
        path = f"{spec.name}.{index}"
        if spec.type == "texts":
            if _blank(item) or not isinstance(item, str):
                errors[path] = f"{where}不能为空。"
                continue
            out.append(item.strip())
            continue
        if not isinstance(item, Mapping):
            errors[path] = f"{where}应为键值对象。"
            continue
        row: dict[str, Any] = {}
        known = {sub.name for sub in spec.items}
        for key in item:
            if key not in known:
                errors[f"{path}.{key}"] = f"{where}没有此字段。"
        for sub in spec.items:
            sub_value = item.get(sub.name)
            if _blank(sub_value):
                if sub.required:
                    errors[f"{path}.{sub.name}"] = f"{where}的{sub.label}不能为空。"
                row[sub.name] = None
                continue
            cleaned, error = _clean_scalar(sub, sub_value, f"{where}的{sub.label}")
            if error:
                errors[f"{path}.{sub.name}"] = error
            row[sub.name] = cleaned
        out.append(row)
    return out


# ---------------------------------------------------------------------------------------------
# Chinese formatting

_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (for clause numbers 一、二、…), up to 99."""
    if not 0 < n < 100:
        raise ValueError("cn_number covers 1–99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def date_figures(d: date) -> str:
    """Dates in the body of a document: 2026年3月1日."""
    return f"{d.year}年{d.month}月{d.day}日"


def date_chinese(d: date) -> str:
    """The date under the signature (落款): 二〇二六年三月一日, per 法院诉讼文书样式."""
    year = "".join(_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{cn_number(d.month)}月{cn_number(d.day)}日"


def datetime_figures(dt: datetime) -> str:
    """Appearance times in a summons: 2026年3月10日上午9时00分 / 下午2时30分."""
    half = "上午" if dt.hour < 12 else "下午"
    hour = dt.hour if dt.hour <= 12 else dt.hour - 12
    return f"{date_figures(dt.date())}{half}{hour}时{dt.minute:02d}分"


def yuan(amount: Decimal) -> str:
    """5000 → 5,000.00元."""
    return f"{amount.quantize(Decimal('0.01')):,}元"


_CAPITAL = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits(n: int) -> str:
    out = ""
    zero = False
    for position in range(3, -1, -1):
        digit = n // 10**position % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _CAPITAL[digit] + _SMALL_UNITS[position]
    return out


def amount_in_words(amount: Decimal) -> str:
    """Money in capitals (大写): 50000 → 人民币伍万元整, 1005.5 → 人民币壹仟零伍元伍角."""
    amount = amount.quantize(Decimal("0.01"))
    if amount < 0:
        raise ValueError("amount must not be negative")
    fen_total = int(amount * 100)
    integer, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    words = ""
    groups: list[int] = []
    while integer:
        integer, group = divmod(integer, 10000)
        groups.append(group)
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(words)
            continue
        if words and (need_zero or group < 1000):
            words += "零"
        words += _four_digits(group) + _BIG_UNITS[index]
        need_zero = False
    if words:
        words += "元"
    if not jiao and not fen:
        return "人民币" + (words or "零元") + "整"
    if jiao:
        words += _CAPITAL[jiao] + "角"
    elif words:
        words += "零"
    if fen:
        words += _CAPITAL[fen] + "分"
    return "人民币" + words


def yuan_with_words(amount: Decimal) -> str:
    """5000 → 5,000.00元（大写：人民币伍仟元整）."""
    return f"{yuan(amount)}（大写：{amount_in_words(amount)}）"


# ---------------------------------------------------------------------------------------------
# Confirmation of a mediation agreement: grounds for rejection.
# 最高人民法院关于适用《中华人民共和国民事诉讼法》的解释 第358条 (CPL 2023 第206条 后段).

REJECTION_GROUNDS: tuple[tuple[str, str], ...] = (
    ("mandatory_law", "违反法律强制性规定"),
    ("public_interest", "损害国家利益、社会公共利益、他人合法权益"),
    ("public_order", "违背公序良俗"),
    ("involuntary", "违反自愿原则"),
    ("unclear", "内容不明确"),
    ("other", "其他不能进行司法确认的情形"),
)


# ---------------------------------------------------------------------------------------------
# The dossier hash chain

GENESIS_HASH = "0" * 64


def canonical(content: Mapping[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(content: Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 over the entry's canonical content and the previous entry's hash."""
    return hashlib.sha256(canonical({**content, "prev_hash": prev_hash})).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    """What the chain check needs of one entry (the database row, reduced to data)."""

    seq: int
    content: Mapping[str, Any]
    prev_hash: str
    hash: str
    file_sha256: str | None = None  # the stored file's actual hash, None when not checked
    ref: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class ChainBreak:
    seq: int | None
    reason: str
    ref: Any = None

    def __str__(self) -> str:
        where = f"第{self.seq}项" if self.seq is not None else "卷宗末尾"
        return f"{where}：{self.reason}"


def first_break(links: Sequence[ChainLink], *, head_hash: str, count: int) -> ChainBreak | None:
    """The first bad entry of a dossier, or None when the chain is intact.

    Catches an edited entry (its hash no longer matches its content), a deleted or reordered
    entry (sequence gap or prev_hash mismatch), a replaced file (file hash differs from the
    recorded one) and entries removed at the end (the dossier's recorded head and count differ).
    """
    prev = GENESIS_HASH
    for expected, link in enumerate(links, start=1):
        if link.seq != expected:
            return ChainBreak(
                link.seq, f"序号应为{expected}（材料被删除、插入或调换顺序）", link.ref
            )
        if link.prev_hash != prev:
            return ChainBreak(link.seq, "与前一项的哈希不衔接（材料被删除或调换顺序）", link.ref)
        if entry_hash(link.content, link.prev_hash) != link.hash:
            return ChainBreak(link.seq, "登记内容与其哈希不符（记录被修改）", link.ref)
        if link.file_sha256 is not None and link.file_sha256 != link.content.get("sha256"):
            return ChainBreak(
                link.seq, "文件内容与登记的 SHA-256 不符（文件被替换或修改）", link.ref
            )
        prev = link.hash
    if len(links) != count or prev != head_hash:
        return ChainBreak(None, f"卷宗登记有{count}项，实际链条有{len(links)}项（末尾材料被删除）")
    return None
