"""Settings read from the environment fail loudly and clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from fating.env import env_bool, env_database, env_int, env_list


def _load_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dropped = {"SECRET_KEY", "DATABASE_URL", "FATING_AUDIT_KEYS", "DEBUG"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import fating.settings"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_secret_key_in_production_fails_clearly() -> None:
    result = _load_settings({"FATING_DEMO": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_demo_generates_and_keeps_a_secret_key(tmp_path: Path) -> None:
    env = {"FATING_DEMO": "1", "FATING_DATA_DIR": str(tmp_path)}
    assert _load_settings(env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    audit_key = (tmp_path / "audit_keys").read_text()
    assert len(key) >= 50
    assert _load_settings(env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "audit_keys").read_text() == audit_key
    assert audit_key.startswith("local1:") and len(audit_key) > 40


AUDIT_KEY = "2026a:" + "k" * 40


def test_missing_audit_key_in_production_fails_clearly(tmp_path: Path) -> None:
    result = _load_settings(
        {"FATING_DEMO": "0", "SECRET_KEY": "x", "FATING_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "FATING_AUDIT_KEYS is not set" in result.stderr
    assert not (tmp_path / "audit_keys").exists()  # never generated outside the demo


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026a:short", "shorter than 32"),
        ("no-separator" + "x" * 40, "KEY_ID:SECRET"),
        (f"{AUDIT_KEY},{AUDIT_KEY}", "appears twice"),
        (" , ", "holds no key"),
    ],
)
def test_malformed_audit_keys_fail_clearly(value: str, message: str) -> None:
    from fating.core.audit_keys import parse_audit_keys

    with pytest.raises(ImproperlyConfigured, match=message):
        parse_audit_keys(value)


def test_audit_keys_first_one_signs() -> None:
    from fating.core.audit_keys import parse_audit_keys

    keys = parse_audit_keys(f"new:{'n' * 32}, old:{'o' * 32}")
    assert list(keys) == ["new", "old"] and keys["old"] == "o" * 32


def test_bad_database_url_fails_clearly() -> None:
    result = _load_settings(
        {
            "SECRET_KEY": "x",
            "FATING_AUDIT_KEYS": AUDIT_KEY,
            "DATABASE_URL": "mysqlx://root:hunter2@db/x",
        }
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and "not a supported database URL" in result.stderr
    assert "hunter2" not in result.stderr


@pytest.mark.parametrize("url", ["postgres://u:p@127.0.0.1:5432/fating", "sqlite:////tmp/x.db"])
def test_database_urls_parse(url: str) -> None:
    config = env_database("DATABASE_URL", "", environ={"DATABASE_URL": url})
    assert config["ENGINE"].split(".")[-1] in {"postgresql", "sqlite3"}


def test_database_url_without_name_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="names no database"):
        env_database("DATABASE_URL", "", environ={"DATABASE_URL": "postgres://u@h:5432/"})


def test_typed_helpers_reject_garbage() -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        env_bool("DEBUG", False, environ={"DEBUG": "maybe"})
    with pytest.raises(ImproperlyConfigured, match="is not an integer"):
        env_int("PORT", 1, environ={"PORT": "eighty"})
    assert env_list("HOSTS", [], environ={"HOSTS": "a, b,,c"}) == ["a", "b", "c"]
    assert env_bool("X", True, environ={}) is True


def test_check_deploy_passes_with_production_settings() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "fating.settings",
        "SECRET_KEY": "a-production-grade-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "court.example",
        "DEBUG": "0",
        "FATING_DEMO": "0",
        "FATING_HTTPS": "1",
    }
    for name in ("FATING_MANIFEST_STATIC", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # No deployment warning at all (API-schema hints from drf-spectacular are not deployment issues).
    assert "security." not in result.stdout + result.stderr, result.stdout + result.stderr


def test_postgresql_connections_come_from_a_pool_unless_turned_off() -> None:
    url = {"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/fating"}
    config = env_database("DATABASE_URL", "", environ=url)
    # Django refuses a pool beside persistent connections, and has the pool check a connection
    # on checkout only when CONN_HEALTH_CHECKS is on.
    assert config["CONN_MAX_AGE"] == 0 and config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 12, "timeout": 10}
    sized = env_database("DATABASE_URL", "", environ={**url, "FATING_DB_POOL_SIZE": "20"})
    assert sized["OPTIONS"]["pool"]["max_size"] == 20
    off = env_database("DATABASE_URL", "", environ={**url, "FATING_DB_POOL": "0"})
    assert "pool" not in off.get("OPTIONS", {}) and off["CONN_HEALTH_CHECKS"] is True
    sqlite = env_database("DATABASE_URL", "", environ={"DATABASE_URL": "sqlite:////tmp/x.db"})
    assert "pool" not in sqlite["OPTIONS"]
