"""`Idempotency-Key` for the creates that matter: a retry replays the first answer, writes nothing.

A lost response makes a client (or a villager pressing the button again) send the same create
twice. With a key, the second request is recognised:

- The client sends ``Idempotency-Key: <1–255 printable ASCII characters>``; a page form carries
  the same value in a hidden ``idempotency_key`` field, generated when the form is rendered
  (``{% idempotency_key_field %}``), so a double-submitted form is one request.
- The same key from the same user with the same request (method, path, query and the SHA-256 of
  the canonical body) replays the first answer: same status, same body, plus
  ``Idempotent-Replayed: true``. Nothing is written.
- The same key with another request is refused: 422 ``idempotency_key_reused``.
- Only answers that succeeded (status < 400) are kept. A refused request wrote nothing (services
  roll back), so its key stays free and a corrected retry runs.
- Keys live ``IDEMPOTENCY_KEY_TTL_SECONDS`` (24 hours). An older key counts as new; the
  ``purge_idempotency_keys`` task (Celery beat) and command delete expired rows.

Concurrency: the key's row is inserted in the same transaction as the write it guards, and is
unique on (user, key). A simultaneous second request therefore waits: on PostgreSQL its insert
blocks on the first transaction's uncommitted row; on SQLite writers are serialised. When the
first commits, the second finds the stored answer and replays it; when the first rolls back, the
second runs. A wait longer than ``IDEMPOTENCY_LOCK_TIMEOUT_SECONDS`` answers 409
``request_in_progress`` (“请求正在处理”). Because key and write commit together, a crash can never
leave a write without its key or a key without its write.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import DomainError, FieldError
from fating.core.models import IdempotencyKey

HEADER = "Idempotency-Key"
FORM_FIELD = "idempotency_key"
REPLAYED_HEADER = "Idempotent-Replayed"
# Headers a replay needs to mean the same as the first answer (a redirect's target, htmx's).
_KEPT_HEADERS = ("Content-Type", "Location", "HX-Redirect", "HX-Location", "HX-Trigger")
# Form fields that differ between two submissions of the same form without changing its meaning.
_IGNORED_FIELDS = frozenset({"csrfmiddlewaretoken", FORM_FIELD})
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_VALID_KEY = re.compile(r"[\x20-\x7e]{1,255}")

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "幂等键（1–255 个可打印 ASCII 字符，建议使用 UUID）。同一用户以同一键重发相同请求时，"
        "返回首次的响应（状态码与响应体相同，并带 Idempotent-Replayed: true），不会重复写入；"
        "同一键配不同请求体返回 422；首次请求仍在处理时返回 409。键保留 24 小时。"
    ),
)


class IdempotencyKeyReused(DomainError):
    """The key was already used for a different request (422)."""

    status_code = 422
    code = "idempotency_key_reused"


class RequestInProgress(DomainError):
    """A request with the same key is still running and did not finish in time (409)."""

    status_code = 409
    code = "request_in_progress"


def ttl() -> timedelta:
    return timedelta(seconds=getattr(settings, "IDEMPOTENCY_KEY_TTL_SECONDS", 24 * 3600))


def validate_key(raw: str) -> str:
    """The key as given, or FieldError naming the header: 1–255 printable ASCII characters."""
    if not _VALID_KEY.fullmatch(raw or "") or not raw.strip():
        raise FieldError({HEADER: _("幂等键须为 1 至 255 个可打印的 ASCII 字符。")})
    return raw


def _file_digest(upload: UploadedFile) -> dict[str, Any]:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)  # the view reads it again
    return {"file": upload.name, "size": upload.size, "sha256": digest.hexdigest()}


def _canonical(value: Any) -> Any:
    if isinstance(value, UploadedFile):
        return _file_digest(value)
    if isinstance(value, MultiValueDict):
        return {str(k): [_canonical(v) for v in value.getlist(k)] for k in value}
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def request_fingerprint(
    *, method: str, path: str, query: MultiValueDict[str, str], data: Any, files: Any = None
) -> str:
    """SHA-256 of the request's meaning: method, path, query and the canonical body (keys
    sorted, files by name, size and SHA-256; the CSRF token and the key field left out)."""
    body = _canonical(data)
    if isinstance(body, dict):
        body = {k: v for k, v in body.items() if k not in _IGNORED_FIELDS}
    canonical = {
        "method": method.upper(),
        "path": path,
        "query": _canonical(query),
        "body": body,
        "files": _canonical(files) if files else {},
    }
    text = json.dumps(
        canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(text.encode()).hexdigest()


@contextmanager
def _bounded_lock_wait() -> Iterator[None]:
    """On PostgreSQL, wait at most IDEMPOTENCY_LOCK_TIMEOUT_SECONDS for a concurrent request
    holding the same key (SQLite bounds every wait by its busy timeout already)."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        yield
        return
    seconds = getattr(settings, "IDEMPOTENCY_LOCK_TIMEOUT_SECONDS", 10)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        (previous,) = cursor.fetchone()
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(seconds * 1000)}ms"])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def _reserve(
    *, user: Any, key: str, fingerprint: str, method: str, path: str, cutoff: datetime
) -> tuple[bool, IdempotencyKey]:
    """(True, new row) when this request holds the key now; (False, stored row) when an
    earlier request's answer is stored under it."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(
                    user=user, key=key, request_hash=fingerprint, method=method[:10],
                    path=path[:300], response_status=0, response_body=b"",
                )  # fmt: skip
            return True, row
        except IntegrityError:
            pass  # taken, and committed: read it
        stored = IdempotencyKey.objects.select_for_update().filter(user=user, key=key).first()
        if stored is None:
            continue  # deleted meanwhile (expired, purged): try to take it again
        if stored.created_at <= cutoff:
            stored.delete()  # an expired key is a new key
            continue
        return False, stored
    raise RequestInProgress(_("请求正在处理，请稍后重试。"))


def replay(row: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(bytes(row.response_body), status=row.response_status)
    for name, value in (row.response_headers or {}).items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


def run_once(
    *,
    user: Any,
    key: str,
    fingerprint: str,
    method: str,
    path: str,
    call: Callable[[], HttpResponse],
    capture: Callable[[HttpResponse], tuple[bytes, dict[str, str]]],
) -> HttpResponse:
    """Run `call` at most once for (user, key): the first time, store its successful answer
    with the write, in one transaction; afterwards, replay it (see the module docstring)."""
    cutoff = timezone.now() - ttl()
    reserving = True
    try:
        with transaction.atomic():
            with _bounded_lock_wait():
                fresh, row = _reserve(
                    user=user, key=key, fingerprint=fingerprint, method=method, path=path,
                    cutoff=cutoff,
                )  # fmt: skip
            reserving = False
            if not fresh:
                if row.request_hash != fingerprint:
                    raise IdempotencyKeyReused(
                        _("该幂等键已用于另一个请求，请为新的请求使用新的幂等键。"),
                        fields={HEADER: [_("该幂等键已用于另一个请求。")]},
                    )
                return replay(row)
            response = call()
            if response.status_code >= 400 or response.streaming:
                # Nothing to replay: the request was refused (and wrote nothing) or cannot be
                # stored; free the key for a corrected retry.
                row.delete()
                return response
            body, headers = capture(response)
            row.response_status = response.status_code
            row.response_headers = headers
            row.response_body = body
            row.save(update_fields=["response_status", "response_headers", "response_body"])
            return response
    except OperationalError:
        if reserving:  # the lock wait ran out: the first request is still running
            raise RequestInProgress(_("请求正在处理，请稍后重试。")) from None
        raise


def _kept_headers(response: HttpResponse) -> dict[str, str]:
    return {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)}


def _capture_api(response: HttpResponse) -> tuple[bytes, dict[str, str]]:
    if isinstance(response, Response):
        # What DRF's JSONRenderer writes for this response (the API renders JSON only).
        body = b"" if response.data is None else JSONRenderer().render(response.data)
        return body, {**_kept_headers(response), "Content-Type": "application/json"}
    return _capture_page(response)


def _capture_page(response: HttpResponse) -> tuple[bytes, dict[str, str]]:
    return bytes(response.content), _kept_headers(response)


def idempotent(handler: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Honour `Idempotency-Key` on a DRF handler (a viewset method or an @api_view function).
    Put it directly on the function, under @action / @api_view; document the header with
    `IDEMPOTENCY_KEY_PARAMETER` in the operation's extend_schema."""

    @functools.wraps(handler)
    def wrapper(*args: Any, **kwargs: Any) -> HttpResponse:
        request = next(a for a in args if isinstance(a, Request))
        raw = request.headers.get(HEADER)
        if raw is None or request.method in _SAFE_METHODS or not request.user.is_authenticated:
            return handler(*args, **kwargs)
        key = validate_key(raw)
        method = request.method or ""  # always set on a request Django routed
        fingerprint = request_fingerprint(
            method=method, path=request.path, query=request.query_params, data=request.data
        )
        return run_once(
            user=request.user, key=key, fingerprint=fingerprint, method=method,
            path=request.path, call=lambda: handler(*args, **kwargs), capture=_capture_api,
        )  # fmt: skip

    return wrapper


def idempotent_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Honour the hidden `idempotency_key` field (or the header) on a page's form POST. Put it
    under @login_required and @page_view."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in _SAFE_METHODS or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        raw = request.POST.get(FORM_FIELD) or request.headers.get(HEADER)
        if raw is None:
            return view(request, *args, **kwargs)
        try:
            key = validate_key(raw)
            method = request.method or ""  # always set on a request Django routed
            fingerprint = request_fingerprint(
                method=method, path=request.path, query=request.GET,
                data=request.POST, files=request.FILES,
            )  # fmt: skip
            return run_once(
                user=request.user, key=key, fingerprint=fingerprint, method=method,
                path=request.path, call=lambda: view(request, *args, **kwargs),
                capture=_capture_page,
            )  # fmt: skip
        except (IdempotencyKeyReused, RequestInProgress) as exc:
            return _error_page(request, exc.status_code, exc.message)
        except FieldError as exc:
            if HEADER not in exc.fields:
                raise
            return _error_page(request, 400, exc.fields[HEADER][0])

    return wrapper


def _error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return render(
        request, "errors/request.html", {"status": status, "message": message}, status=status
    )


def purge_expired(*, now: datetime | None = None) -> int:
    """Delete keys older than the TTL; returns how many."""
    cutoff = (now or timezone.now()) - ttl()
    deleted, _detail = IdempotencyKey.objects.filter(created_at__lte=cutoff).delete()
    return deleted


__all__ = [
    "FORM_FIELD",
    "HEADER",
    "IDEMPOTENCY_KEY_PARAMETER",
    "REPLAYED_HEADER",
    "IdempotencyKeyReused",
    "RequestInProgress",
    "idempotent",
    "idempotent_page",
    "purge_expired",
    "request_fingerprint",
    "run_once",
    "validate_key",
]
