"""Parse the statute and typical-case Markdown of the laws data pack (LawRefBook/Laws format).

Pure Python, no Django: `fating kb import` calls it, and so can a notebook.

Statutes (../shared/data/laws/MANIFEST.md "File format"): line 1 ``# title``; the Civil Code books
add a second ``# 合同编`` line; promulgation and effective-date lines; ``<!-- INFO END -->``; then
the text with ``##``/``###``/``####`` headings and one article per paragraph starting ``第…条``.
Heading *levels* differ between files (a ``##`` is a 编 in 民事诉讼法, a 章 in 民法典总则, a
numbered topic "一、管辖" in an interpretation), so the heading's *text* decides whether it is a
book (编), part (分编), chapter (章) or section (节). A few old interpretations number their
articles "1." instead of "第一条"; those are read when a file has no "第…条" at all.

Typical cases: ``# headline``, optional source lines (publisher, date), ``<!-- INFO END -->``, an
optional ``## case name``, then ``## 基本案情`` / ``## 裁判要旨`` / ``## 裁判结果`` … sections.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

INFO_END = "<!-- INFO END -->"

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二两三四五六七八九十百千"

_ARTICLE = re.compile(rf"^第([{_CN_NUM}]+)条(?:[ \u3000]+|$)(.*)$", re.S)
_ARABIC_ARTICLE = re.compile(r"^(\d{1,4})[.．、](?!\d)\s*(.*)$", re.S)
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*$")
_BOOK = re.compile(rf"^第[{_CN_NUM}]+编")
_PART = re.compile(rf"^第[{_CN_NUM}]+分编")
_CHAPTER = re.compile(rf"^第[{_CN_NUM}]+章")
_SECTION = re.compile(rf"^第[{_CN_NUM}]+节")
_FILE_DATE = re.compile(r"\((\d{4})-(\d{2})-(\d{2})\)\s*$")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Zero-width spaces and BOMs pad some files' blank lines.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff]")
_SPACES = re.compile(r"[ \u3000\t]+")


def cn_to_int(text: str) -> int:
    """Chinese numerals to an int: 一千二百六十 → 1260, 十三 → 13, 一百零五 → 105."""
    total = 0
    current = 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"不是中文数字：{text}")
    return total + current


def int_to_cn(number: int) -> str:
    """An int to the Chinese numerals used in article labels: 1260 → 一千二百六十, 13 → 十三."""
    if number <= 0:
        raise ValueError("条文序号必须为正整数")
    digits = "零一二三四五六七八九"
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, number = divmod(number, unit)
        if d:
            if zero:
                out += "零"
                zero = False
            out += digits[d] + name
        elif out:
            zero = True
    # 一十三 is written 十三 when it starts the number.
    return out[1:] if out.startswith("一十") else out


def article_label(number: int) -> str:
    return f"第{int_to_cn(number)}条"


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _clean(line: str) -> str:
    return _INVISIBLE.sub("", line).strip()


def _paragraphs(body: str) -> list[str]:
    """Non-empty lines, comments removed; each line of the pack is one paragraph."""
    body = _COMMENT.sub("\n", body)
    return [line for line in (_clean(x) for x in body.splitlines()) if line]


def _split_info(text: str) -> tuple[list[str], str]:
    """Header lines (before INFO END) and the body; files without the marker are all body."""
    if INFO_END in text:
        head, body = text.split(INFO_END, 1)
    else:
        head, body = "", text
    return [line for line in (_clean(x) for x in head.splitlines()) if line], body


def date_from_filename(name: str) -> date | None:
    stem = name[:-3] if name.endswith(".md") else name
    m = _FILE_DATE.search(stem)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _header_date(lines: list[str]) -> date | None:
    """The effective date (…施行) when stated, else the latest date in the header."""
    dated = []
    for line in lines:
        for m in _CN_DATE.finditer(line):
            try:
                d = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if "施行" in line:
                return d
            dated.append(d)
    return max(dated) if dated else None


@dataclass
class ParsedArticle:
    number: int
    label: str
    text: str
    book: str = ""
    part: str = ""
    chapter: str = ""
    section: str = ""


@dataclass
class ParsedLaw:
    title: str
    subtitle: str
    version_date: date | None
    header: list[str]
    preamble: str
    articles: list[ParsedArticle] = field(default_factory=list)


def _heading_text(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def parse_law(text: str, *, filename: str = "") -> ParsedLaw:
    """Parse one statute file. The version date comes from the file name, else the header."""
    header, body = _split_info(text)
    titles = [h[1:].strip() for h in header if h.startswith("# ")]
    title = titles[0] if titles else ""
    subtitle = titles[1] if len(titles) > 1 else ""
    info = [h for h in header if not h.startswith("#")]
    version = date_from_filename(filename) or _header_date(info)
    if not title:  # no header: the first heading names the law
        for line in _paragraphs(body):
            if line.startswith("# "):
                title = line[2:].strip()
                break
    paragraphs = _paragraphs(body)
    arabic = not any(_ARTICLE.match(p) for p in paragraphs)
    law = ParsedLaw(title, subtitle, version, info, "")
    where = {"book": subtitle, "part": "", "chapter": "", "section": ""}
    preamble: list[str] = []
    current: ParsedArticle | None = None
    for para in paragraphs:
        heading = _HEADING.match(para)
        if heading:
            name = _heading_text(heading[2])
            level = len(heading[1])
            if not name or (level == 1 and name == title):
                continue
            if level == 1 or _BOOK.match(name):
                where.update(book=name, part="", chapter="", section="")
            elif _PART.match(name):
                where.update(part=name, chapter="", section="")
            elif _SECTION.match(name):
                where["section"] = name
            else:  # 第…章, or a numbered topic such as "一、管辖", or "附则"
                where.update(chapter=name, section="")
            current = None
            continue
        start = (_ARABIC_ARTICLE if arabic else _ARTICLE).match(para)
        if start:
            number = int(start[1]) if arabic else cn_to_int(start[1])
            current = ParsedArticle(number, article_label(number), start[2].strip(), **where)
            law.articles.append(current)
        elif current is not None:
            current.text = f"{current.text}\n{para}" if current.text else para
        elif not law.articles:
            preamble.append(para)
    law.preamble = "\n".join(preamble)
    return law


# Section headings of typical cases, by what they hold.
_FACTS = ("基本案情", "简要案情", "案情简介", "案件事实", "申请人请求")
_HOLDING = ("裁判要旨", "裁判要点", "要旨")
_RESULT = ("裁判结果", "处理结果", "法院裁判", "裁判情况")
_REASONING = ("裁判理由", "案例分析", "适用解析")
_SIGNIFICANCE = ("典型意义",)
_CLAIMS = ("原告诉讼请求", "诉讼请求")
_KEYWORDS = ("关键词",)
_KNOWN = _FACTS + _HOLDING + _RESULT + _REASONING + _SIGNIFICANCE + _CLAIMS + _KEYWORDS
_KNOWN += ("司法解释相关法条", "相关法条", "基本案情及裁判结果")


@dataclass
class ParsedCase:
    headline: str
    title: str
    source: str
    facts: str
    holding: str
    result: str
    reasoning: str
    significance: str
    keywords: str
    body: str


def _section_kind(name: str) -> str | None:
    for kind, names in (
        ("facts", _FACTS),
        ("holding", _HOLDING),
        ("result", _RESULT),
        ("reasoning", _REASONING),
        ("significance", _SIGNIFICANCE),
        ("claims", _CLAIMS),
        ("keywords", _KEYWORDS),
    ):
        if any(name.startswith(n) for n in names):
            return kind
    return None


def parse_case(text: str) -> ParsedCase:
    """Parse one typical-case file into its parts; unknown sections stay in ``body``."""
    header, body = _split_info(text)
    headline = next((h[1:].strip() for h in header if h.startswith("# ")), "")
    source = " ".join(h for h in header if not h.startswith("#"))
    name = ""
    parts: dict[str, list[str]] = {}
    current: str | None = None
    body_lines: list[str] = []
    for para in _paragraphs(body):
        heading = _HEADING.match(para)
        if heading:
            label = _heading_text(heading[2])
            kind = _section_kind(label)
            if kind is None and not name and not parts and label not in _KNOWN:
                name = label  # "## 高某诉某农业有限公司农村土地承包合同案"
                continue
            current = kind or "other"
            body_lines.append(f"【{label}】")
            continue
        body_lines.append(para)
        parts.setdefault(current or "facts", []).append(para)

    def joined(*kinds: str) -> str:
        return "\n".join(p for k in kinds for p in parts.get(k, []))

    return ParsedCase(
        headline=headline,
        title=name or headline,
        source=source,
        facts=joined("facts", "claims"),
        holding=joined("holding"),
        result=joined("result"),
        reasoning=joined("reasoning"),
        significance=joined("significance"),
        keywords=joined("keywords").rstrip("。"),
        body="\n".join(body_lines),
    )
