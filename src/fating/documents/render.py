"""Turn a kind's layout blocks into DOCX (python-docx) and PDF (WeasyPrint), with Chinese fonts.

Page layout follows the 法院诉讼文书样式 conventions, which take the national standard for
official documents (GB/T 9704-2012) as their base: A4, top margin 37 mm, bottom 35 mm, left
(binding) 28 mm, right 26 mm; the title in 二号 (22 pt) 宋体-like type, the body in 三号 (16 pt)
仿宋-like type, about 28 characters a line; the signature block and date right-aligned, the date
in Chinese numerals.

Fonts: the PDF embeds Noto Serif CJK SC, read from the local file (courts run on closed
networks, so no URL). Debian ships it only inside a TrueType collection whose first face is the
Japanese one, and WeasyPrint always takes a collection's first face, so the Simplified Chinese
face is copied out once into a cache file. The DOCX names 仿宋 / 宋体, the fonts court PCs have,
because a DOCX is opened for editing in Word or WPS on those PCs.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.template.loader import render_to_string
from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fating.documents.exceptions import RenderUnavailable, logger
from fating.documents.kinds import Block

FONT_FAMILY = "Noto Serif CJK SC"
# Where Debian (fonts-noto-cjk), Fedora and Homebrew put the files, tried after fontconfig.
KNOWN_FONT_FILES = {
    "regular": (
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ),
    "bold": (
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSerifCJK-Bold.ttc",
        "/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
}
FONT_MISSING_MESSAGE = (
    "未找到中文字体（Noto Serif CJK SC），无法生成 PDF 文书。"
    "请安装 Debian 软件包 fonts-noto-cjk（scripts/system-packages.sh 会自动安装）。"
)


class CJKFontMissing(RenderUnavailable):
    """No Chinese font is installed; a PDF without one would print empty boxes."""

    def __init__(self) -> None:
        super().__init__(FONT_MISSING_MESSAGE)


# ---------------------------------------------------------------------------------------------
# Fonts


def _fc_match(style: str) -> str | None:
    """The file fontconfig picks for the family, if it really is a CJK font (fc-match always
    answers with *something*, e.g. DejaVu, when the family is missing)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = f"{FONT_FAMILY}:style={'Bold' if style == 'bold' else 'Regular'}"
    try:
        # A fixed argument list to the resolved binary: no shell, no user input.
        out = subprocess.run(  # noqa: S603
            [fc_match, "-f", "%{file}\t%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, family = out.partition("\t")
    return path if "CJK" in family and Path(path).is_file() else None


def _font_source(style: str) -> str | None:
    found = _fc_match(style)
    if found:
        return found
    return next((p for p in KNOWN_FONT_FILES[style] if Path(p).is_file()), None)


def _cache_dir() -> Path:
    return Path(os.environ.get("FATING_FONT_CACHE", Path(tempfile.gettempdir()) / "fating-fonts"))


def _simplified_face(source: str) -> Path:
    """The Simplified Chinese face of a font file, as a standalone file (cached)."""
    if not source.lower().endswith((".ttc", ".otc")):
        return Path(source)
    stat = Path(source).stat()
    key = hashlib.sha256(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = _cache_dir() / f"{Path(source).stem}-SC-{key}.otf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTCollection  # WeasyPrint's own dependency

    collection = TTCollection(source, lazy=True)
    faces = collection.fonts
    chosen = next((f for f in faces if "CJK SC" in (f["name"].getDebugName(1) or "")), faces[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a concurrent renderer never reads half a font.
    fd, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(fd)
    chosen.save(partial)
    os.replace(partial, target)
    logger.info("Extracted %s face of %s to %s", FONT_FAMILY, source, target)
    return target


def cjk_font_files() -> dict[str, Path]:
    """{"regular": path, "bold": path} of the CJK font to embed. Raises CJKFontMissing."""
    regular = _font_source("regular")
    if regular is None:
        raise CJKFontMissing()
    bold = _font_source("bold") or regular
    return {"regular": _simplified_face(regular), "bold": _simplified_face(bold)}


# ---------------------------------------------------------------------------------------------
# PDF


def blocks_to_html(*, title: str, blocks: list[Block], fonts: dict[str, Path] | None = None) -> str:
    fonts = fonts or cjk_font_files()
    return render_to_string(
        "documents/render/document.html",
        {
            "title": title,
            "blocks": blocks,
            "font_family": FONT_FAMILY,
            "font_regular": fonts["regular"].as_uri(),
            "font_bold": fonts["bold"].as_uri(),
        },
    )


def html_to_pdf(html: str) -> bytes:
    """Print HTML to PDF. Only local files may be fetched (fonts): no network at run time."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def render_pdf(*, title: str, blocks: list[Block]) -> bytes:
    return html_to_pdf(blocks_to_html(title=title, blocks=blocks))


def render_template_pdf(template: str, context: dict) -> bytes:
    """Any documents/render/* template (e.g. the 卷宗目录) printed with the CJK font."""
    fonts = cjk_font_files()
    html = render_to_string(
        template,
        {
            **context,
            "font_family": FONT_FAMILY,
            "font_regular": fonts["regular"].as_uri(),
            "font_bold": fonts["bold"].as_uri(),
        },
    )
    return html_to_pdf(html)


# ---------------------------------------------------------------------------------------------
# DOCX

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"


def _font(run: object, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = LATIN_FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), name)


_ALIGN = {
    "court": WD_ALIGN_PARAGRAPH.CENTER,
    "title": WD_ALIGN_PARAGRAPH.CENTER,
    "number": WD_ALIGN_PARAGRAPH.RIGHT,
    "sign": WD_ALIGN_PARAGRAPH.RIGHT,
    "date": WD_ALIGN_PARAGRAPH.RIGHT,
    "seal": WD_ALIGN_PARAGRAPH.RIGHT,
}
_SIZE = {"court": 22, "title": 26, "note": 14}


def render_docx(*, title: str, blocks: list[Block]) -> bytes:
    doc = DocxDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    doc.core_properties.title = title
    doc.core_properties.author = "法庭E+"
    for block in blocks:
        if block.style == "table":
            _docx_table(doc, block)
            continue
        paragraph = doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Pt(28)
        fmt.space_after = Pt(0)
        if block.style in _ALIGN:
            paragraph.alignment = _ALIGN[block.style]
        if block.style in ("para", "clause", "party", "heading"):
            fmt.first_line_indent = Pt(32)  # two characters of 16 pt
        if block.style == "title":
            fmt.space_before, fmt.space_after = Pt(12), Pt(12)
        if block.style == "date":
            fmt.space_before = Pt(16)
            fmt.right_indent = Pt(64)
        run = paragraph.add_run(block.text)
        bold = block.style in ("court", "title")
        face = TITLE_FONT if bold else BODY_FONT
        _font(run, face, _SIZE.get(block.style, 16), bold=bold)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_table(doc: object, block: Block) -> None:
    rows = [block.header, *block.rows] if block.header else list(block.rows)
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            cell = table.cell(r, col)
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            _font(run, BODY_FONT, 14, bold=bool(block.header) and r == 0)
    doc.add_paragraph()  # type: ignore[attr-defined]
