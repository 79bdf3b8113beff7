"""Tests for fating.core.files.hash_upload."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.core.files import hash_upload


def test_digest_and_size_are_those_of_the_whole_content() -> None:
    content = b"%PDF-1.4 " + bytes(range(256)) * 1000
    digest, size = hash_upload(SimpleUploadedFile("a.pdf", content))
    assert (digest, size) == (hashlib.sha256(content).hexdigest(), len(content))


def test_reads_in_chunks_across_chunk_boundaries() -> None:
    content = b"x" * (2 * 64 * 1024 + 7)
    upload = ContentFile(content, name="big.txt")
    upload.DEFAULT_CHUNK_SIZE = 64 * 1024
    assert hash_upload(upload) == (hashlib.sha256(content).hexdigest(), len(content))


def test_a_partly_read_upload_is_hashed_whole_and_rewound_for_storing() -> None:
    upload = SimpleUploadedFile("a.txt", b"hello world")
    upload.read(5)
    assert hash_upload(upload) == (hashlib.sha256(b"hello world").hexdigest(), 11)
    assert upload.read() == b"hello world"


def test_empty_upload_has_size_zero() -> None:
    assert hash_upload(SimpleUploadedFile("e.txt", b"")) == (hashlib.sha256(b"").hexdigest(), 0)


def test_an_object_without_seek_is_hashed_once() -> None:
    class Stream:
        def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
            yield b"ab"
            yield b"c"

    assert hash_upload(Stream()) == (hashlib.sha256(b"abc").hexdigest(), 3)
