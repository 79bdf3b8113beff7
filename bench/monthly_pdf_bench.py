"""Monthly PDF report benchmark: the demo county's governance report for one month, rendered
several times, with wall-clock and CPU seconds (time.process_time: this process only, so a busy
shared machine inflates wall time but not CPU time) and where the time goes.

    .venv/bin/python bench/monthly_pdf_bench.py --repeat 5 [--month 2026-11] [--history 20000]

Seeds the demo county (`fating demo --no-serve`) into a throw-away SQLite file first.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dashboard_bench import configure  # noqa: E402  (after the path is set)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--month", default="")
    parser.add_argument("--history", type=int, default=0)
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args()
    configure(args.data_dir or tempfile.mkdtemp(prefix="fating-pdf-bench-"))

    from django.core.management import call_command
    from django.utils import timezone

    from fating.analytics import exports, indicators
    from fating.analytics.selectors import Viewpoint
    from fating.network.models import Court

    if not Court.objects.filter(code="鲁0399").exists() if _migrated() else True:
        call_command("demo", no_serve=True, history=args.history, stdout=io.StringIO())
    court = Court.objects.select_related("area").get(code="鲁0399")
    today = timezone.localdate()
    month = args.month or f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"
    year, mon = (int(x) for x in month.split("-"))
    since, until = indicators.month_period(year, mon)
    vp = Viewpoint(court=court, area=None, point=None, suppress=False)

    walls, cpus, sizes = [], [], []
    for i in range(args.repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        data = indicators.dashboard(vp, since=since, until=until)
        w1, c1 = time.perf_counter(), time.process_time()
        pdf = exports.monthly_pdf(data)
        w2, c2 = time.perf_counter(), time.process_time()
        walls.append(w2 - w0)
        cpus.append(c2 - c0)
        sizes.append(len(pdf))
        print(f"run {i + 1}: wall {w2 - w0:.2f} s (figures {w1 - w0:.2f}, pdf {w2 - w1:.2f}); "
              f"cpu {c2 - c0:.2f} s (figures {c1 - c0:.2f}, pdf {c2 - c1:.2f}); {len(pdf)} bytes")  # fmt: skip
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"{court.name} {month}: {pages} pages, {sizes[-1] / 1024:.0f} KiB; "
          f"wall median {statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f}); "
          f"cpu median {statistics.median(cpus):.2f} s (min {min(cpus):.2f}, max {max(cpus):.2f})")  # fmt: skip


def _migrated() -> bool:
    from django.db import connection

    return "network_court" in connection.introspection.table_names()


if __name__ == "__main__":
    main()
