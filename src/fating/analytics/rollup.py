"""Incremental roll-ups: `sync(measure, source_id)` moves one record's contribution from the
cell it was counted in to the cell it belongs to now; `recompute()` derives every cell from the
raw tables (the property test and `analytics_rebuild` compare and restore with it).

Read-only over disputes and cases: their rows are read, never written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fating.analytics.models import (
    KEY_FIELDS,
    TOTAL_KEY_FIELDS,
    Contribution,
    DailyCell,
    DayTotal,
    Grain,
    Measure,
    MonthTotal,
)
from fating.analytics.places import UNCLASSIFIED, AreaTree
from fating.core.bulk import TableWriter, prepared_dates

Key = tuple[Any, ...]
Value = tuple[int, int, int]  # count, people, days


class Context:
    """Lookups loaded once per operation: the area tree, each point's area, each liaison user's
    point, each tribunal's only township, and dispute places."""

    def __init__(self) -> None:
        from fating.network.models import Area, Liaison, ServicePoint

        self.tree = AreaTree()
        self.point_area: dict[int, int] = {}
        rows = ServicePoint.areas.through.objects.values_list(
            "servicepoint_id", "area_id", "area__level"
        )
        for point, area, _level in sorted(rows, key=lambda r: r[2] != Area.Level.VILLAGE):
            self.point_area.setdefault(point, area)
        self.liaison_point = dict(
            Liaison.objects.exclude(user=None).values_list("user_id", "service_point_id")
        )
        townships: dict[int, list[int]] = defaultdict(list)
        through = Area.tribunals.through.objects.filter(area__level=Area.Level.TOWNSHIP)
        for tribunal, area in through.values_list("tribunal_id", "area_id"):
            townships[tribunal].append(area)
        self.tribunal_township = {t: a[0] for t, a in townships.items() if len(a) == 1}

    def place(self, *, area_id: int | None, point_id: int | None) -> tuple[int, int]:
        area = area_id or self.point_area.get(point_id or 0)
        return self.tree.township(area) or 0, self.tree.village(area) or 0


def _key(**kw: Any) -> Key:
    return tuple(kw[f] for f in KEY_FIELDS)


# A dispute "entered a tier" (诉前调解) when it is or was in 村居先调, 部门联动 or 委派调解: its
# status says so, or (for one referred or withdrawn later) its agreement tier, its delegation,
# a recorded mediation session or one of these audit actions does.
TIER_STATES = frozenset({"village", "joint", "delegated", "agreed", "resolved"})
TIER_ACTIONS = ("disputes.dispute.start_village", "disputes.dispute.start_joint",
                "disputes.dispute.delegate")  # fmt: skip
TIERED = "tier"


def _tiered_ids(ids: Iterable[int] | None = None) -> set[int]:
    """Disputes (of `ids`, or all) with a tier action in the audit log or a mediation session."""
    from fating.core.models import AuditEvent
    from fating.disputes.models import MediationSession

    events = AuditEvent.objects.filter(object_type="disputes.dispute", action__in=TIER_ACTIONS)
    sessions = MediationSession.objects.all()
    if ids is not None:
        ids = list(ids)
        events = events.filter(object_id__in=[str(i) for i in ids])
        sessions = sessions.filter(dispute_id__in=ids)
    found = {int(i) for i in events.values_list("object_id", flat=True) if i.isdigit()}
    return found | set(sessions.values_list("dispute_id", flat=True))


def is_tiered(d: Any, tiered_ids: set[int]) -> bool:
    return bool(d.status in TIER_STATES or d.agreed_at_tier or d.status_before_delegation
                or d.pk in tiered_ids)  # fmt: skip


def dispute_row(d: Any, ctx: Context, tiered_ids: set[int] | None = None) -> tuple[Key, Value]:
    township, village = ctx.place(area_id=d.area_id, point_id=d.service_point_id)
    if tiered_ids is None:
        tiered_ids = set() if d.status in TIER_STATES else _tiered_ids([d.pk])
    return _key(
        court_id=d.court_id, tribunal_id=d.tribunal_id or 0, township_id=township,
        village_id=village, service_point_id=d.service_point_id or 0,
        category=(d.cause_name or UNCLASSIFIED)[:60], measure=Measure.DISPUTE, state=d.status,
        detail=d.agreed_at_tier or "", flag=TIERED if is_tiered(d, tiered_ids) else "",
        day=timezone.localdate(d.created_at),
    ), (1, d.people_involved or 0, 0)  # fmt: skip


def _filing_place(f: Any, ctx: Context, disputes: dict[int, Any]) -> tuple[int, int, int, int]:
    point = ctx.liaison_point.get(f.assisted_by_id or 0, 0) or 0
    source = disputes.get(f.source_dispute_id or 0)
    if source is not None:
        township, village = ctx.place(area_id=source.area_id, point_id=source.service_point_id)
        return (
            f.tribunal_id or source.tribunal_id or 0,
            township,
            village,
            point or source.service_point_id or 0,
        )
    township = ctx.tribunal_township.get(f.tribunal_id or 0, 0)
    village = 0
    if not township and point:
        township, village = ctx.place(area_id=None, point_id=point)
    return f.tribunal_id or 0, township, village, point


def filing_row(
    f: Any, ctx: Context, disputes: dict[int, Any], parties: int
) -> tuple[Key, Value] | None:
    if f.submitted_at is None:
        return None  # drafts are not filings yet
    tribunal, township, village, point = _filing_place(f, ctx, disputes)
    return _key(
        court_id=f.court_id, tribunal_id=tribunal, township_id=township, village_id=village,
        service_point_id=point, category=(f.cause.name if f.cause_id else UNCLASSIFIED)[:60],
        measure=Measure.FILING, state=f.status, detail=f.type_code or "",
        flag="assisted" if f.assisted_by_id else "", day=timezone.localdate(f.submitted_at),
    ), (1, parties, 0)  # fmt: skip


def case_row(c: Any, ctx: Context, disputes: dict[int, Any], parties: int) -> tuple[Key, Value]:
    f = c.filing
    tribunal, township, village, point = _filing_place(f, ctx, disputes)
    closed = c.status == "closed" and c.closed_on is not None
    return _key(
        court_id=c.court_id, tribunal_id=c.tribunal_id or tribunal, township_id=township,
        village_id=village, service_point_id=point,
        category=(f.cause.name if f.cause_id else UNCLASSIFIED)[:60], measure=Measure.CASE,
        state=(c.closure or "closed") if closed else "open", detail=c.type_code or "",
        flag=("1" if c.closed_in_time else "0") if closed else "", day=c.accepted_on,
    ), (1, parties, (c.closed_on - c.accepted_on).days if closed else 0)  # fmt: skip


def closure_row(
    c: Any, ctx: Context, disputes: dict[int, Any], parties: int
) -> tuple[Key, Value] | None:
    """The case again on its 结案 date (measure CLOSURE); None while it is open."""
    if not (c.status == "closed" and c.closed_on is not None):
        return None
    key, value = case_row(c, ctx, disputes, parties)
    fields = dict(zip(KEY_FIELDS, key, strict=True))
    fields.update(measure=Measure.CLOSURE, day=c.closed_on)
    return _key(**fields), value


def confirmation_row(jc: Any, ctx: Context) -> tuple[Key, Value]:
    d = jc.agreement.dispute
    township, village = ctx.place(area_id=d.area_id, point_id=d.service_point_id)
    return _key(
        court_id=jc.court_id, tribunal_id=d.tribunal_id or 0, township_id=township,
        village_id=village, service_point_id=d.service_point_id or 0,
        category=(d.cause_name or UNCLASSIFIED)[:60], measure=Measure.CONFIRMATION,
        state=jc.status, detail="", flag="", day=timezone.localdate(jc.applied_at),
    ), (1, d.people_involved or 0, 0)  # fmt: skip


def _source_row(measure: str, source_id: int, ctx: Context) -> tuple[Key, Value] | None:
    from fating.cases.models import Case, Filing
    from fating.disputes.models import Dispute, JudicialConfirmation

    if measure == Measure.DISPUTE:
        d = Dispute.objects.filter(pk=source_id).first()
        return dispute_row(d, ctx) if d else None
    if measure == Measure.CONFIRMATION:
        jc = (
            JudicialConfirmation.objects.select_related("agreement__dispute")
            .filter(pk=source_id)
            .first()
        )
        return confirmation_row(jc, ctx) if jc else None
    if measure == Measure.FILING:
        f = Filing.objects.select_related("cause").filter(pk=source_id).first()
        if f is None:
            return None
        disputes = {d.pk: d for d in Dispute.objects.filter(pk=f.source_dispute_id or 0)}
        return filing_row(f, ctx, disputes, f.parties.count())
    c = Case.objects.select_related("filing__cause").filter(pk=source_id).first()
    if c is None:
        return None
    disputes = {d.pk: d for d in Dispute.objects.filter(pk=c.filing.source_dispute_id or 0)}
    if measure == Measure.CLOSURE:
        return closure_row(c, ctx, disputes, c.filing.parties.count())
    return case_row(c, ctx, disputes, c.filing.parties.count())


_I = {f: KEY_FIELDS.index(f) for f in KEY_FIELDS}


def total_keys(key: Key) -> list[tuple[Key, Key]]:
    """The (`DayTotal`, `MonthTotal`) keys a `DailyCell` key counts in: one pair per grain."""
    court, township, village, point = (key[_I[f]] for f in
                                       ("court_id", "township_id", "village_id", "service_point_id"))  # fmt: skip
    measure, state, detail, flag = (key[_I[f]] for f in ("measure", "state", "detail", "flag"))
    day = key[_I["day"]]
    month = day.replace(day=1)
    bases = [
        (Grain.PLACE, court, township, village, point, measure, state, detail, flag),
        (Grain.TOWNSHIP, court, township, 0, 0, measure, state, detail, flag),
    ]
    if point:
        bases.append((Grain.POINT, court, township, 0, point, measure, "", "", flag))
    return [((*b, day), (*b, month)) for b in bases]


def _bump(model: Any, fields: dict[str, Any], value: Value, sign: int) -> None:
    row, _ = model.objects.get_or_create(**fields)
    model.objects.filter(pk=row.pk).update(
        count=F("count") + sign * value[0], people=F("people") + sign * value[1],
        days=F("days") + sign * value[2],
    )  # fmt: skip


def _apply(key: Key, value: Value, sign: int) -> None:
    _bump(DailyCell, dict(zip(KEY_FIELDS, key, strict=True)), value, sign)
    for day_key, month_key in total_keys(key):
        _bump(DayTotal, dict(zip((*TOTAL_KEY_FIELDS, "day"), day_key, strict=True)), value, sign)
        _bump(MonthTotal, dict(zip((*TOTAL_KEY_FIELDS, "month"), month_key, strict=True)), value,
              sign)  # fmt: skip


@transaction.atomic
def sync(measure: str, source_id: int, ctx: Context | None = None) -> bool:
    """Bring one record's contribution up to date. Returns True when a cell changed.

    A filing (and its case) takes its place from its source dispute, so a dispute that moves
    brings its dependants along (found by the property test against recomputation); a case
    counts its filing's parties, so a filing brings its case along; a case brings its closure
    (the same case on its 结案 date)."""
    from fating.cases.models import Case, Filing

    ctx = ctx or Context()
    changed = _sync_one(measure, source_id, ctx) if measure != Measure.CLOSURE else False
    filing_ids: list[int] = []
    case_ids: list[int] = []
    if measure == "dispute":
        filing_ids = list(
            Filing.objects.filter(source_dispute_id=source_id).values_list("pk", flat=True)
        )
        for filing_id in filing_ids:
            changed |= _sync_one("filing", filing_id, ctx)
    elif measure == "filing":
        filing_ids = [source_id]
    elif measure in ("case", Measure.CLOSURE):
        case_ids = [source_id]
    case_ids += list(Case.objects.filter(filing_id__in=filing_ids).values_list("pk", flat=True))
    for case_id in case_ids:
        if measure != "case" or case_id != source_id:
            changed |= _sync_one("case", case_id, ctx)
        changed |= _sync_one(Measure.CLOSURE, case_id, ctx)
    return changed


def _sync_one(measure: str, source_id: int, ctx: Context) -> bool:
    row = _source_row(measure, source_id, ctx)
    old = (
        Contribution.objects.select_for_update()
        .filter(measure=measure, source_id=source_id)
        .first()
    )
    old_row = None
    if old is not None:
        old_row = (tuple(getattr(old, f) for f in KEY_FIELDS), (1, old.people, old.days))
    if old_row == row:
        return False
    if old_row is not None:
        _apply(*old_row, -1)
    if row is None:
        if old is not None:
            old.delete()
        return True
    _apply(*row, +1)
    key, (_, people, days) = row
    values = {**dict(zip(KEY_FIELDS, key, strict=True)), "people": people, "days": days}
    Contribution.objects.update_or_create(measure=measure, source_id=source_id, defaults=values)
    return True


def iter_rows(ctx: Context | None = None) -> Iterator[tuple[str, int, Key, Value]]:
    """Every source record's (measure, id, key, value), straight from the raw tables."""
    from django.db.models import Count

    from fating.cases.models import Case, Filing
    from fating.disputes.models import Dispute, JudicialConfirmation

    ctx = ctx or Context()
    tiered = _tiered_ids()
    for d in Dispute.objects.all().iterator(chunk_size=5000):
        yield (Measure.DISPUTE, d.pk, *dispute_row(d, ctx, tiered))
    filings = Filing.objects.select_related("cause").annotate(n_parties=Count("parties"))
    wanted = set(
        filings.exclude(source_dispute_id=None).values_list("source_dispute_id", flat=True)
    )
    disputes = {d.pk: d for d in Dispute.objects.filter(pk__in=wanted)}
    for f in filings.iterator(chunk_size=5000):
        row = filing_row(f, ctx, disputes, f.n_parties)
        if row is not None:
            yield (Measure.FILING, f.pk, *row)
    cases = Case.objects.select_related("filing__cause").annotate(
        n_parties=Count("filing__parties")
    )
    for c in cases.iterator(chunk_size=5000):
        yield (Measure.CASE, c.pk, *case_row(c, ctx, disputes, c.n_parties))
        closure = closure_row(c, ctx, disputes, c.n_parties)
        if closure is not None:
            yield (Measure.CLOSURE, c.pk, *closure)
    for jc in JudicialConfirmation.objects.select_related("agreement__dispute").iterator(
        chunk_size=5000
    ):
        yield (Measure.CONFIRMATION, jc.pk, *confirmation_row(jc, ctx))


def recompute() -> dict[Key, Value]:
    """All cells from scratch (non-empty ones only)."""
    cells: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    for _, _, key, (n, people, days) in iter_rows():
        cell = cells[key]
        cell[0] += n
        cell[1] += people
        cell[2] += days
    return {k: (v[0], v[1], v[2]) for k, v in cells.items()}


def totals(cells: dict[Key, Value]) -> tuple[dict[Key, Value], dict[Key, Value]]:
    """Day and month totals of fine cells (what `DayTotal` and `MonthTotal` must hold)."""
    day: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    month: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key, value in cells.items():
        for day_key, month_key in total_keys(key):
            for target in (day[day_key], month[month_key]):
                for i in range(3):
                    target[i] += value[i]
    return _nonzero(day), _nonzero(month)


def _nonzero(cells: dict[Key, list[int]]) -> dict[Key, Value]:
    return {k: (v[0], v[1], v[2]) for k, v in cells.items() if any(v)}


def _stored(model: Any, fields: tuple[str, ...]) -> dict[Key, Value]:
    return {
        tuple(row[:-3]): tuple(row[-3:])  # type: ignore[misc]
        for row in model.objects.exclude(count=0, people=0, days=0).values_list(
            *fields, "count", "people", "days"
        )
    }


def stored() -> dict[Key, Value]:
    """The roll-up as stored (non-empty cells only)."""
    return _stored(DailyCell, KEY_FIELDS)


def stored_totals() -> tuple[dict[Key, Value], dict[Key, Value]]:
    """`DayTotal` and `MonthTotal` as stored (non-empty rows only)."""
    return (
        _stored(DayTotal, (*TOTAL_KEY_FIELDS, "day")),
        _stored(MonthTotal, (*TOTAL_KEY_FIELDS, "month")),
    )


def consistent() -> bool:
    """Do the stored roll-ups equal a full recomputation from the raw tables?"""
    fresh = recompute()
    return stored() == fresh and stored_totals() == totals(fresh)


def write_contributions(rows: Iterable[tuple[Any, ...]]) -> None:
    """Append contributions given as (source id, people, days, *cell key)."""
    TableWriter(Contribution, ("source_id", "people", "days", *KEY_FIELDS)).write(
        prepared_dates(r) for r in rows
    )


def write_tables(fine: dict[Key, Value]) -> None:
    """Replace `DailyCell` with `fine` and `DayTotal`/`MonthTotal` with its totals."""
    day, month = totals(fine)
    for model, fields, rows in (
        (DailyCell, KEY_FIELDS, fine),
        (DayTotal, (*TOTAL_KEY_FIELDS, "day"), day),
        (MonthTotal, (*TOTAL_KEY_FIELDS, "month"), month),
    ):
        model.objects.all().delete()
        TableWriter(model, (*fields, "count", "people", "days")).write(
            (*prepared_dates(k), *v) for k, v in rows.items()
        )


@transaction.atomic
def rebuild(batch: int = 5000) -> int:
    """Replace the roll-up and the contributions with a full recomputation (after bulk imports)."""
    Contribution.objects.all().delete()
    cells: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    contributions: list[tuple[Any, ...]] = []
    for _measure, pk, key, (n, people, days) in iter_rows():
        cell = cells[key]
        cell[0] += n
        cell[1] += people
        cell[2] += days
        contributions.append((pk, people, days, *key))
        if len(contributions) >= batch:
            write_contributions(contributions)
            contributions = []
    write_contributions(contributions)
    fine = {k: (v[0], v[1], v[2]) for k, v in cells.items()}
    del cells
    write_tables(fine)
    return len(fine)
