from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return (
        os.environ.get("FATING_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium per test module. Not per session: while Playwright's sync API is alive its
    event loop counts as running in this thread, and every later test calling async_to_sync (the
    Channels consumers, the recorder) would fail; the browser tests run first (conftest.py)."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("system Chromium not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself happen before and after page actions, never concurrently.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield instance
            instance.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"`fating demo` exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local URL)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"`fating demo` did not answer within {timeout:.0f}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def asgi_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real ASGI server (uvicorn with WebSockets) serving a freshly seeded demo county, as
    `fating demo` runs it. pytest-django's live_server is a WSGI thread without WebSockets, and
    its per-test database is invisible to another process, so this server has its own data
    directory (SQLite file, media) and the tests act through the browser only. FATING_DEMO_URL
    names a demo already running instead (its data is then whatever that demo holds)."""
    running = os.environ.get("FATING_DEMO_URL")
    if not running and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # The demo is the embedded product: it always runs on its own SQLite file (its
        # environment drops DATABASE_URL below), so on the PostgreSQL run these tests would
        # repeat the SQLite run's exactly. They run there.
        pytest.skip("the seeded demo server runs on SQLite; the SQLite run drives it")
    if running:
        # A `fating demo` already serving (while writing browser tests): reuse it, as it is.
        yield running.rstrip("/")
        return
    data = tmp_path_factory.mktemp("asgi-demo")
    port = _free_port()
    env = {**os.environ, "FATING_DATA_DIR": str(data)}
    # The subprocess must configure itself as `fating demo` does, not with the test settings.
    for name in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "REDIS_URL",
                 "DJANGO_ALLOW_ASYNC_UNSAFE"):  # fmt: skip
        env.pop(name, None)
    log = data / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "fating.cli", "demo", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        # Seeding the whole demo county takes a minute or two on a busy two-core machine.
        _wait_until_up(
            f"{base}/login/",
            proc,
            log,
            timeout=float(os.environ.get("FATING_DEMO_BOOT_SECONDS", "300")),
        )
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
