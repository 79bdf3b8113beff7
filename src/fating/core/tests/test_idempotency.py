"""The Idempotency-Key machinery itself (fating.core.idempotency): key format, the request's
fingerprint, run-once with replay, refusals that free the key, expiry and the purge. The
endpoints that use it are tested in their apps (cases/tests/test_idempotency.py and others)."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.http import HttpResponse, QueryDict
from django.utils import timezone

from fating.accounts.models import User
from fating.core import tasks
from fating.core.exceptions import FieldError
from fating.core.idempotency import (
    HEADER,
    REPLAYED_HEADER,
    IdempotencyKeyReused,
    RequestInProgress,
    purge_expired,
    request_fingerprint,
    run_once,
    validate_key,
)
from fating.core.models import IdempotencyKey, OutboxMessage
from fating.testing import UserFactory

pytestmark = pytest.mark.django_db


def _fp(data: object, path: str = "/api/v1/things/", files: object = None) -> str:
    return request_fingerprint(
        method="POST", path=path, query=QueryDict(""), data=data, files=files
    )


# Key format ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["a", "6f1c2a0e-9a4b-4d55-8d7e-2f0c1b9e6a11", "x" * 255, "a b~!"])
def test_printable_keys_up_to_255_characters_are_accepted(key: str) -> None:
    assert validate_key(key) == key


@pytest.mark.parametrize("key", ["", "   ", "x" * 256, "键", "a\nb", "a\tb", "\x7f"])
def test_other_keys_are_refused_naming_the_header(key: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_key(key)
    assert caught.value.fields == {HEADER: ["幂等键须为 1 至 255 个可打印的 ASCII 字符。"]}


# Fingerprint ---------------------------------------------------------------------------------


def test_the_fingerprint_ignores_key_order_the_csrf_token_and_the_key_field() -> None:
    assert _fp({"a": 1, "b": [1, 2]}) == _fp({"b": [1, 2], "a": 1})
    form_a = QueryDict("title=x&csrfmiddlewaretoken=one&idempotency_key=k1")
    form_b = QueryDict("idempotency_key=k1&title=x&csrfmiddlewaretoken=two")
    assert _fp(form_a) == _fp(form_b)


def test_the_fingerprint_changes_with_the_body_the_path_and_a_file() -> None:
    assert _fp({"a": 1}) != _fp({"a": 2})
    assert _fp({"a": 1}) != _fp({"a": 1}, path="/api/v1/others/")
    one = SimpleUploadedFile("借条.pdf", b"%PDF-1 one")
    two = SimpleUploadedFile("借条.pdf", b"%PDF-1 two")
    assert _fp({}, files={"file": one}) != _fp({}, files={"file": two})
    assert one.read() == b"%PDF-1 one"  # the view can still read the upload


# Run once ------------------------------------------------------------------------------------


def _writer(counter: list[int], status: int = 201) -> HttpResponse:
    counter.append(1)
    OutboxMessage.objects.create(
        channel="in_app", subject="s", body="b", dedupe_key=f"k{len(counter)}"
    )
    response = HttpResponse(f'{{"n": {len(counter)}}}', status=status)
    response["Content-Type"] = "application/json"
    response["Location"] = "/somewhere/"
    return response


def _capture(response: HttpResponse) -> tuple[bytes, dict[str, str]]:
    return bytes(response.content), {
        "Content-Type": response["Content-Type"],
        "Location": response["Location"],
    }


def _run(user: object, key: str, fp: str, counter: list[int], status: int = 201) -> HttpResponse:
    return run_once(
        user=user, key=key, fingerprint=fp, method="POST", path="/p/",
        call=lambda: _writer(counter, status), capture=_capture,
    )  # fmt: skip


def test_the_same_key_and_request_run_once_and_replay_the_first_answer() -> None:
    user, calls = UserFactory.create(), list[int]()
    first = _run(user, "k", "f" * 64, calls)
    again = _run(user, "k", "f" * 64, calls)
    assert len(calls) == 1 and OutboxMessage.objects.count() == 1
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert again["Location"] == "/somewhere/" and again[REPLAYED_HEADER] == "true"
    assert not first.has_header(REPLAYED_HEADER)
    assert IdempotencyKey.objects.get().response_status == 201


def test_the_same_key_with_another_request_is_refused() -> None:
    user, calls = UserFactory.create(), list[int]()
    _run(user, "k", "a" * 64, calls)
    with pytest.raises(IdempotencyKeyReused) as caught:
        _run(user, "k", "b" * 64, calls)
    assert caught.value.status_code == 422
    assert caught.value.message == "该幂等键已用于另一个请求，请为新的请求使用新的幂等键。"
    assert len(calls) == 1


def test_a_refused_request_frees_its_key() -> None:
    user, calls = UserFactory.create(), list[int]()
    assert _run(user, "k", "a" * 64, calls, status=400).status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert _run(user, "k", "a" * 64, calls).status_code == 201
    assert len(calls) == 2


def test_a_failing_request_rolls_back_its_key_with_its_write() -> None:
    user = UserFactory.create()

    def boom() -> HttpResponse:
        OutboxMessage.objects.create(channel="in_app", subject="s", body="b", dedupe_key="x")
        raise RuntimeError("crash after the write")

    with pytest.raises(RuntimeError):
        run_once(user=user, key="k", fingerprint="a" * 64, method="POST", path="/p/",
                 call=boom, capture=_capture)  # fmt: skip
    assert not IdempotencyKey.objects.exists() and not OutboxMessage.objects.exists()


def test_keys_of_different_users_are_independent() -> None:
    calls: list[int] = []
    _run(UserFactory.create(), "k", "a" * 64, calls)
    _run(UserFactory.create(), "k", "b" * 64, calls)
    assert len(calls) == 2 and IdempotencyKey.objects.count() == 2


def test_an_expired_key_is_a_new_key() -> None:
    user, calls = UserFactory.create(), list[int]()
    _run(user, "k", "a" * 64, calls)
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    again = _run(user, "k", "b" * 64, calls)  # another body too: the old key is gone
    assert len(calls) == 2 and not again.has_header(REPLAYED_HEADER)
    assert IdempotencyKey.objects.get().request_hash == "b" * 64


def test_a_key_just_inside_24_hours_still_replays() -> None:
    user, calls = UserFactory.create(), list[int]()
    _run(user, "k", "a" * 64, calls)
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=23, minutes=59))
    assert _run(user, "k", "a" * 64, calls)[REPLAYED_HEADER] == "true"
    assert len(calls) == 1


def test_a_lock_wait_that_runs_out_answers_request_in_progress() -> None:
    """The second of two simultaneous requests waits on the first's key row; past the timeout
    the database raises OperationalError, which becomes 409 and writes nothing."""
    user, calls = UserFactory.create(), list[int]()
    with (
        mock.patch.object(
            IdempotencyKey.objects, "create", side_effect=OperationalError("lock timeout")
        ),
        pytest.raises(RequestInProgress) as caught,
    ):
        _run(user, "k", "a" * 64, calls)
    assert caught.value.status_code == 409 and caught.value.message == "请求正在处理，请稍后重试。"
    assert calls == []


def test_an_operational_error_inside_the_view_is_not_mistaken_for_a_busy_key() -> None:
    def view() -> HttpResponse:
        raise OperationalError("disk I/O error")

    with pytest.raises(OperationalError):
        run_once(user=UserFactory.create(), key="k", fingerprint="a" * 64, method="POST", path="/p/",
                 call=view, capture=_capture)  # fmt: skip


# Purge ---------------------------------------------------------------------------------------


def _key(user: User, key: str, age: timedelta) -> IdempotencyKey:
    return IdempotencyKey.objects.create(
        user=user, key=key, request_hash="a" * 64, method="POST", path="/p/",
        response_status=201, response_body=b"{}", created_at=timezone.now() - age,
    )  # fmt: skip


def test_purge_deletes_only_expired_keys() -> None:
    user = UserFactory.create()
    _key(user, "old", timedelta(hours=25))
    _key(user, "new", timedelta(hours=1))
    assert purge_expired() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


def test_the_purge_task_and_command() -> None:
    user = UserFactory.create()
    _key(user, "a", timedelta(days=2))
    assert tasks.purge_idempotency_keys.delay().get() == 1
    _key(user, "b", timedelta(days=3))
    out = io.StringIO()
    call_command("purge_idempotency_keys", stdout=out)
    assert out.getvalue().strip() == "Purged 1 expired idempotency keys."
    assert not IdempotencyKey.objects.exists()


def test_the_purge_runs_on_the_beat_schedule(settings: object) -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE  # type: ignore[attr-defined]
    assert schedule["purge-idempotency-keys"]["task"] == "fating.core.tasks.purge_idempotency_keys"
