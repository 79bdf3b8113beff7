"""The embedded SQLite database runs in WAL mode with a busy timeout and immediate transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler
from pytest_django import DjangoDbBlocker

from fating.env import env_database

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite settings; PostgreSQL has its own"
)


def test_a_file_database_opens_in_wal_mode_with_a_busy_timeout(
    tmp_path: Path, django_db_blocker: DjangoDbBlocker
) -> None:
    config = env_database("DATABASE_URL", f"sqlite:///{tmp_path / 'fating.sqlite3'}", environ={})
    wrapper = ConnectionHandler({"default": config})["default"]  # fills in Django's defaults
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
            assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        # SQLite's wrapper has it; the stubs type the base wrapper only.
        assert wrapper.transaction_mode == "IMMEDIATE"  # type: ignore[attr-defined]
    finally:
        wrapper.close()


def test_the_default_database_settings_ask_for_it() -> None:
    options = env_database("DATABASE_URL", "sqlite:////tmp/x.sqlite3", environ={})["OPTIONS"]
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert options["timeout"] == 20
