"""Uploaded files: the one place their SHA-256 is taken."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Protocol


class Upload(Protocol):
    """What the helper needs of an upload (Django's UploadedFile, File, ContentFile)."""

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...


def hash_upload(upload: Upload) -> tuple[str, int]:
    """SHA-256 hex digest and byte count of an upload, read in chunks.

    Counts the bytes actually read rather than trusting `upload.size`, and rewinds before and
    after, so the caller can store the same bytes next and a partly read upload is hashed whole.
    """
    digest = hashlib.sha256()
    size = 0
    _rewind(upload)
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    _rewind(upload)
    return digest.hexdigest(), size


def _rewind(upload: object) -> None:
    seek = getattr(upload, "seek", None)
    if callable(seek):
        seek(0)
