"""Group-chat benchmark: 200 connected members across 50 rooms on the production configuration
(Redis channel layer, PostgreSQL), measuring

- messages posted per second, sustained, while every room has its 4 members connected, and
- the latency from a post to its arrival at the room's other members (p50/p95),

against the same post with no listeners (50 other rooms with nobody connected), in the same run.

Each run creates a scratch PostgreSQL database (dropped at the end, however the run ends), uses
Redis database 13 for the channel layer, and talks only to 127.0.0.1. The WebSocket side runs
in-process through Channels' ASGI application and communicator (the server's consumer, routing
and channel layer; no TCP hop: uvicorn needs the `websockets` package for that, which is not
installed). It stops by itself after the two timed phases.

    .venv/bin/python bench/chat_bench.py [--seconds 10] [--posters 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROOMS, MEMBERS_PER_ROOM = 50, 4
PG = "postgres://postgres@127.0.0.1:5432/"
REDIS = "redis://127.0.0.1:6379/13"


def configure(db_name: str) -> None:
    """Production settings (PostgreSQL + Redis) with the chat app registered, from a generated
    settings module, so the run does not depend on the checkout's INSTALLED_APPS."""
    tmp = Path(tempfile.mkdtemp(prefix="chat-bench-"))
    (tmp / "chat_bench_settings.py").write_text(
        "from fating.settings import *  # noqa\n"
        "if 'fating.conversations' not in INSTALLED_APPS:\n"
        "    INSTALLED_APPS = [*INSTALLED_APPS, 'fating.conversations']\n"
        "CELERY_TASK_ALWAYS_EAGER = True\n"
        "LOGGING = {'version': 1, 'disable_existing_loggers': False, 'root': {'level': 'WARNING'}}\n"
    )
    sys.path[:0] = [str(tmp), str(ROOT / "src")]
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "chat_bench_settings", "SECRET_KEY": secrets.token_urlsafe(40),
        "FATING_AUDIT_KEYS": "bench:" + secrets.token_urlsafe(48),
        "DATABASE_URL": PG + db_name, "REDIS_URL": REDIS, "FATING_HTTPS": "0",
        "FATING_DATA_DIR": str(tmp), "ALLOWED_HOSTS": "127.0.0.1",
    })  # fmt: skip
    for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "CELERY_BROKER_URL"):
        os.environ.pop(key, None)


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres",
                         autocommit=True) as conn:  # fmt: skip
        conn.execute(sql)


def seed() -> tuple[list, list]:
    """50 + 50 disputes, 4 party accounts each; a room per dispute."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from fating.accounts.models import Membership, Role, User
    from fating.conversations.services import room_for_matter
    from fating.disputes.models import Dispute, DisputeParty
    from fating.testing import build_network

    net = build_network()
    reporter = net.users["liaison"]
    rooms = []
    for i in range(2 * ROOMS):
        dispute = Dispute.objects.create(
            reference=f"JFB-{i:06d}", title=f"基准纠纷{i}", description="基准测试", reporter=reporter,
            reporter_kind="liaison", court=net.court, tribunal=net.tribunal,
            service_point=net.point, status="village",
        )  # fmt: skip
        users = []
        for j in range(MEMBERS_PER_ROOM):
            user = User.objects.create(username=f"bench-{i}-{j}", full_name=f"当事人{i}-{j}",
                                       mobile=f"139{i:04d}{j:04d}")  # fmt: skip
            Membership.objects.create(user=user, role=Role.PARTY)
            DisputeParty.objects.create(dispute=dispute, role="applicant" if j % 2 == 0 else "respondent",
                                        kind="person", name=user.full_name, user=user)  # fmt: skip
            users.append(user)
        rooms.append((room_for_matter(dispute), users))
    return rooms[:ROOMS], rooms[ROOMS:]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))] if values else float("nan")


async def run(connected: list, quiet: list, seconds: float, posters: int) -> dict:
    from channels.db import database_sync_to_async
    from channels.routing import URLRouter

    sys.path.insert(0, str(ROOT / "src"))
    from fating.conversations import services
    from fating.conversations.routing import websocket_urlpatterns
    from fating.conversations.tests.communicator import WebsocketCommunicator

    app = URLRouter(websocket_urlpatterns)
    sent_at: dict[str, float] = {}
    arrivals: list[float] = []
    comms = []
    for room, users in connected:
        for user in users:
            comm = WebsocketCommunicator(app, f"/ws/conversations/{room.pk}/")
            comm.scope["user"] = user
            ok, _ = await comm.connect(timeout=10)
            assert ok, "member could not connect"
            await comm.receive_json_from(timeout=10)  # ready
            comms.append((comm, user.pk))

    stop = asyncio.Event()

    async def listen(comm, user_id: int) -> None:
        # No short timeouts: the communicator cancels the application when a receive times out.
        while not stop.is_set():
            event = await comm.receive_json_from(timeout=3600)
            message = event.get("message") or {}
            token = message.get("text", "")
            if token in sent_at and (message.get("author") or {}).get("id") != user_id:
                arrivals.append(time.perf_counter() - sent_at[token])

    listeners = [asyncio.ensure_future(listen(c, uid)) for c, uid in comms]
    post = database_sync_to_async(services.post_message)

    async def phase(targets: list, label: str) -> tuple[int, list[float]]:
        durations: list[float] = []
        count = 0
        deadline = time.perf_counter() + seconds

        async def poster(k: int) -> None:
            nonlocal count
            n = 0
            while time.perf_counter() < deadline:
                room, users = targets[(k + n * posters) % len(targets)]
                token = f"{label}-{k}-{n}"
                t0 = time.perf_counter()
                sent_at[token] = t0
                await post(actor=users[0], room=room, text=token)
                durations.append(time.perf_counter() - t0)
                count += 1
                n += 1

        await asyncio.gather(*(poster(k) for k in range(posters)))
        return count, durations

    base_count, base_durations = await phase(quiet, "quiet")
    arrivals.clear()
    load_count, load_durations = await phase(connected, "live")
    await asyncio.sleep(2)  # let the last pushes arrive
    stop.set()
    for task in listeners:
        task.cancel()
    await asyncio.gather(*listeners, return_exceptions=True)
    consumer_errors = 0
    for comm, _ in comms:
        try:
            await comm.disconnect()
        except Exception:  # a consumer that died during the run; counted, and its arrivals miss
            consumer_errors += 1
    expected = load_count * (MEMBERS_PER_ROOM - 1)
    return {
        "connections": len(comms), "rooms": len(connected), "seconds": seconds, "posters": posters,
        "baseline_rate": base_count / seconds, "live_rate": load_count / seconds,
        "baseline_store_p50": pct(base_durations, 0.5), "baseline_store_p95": pct(base_durations, 0.95),
        "live_store_p50": pct(load_durations, 0.5), "live_store_p95": pct(load_durations, 0.95),
        "arrival_p50": pct(arrivals, 0.5), "arrival_p95": pct(arrivals, 0.95),
        "arrivals": len(arrivals), "expected_arrivals": expected,
        "consumer_errors": consumer_errors,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each timed phase")
    parser.add_argument("--posters", type=int, default=10, help="concurrent posting members")
    args = parser.parse_args()
    db_name = f"fating_chat_bench_{os.getpid()}"
    configure(db_name)
    admin_sql(f'CREATE DATABASE "{db_name}"')
    try:
        import django

        django.setup()
        import redis

        redis.Redis.from_url(REDIS).flushdb()  # db 13 belongs to this benchmark
        connected, quiet = seed()
        from asgiref.sync import async_to_sync

        result = async_to_sync(run)(connected, quiet, args.seconds, args.posters)
    finally:
        from django.db import connections

        connections.close_all()
        admin_sql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    r = result
    print(
        f"{r['connections']} connected members in {r['rooms']} rooms; {r['posters']} posters, "
        f"{r['seconds']:.0f} s per phase"
    )
    print(
        f"posts/s   no listeners {r['baseline_rate']:.1f}   with listeners {r['live_rate']:.1f}"
        f"   ratio {r['live_rate'] / r['baseline_rate']:.2f}"
    )
    print(
        f"store (post call) p50/p95 ms   no listeners {r['baseline_store_p50'] * 1e3:.1f}/"
        f"{r['baseline_store_p95'] * 1e3:.1f}   with listeners {r['live_store_p50'] * 1e3:.1f}/"
        f"{r['live_store_p95'] * 1e3:.1f}"
    )
    print(
        f"post→arrival at other members p50/p95 ms  {r['arrival_p50'] * 1e3:.1f}/"
        f"{r['arrival_p95'] * 1e3:.1f}   ({r['arrivals']}/{r['expected_arrivals']} arrivals, "
        f"{r['consumer_errors']} consumer errors)"
    )
    return 0 if r["arrivals"] == r["expected_arrivals"] and r["arrival_p95"] < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
