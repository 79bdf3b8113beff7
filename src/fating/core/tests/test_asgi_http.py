"""The server's HTTP path (Django's WSGI handler in a2wsgi's threads under the ASGI app) and live
sends from those threads, which must run on the server's event loop where the consumers are."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from asgiref import testing as asgi_testing
from asgiref.sync import async_to_sync
from channels.layers import channel_layers, get_channel_layer  # type: ignore[import-untyped]

from fating.core import layer as live_layer

pytestmark = pytest.mark.django_db(transaction=True)

# asgiref's test communicator is untyped.
ApplicationCommunicator: Any = asgi_testing.ApplicationCommunicator


@pytest.fixture
def memory_layer(settings: Any) -> Any:
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield get_channel_layer()
    channel_layers.backends.clear()


def _scope(path: str, method: str = "GET", **headers: str) -> dict[str, Any]:
    """An HTTP request's scope as uvicorn hands it over (host 127.0.0.1)."""
    raw_path, _, query = path.partition("?")
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": raw_path, "raw_path": raw_path.encode(),
        "query_string": query.encode(), "root_path": "", "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "headers": [(b"host", b"127.0.0.1")]
        + [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }  # fmt: skip


async def _answer(comm: Any) -> dict[str, Any]:
    start = await comm.receive_output(timeout=10)
    body = b""
    while True:
        part = await comm.receive_output(timeout=10)
        body += part.get("body", b"")
        if not part.get("more_body"):
            return {"status": start["status"], "headers": start["headers"], "body": body}


def _request(path: str, method: str = "GET", body: bytes = b"", **headers: str) -> dict[str, Any]:
    """One request to the server's ASGI application."""
    from fating.asgi import application

    async def scenario() -> dict[str, Any]:
        comm = ApplicationCommunicator(application, _scope(path, method, **headers))
        await comm.send_input({"type": "http.request", "body": body, "more_body": False})
        return await _answer(comm)

    return async_to_sync(scenario)()


def test_pages_and_the_api_answer_through_the_threaded_handler(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    login = _request("/login/")
    assert login["status"] == 200 and "登录".encode() in login["body"]
    headers = dict(login["headers"])
    assert b"x-request-id" in headers and b"content-security-policy" in headers
    # A percent-encoded Chinese query and an anonymous API call: the API's 401 in its JSON shape.
    api = _request("/api/v1/knowledge/search/?q=%E5%80%9F%E6%AC%BE")
    assert api["status"] == 401 and b'"error"' in api["body"]
    # A body reaches the view (a malformed JSON write is refused before any view runs).
    bad = _request("/api/v1/auth/token/", "POST", b"[1,", content_type="application/json")
    assert bad["status"] == 400


def test_a_send_from_a_request_thread_runs_on_the_servers_loop(memory_layer: Any) -> None:
    ran_in: list[int] = []
    original = memory_layer.group_send

    async def spy(group: str, message: dict[str, Any]) -> None:
        ran_in.append(threading.get_ident())
        await original(group, message)

    memory_layer.group_send = spy

    async def scenario() -> tuple[dict[str, Any], int]:
        live_layer.remember_server_loop()
        channel = await memory_layer.new_channel()
        await memory_layer.group_add("g", channel)
        loop = asyncio.get_running_loop()
        # As a view does: from another thread, while the loop goes on serving.
        await loop.run_in_executor(None, live_layer.group_send, "g", {"type": "t.ping"})
        received = await asyncio.wait_for(memory_layer.receive(channel), 3)
        return received, threading.get_ident()

    received, loop_thread = async_to_sync(scenario)()
    assert received == {"type": "t.ping"}
    assert ran_in == [loop_thread]  # not a fresh loop in a helper thread


def test_without_a_running_server_loop_a_send_runs_as_before(memory_layer: Any) -> None:
    # A Celery task or a management command: no server loop is running in this process.
    async def remember() -> None:
        live_layer.remember_server_loop()

    async_to_sync(remember)()  # that loop has stopped since
    live_layer.group_send("nobody-listens", {"type": "t.ping"})  # neither hangs nor raises


def test_a_slow_upload_holds_no_thread_and_arrives_whole(settings: Any) -> None:
    from django.core.wsgi import get_wsgi_application

    from fating.core.threaded_http import ThreadedHttp

    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    app = ThreadedHttp(get_wsgi_application(), threads=1)  # one thread: any wait would show

    async def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
        body = b'{"username": "nobody-here", "password": "wrong-password"}'
        slow = ApplicationCommunicator(
            app,
            _scope("/api/v1/auth/token/", "POST", content_type="application/json",
                   content_length=str(len(body))),
        )  # fmt: skip
        await slow.send_input({"type": "http.request", "body": body[:10], "more_body": True})
        # The rest of the upload has not come; another request is answered meanwhile.
        quick = ApplicationCommunicator(app, _scope("/healthz"))
        await quick.send_input({"type": "http.request", "body": b"", "more_body": False})
        quick_answer = await _answer(quick)
        await slow.send_input({"type": "http.request", "body": body[10:], "more_body": False})
        return quick_answer, await _answer(slow)

    quick_answer, slow_answer = async_to_sync(scenario)()
    assert quick_answer["status"] == 200
    # The two parts arrived as one JSON body: refused as wrong credentials, not as malformed.
    assert slow_answer["status"] == 400 and b"parse_error" not in slow_answer["body"]


def test_a_client_gone_before_its_body_is_whole_gets_no_answer(settings: Any) -> None:
    from django.core.wsgi import get_wsgi_application

    from fating.core.threaded_http import ThreadedHttp

    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    app = ThreadedHttp(get_wsgi_application(), threads=1)

    async def scenario() -> bool:
        comm = ApplicationCommunicator(app, _scope("/api/v1/auth/token/", "POST"))
        await comm.send_input({"type": "http.request", "body": b"{", "more_body": True})
        await comm.send_input({"type": "http.disconnect"})
        await comm.wait(timeout=5)
        return bool(await comm.receive_nothing(timeout=0.2))

    assert async_to_sync(scenario)() is True


def test_a_server_process_tunes_its_garbage_collector_at_startup() -> None:
    import gc

    from fating import asgi

    before = gc.get_threshold()
    try:
        asgi._tune_garbage_collector()
        assert gc.get_threshold()[0] == 10_000 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_a_failed_send_is_logged_not_raised(memory_layer: Any, caplog: Any) -> None:
    # What is pushed was stored first; the caller's write must not fail because a push did.
    async def broken(group: str, message: dict[str, Any]) -> None:
        raise ConnectionError("layer down")

    memory_layer.group_send = broken
    live_layer.group_send("conv.room.1", {"type": "t.ping"})
    assert "live push to conv.room.1 failed" in caplog.text
