"""Synthetic history for the demo county and the dashboard benchmark.

`fating demo --history N` (and `seed_demo --history N`) adds N past records — disputes, and
filings with the cases accepted from them — spread over the three years before today across
the seeded court's villages, service points, tribunals and causes. This is what a court holds
after importing its legacy records, and what the dashboard benchmark measures at millions of
events.

Like an import it writes in bulk, straight to the tables (COPY on PostgreSQL): no per-record
services, signals or audit events, because the records stand for history from before the
platform. The roll-up rows are computed on the way by the very functions the incremental
roll-up uses (`rollup.dispute_row`, `filing_row`, `case_row`), so the result equals a full
recomputation (tested) without re-reading ten million rows. Case numbers are taken from
`CaseSequence` in blocks, so numbering stays gapless and later acceptances continue after them;
dispute references carry the import prefix “LS” and never meet the platform's “JF” sequence.
Deterministic for a seed.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.db import connection, transaction

from fating.core.bulk import TableWriter
from fating.core.calendar import months, period_end
from fating.core.court_calendar import court_calendar

YEARS = 3
CHUNK = 50_000
DISPUTE_STATUSES = ("reported", "village", "joint", "delegated", "agreed", "resolved", "referred",
                    "withdrawn")  # fmt: skip
TIERS = ("village", "joint", "delegated")
CLOSURES = ("judgment", "mediation", "withdrawal")
CASE_TYPE = "民初"
CAUSE_NAMES = ("物业服务合同纠纷", "民间借贷纠纷", "离婚纠纷", "买卖合同纠纷", "追索劳动报酬纠纷",
               "机动车交通事故责任纠纷", "相邻关系纠纷", "信用卡纠纷", "商品房销售合同纠纷",
               "赡养纠纷")  # fmt: skip


class _County:
    """The seeded court's (village, service point, tribunal) triples, causes and administrator."""

    def __init__(self) -> None:
        from fating.accounts.models import Role
        from fating.accounts.selectors import holders
        from fating.cases.models import CauseOfAction
        from fating.network.models import Area, Court, ServicePoint

        self.court = Court.objects.select_related("area").order_by("pk").first()
        if self.court is None:
            raise RuntimeError("No court: seed the demo county first.")
        admin = holders(Role.COURT_ADMIN, court=self.court.pk).order_by("pk").first()
        if admin is None:
            raise RuntimeError("The court has no administrator to record the import under.")
        self.admin_id = admin.pk
        through = ServicePoint.areas.through.objects.filter(
            servicepoint__tribunal__court=self.court, area__level=Area.Level.VILLAGE
        )
        self.places = list(
            through.values_list("area_id", "servicepoint_id", "servicepoint__tribunal_id").order_by(
                "servicepoint_id", "area_id"
            )
        )
        if not self.places:
            raise RuntimeError("The court has no village service points.")
        causes = CauseOfAction.objects.filter(name__in=CAUSE_NAMES).order_by("revision", "code")
        by_name = {c.name: c for c in causes}  # the newest revision wins
        self.causes = [by_name[n] for n in CAUSE_NAMES if n in by_name]
        if not self.causes:
            raise RuntimeError("The causes-of-action catalogue is not loaded (fating load_causes).")


def seed_history(events: int, *, seed: int = 20261125, today: date | None = None) -> dict[str, Any]:
    """Add `events` past records (80 % disputes, 10 % filings, 10 % cases) with their roll-up.
    Returns counts and timings."""
    from fating.analytics import rollup

    county = _County()
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible per seed
    today = today or date.today()
    start = today - timedelta(days=YEARS * 365)
    n_cases = events // 10
    n_disputes = events - 2 * n_cases
    ctx = rollup.Context()
    cells: dict[rollup.Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    contributions: list[tuple[Any, ...]] = []
    t0 = time.perf_counter()
    with transaction.atomic():
        _disputes(county, rng, n_disputes, start, ctx, cells, contributions)
        _cases(county, rng, n_cases, start, today, ctx, cells, contributions)
    raw_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    with transaction.atomic():
        _merge_rollup(cells)
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, as after any import: without them the planner
        # sorts instead of hashing and the dashboard query takes twice as long.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"disputes": n_disputes, "filings": n_cases, "cases": n_cases,
            "raw_seconds": raw_seconds, "rollup_seconds": time.perf_counter() - t1,
            "cells": len(cells)}  # fmt: skip


def _count(cells: dict[Any, list[int]], contributions: list[tuple[Any, ...]], source_id: int,
           row: tuple[Any, Any] | None) -> None:  # fmt: skip
    if row is None:
        return
    key, (n, people, days) = row
    cell = cells[key]
    cell[0] += n
    cell[1] += people
    cell[2] += days
    contributions.append((source_id, people, days, *key))  # the key holds the measure


def _moment(day: date) -> tuple[datetime, Any]:
    """09:00 Beijing time on the day, and the same as the database stores it."""
    moment = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=1)
    return moment, connection.ops.adapt_datetimefield_value(moment)


def _disputes(county: _County, rng: random.Random, n: int, start: date, ctx: Any,
              cells: dict[Any, list[int]], contributions: list[tuple[Any, ...]]) -> None:  # fmt: skip
    from fating.analytics import rollup
    from fating.disputes.models import Dispute

    writer = TableWriter(Dispute, (
        "id", "reference", "title", "description", "reporter_id", "reporter_kind", "court_id",
        "tribunal_id", "service_point_id", "area_id", "cause_revision", "cause_code", "cause_name",
        "people_involved", "status", "agreed_at_tier", "created_at", "updated_at",
    ))  # fmt: skip
    first = writer.next_id()
    court = county.court.pk
    for lo in range(0, n, CHUNK):
        batch = []
        for pk in range(first + lo, first + min(n, lo + CHUNK)):
            village, point, tribunal = rng.choice(county.places)
            cause = rng.choice(county.causes)
            status = rng.choice(DISPUTE_STATUSES)
            tier = rng.choice(TIERS) if status in ("agreed", "resolved") else ""
            people = rng.randint(2, 9)
            day = start + timedelta(days=rng.randrange(YEARS * 365))
            moment, stored = _moment(day)
            batch.append((
                pk, f"LS{pk:012d}", f"历史纠纷（{cause.name}）", "历史记录导入。", county.admin_id,
                "liaison", court, tribunal, point, village, cause.revision, cause.code, cause.name,
                people, status, tier, stored, stored,
            ))  # fmt: skip
            d = SimpleNamespace(
                court_id=court, tribunal_id=tribunal, area_id=village, service_point_id=point,
                cause_name=cause.name, status=status, agreed_at_tier=tier, created_at=moment,
                people_involved=people, pk=pk, status_before_delegation="",
            )  # fmt: skip
            # Imported history has no audit trail: a tier shows only in its status or tier.
            _count(cells, contributions, pk, rollup.dispute_row(d, ctx, set()))
        writer.write(batch)
        _flush(contributions)
    writer.after_explicit_ids()


def _cases(county: _County, rng: random.Random, n: int, start: date, today: date, ctx: Any,
           cells: dict[Any, list[int]], contributions: list[tuple[Any, ...]]) -> None:  # fmt: skip
    from fating.analytics import rollup
    from fating.cases.models import Case, Filing
    from fating.cases.rules.case_numbers import format_case_number
    from fating.cases.services.acceptance import reserve_case_numbers

    filings = TableWriter(Filing, (
        "id", "filer_id", "filer_capacity", "court_id", "tribunal_id", "received_by_id", "cause_id",
        "status", "type_code", "submitted_at", "created_at", "updated_at",
    ))  # fmt: skip
    cases = TableWriter(Case, (
        "id", "filing_id", "court_id", "tribunal_id", "number", "year", "type_code", "seq",
        "accepted_on", "procedure", "due_on", "fee_amount", "fee_due", "status", "closure",
        "closed_on", "closed_in_time", "created_at", "updated_at",
    ))  # fmt: skip
    calendar = court_calendar()
    days = sorted(start + timedelta(days=rng.randrange(YEARS * 365)) for _ in range(n))
    per_year: dict[int, int] = defaultdict(int)
    for d in days:
        per_year[d.year] += 1
    next_seq = {
        year: reserve_case_numbers(court=county.court, year=year, type_code=CASE_TYPE, count=k)
        for year, k in per_year.items()
    }
    first_filing, first_case = filings.next_id(), cases.next_id()
    court = county.court
    for lo in range(0, n, CHUNK):
        filing_rows, case_rows = [], []
        for i in range(lo, min(n, lo + CHUNK)):
            day = days[i]
            _village, _point, tribunal = rng.choice(county.places)
            cause = rng.choice(county.causes)
            moment, stored = _moment(day)
            fid, cid = first_filing + i, first_case + i
            filing_rows.append((fid, county.admin_id, "party", court.pk, tribunal, court.pk,
                                cause.pk, "accepted", CASE_TYPE, stored, stored, stored))  # fmt: skip
            f = SimpleNamespace(
                court_id=court.pk, tribunal_id=tribunal, assisted_by_id=None, source_dispute_id=None,
                cause_id=cause.pk, cause=cause, status="accepted", type_code=CASE_TYPE,
                submitted_at=moment,
            )  # fmt: skip
            _count(cells, contributions, fid, rollup.filing_row(f, ctx, {}, 0))
            seq = next_seq[day.year]
            next_seq[day.year] += 1
            closed_on = day + timedelta(days=rng.randint(10, 120))
            closed = closed_on < today and rng.random() < 0.85
            closure = rng.choice(CLOSURES) if closed else ""
            # 简易程序 审限: 3 months from 立案 on the court calendar (CPL 第164条、第85条).
            due_on = period_end(day, months(3), calendar=calendar).end
            in_time = closed_on <= due_on if closed else None
            case_rows.append((
                cid, fid, court.pk, tribunal, format_case_number(day.year, court.code, CASE_TYPE, seq),
                day.year, CASE_TYPE, seq, day, "simple", due_on, "50.00", "50.00",
                "closed" if closed else "open", closure, closed_on if closed else None, in_time,
                stored, stored,
            ))  # fmt: skip
            c = SimpleNamespace(
                filing=f, court_id=court.pk, tribunal_id=tribunal, status="closed" if closed else "open",
                closed_on=closed_on if closed else None, closure=closure, closed_in_time=in_time,
                type_code=CASE_TYPE, accepted_on=day,
            )  # fmt: skip
            _count(cells, contributions, cid, rollup.case_row(c, ctx, {}, 0))
            _count(cells, contributions, cid, rollup.closure_row(c, ctx, {}, 0))
        filings.write(filing_rows)
        cases.write(case_rows)
        _flush(contributions)
    filings.after_explicit_ids()
    cases.after_explicit_ids()


def _flush(contributions: list[tuple[Any, ...]]) -> None:
    """Record where each imported record counts (so later changes to it move it correctly)."""
    from fating.analytics import rollup

    rollup.write_contributions(contributions)
    contributions.clear()


def _merge_rollup(cells: dict[Any, list[int]]) -> None:
    """Add the imported records' cells to what is stored and rewrite the roll-up tables."""
    from fating.analytics import rollup

    for key, value in rollup.stored().items():
        cell = cells[key]
        for i in range(3):
            cell[i] += value[i]
    rollup.write_tables({k: (v[0], v[1], v[2]) for k, v in cells.items()})
