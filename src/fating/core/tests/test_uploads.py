"""Uploads are judged by their bytes (fating.core.uploads)."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.core import uploads
from fating.core.exceptions import FieldError
from fating.core.uploads import EVIDENCE, SCANS, FileKind, check_upload
from fating.testing import (
    SAMPLE_AMR,
    SAMPLE_JPEG,
    SAMPLE_M4A,
    SAMPLE_MP3,
    SAMPLE_MP4,
    SAMPLE_PDF,
    SAMPLE_PNG,
    SAMPLE_WAV,
    sample_docx,
    sample_ofd,
    zip_bytes,
)

ALLOWED = [
    ("a.pdf", SAMPLE_PDF, "application/pdf", FileKind.PDF),
    ("a.jpg", SAMPLE_JPEG, "image/jpeg", FileKind.JPEG),
    ("a.JPEG", SAMPLE_JPEG, "application/octet-stream", FileKind.JPEG),
    ("a.png", SAMPLE_PNG, "image/png", FileKind.PNG),
    ("a.docx", sample_docx(),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileKind.DOCX),
    ("a.ofd", sample_ofd(), "application/octet-stream", FileKind.OFD),
    ("a.mp3", SAMPLE_MP3, "audio/mpeg", FileKind.MP3),
    ("a.m4a", SAMPLE_M4A, "audio/x-m4a", FileKind.M4A),
    ("a.wav", SAMPLE_WAV, "audio/wav", FileKind.WAV),
    ("a.amr", SAMPLE_AMR, "audio/amr", FileKind.AMR),
    ("a.mp4", SAMPLE_MP4, "video/mp4", FileKind.MP4),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "content_type", "kind"), ALLOWED)
def test_each_evidence_kind_is_accepted(
    name: str, content: bytes, content_type: str, kind: FileKind
) -> None:
    upload = SimpleUploadedFile(name, content, content_type)
    checked = check_upload(upload, field="file", allowed=EVIDENCE)
    assert checked.kind is kind
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.size == len(content)
    assert upload.read() == content  # rewound for the caller to store


UNKNOWN = "无法识别的格式（如网页、SVG、脚本、程序）"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "text/html"),
        ("page.pdf", b"<html><body onload=alert(1)>IOU</body></html>", "application/pdf"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
         "image/svg+xml"),
        ("run.sh", b"#!/bin/sh\nrm -rf /\n", "text/x-sh"),
        ("run.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "application/octet-stream"),
        ("note.txt", "今借到人民币伍万元整。".encode(), "text/plain"),
        ("a.zip", zip_bytes({"x.txt": b"hello"}), "application/zip"),
    ],
)  # fmt: skip
def test_refused_kinds(name: str, content: bytes, content_type: str) -> None:
    with pytest.raises(FieldError) as caught:
        check_upload(
            SimpleUploadedFile(name, content, content_type),
            field="file", allowed=EVIDENCE, label="证据材料",
        )  # fmt: skip
    (message,) = caught.value.fields["file"]
    assert message.startswith("证据材料只能是 PDF、JPEG 图片、PNG 图片、Word 文档（DOCX）")
    assert message.endswith(f"该文件的内容是{UNKNOWN}。")


def test_allowed_kind_outside_the_purpose_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        check_upload(
            SimpleUploadedFile("call.mp3", SAMPLE_MP3, "audio/mpeg"),
            field="paper", allowed=SCANS, label="纸质签署件",
        )  # fmt: skip
    assert caught.value.fields == {
        "paper": ["纸质签署件只能是 PDF、JPEG 图片、PNG 图片；该文件的内容是MP3 音频。"]
    }


def test_extension_must_match_content() -> None:
    with pytest.raises(FieldError) as caught:
        check_upload(SimpleUploadedFile("scan.pdf", SAMPLE_PNG), field="file", allowed=SCANS)
    assert caught.value.fields == {
        "file": ["文件的扩展名与内容不符：内容是PNG 图片，扩展名应为 .png。"]
    }


def test_declared_type_must_match_content() -> None:
    with pytest.raises(FieldError) as caught:
        check_upload(
            SimpleUploadedFile("scan.png", SAMPLE_PNG, "text/html"), field="file", allowed=SCANS
        )
    assert caught.value.fields == {"file": ["文件声明的类型（text/html）与内容（PNG 图片）不符。"]}


def test_empty_and_too_big() -> None:
    with pytest.raises(FieldError, match="文件内容为空"):
        check_upload(SimpleUploadedFile("a.pdf", b""), field="file", allowed=SCANS)
    with pytest.raises(FieldError, match="不能超过 1 MB"):
        big = SimpleUploadedFile("a.pdf", SAMPLE_PDF + b"\x00" * (1024 * 1024))
        check_upload(big, field="file", allowed=SCANS, max_bytes=1024 * 1024)
    with pytest.raises(FieldError, match="请选择要上传的文件"):
        check_upload(None, field="file", allowed=SCANS)


def test_zip_bomb_refused_before_inflating() -> None:
    # 50 MB of zeros in one part compresses to ~50 KB: a ratio of ~1000.
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (50 * 1024 * 1024))
    with pytest.raises(FieldError) as caught:
        check_upload(
            SimpleUploadedFile("bomb.docx", buffer.getvalue()), field="file", allowed=EVIDENCE
        )
    assert caught.value.fields == {"file": ["文件是异常的压缩包（条目过多或解压后过大），已拒绝。"]}


def test_zip_with_too_many_entries_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "ZIP_MAX_ENTRIES", 5)
    parts = {f"Doc_0/p{i}.xml": b"<p/>" for i in range(6)}
    content = zip_bytes({"OFD.xml": b"<ofd/>", **parts})
    with pytest.raises(FieldError, match="异常的压缩包"):
        check_upload(SimpleUploadedFile("a.ofd", content), field="file", allowed=EVIDENCE)
