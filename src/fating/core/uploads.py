"""Uploads are judged by their bytes: the one check every upload passes before it is stored.

A name and a declared content type are what the sender says; the bytes are what the court would
open. `check_upload` identifies the file from its content (the `filetype` library reads the magic
numbers; DOCX and OFD are zip packages, identified by the parts inside), and accepts it only when

- the kind is on the allow-list of the purpose (evidence, a signed paper, a receipt photo, ...);
- the file name's extension and the declared content type agree with the content (HTML named
  ".pdf" is refused, and so is a PNG named ".pdf");
- a zip package (DOCX, OFD) is not a zip bomb: few entries, a bounded total uncompressed size,
  and a bounded compression ratio, all read from the central directory before anything is
  inflated.

HTML, SVG, scripts and executables are never on any list. The SHA-256 is taken in the same pass
(fating.core.files.hash_upload), so callers get the digest they store.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import filetype  # type: ignore[import-untyped]  # filetype ships no type information
from django.utils.translation import gettext as _

from fating.core.exceptions import FieldError
from fating.core.files import hash_upload

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MB  # the platform's limit for one file (a phone video of a few minutes)

# Zip packages (DOCX, OFD): a real document has tens to a few hundred parts, expands to at most
# some tens of MB, and XML compresses about 5-20x; a zip bomb has thousands of parts or expands
# a thousandfold.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED = 200 * MB
ZIP_MAX_RATIO = 100


class FileKind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    DOCX = "docx"
    OFD = "ofd"  # 版式文档 GB/T 33190-2016: a zip package with OFD.xml at its root
    MP3 = "mp3"
    M4A = "m4a"
    WAV = "wav"
    AMR = "amr"  # phone call recordings
    MP4 = "mp4"


LABELS = {
    FileKind.PDF: "PDF",
    FileKind.JPEG: "JPEG 图片",
    FileKind.PNG: "PNG 图片",
    FileKind.DOCX: "Word 文档（DOCX）",
    FileKind.OFD: "OFD 版式文档",
    FileKind.MP3: "MP3 音频",
    FileKind.M4A: "M4A 音频",
    FileKind.WAV: "WAV 音频",
    FileKind.AMR: "AMR 录音",
    FileKind.MP4: "MP4 视频",
}

EXTENSIONS = {
    FileKind.PDF: (".pdf",),
    FileKind.JPEG: (".jpg", ".jpeg"),
    FileKind.PNG: (".png",),
    FileKind.DOCX: (".docx",),
    FileKind.OFD: (".ofd",),
    FileKind.MP3: (".mp3",),
    FileKind.M4A: (".m4a",),
    FileKind.WAV: (".wav",),
    FileKind.AMR: (".amr",),
    FileKind.MP4: (".mp4",),
}

# Declared content types that agree with each kind. An empty or generic declaration
# (application/octet-stream, which phones and curl send) says nothing and is not held against
# the file; any other declaration must agree with the bytes.
CONTENT_TYPES = {
    FileKind.PDF: ("application/pdf", "application/x-pdf"),
    FileKind.JPEG: ("image/jpeg", "image/jpg", "image/pjpeg"),
    FileKind.PNG: ("image/png",),
    FileKind.DOCX: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    FileKind.OFD: ("application/ofd", "application/x-ofd"),
    FileKind.MP3: ("audio/mpeg", "audio/mp3"),
    FileKind.M4A: ("audio/mp4", "audio/x-m4a", "audio/m4a"),
    FileKind.WAV: ("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    FileKind.AMR: ("audio/amr",),
    FileKind.MP4: ("video/mp4",),
}
GENERIC_CONTENT_TYPES = ("", "application/octet-stream", "binary/octet-stream")

# Allow-lists per purpose.
SCANS = frozenset({FileKind.PDF, FileKind.JPEG, FileKind.PNG})
"""Signed papers, consents, agreement scans, ID photos, receipts of service."""
DOCUMENTS = SCANS | {FileKind.DOCX, FileKind.OFD}
"""Written materials: complaints, documents for the dossier."""
EVIDENCE = DOCUMENTS | {
    FileKind.MP3, FileKind.M4A, FileKind.WAV, FileKind.AMR, FileKind.MP4,
}  # fmt: skip
"""Evidence (CPL 第66条: documents, audio-visual materials, electronic data)."""
RECEIPTS = SCANS | {FileKind.MP4}
"""Records of service: a photo or scan of the signed return, or a video of leaving the papers
(CPL 第89条 allows 拍照、录像 instead of a witness)."""

# What filetype reports, mapped to our kinds; "zip" and "docx" are examined part by part.
_FILETYPE = {
    "pdf": FileKind.PDF,
    "jpg": FileKind.JPEG,
    "png": FileKind.PNG,
    "mp3": FileKind.MP3,
    "m4a": FileKind.M4A,
    "wav": FileKind.WAV,
    "amr": FileKind.AMR,
    "mp4": FileKind.MP4,
}
_ZIP_TYPES = ("zip", "docx")
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    kind: FileKind
    sha256: str
    size: int


def allowed_text(allowed: frozenset[FileKind]) -> str:
    """'PDF、JPEG 图片、PNG 图片' in the order of FileKind."""
    return "、".join(LABELS[k] for k in FileKind if k in allowed)


def check_upload(
    upload: Any,
    *,
    field: str,
    allowed: frozenset[FileKind],
    label: str = "文件",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> CheckedUpload:
    """Identify `upload` by its bytes and accept it only if it is one of `allowed`.

    Raises FieldError({field: message}) naming the field and the allowed kinds; returns the kind,
    the SHA-256 and the byte count (counted while reading, not trusted from `upload.size`).
    """
    if upload is None:
        raise FieldError({field: _("请选择要上传的%(label)s。") % {"label": label}})
    declared = getattr(upload, "size", None)
    if declared is not None and declared > max_bytes:
        raise FieldError({field: _too_big(label, max_bytes)})
    sha256, size = hash_upload(upload)
    if size == 0:
        raise FieldError({field: _("%(label)s内容为空。") % {"label": label}})
    if size > max_bytes:
        raise FieldError({field: _too_big(label, max_bytes)})
    kind = identify(upload, field=field, label=label)
    accepted = allowed_text(allowed)
    if kind is None or kind not in allowed:
        what = LABELS[kind] if kind else _("无法识别的格式（如网页、SVG、脚本、程序）")
        message = _("%(label)s只能是 %(allowed)s；该文件的内容是%(what)s。")
        raise FieldError({field: message % {"label": label, "allowed": accepted, "what": what}})
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(EXTENSIONS[kind]):
        message = _("%(label)s的扩展名与内容不符：内容是%(what)s，扩展名应为 %(ext)s。")
        ext = "、".join(EXTENSIONS[kind])
        raise FieldError({field: message % {"label": label, "what": LABELS[kind], "ext": ext}})
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type not in GENERIC_CONTENT_TYPES and content_type not in CONTENT_TYPES[kind]:
        message = _("%(label)s声明的类型（%(declared)s）与内容（%(what)s）不符。")
        values = {"label": label, "declared": content_type, "what": LABELS[kind]}
        raise FieldError({field: message % values})
    return CheckedUpload(kind=kind, sha256=sha256, size=size)


def identify(upload: Any, *, field: str = "file", label: str = "文件") -> FileKind | None:
    """The kind of `upload` from its bytes, or None when it is none of ours. A zip package that
    could be a zip bomb raises FieldError rather than being inflated."""
    stream = _stream(upload)
    stream.seek(0)
    head = stream.read(_HEAD_BYTES)
    stream.seek(0)
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.extension in _ZIP_TYPES:
        try:
            return _zip_kind(stream, field=field, label=label)
        finally:
            stream.seek(0)
    return _FILETYPE.get(guess.extension)


def _zip_kind(stream: Any, *, field: str, label: str) -> FileKind | None:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            raise FieldError({field: _zip_refused(label)})
        total = sum(e.file_size for e in entries)
        packed = sum(e.compress_size for e in entries)
        if total > ZIP_MAX_UNCOMPRESSED or total > ZIP_MAX_RATIO * max(packed, 1):
            raise FieldError({field: _zip_refused(label)})
        for entry in entries:
            if (
                entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1)
                and entry.file_size > MB
            ):
                raise FieldError({field: _zip_refused(label)})
        names = {e.filename for e in entries}
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return FileKind.DOCX
    if "OFD.xml" in names:
        return FileKind.OFD
    return None


def _stream(upload: Any) -> Any:
    """A seekable binary stream over the upload's bytes (UploadedFile, File, ContentFile)."""
    inner = getattr(upload, "file", None)
    if inner is not None and hasattr(inner, "seek") and hasattr(inner, "read"):
        return inner
    return upload


def _too_big(label: str, max_bytes: int) -> str:
    return _("%(label)s不能超过 %(mb)d MB。") % {"label": label, "mb": max_bytes // MB}


def _zip_refused(label: str) -> str:
    return _("%(label)s是异常的压缩包（条目过多或解压后过大），已拒绝。") % {"label": label}
