"""Dashboard benchmark: the analytics API (reading the roll-up) against a plain GROUP BY over the
raw tables computing the same figures, in the same run, on the same data.

    # SQLite (a throw-away file), 200 000 events:
    .venv/bin/python bench/dashboard_bench.py --events 200000
    # PostgreSQL (an empty database you created), 10 million events:
    createdb -h 127.0.0.1 -U postgres fating_dash_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fating_dash_bench \\
        .venv/bin/python bench/dashboard_bench.py --events 10000000

The data is the demo county seeded by `fating demo --no-serve --scale S --history N`: the demo's
own stories plus N synthetic past records (80 % disputes, 10 % filings, 10 % cases; each row is
one event) over the last three years, written in bulk with their roll-up rows computed on the
way (`analytics.history`). Reported: seeding time (demo, raw inserts, roll-up tables written),
and p50/p95 of both paths
for the same queries — this year's indicators for the whole county with last year's same period
and the township drill-down, and one township's page with its village drill-down — with the
ratio.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def configure(data_dir: str) -> None:
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("FATING_AUDIT_KEYS", "bench:bench-only-audit-key-0123456789abcdefghijkl")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("FATING_HTTPS", "0")
    os.environ["FATING_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fating.settings")
    import django

    django.setup()


def seed(events: int, scale: int, seed_value: int) -> dict[str, object]:
    from django.core.management import call_command

    from fating.accounts.models import User
    from fating.network.models import Area, Court

    out = io.StringIO()
    t0 = time.perf_counter()
    call_command("demo", no_serve=True, scale=scale, seed=seed_value, history=events, stdout=out)
    total = time.perf_counter() - t0
    line = next((x for x in out.getvalue().splitlines() if x.startswith("Imported")), "")
    court = Court.objects.order_by("pk").first()
    township = Area.objects.filter(parent=court.area, level="township").order_by("code").first()
    return {"admin": User.objects.get(username="admin"), "court": court, "township": township,
            "seconds": total, "import": line}  # fmt: skip


def group_by_baseline(court_id: int, since: date, until: date, area=None) -> dict[str, object]:
    """The same figures straight from the raw tables with GROUP BY (no roll-up); for a township,
    its disputes by village and the cases of its tribunals."""
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
        cases = Case.objects.filter(court_id=court_id, accepted_on__gte=a, accepted_on__lte=b)
        if area is not None:
            disputes = disputes.filter(area__parent_id=area.pk)
            cases = cases.filter(tribunal__areas=area)
        out[label] = {
            "disputes": list(disputes.values("status", "agreed_at_tier").annotate(n=Count("pk")).order_by()),
            "cases": list(cases.values("status", "closure", "closed_in_time", "type_code").annotate(n=Count("pk")).order_by()),
        }  # fmt: skip
        if label == "now":
            by = "area_id" if area is not None else "area__parent_id"
            out["breakdown"] = list(
                disputes.values(by, "status").annotate(n=Count("pk")).order_by()
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
    parser.add_argument("--events", type=int, default=200_000, help="synthetic past records")
    parser.add_argument("--scale", type=int, default=1, help="`fating demo --scale`")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per path")
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="dash-bench-")
    configure(data_dir)
    from django.db import connection
    from django.test import Client

    from fating.analytics.models import DailyCell, DayTotal, MonthTotal
    from fating.cases.models import Case
    from fating.disputes.models import Dispute

    info = seed(args.events, args.scale, args.seed)
    client = Client()
    client.force_login(info["admin"])
    today = date.today()
    since = date(today.year, 1, 1)
    county_url = f"/api/v1/analytics/dashboard/?since={since}&until={today}"
    town_url = f"{county_url}&area={info['township'].pk}"

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, response.content[:200]

    rows = []
    for label, url, area in (
        ("county", county_url, None),
        ("township", town_url, info["township"]),
    ):
        api_ms = timed(lambda url=url: get(url), args.repeat)
        raw_ms = timed(
            lambda area=area: group_by_baseline(info["court"].pk, since, today, area), args.repeat
        )
        rows.append((label, api_ms, raw_ms))
    print(
        f"database: {connection.vendor}; demo scale {args.scale}; disputes {Dispute.objects.count():,},"
        f" cases {Case.objects.count():,} (filings as many); roll-up rows: daily cells"
        f" {DailyCell.objects.count():,}, day totals {DayTotal.objects.count():,}, month totals"
        f" {MonthTotal.objects.count():,}"
    )
    print(
        f"seeding: `fating demo --history {args.events}` {info['seconds']:.1f} s in all. {info['import']}"
    )
    print(
        "| query | dashboard API p50 ms | p95 ms | GROUP BY p50 ms | p95 ms | ratio p50 | ratio p95 |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, api_ms, raw_ms in rows:
        a50, a95, r50, r95 = (
            pct(api_ms, 0.5),
            pct(api_ms, 0.95),
            pct(raw_ms, 0.5),
            pct(raw_ms, 0.95),
        )
        print(
            f"| {label} | {a50:.1f} | {a95:.1f} | {r50:.1f} | {r95:.1f} | {r50 / a50:.2f} | {r95 / a95:.2f} |"
        )


if __name__ == "__main__":
    main()
