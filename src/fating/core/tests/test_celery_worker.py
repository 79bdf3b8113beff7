"""A real Celery worker delivers outbox messages through the Redis broker (production setup).

Runs when REDIS_URL is set (CI's PostgreSQL + Redis run); skipped on the embedded default."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from fating.core.models import OutboxMessage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis broker (REDIS_URL)")
def test_worker_delivers_through_the_broker(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a server database it can share with the test")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    sms_file = tmp_path / "sms-outbox.jsonl"  # FileSmsSender under FATING_DATA_DIR
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fating.settings",
        "DATABASE_URL": url,
        "SECRET_KEY": settings.SECRET_KEY,
        "FATING_DATA_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "fating", "worker", "--pool", "solo", "-l", "warning",
         "-Q", "celery", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        from fating.core.tasks import deliver_message

        message = OutboxMessage.objects.create(
            channel=OutboxMessage.Channel.SMS, address="13800000000", subject="验证码",
            body="您的验证码是 246810", dedupe_key=f"worker-test-{time.time()}",
        )  # fmt: skip
        # Sent twice on purpose: the second delivery must not send a second copy.
        from celery import current_app

        current_app.conf.task_always_eager = False
        try:
            deliver_message.delay(message.pk)
            deliver_message.delay(message.pk)
        finally:
            current_app.conf.task_always_eager = True
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            message.refresh_from_db()
            if message.status == OutboxMessage.Status.SENT:
                break
            time.sleep(0.5)
        assert message.status == OutboxMessage.Status.SENT
        time.sleep(2)  # let the duplicate task run
        lines = sms_file.read_text().splitlines()
        assert len(lines) == 1 and "246810" in lines[0]
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
