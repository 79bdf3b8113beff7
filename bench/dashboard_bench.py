"""Dashboard benchmark: the analytics API (reading the roll-up) against a plain GROUP BY over the
raw tables computing the same figures, in the same run, on the same data.

    # SQLite (a throw-away file), 200 000 events:
    .venv/bin/python bench/dashboard_bench.py --events 200000
    # PostgreSQL (an empty database you created), 10 million events:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fating_dash_bench \\
        .venv/bin/python bench/dashboard_bench.py --events 10000000

Events are disputes, filings and cases (each row counts as one event), bulk-inserted over three
years across a synthetic county of 12 townships × 6 villages with 72 service points; the roll-up
is then built once with `analytics.rollup.rebuild()` (as after an import). Reported: seeding
time (raw inserts, roll-up build), and p50/p95 of both paths for the same query — this year's
indicators for the whole county, last year's same period, and the township drill-down — with
the ratio.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import secrets
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def configure(sqlite_path: str | None) -> None:
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("FATING_HTTPS", "0")
    if sqlite_path and not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    base = importlib.import_module(os.environ.get("FATING_BENCH_SETTINGS", "fating.settings"))
    values = {k: getattr(base, k) for k in dir(base) if k.isupper()}
    apps = list(values["INSTALLED_APPS"])
    for app in ("fating.warnings", "fating.analytics"):  # until they are registered in settings
        if app not in apps:
            apps.append(app)
    values["INSTALLED_APPS"] = apps
    values["PASSWORD_HASHERS"] = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    values["ROOT_URLCONF"] = "bench_dashboard_urls"
    values["DEBUG"] = False
    urls = type(sys)("bench_dashboard_urls")
    from django.conf import settings

    settings.configure(**values)
    import django

    django.setup()
    from django.urls import include, path

    import fating.urls as root

    urls.urlpatterns = [
        path("api/v1/analytics/", include("fating.analytics.api_urls")),
        *root.urlpatterns,
    ]
    sys.modules["bench_dashboard_urls"] = urls


def seed(n_events: int, seed_value: int) -> dict[str, object]:
    from django.core.management import call_command
    from django.db import transaction

    from fating.accounts.models import Membership, Role, User
    from fating.cases.models import Case, CauseOfAction, Filing
    from fating.disputes.models import Dispute
    from fating.network.models import Area, Court, ServicePoint, Tribunal

    call_command("migrate", verbosity=0)
    rng = random.Random(seed_value)
    county = Area.objects.create(
        code="999900000000", name="基准县", level="county", population=520000, population_year=2025
    )
    court = Court.objects.create(
        name="基准县人民法院", code="鲁9990", province="山东省", area=county
    )
    tribunal = Tribunal.objects.create(court=court, name="基准人民法庭")
    villages, points = [], []
    for t in range(12):
        town = Area.objects.create(
            code=f"9901{t:02d}000000",
            name=f"基准镇{t}",
            level="township",
            parent=county,
            population=rng.randint(25000, 60000),
            population_year=2025,
        )
        tribunal.areas.add(town)
        for v in range(6):
            village = Area.objects.create(
                code=f"9901{t:02d}{v:03d}001",
                name=f"基准村{t}-{v}",
                level="village",
                parent=town,
                population=rng.randint(800, 3000),
                population_year=2025,
            )
            point = ServicePoint.objects.create(
                tribunal=tribunal,
                name=f"服务点{t}-{v}",
                kind="village",
                longitude=118,
                latitude=36,
                opened_on=date(2023, 1, 1),
            )
            point.areas.add(village)
            villages.append(village.pk)
            points.append(point.pk)
    admin = User.objects.create_user(
        username="bench-admin", password=secrets.token_urlsafe(12), mobile="13900009999"
    )
    Membership.objects.create(user=admin, role=Role.COURT_ADMIN, court=court)
    causes = [
        "物业服务合同纠纷",
        "民间借贷纠纷",
        "离婚纠纷",
        "买卖合同纠纷",
        "追索劳动报酬纠纷",
        "机动车交通事故责任纠纷",
        "相邻关系纠纷",
        "信用卡纠纷",
        "商品房销售合同纠纷",
        "赡养纠纷",
    ]
    cause_objs = [
        CauseOfAction.objects.create(
            revision="2025",
            code=f"B{i}",
            name=c,
            level=3,
            path=f"B{i}",
            valid_from=date(2021, 1, 1),
        )
        for i, c in enumerate(causes)
    ]
    statuses = [
        "reported",
        "village",
        "joint",
        "delegated",
        "agreed",
        "resolved",
        "referred",
        "withdrawn",
    ]
    today = date.today()
    start = today - timedelta(days=3 * 365)
    n_cases = n_events // 10  # each case brings a filing: 20 % of events are filings and cases
    n_disputes = n_events - 2 * n_cases
    t0 = time.perf_counter()
    batch = 10000
    made = 0
    while made < n_disputes:
        rows = []
        for i in range(min(batch, n_disputes - made)):
            k = rng.randrange(len(villages))
            status = rng.choice(statuses)
            rows.append(Dispute(
                reference=f"B{made + i:09d}", title="基准纠纷", description="", reporter=admin,
                reporter_kind="liaison", court=court, tribunal=tribunal, service_point_id=points[k],
                area_id=villages[k], cause_name=rng.choice(causes), people_involved=rng.randint(2, 9),
                status=status, agreed_at_tier=rng.choice(["village", "joint", "delegated"]) if status in ("agreed", "resolved") else "",
            ))  # fmt: skip
        Dispute.objects.bulk_create(rows)
        made += len(rows)
    _spread_dates(start)
    made = 0
    while made < n_cases:
        size = min(batch, n_cases - made)
        days = [start + timedelta(days=rng.randrange(3 * 365)) for _ in range(size)]
        with transaction.atomic():
            filings = Filing.objects.bulk_create([Filing(
                filer=admin, filer_capacity="party", court=court, tribunal=tribunal, received_by=court,
                cause=rng.choice(cause_objs), status="accepted",
                submitted_at=datetime.combine(d, datetime.min.time(), UTC)) for d in days])  # fmt: skip
            cases = []
            for j, (f, d) in enumerate(zip(filings, days, strict=True)):
                closed = rng.random() < 0.8
                cases.append(Case(
                    filing=f, court=court, tribunal=tribunal, number=f"（B）{made + j}", year=d.year,
                    type_code="民初", seq=made + j + 1, accepted_on=d, procedure="simple",
                    due_on=d + timedelta(days=90), fee_amount=50, fee_due=50,
                    status="closed" if closed else "open",
                    closure=rng.choice(["judgment", "mediation", "withdrawal"]) if closed else "",
                    closed_on=d + timedelta(days=rng.randint(10, 120)) if closed else None,
                    closed_in_time=rng.random() < 0.9 if closed else None,
                ))  # fmt: skip
            Case.objects.bulk_create(cases)
        made += size
    raw_seconds = time.perf_counter() - t0
    from fating.analytics import rollup
    from fating.analytics.models import DailyCell

    t1 = time.perf_counter()
    rollup.rebuild()
    rollup_seconds = time.perf_counter() - t1
    return {"admin": admin, "court": court, "raw_seconds": raw_seconds, "rollup_seconds": rollup_seconds,
            "disputes": n_disputes, "cases": n_cases, "cells": DailyCell.objects.count()}  # fmt: skip


def _spread_dates(start: date) -> None:
    """created_at is auto_now_add, so spread the disputes over three years in one UPDATE
    (a pseudo-random day per primary key; much faster than bulk_update)."""
    from django.db import connection

    base = datetime.combine(start, datetime.min.time(), UTC)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE disputes_dispute SET created_at = %s::timestamptz"
                " + ((id * 7919) %% 1095) * interval '1 day'",
                [base],
            )
        else:
            cursor.execute(
                "UPDATE disputes_dispute SET created_at ="
                " strftime('%%Y-%%m-%%d %%H:%%M:%%S', %s, '+' || ((id * 7919) %% 1095) || ' days')",
                [base.strftime("%Y-%m-%d %H:%M:%S")],
            )


def group_by_baseline(court_id: int, since: date, until: date) -> dict[str, object]:
    """The same figures straight from the raw tables with GROUP BY (no roll-up)."""
    from django.db.models import Count, Q

    from fating.analytics.indicators import shift_year
    from fating.cases.models import Case
    from fating.disputes.models import Dispute

    out: dict[str, object] = {}
    for label, (a, b) in {
        "now": (since, until),
        "last_year": (shift_year(since, -1), shift_year(until, -1)),
    }.items():
        lo = datetime.combine(a, datetime.min.time(), UTC)
        hi = datetime.combine(b + timedelta(days=1), datetime.min.time(), UTC)
        disputes = Dispute.objects.filter(court_id=court_id, created_at__gte=lo, created_at__lt=hi)
        out[label] = {
            "disputes": list(disputes.values("status", "agreed_at_tier").annotate(n=Count("pk")).order_by()),
            "cases": list(Case.objects.filter(court_id=court_id, accepted_on__gte=a, accepted_on__lte=b)
                          .values("status", "closure", "closed_in_time", "type_code").annotate(n=Count("pk")).order_by()),
        }  # fmt: skip
        if label == "now":
            out["townships"] = list(
                disputes.values("area__parent_id", "status").annotate(n=Count("pk")).order_by()
            )
            out["points"] = list(
                disputes.filter(~Q(service_point=None))
                .values("service_point_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
    return out


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--events", type=int, default=200_000, help="disputes + filings + cases to seed"
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per path")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sqlite = (
        None
        if os.environ.get("DATABASE_URL")
        else str(Path(tempfile.mkdtemp(prefix="dash-bench-")) / "db.sqlite3")
    )
    configure(sqlite)
    from django.db import connection
    from django.test import Client

    info = seed(args.events, args.seed)
    client = Client()
    client.force_login(info["admin"])
    today = date.today()
    since = date(today.year, 1, 1)
    url = f"/api/v1/analytics/dashboard/?since={since}&until={today}"

    def api() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.content[:200]

    api_ms = timed(api, args.repeat)
    raw_ms = timed(lambda: group_by_baseline(info["court"].pk, since, today), args.repeat)
    vendor = connection.vendor
    print(
        f"database: {vendor}; events: {args.events:,} (disputes {info['disputes']:,}, filings {info['cases']:,}, cases {info['cases']:,}); roll-up cells: {info['cells']:,}"
    )
    print(
        f"seeding: raw inserts {info['raw_seconds']:.1f} s, roll-up build {info['rollup_seconds']:.1f} s"
    )
    print("| path | p50 ms | p95 ms |")
    print("|---|---|---|")
    print(f"| dashboard API (roll-up) | {pct(api_ms, 0.5):.1f} | {pct(api_ms, 0.95):.1f} |")
    print(f"| GROUP BY over raw tables | {pct(raw_ms, 0.5):.1f} | {pct(raw_ms, 0.95):.1f} |")
    print(
        f"ratio raw/API: p50 {pct(raw_ms, 0.5) / pct(api_ms, 0.5):.2f}, p95 {pct(raw_ms, 0.95) / pct(api_ms, 0.95):.2f}"
    )
    if sqlite:
        Path(sqlite).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
