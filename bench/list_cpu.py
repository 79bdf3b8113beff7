"""In-process cost of every list API endpoint: server CPU milliseconds and SQL queries per request.

Runs Django in this process (no HTTP server, no network) over the demo county: a temporary
SQLite database (or --database-url), `migrate` and `seed_demo`, then, for each list endpoint under
/api/v1/ and each persona, one warm-up request and --repeat timed requests through Django's test
Client with an API token. CPU time is `time.process_time()` around the request (this process does
nothing else), so it is the server-side cost of the view, middleware, serializers and database
driver, without the ASGI server and the client.

The list endpoints are found from the URLconf, not typed in: every GET route under /api/v1/
without a path parameter whose answer to the judge is a JSON list or a page of one
(`{"results": [...]}`). Routes that answer something else (a dashboard, a calculator, a form's
options) are reported as skipped, so a new list endpoint is measured without editing this file.

    PYTHONPATH=src .venv/bin/python bench/list_cpu.py [--repeat 20] [--json out.json]
    PYTHONPATH=src .venv/bin/python bench/list_cpu.py --only conversations --personas judge

Exit status: 0, or 1 when some endpoint answered an error to a persona that should see it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _load import DEMO_PASSWORD, describe_database, server_env

PERSONAS = ("judge", "clerk", "liaison", "mediator", "party", "governance")
TARGET_MS = 5.0


@dataclass
class Figure:
    path: str
    persona: str
    status: int
    rows: int
    cpu_ms: float
    queries: float


def _setup(database_url: str) -> Path:
    data_dir = Path(tempfile.mkdtemp(prefix="fating-listcpu-"))
    (data_dir / "static").mkdir()
    env = server_env(data_dir, database_url, "")
    env["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "fating.settings"
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0)
    print(f"migrate + seed_demo: {time.perf_counter() - started:.1f}s", flush=True)
    return data_dir


def list_routes() -> list[str]:
    """GET paths under /api/v1/ with no path parameter, from the URLconf."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: list[Any], prefix: str) -> list[str]:
        out: list[str] = []
        for p in patterns:
            text = prefix + str(p.pattern).lstrip("^").rstrip("$")
            if isinstance(p, URLResolver):
                out += walk(p.url_patterns, text)
            elif isinstance(p, URLPattern) and "<" not in text and "(?P" not in text:
                actions = getattr(p.callback, "actions", None)
                if actions is not None and "get" not in actions:
                    continue
                out.append("/" + text)
        return out

    return sorted({p for p in walk(get_resolver().url_patterns, "") if p.startswith("/api/v1/")})


def _rows(data: Any) -> int | None:
    if isinstance(data, list):
        return len(data)
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return len(data["results"])
    return None


def measure(path: str, persona: str, token: str, repeat: int) -> Figure:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT="application/json")
    first = client.get(path)
    rows = _rows(first.json()) if first.status_code == 200 else None
    cpu = 0.0
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            client.get(path)
            cpu += time.process_time() - started
        queries += len(captured.captured_queries)
    return Figure(path, persona, first.status_code, rows if rows is not None else -1,
                  cpu * 1000 / repeat, queries / repeat)  # fmt: skip


def tokens(personas: list[str]) -> dict[str, str]:
    from django.test import Client

    out = {}
    for persona in personas:
        response = Client().post(
            "/api/v1/auth/token/",
            {"username": persona, "password": DEMO_PASSWORD},
            content_type="application/json",
        )
        if response.status_code != 200:
            raise SystemExit(f"list_cpu: cannot sign in as {persona}: {response.status_code}")
        out[persona] = response.json()["token"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per figure")
    parser.add_argument("--personas", default=",".join(PERSONAS))
    parser.add_argument("--only", default="", help="measure only paths containing this text")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    if not 1 <= args.repeat <= 1000:
        parser.error("--repeat must be within 1..1000")
    personas = [p for p in args.personas.split(",") if p]
    print(f"database: {describe_database(args.database_url)}")
    data_dir = _setup(args.database_url)
    try:
        keys = tokens(personas)
        figures: list[Figure] = []
        skipped: list[str] = []
        for path in list_routes():
            if args.only and args.only not in path:
                continue
            probe = measure(path, personas[0], keys[personas[0]], 1)
            if probe.status not in (200, 403, 404) or probe.rows < 0:
                skipped.append(f"{path} ({probe.status}, not a list)")
                continue
            for persona in personas:
                figures.append(measure(path, persona, keys[persona], args.repeat))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    header = f"{'endpoint':<44} " + " ".join(f"{p:>17}" for p in personas)
    print(f"\nCPU ms / queries / rows per request (mean of {args.repeat}; '-' = refused)")
    print(header)
    print("-" * len(header))
    by_path: dict[str, dict[str, Figure]] = {}
    for f in figures:
        by_path.setdefault(f.path, {})[f.persona] = f
    over = 0
    for path, row in by_path.items():
        cells = []
        for persona in personas:
            f = row[persona]
            if f.status != 200:
                cells.append(f"{'- (' + str(f.status) + ')':>17}")
                continue
            over += f.cpu_ms > TARGET_MS
            cells.append(f"{f.cpu_ms:>6.1f}/{f.queries:>4.0f}/{f.rows:>5}")
        print(f"{path:<44} " + " ".join(cells))
    print(f"\n{over} figures above the {TARGET_MS:g} ms target; skipped: {', '.join(skipped)}")
    if args.json:
        Path(args.json).write_text(
            json.dumps([f.__dict__ for f in figures], indent=1, ensure_ascii=False) + "\n"
        )
    errors = [f for f in figures if f.status >= 500]
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
