"""A court's day at the design point: a weighted mix of real requests against the bare baseline.

Same machinery as `http_bench.py` (`_load.py`: the server, sign-in, statistics, server CPU from
/proc): a fresh database migrated and seeded with the demo county, `fating serve` with
--workers uvicorn processes on 127.0.0.1, the bare view measured first in the same run. Then
--concurrency clients each draw request kinds from the mix below (seeded, so runs repeat), as
the demo persona that makes that request in a day, until --requests are done or --duration runs
out.

The mix. DESIGN.md (§1, §2) names who uses the system and what they do, but gives no daily
volumes; the weights below are this benchmark's stated assumption about one tribunal's working
day, not a figure from DESIGN.md: the group chat is the busiest part (一案一群聊: every party,
mediator and judge reads a room many times for each post), lists and details of disputes and
cases next (staff work queues), the home page at each sign-in and return, then search, the
dashboard and new filings.

    kind            weight  persona(s)                request
    home            10      all six                   GET /
    dispute_list     8      judge, liaison, mediator  GET /disputes/
    dispute_api      6      judge, liaison            GET /api/v1/disputes/?limit=20
    dispute_detail   6      judge, liaison            GET /disputes/<id>/
    case_list        5      judge, clerk, party       GET /api/v1/cases/cases/?limit=20
    case_detail      5      judge, clerk              GET /cases/<id>/
    filing_list      3      party                     GET /api/v1/cases/filings/?limit=20
    room_list        8      all but governance        GET /api/v1/conversations/rooms/
    chat_read       25      all but governance        GET /api/v1/conversations/rooms/<id>/messages/
    chat_post        6      all but governance        POST …/messages/ (Idempotency-Key)
    filing_create    2      party                     POST /api/v1/cases/filings/ (Idempotency-Key)
    dashboard        4      governance                GET /api/v1/analytics/dashboard/
    search           6      judge, party              GET /api/v1/knowledge/search/?q=…
    library          6      party, liaison            GET /knowledge/cases/

Every response must be a 200 (201 for the two POSTs); the script exits 1 otherwise. Only
127.0.0.1 is ever contacted.

    .venv/bin/python bench/design_point.py --workers 2 -c 16 --duration 60
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fating_bench_dp \\
        REDIS_URL=redis://127.0.0.1:6379/13 .venv/bin/python bench/design_point.py --workers 2

Exit status: 0 when every response was as expected, 1 when some were not, 2 on a setup failure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is no package: find _load

from _load import (
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
    run_command,
    server_env,
    summarise,
)

PERSONAS = ("judge", "clerk", "liaison", "mediator", "party", "governance")
CHATTERS = ("judge", "clerk", "liaison", "mediator", "party")
SEARCH_TERMS = ("借款", "物业费", "离婚", "土地承包", "劳动报酬", "交通事故")


@dataclass(frozen=True)
class Kind:
    name: str
    weight: int
    personas: tuple[str, ...]


MIX = (
    Kind("home", 10, PERSONAS),
    Kind("dispute_list", 8, ("judge", "liaison", "mediator")),
    Kind("dispute_api", 6, ("judge", "liaison")),
    Kind("dispute_detail", 6, ("judge", "liaison")),
    Kind("case_list", 5, ("judge", "clerk", "party")),
    Kind("case_detail", 5, ("judge", "clerk")),
    Kind("filing_list", 3, ("party",)),
    Kind("room_list", 8, CHATTERS),
    Kind("chat_read", 25, CHATTERS),
    Kind("chat_post", 6, CHATTERS),
    Kind("filing_create", 2, ("party",)),
    Kind("dashboard", 4, ("governance",)),
    Kind("search", 6, ("judge", "party")),
    Kind("library", 6, ("party", "liaison")),
)


# For the table: what each kind requests (ids elided).
PATHS = {
    "home": "GET /", "dispute_list": "GET /disputes/", "dispute_api": "GET /api/v1/disputes/",
    "dispute_detail": "GET /disputes/<id>/", "case_list": "GET /api/v1/cases/cases/",
    "case_detail": "GET /cases/<id>/", "filing_list": "GET /api/v1/cases/filings/",
    "room_list": "GET /api/v1/conversations/rooms/", "chat_read": "GET rooms/<id>/messages/",
    "chat_post": "POST rooms/<id>/messages/", "filing_create": "POST /api/v1/cases/filings/",
    "dashboard": "GET /api/v1/analytics/dashboard/", "search": "GET /api/v1/knowledge/search/",
    "library": "GET /knowledge/cases/",
}  # fmt: skip


@dataclass
class Persona:
    name: str
    client: httpx.AsyncClient
    disputes: list[int]
    cases: list[int]
    rooms: list[int]  # rooms the persona may speak in
    court: int | None


def _results(data: Any) -> list[dict[str, Any]]:
    return data["results"] if isinstance(data, dict) else data


async def prepare(base_url: str, name: str, limits: httpx.Limits, timeout: float) -> Persona:
    token = obtain_token(base_url, name)
    cookies = obtain_session(base_url, name)
    client = httpx.AsyncClient(
        base_url=base_url, cookies=cookies, limits=limits, timeout=timeout, trust_env=False,
        follow_redirects=False, headers={"Authorization": f"Token {token}"},
    )  # fmt: skip

    async def ids(path: str) -> list[int]:
        response = await client.get(path, headers={"Accept": "application/json"})
        return [row["id"] for row in _results(response.json())] if response.is_success else []

    rooms_response = await client.get("/api/v1/conversations/rooms/")
    rooms = [r["id"] for r in rooms_response.json() if r["me"]["can_speak"]]
    courts = await ids("/api/v1/network/courts/")
    return Persona(
        name, client, await ids("/api/v1/disputes/?limit=50"),
        await ids("/api/v1/cases/cases/?limit=50"), rooms, courts[0] if courts else None,
    )  # fmt: skip


def request_for(kind: str, p: Persona, rng: random.Random) -> tuple[str, str, Any, int] | None:
    """(method, path, json body, expected status) for one request of `kind` by `p`, or None when
    the persona has nothing to do it on (the draw is then repeated)."""
    if kind == "home":
        return "GET", "/", None, 200
    if kind == "dispute_list":
        return "GET", "/disputes/", None, 200
    if kind == "dispute_api":
        return "GET", "/api/v1/disputes/?limit=20", None, 200
    if kind == "dispute_detail" and p.disputes:
        return "GET", f"/disputes/{rng.choice(p.disputes)}/", None, 200
    if kind == "case_list":
        return "GET", "/api/v1/cases/cases/?limit=20", None, 200
    if kind == "case_detail" and p.cases:
        return "GET", f"/cases/{rng.choice(p.cases)}/", None, 200
    if kind == "filing_list":
        return "GET", "/api/v1/cases/filings/?limit=20", None, 200
    if kind == "room_list":
        return "GET", "/api/v1/conversations/rooms/", None, 200
    if kind == "chat_read" and p.rooms:
        return "GET", f"/api/v1/conversations/rooms/{rng.choice(p.rooms)}/messages/", None, 200
    if kind == "chat_post" and p.rooms:
        body = {"text": f"压测消息 {rng.randrange(10**6)}"}
        return "POST", f"/api/v1/conversations/rooms/{rng.choice(p.rooms)}/messages/", body, 201
    if kind == "filing_create" and p.court:
        body = {"court": p.court, "filer_capacity": "party", "facts": "压测：借款到期未还。"}
        return "POST", "/api/v1/cases/filings/", body, 201
    if kind == "dashboard":
        return "GET", "/api/v1/analytics/dashboard/", None, 200
    if kind == "search":
        return "GET", f"/api/v1/knowledge/search/?q={rng.choice(SEARCH_TERMS)}", None, 200
    if kind == "library":
        return "GET", "/knowledge/cases/", None, 200
    return None


@dataclass
class Tally:
    latencies: dict[str, list[float]]
    statuses: dict[str, Counter[str]]


async def drive(
    personas: dict[str, Persona], *, concurrency: int, requests: int | None,
    duration: float | None, seed: int,
) -> tuple[Tally, float]:  # fmt: skip
    tally = Tally({k.name: [] for k in MIX}, {k.name: Counter() for k in MIX})
    remaining = requests if requests is not None else MAX_REQUESTS
    deadline = time.perf_counter() + duration if duration is not None else math.inf
    kinds, weights = list(MIX), [k.weight for k in MIX]

    async def client_loop(index: int) -> None:
        nonlocal remaining
        rng = random.Random(seed * 1000 + index)
        while remaining > 0 and time.perf_counter() < deadline:
            kind = rng.choices(kinds, weights)[0]
            persona = personas[rng.choice(kind.personas)]
            planned = request_for(kind.name, persona, rng)
            if planned is None:
                continue
            remaining -= 1  # no await between test and decrement: safe in one event loop
            method, path, body, expected = planned
            headers = {"Accept": "application/json"} if path.startswith("/api/") else {}
            if method == "POST":
                headers["Idempotency-Key"] = str(uuid.uuid4())
            started = time.perf_counter()
            try:
                response = await persona.client.request(method, path, json=body, headers=headers)
                await response.aread()
                status = "ok" if response.status_code == expected else str(response.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            tally.latencies[kind.name].append(time.perf_counter() - started)
            tally.statuses[kind.name][status] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(i) for i in range(concurrency)))
    return tally, time.perf_counter() - started


async def run_mix(server: Server, args: argparse.Namespace) -> list[Summary]:
    limits = httpx.Limits(
        max_connections=args.concurrency, max_keepalive_connections=args.concurrency
    )
    personas = {n: await prepare(server.base_url, n, limits, args.timeout) for n in PERSONAS}
    try:
        for name in CHATTERS:
            if not personas[name].rooms:
                raise RuntimeError(f"{name} may speak in no room of the demo county")
        if args.warmup:
            warm, _ = await drive(personas, concurrency=args.concurrency, requests=args.warmup,
                                  duration=None, seed=args.seed + 1)  # fmt: skip
            bad = {k: dict(c) for k, c in warm.statuses.items() if set(c) - {"ok"}}
            if bad:
                raise RuntimeError(f"errors during warm-up: {bad}")
        cpu_before, client_before = server.cpu_seconds(), time.process_time()
        tally, elapsed = await drive(
            personas, concurrency=args.concurrency, requests=args.requests,
            duration=args.duration, seed=args.seed,
        )  # fmt: skip
        client_cpu, cpu_after = time.process_time() - client_before, server.cpu_seconds()
    finally:
        for persona in personas.values():
            await persona.client.aclose()
    everything = [x for values in tally.latencies.values() for x in values]
    statuses: Counter[str] = Counter()
    for counter in tally.statuses.values():
        statuses.update(counter)
    mix = summarise("mix", "weighted mix (see the docstring)", everything, elapsed,
                    Counter({("200" if k == "ok" else k): n for k, n in statuses.items()}))  # fmt: skip
    if mix.requests and cpu_before is not None and cpu_after is not None:
        mix.server_cpu_ms_per_request = (cpu_after - cpu_before) * 1000 / mix.requests
        mix.client_cpu_ms_per_request = client_cpu * 1000 / mix.requests
    kinds = []
    for kind in MIX:
        counter = Counter(
            {("200" if k == "ok" else k): n for k, n in tally.statuses[kind.name].items()}
        )
        # Per kind, req/s is that kind's share of the mixed run's throughput.
        kinds.append(
            summarise(
                kind.name,
                f"weight {kind.weight}: {PATHS[kind.name]}",
                tally.latencies[kind.name],
                elapsed,
                counter,
            )
        )
    return [mix, *kinds]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", "-c", type=int, default=16, help="concurrent clients")
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--requests", "-n", type=int, help="requests in the mix (default 3000)")
    amount.add_argument("--duration", "-d", type=float, help="seconds of the mix instead")
    parser.add_argument("--bare-requests", type=int, default=2000, help="baseline requests")
    parser.add_argument("--warmup", type=int, default=200, help="warm-up requests per phase")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout (s)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args(argv)
    if args.requests is None and args.duration is None:
        args.requests = 3000
    check_load_args(parser, args)
    if not 1 <= args.bare_requests <= MAX_REQUESTS:
        parser.error(f"--bare-requests must be within 1..{MAX_REQUESTS}")
    return args


def main(argv: list[str] | None = None) -> int:
    from http_bench import Load, Target, measure  # the bare baseline, measured as http_bench does

    args = parse_args(argv)
    fating = fating_executable()
    data_dir = Path(tempfile.mkdtemp(prefix="fating-dp-"))
    (data_dir / "static").mkdir()
    env = server_env(data_dir, args.database_url, args.redis_url)
    server: Server | None = None
    try:
        print(f"database: {describe_database(args.database_url)}; data dir: {data_dir}")
        print(f"redis: {args.redis_url or 'none (in-memory cache)'}")
        run_command(fating, ["migrate", "--noinput"], env, timeout=900)
        run_command(fating, ["seed_demo"], env, timeout=1800)
        server = Server(fating, env, free_port(), args.workers, data_dir / "server.log")
        server.wait_ready()
        load = Load(args.concurrency, args.bare_requests, None, args.warmup, args.timeout)
        bare = asyncio.run(
            measure(
                server,
                Target("bare", "/bench/bare", "none"),
                load,
                token="",
                cookies=httpx.Cookies(),
            )
        )
        print(f"  bare  {bare.rps:8.1f} req/s  p95 {bare.p95_ms:7.2f} ms")
        summaries = asyncio.run(run_mix(server, args))
        print(f"  mix   {summaries[0].rps:8.1f} req/s  p95 {summaries[0].p95_ms:7.2f} ms")
    except (RuntimeError, subprocess.TimeoutExpired, httpx.HTTPError) as exc:
        print(f"design_point: {exc}", file=sys.stderr)
        if server is not None:
            print(server.log_tail(), file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    results = [bare, *summaries]
    add_ratios(results, bare)
    print()
    print(format_table(results))
    for s in results:
        if s.errors:
            print(f"{s.name}: {s.errors} unexpected answers: {s.statuses}")
    mix = summaries[0]
    met = mix.rps >= 100 and mix.p95_ms <= 300 and mix.errors == 0
    print(f"\ntarget (≥ 100 req/s, p95 ≤ 300 ms, 0 errors): {'met' if met else 'NOT met'}; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    if args.json:
        report = {"config": {k: v for k, v in vars(args).items() if k != "database_url"},
                  "database": describe_database(args.database_url),
                  "results": [s.__dict__ for s in results]}  # fmt: skip
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    return 1 if any(s.errors for s in results) else 0


if __name__ == "__main__":
    sys.exit(main())
