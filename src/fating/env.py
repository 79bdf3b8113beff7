"""Typed readers for settings taken from the environment.

They fail loudly: a value that is present but malformed raises ImproperlyConfigured with the name
of the variable and what was expected, instead of silently falling back to a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(
    name: str, default: str | None = None, *, environ: Mapping[str, str] | None = None
) -> str:
    environ = os.environ if environ is None else environ
    value = environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no."
    )


def env_int(name: str, default: int, *, environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not an integer."
        ) from None


def env_list(
    name: str, default: list[str], *, environ: Mapping[str, str] | None = None
) -> list[str]:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(
    name: str, default_url: str, *, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Parse a database URL (postgres://, postgresql://, sqlite:///path) into Django's DATABASES entry."""
    import dj_database_url

    environ = os.environ if environ is None else environ
    url = environ.get(name) or default_url
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ImproperlyConfigured(
            f"Environment variable {name}={_redact(url)!r} is not a supported database URL; expected "
            "postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///ABSOLUTE/PATH."
        )
    try:
        # Persistent connections leak under ASGI (each request runs in a fresh thread context;
        # Django's docs: "When using ASGI, persistent connections should be disabled").
        config = dict(dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True))
    except Exception as exc:  # dj_database_url raises several types for malformed URLs
        raise ImproperlyConfigured(
            f"Environment variable {name}={_redact(url)!r} could not be parsed: {exc}"
        ) from exc
    if config["ENGINE"].endswith("postgresql") and not config.get("NAME"):
        raise ImproperlyConfigured(f"Environment variable {name} names no database.")
    if config["ENGINE"].endswith("postgresql") and env_bool(
        "FATING_DB_POOL", True, environ=environ
    ):
        # Without persistent connections every request opened its own PostgreSQL connection (a
        # backend process forked, authentication, Django's session setup): a fifth of the mix's
        # server CPU in-process at the design point (bench/README.md), and more on the database
        # side. A pool per process hands each request (or consumer call, on whatever thread) a
        # connection already open and takes it back when Django closes it at the request's end.
        # FATING_DB_POOL=0 turns it off, e.g. behind PgBouncer. CONN_HEALTH_CHECKS stays on: with
        # a pool, Django has the pool check each connection as it is handed out (a restarted
        # database server leaves closed connections in the pool otherwise).
        config["OPTIONS"] = {
            **config.get("OPTIONS", {}),
            "pool": {
                "min_size": 1,
                "max_size": env_int("FATING_DB_POOL_SIZE", 12, environ=environ),
                "timeout": 10,
            },
        }
    if config["ENGINE"].endswith("sqlite3"):
        config["CONN_MAX_AGE"] = 0
        config.pop("CONN_HEALTH_CHECKS", None)
        # SQLite serialises writers; waiting beats failing with "database is locked". WAL lets
        # readers go on while one writer writes. synchronous=FULL, not NORMAL: in WAL mode NORMAL
        # may lose the last commits on power loss, and a filing acknowledged must stay filed.
        # IMMEDIATE takes the write lock at BEGIN, so no transaction fails upgrading a read lock.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        }
    return config


def _redact(url: str) -> str:
    """Hide the password part of a URL before it appears in an error message."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
