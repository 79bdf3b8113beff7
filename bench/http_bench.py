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
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HOST = "127.0.0.1"  # never anything else: this tool must not load a machine it does not own
REPO = Path(__file__).resolve().parent.parent
DEMO_USER = "judge"
DEMO_PASSWORD = (
    "Fating@2026"  # the demo county's published password (fating.demo.plan.DEMO_PASSWORD)  # noqa: S105
)

# Hard bounds, so a typo cannot turn the benchmark into an unbounded load test.
MAX_REQUESTS = 1_000_000
MAX_DURATION = 600.0
MAX_CONCURRENCY = 512
MAX_WORKERS = 16


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


# --- statistics --------------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) of already sorted values, interpolating linearly between the
    two closest ranks (numpy's default "linear" method), so small samples give stable figures."""
    if not sorted_values:
        return math.nan
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0..100, not {p}")
    rank = (len(sorted_values) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = rank - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


@dataclass
class Summary:
    """Figures for one target; latencies in milliseconds."""

    name: str
    path: str
    requests: int
    errors: int
    elapsed_s: float
    rps: float
    mean_ms: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    server_cpu_ms_per_request: float | None = None
    client_cpu_ms_per_request: float | None = None
    rps_ratio: float | None = None  # rps / baseline rps
    p95_ratio: float | None = None  # p95 / baseline p95


def summarise(
    name: str,
    path: str,
    latencies_s: Sequence[float],
    elapsed_s: float,
    statuses: Counter[str] | None = None,
) -> Summary:
    """Summarise one run. Latencies of every completed request count (errors included, since a
    fast 500 is still a response the client waited for); errors are anything but a 200."""
    statuses = statuses or Counter()
    values = sorted(x * 1000 for x in latencies_s)
    total = sum(statuses.values()) if statuses else len(values)
    errors = total - statuses.get("200", 0) if statuses else 0
    return Summary(
        name=name,
        path=path,
        requests=total,
        errors=errors,
        elapsed_s=elapsed_s,
        rps=total / elapsed_s if elapsed_s > 0 else math.nan,
        mean_ms=sum(values) / len(values) if values else math.nan,
        p50_ms=percentile(values, 50),
        p95_ms=percentile(values, 95),
        p99_ms=percentile(values, 99),
        max_ms=values[-1] if values else math.nan,
        statuses=dict(sorted(statuses.items())),
    )


def add_ratios(summaries: list[Summary], baseline: Summary) -> None:
    """Throughput and p95 latency of each target relative to the baseline of the same run."""
    for summary in summaries:
        summary.rps_ratio = summary.rps / baseline.rps if baseline.rps else math.nan
        summary.p95_ratio = summary.p95_ms / baseline.p95_ms if baseline.p95_ms else math.nan


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def format_table(summaries: Sequence[Summary]) -> str:
    """A fixed-width table; "srv cpu"/"cli cpu" are CPU milliseconds per request spent by the
    server (all its processes) and by this load generator, "x rps"/"x p95" the baseline ratios."""
    header = (
        f"{'target':<6} {'path':<42} {'reqs':>6} {'err':>4} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'srv cpu':>7} {'cli cpu':>7} {'x rps':>6} {'x p95':>6}"
    )
    lines = [header, "-" * len(header)]
    for s in summaries:
        server_cpu = _ms(s.server_cpu_ms_per_request)
        client_cpu = _ms(s.client_cpu_ms_per_request)
        lines.append(
            f"{s.name:<6} {s.path:<42} {s.requests:>6} {s.errors:>4} {s.rps:>8.1f} "
            f"{s.p50_ms:>8.2f} {s.p95_ms:>8.2f} {s.p99_ms:>8.2f} {server_cpu:>7} {client_cpu:>7} "
            f"{s.rps_ratio or math.nan:>6.3f} {s.p95_ratio or math.nan:>6.2f}"
        )
    return "\n".join(lines)


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fating_executable() -> str:
    """The `fating` script next to the running interpreter, else the checkout's venv."""
    for candidate in (Path(sys.executable).parent / "fating", REPO / ".venv" / "bin" / "fating"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("fating")
    if not found:
        raise SystemExit("http_bench: cannot find the `fating` command; install the package first")
    return found


def server_env(data_dir: Path, database_url: str, redis_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        # Settings are decided here, not inherited from whatever shell runs the benchmark.
        if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "FATING_DEMO", "DEBUG"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        FATING_AUDIT_KEYS="bench:" + secrets.token_urlsafe(48),
        FATING_DATA_DIR=str(data_dir),
        FATING_BENCH="1",
        FATING_HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        FATING_MANIFEST_STATIC="0",
        LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def run_command(fating: str, args: list[str], env: dict[str, str], timeout: float) -> None:
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [fating, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"`fating {' '.join(args)}` failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )
    last = (result.stdout.strip().splitlines() or [""])[-1]
    print(f"  fating {' '.join(args)}: {time.perf_counter() - started:.1f}s  {last[:120]}")


class Server:
    """`fating serve` in its own process group, so it and its uvicorn workers stop together."""

    def __init__(
        self, fating: str, env: dict[str, str], port: int, workers: int, log: Path
    ) -> None:
        self.port = port
        self.log_path = log
        self._log = log.open("wb")
        args = [fating, "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]
        self.process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            args, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_tail(self, chars: int = 3000) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-chars:]

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=self.base_url, trust_env=False, timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"server exited early:\n{self.log_tail()}")
                try:
                    if client.get("/healthz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
        raise RuntimeError(f"server not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def cpu_seconds(self) -> float | None:
        """User + system CPU of every process in the server's session (master and workers)."""
        sid = self.process.pid  # start_new_session makes the server a session leader
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        total = 0
        try:
            proc_dirs = [p for p in Path("/proc").iterdir() if p.name.isdigit()]
        except OSError:
            return None
        for proc in proc_dirs:
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue  # exited meanwhile, or not ours to read
            # The command name may contain spaces; the fields after it are plain numbers.
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[3]) == sid:  # field 6 of stat: session id
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
        self._log.close()


# --- signing in --------------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


def obtain_token(base_url: str) -> str:
    with httpx.Client(base_url=base_url, trust_env=False, timeout=30) as client:
        response = client.post(
            "/api/v1/auth/token/", json={"username": DEMO_USER, "password": DEMO_PASSWORD}
        )
    if response.status_code != 200:
        raise RuntimeError(f"token login failed: {response.status_code} {response.text[:300]}")
    return str(response.json()["token"])


def obtain_session(base_url: str) -> httpx.Cookies:
    """Sign in through the login form, CSRF token and all, as a browser would."""
    with httpx.Client(base_url=base_url, trust_env=False, timeout=30) as client:
        form = client.get("/login/")
        match = CSRF_INPUT.search(form.text)
        if form.status_code != 200 or not match:
            raise RuntimeError(f"login form unusable: {form.status_code}")
        response = client.post(
            "/login/",
            data={
                "csrfmiddlewaretoken": match.group(1),
                "username": DEMO_USER,
                "password": DEMO_PASSWORD,
                "next": "",
            },
            headers={"Referer": f"{base_url}/login/"},
        )
        if response.status_code != 302 or "sessionid" not in client.cookies:
            raise RuntimeError(f"form login failed: {response.status_code} {response.text[:300]}")
        return httpx.Cookies(client.cookies)


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
    if not 1 <= args.concurrency <= MAX_CONCURRENCY:
        parser.error(f"--concurrency must be within 1..{MAX_CONCURRENCY}")
    if args.requests is not None and not 1 <= args.requests <= MAX_REQUESTS:
        parser.error(f"--requests must be within 1..{MAX_REQUESTS}")
    if args.duration is not None and not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--duration must be within 0..{MAX_DURATION:.0f} seconds")
    if not 0 <= args.warmup <= MAX_REQUESTS:
        parser.error("--warmup must not be negative")
    if not 1 <= args.workers <= MAX_WORKERS:
        parser.error(f"--workers must be within 1..{MAX_WORKERS}")
    return args


def describe_database(database_url: str) -> str:
    if not database_url:
        return "sqlite (fresh, temporary)"
    # Never print a password that may be embedded in the URL.
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", database_url)


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
