"""`fating audit verify` as a process: exit status 0 when intact, non-zero naming the event."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fating.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_verify_exit_status(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SECRET_KEY": "cli-test-key",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "FATING_DATA_DIR": str(tmp_path),
        "FATING_AUDIT_KEYS": "cli1:cli-test-audit-key-0123456789abcdefghijkl",
        "FATING_AUDIT_CHECKPOINT_FILE": str(tmp_path / "checkpoints.log"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    assert _run("migrate", "-v", "0", env=env).returncode == 0
    assert _run("seed_demo", env=env).returncode == 0
    ok = _run("audit", "verify", env=env)
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout and "keys: cli1" in ok.stdout

    written = _run("audit", "checkpoint", env=env)
    assert written.returncode == 0, written.stderr
    assert "Checkpoint written" in written.stdout
    assert len((tmp_path / "checkpoints.log").read_text().splitlines()) == 1
    ok = _run("audit", "verify", env=env)
    assert ok.returncode == 0, ok.stderr
    assert "1 checkpoints match" in ok.stdout

    missing = _run("audit", "verify", env={**env, "FATING_AUDIT_KEYS": "other:" + "o" * 40})
    assert missing.returncode != 0
    assert "key id 'cli1'" in missing.stderr and "missing key" in missing.stderr

    import sqlite3

    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        db.execute("UPDATE core_auditevent SET action = 'tampered' WHERE seq = 1")
    bad = _run("audit", "verify", env=env)
    assert bad.returncode != 0
    assert "event #1" in bad.stderr


@pytest.mark.parametrize("args", [["--help"], []])
def test_help_lists_subcommands(args: list[str]) -> None:
    out = _run(*args, env=dict(os.environ)).stdout
    for command in ("demo", "audit verify", "fee", "similar rank", "help"):
        assert command in out
