"""HTTP load benchmark: a page and an API endpoint against the bare baseline, on the real server.

What it does, in order:

1. prepares a fresh data directory and SQLite database in a temporary directory (or uses
   --database-url / $DATABASE_URL and --redis-url / $REDIS_URL for a PostgreSQL run), and runs
   `fating migrate` and `fating seed_demo` there;
2. starts `fating serve` (uvicorn, ASGI) on a free port of 127.0.0.1 with FATING_BENCH=1, which
   exposes the baseline view GET /bench/bare;
3. signs in as the demo judge: an API token from POST /api/v1/auth/token/ and a session cookie
   from the /login/ form;
4. for each target — the bare baseline, the service-point directory page, the service-point API
   — warms up, then sends a fixed number of requests (or runs for a fixed time) from
   --concurrency concurrent clients, and reports requests/s, p50/p95/p99 latency and, per target,
   the throughput and p95 ratios against the baseline measured in the same run;
5. stops the server, whatever happened.

Only 127.0.0.1 is ever targeted. The load generator runs on the same machine as the server, so
absolute figures depend on both; the ratios against /bench/bare (same client, same run) are the
figures to compare between runs and machines. The server's CPU time per request is reported too,
since on a small machine it is the least noisy of the measures.

    .venv/bin/python bench/http_bench.py --concurrency 16 --requests 2000
    .venv/bin/python bench/http_bench.py --duration 20 --workers 2 --json result.json
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fating_bench \\
        REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/http_bench.py

Exit status: 0 when every measured response was 200, 1 when some were not, 2 on a setup failure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is no package: find _load

from _load import (
    DEMO_PASSWORD,
    HOST,
    MAX_REQUESTS,
    Server,
    Summary,
    add_ratios,
    check_load_args,
    describe_database,
    fating_executable,
    format_table,
    free_port,
    obtain_session,
    obtain_token,
    percentile,
    run_command,
    server_env,
    summarise,
)

__all__ = ["DEMO_PASSWORD", "HOST", "Summary", "add_ratios", "format_table", "percentile",
           "summarise"]  # fmt: skip


@dataclass(frozen=True)
class Target:
    """One thing to measure: a path and the credentials it is requested with."""

    name: str
    path: str
    auth: str  # "none", "session" or "token"


TARGETS = (
    Target("bare", "/bench/bare", "none"),
    Target("page", "/network/points/", "session"),
    Target("api", "/api/v1/network/service-points/?limit=20", "token"),
)


# --- the load ----------------------------------------------------------------------------------


@dataclass
class Load:
    concurrency: int
    requests: int | None  # a fixed number of requests, or
    duration: float | None  # a fixed time in seconds
    warmup: int
    timeout: float


async def _drive(
    client: httpx.AsyncClient,
    path: str,
    *,
    concurrency: int,
    requests: int | None,
    duration: float | None,
) -> tuple[list[float], Counter[str], float]:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    remaining = requests if requests is not None else MAX_REQUESTS
    deadline = time.perf_counter() + duration if duration is not None else math.inf

    async def client_loop() -> None:
        nonlocal remaining
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1  # no await between test and decrement: safe in one event loop
            started = time.perf_counter()
            try:
                response = await client.get(path)
                await response.aread()
                status = str(response.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            latencies.append(time.perf_counter() - started)
            statuses[status] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(concurrency)))
    return latencies, statuses, time.perf_counter() - started


async def measure(
    server: Server, target: Target, load: Load, *, token: str, cookies: httpx.Cookies
) -> Summary:
    headers = {"Accept": "application/json"} if target.auth == "token" else {}
    if target.auth == "token":
        headers["Authorization"] = f"Token {token}"
    limits = httpx.Limits(
        max_connections=load.concurrency, max_keepalive_connections=load.concurrency
    )
    async with httpx.AsyncClient(
        base_url=server.base_url,
        headers=headers,
        cookies=cookies if target.auth == "session" else None,
        limits=limits,
        timeout=load.timeout,
        trust_env=False,  # a proxy from the environment must not see or divert this traffic
        follow_redirects=False,  # a redirect to /login/ is an error here, not a success
    ) as client:
        if load.warmup:
            _, warm, _ = await _drive(
                client,
                target.path,
                concurrency=load.concurrency,
                requests=load.warmup,
                duration=None,
            )
            if set(warm) != {"200"}:
                raise RuntimeError(f"{target.path} fails during warm-up: {dict(warm)}")
        cpu_before = server.cpu_seconds()
        client_before = time.process_time()
        latencies, statuses, elapsed = await _drive(
            client,
            target.path,
            concurrency=load.concurrency,
            requests=load.requests,
            duration=load.duration,
        )
        client_cpu = time.process_time() - client_before
        cpu_after = server.cpu_seconds()
    summary = summarise(target.name, target.path, latencies, elapsed, statuses)
    if summary.requests:
        if cpu_before is not None and cpu_after is not None:
            summary.server_cpu_ms_per_request = (cpu_after - cpu_before) * 1000 / summary.requests
        summary.client_cpu_ms_per_request = client_cpu * 1000 / summary.requests
    return summary


# --- the command -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", "-c", type=int, default=16, help="concurrent clients")
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--requests", "-n", type=int, help="requests per target (default 2000)")
    amount.add_argument("--duration", "-d", type=float, help="seconds per target instead")
    parser.add_argument("--warmup", type=int, default=200, help="warm-up requests per target")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout (s)")
    parser.add_argument("--scale", type=int, default=1, help="seed_demo --scale")
    parser.add_argument(
        "--only",
        choices=[t.name for t in TARGETS if t.name != "bare"],
        action="append",
        help="measure only these targets besides the baseline (repeatable)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="an existing, empty or demo-seeded database (default: a fresh SQLite file)",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument(
        "--json", metavar="PATH", help="also write the results as JSON ('-': stdout)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args(argv)
    if args.requests is None and args.duration is None:
        args.requests = 2000
    check_load_args(parser, args)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    targets = [t for t in TARGETS if t.name == "bare" or not args.only or t.name in args.only]
    load = Load(args.concurrency, args.requests, args.duration, args.warmup, args.timeout)
    fating = fating_executable()
    data_dir = Path(tempfile.mkdtemp(prefix="fating-bench-"))
    # No static file is requested; an empty STATIC_ROOT only keeps WhiteNoise from warning at
    # start-up about a missing directory.
    (data_dir / "static").mkdir()
    env = server_env(data_dir, args.database_url, args.redis_url)
    server: Server | None = None
    try:
        print(f"database: {describe_database(args.database_url)}; data dir: {data_dir}")
        print(f"redis: {args.redis_url or 'none (in-memory cache)'}")
        run_command(fating, ["migrate", "--noinput"], env, timeout=600)
        run_command(fating, ["seed_demo", "--scale", str(args.scale)], env, timeout=1200)
        server = Server(fating, env, free_port(), args.workers, data_dir / "server.log")
        server.wait_ready()
        token, cookies = obtain_token(server.base_url), obtain_session(server.base_url)
        amount = f"{args.requests} requests" if args.requests else f"{args.duration:g}s"
        print(
            f"server: {server.base_url} workers={args.workers}; load: {amount} per target, "
            f"concurrency {args.concurrency}, warm-up {args.warmup}"
        )
        summaries = []
        for target in targets:
            summary = asyncio.run(measure(server, target, load, token=token, cookies=cookies))
            print(f"  {target.name:<5} {summary.rps:8.1f} req/s  p95 {summary.p95_ms:7.2f} ms")
            summaries.append(summary)
    except (RuntimeError, subprocess.TimeoutExpired, httpx.HTTPError) as exc:
        print(f"http_bench: {exc}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)

    add_ratios(summaries, summaries[0])
    print()
    print(format_table(summaries))
    errors = sum(s.errors for s in summaries)
    for s in summaries:
        if s.errors:
            print(f"{s.name}: {s.errors} non-200 responses: {s.statuses}")
    if args.json:
        report = {
            "config": {
                "concurrency": args.concurrency,
                "requests": args.requests,
                "duration": args.duration,
                "warmup": args.warmup,
                "workers": args.workers,
                "scale": args.scale,
                "database": describe_database(args.database_url),
                "redis": bool(args.redis_url),
            },
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
            },
            "results": [s.__dict__ for s in summaries],
        }
        text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
