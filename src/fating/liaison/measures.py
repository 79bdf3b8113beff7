"""What the evaluations are computed from: each service point's uses in a month, and each
village's values for the 无讼村居 criteria in a year. Reads only, a fixed number of queries per
call whatever the number of points or villages; the weighing is in fating.liaison.rules."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Q
from django.utils import timezone

from fating.analytics.selectors import Viewpoint
from fating.analytics.sources import litigants
from fating.cases.models import Filing
from fating.conversations.models import Message
from fating.delivery.models import Receipt
from fating.disputes.models import Dispute
from fating.knowledge.models import VillageRules
from fating.liaison import rules
from fating.liaison.models import LogEntry, Rating
from fating.network.models import Area, AreaPopulation, Court, Liaison, ServicePoint
from fating.trials.models import Attendee
from fating.warnings.models import EarlyWarning, Kind


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class PointRow:
    point: ServicePoint
    counts: dict[str, int]
    activity: Decimal
    previous: Decimal
    trend: Decimal | None
    satisfaction: Decimal | None
    ratings: int
    score: Decimal = Decimal(0)
    rank: int = 0


def _counts(points: list[int], since: date, until: date) -> dict[int, Counter[str]]:
    """Uses of each point in [since, until)."""
    start, end = _aware(since), _aware(until)
    out: dict[int, Counter[str]] = defaultdict(Counter)

    def add(key: str, rows: Any, field: str) -> None:
        for row in rows:
            if row[field] is not None:
                out[row[field]][key] += row["n"]

    add("entries", LogEntry.objects.filter(service_point_id__in=points, occurred_on__gte=since,
        occurred_on__lt=until).values("service_point_id").annotate(n=Count("pk")).order_by(),
        "service_point_id")  # fmt: skip
    add("reports", Dispute.objects.filter(service_point_id__in=points, created_at__gte=start,
        created_at__lt=end).values("service_point_id").annotate(n=Count("pk")).order_by(),
        "service_point_id")  # fmt: skip
    field = "assisted_by__liaison_profile__service_point_id"
    add("filings", Filing.objects.filter(**{f"{field}__in": points}, submitted_at__gte=start,
        submitted_at__lt=end).values(field).annotate(n=Count("pk")).order_by(), field)  # fmt: skip
    field = "recorded_by__liaison_profile__service_point_id"
    add("services", Receipt.objects.filter(**{f"{field}__in": points},
        attempt__channel="in_person", occurred_at__gte=start, occurred_at__lt=end)
        .values(field).annotate(n=Count("pk")).order_by(), field)  # fmt: skip
    field = "identity_checked_by__liaison_profile__service_point_id"
    add("videos", Attendee.objects.filter(**{f"{field}__in": points}, at_service_point=True,
        identity_checked_at__gte=start, identity_checked_at__lt=end)
        .values(field).annotate(n=Count("pk")).order_by(), field)  # fmt: skip
    disputes = dict(
        Dispute.objects.filter(service_point_id__in=points).values_list("pk", "service_point_id")
    )
    if disputes:
        ct = ContentType.objects.get_for_model(Dispute)
        chats = (
            Message.objects.filter(room__matter_type=ct, room__matter_id__in=list(disputes),
                                   created_at__gte=start, created_at__lt=end)
            .exclude(kind=Message.Kind.SYSTEM)
            .values("room__matter_id").annotate(n=Count("pk")).order_by()
        )  # fmt: skip
        for row in chats:
            out[disputes[row["room__matter_id"]]]["chats"] += row["n"]
    return out


#: Counts that cover people (parties reported for, helped, served, heard): a governance officer
#: reads them with cells of fewer than 5 hidden, as the dashboard does (analytics.selectors).
PEOPLE_COUNTS = ("reports", "filings", "services", "videos")
SMALL = 5


def shown(row: PointRow, suppress: bool) -> dict[str, Any]:
    """The row's counts as shown: "<5" for a people count of 1–4 when `suppress`."""
    out: dict[str, Any] = dict(row.counts)
    out["ratings"] = row.ratings
    if suppress:
        for key in (*PEOPLE_COUNTS, "ratings"):
            if 0 < out[key] < SMALL:
                out[key] = f"<{SMALL}"
    return out


def _satisfaction(points: list[int], since: date, until: date) -> dict[int, tuple[Decimal, int]]:
    rows = (
        Rating.objects.filter(entry__service_point_id__in=points, created_at__gte=_aware(since),
                              created_at__lt=_aware(until))
        .values("entry__service_point_id").annotate(avg=Avg("stars"), n=Count("pk")).order_by()
    )  # fmt: skip
    return {
        r["entry__service_point_id"]: (Decimal(str(r["avg"])).quantize(Decimal("0.01")), r["n"])
        for r in rows
    }


def point_rows(court: Court, year: int, month: int) -> list[PointRow]:
    """Every active point of the court with its month's activity, trend, satisfaction, score
    and rank within the court, best first."""
    points = list(
        ServicePoint.objects.filter(tribunal__court=court, active=True)
        .select_related("tribunal").order_by("tribunal__name", "name")
    )  # fmt: skip
    ids = [p.pk for p in points]
    since, until = rules.month_bounds(year, month)
    before = rules.month_bounds(*rules.previous_month(year, month))
    now, prev = _counts(ids, since, until), _counts(ids, *before)
    happy = _satisfaction(ids, since, until)
    rows = []
    for p in points:
        counts = {k: now[p.pk].get(k, 0) for k in rules.ACTIVITY_WEIGHTS}
        current, previous = rules.activity(counts), rules.activity(prev[p.pk])
        mean, n = happy.get(p.pk, (None, 0))
        rows.append(PointRow(p, counts, current, previous, rules.trend(current, previous), mean, n))
    best = max((r.activity for r in rows), default=Decimal(0))
    for r in rows:
        r.score = rules.score(r.activity, r.previous, best, r.satisfaction)
    for r, rank in zip(rows, rules.ranks([r.score for r in rows]), strict=True):
        r.rank = rank
    rows.sort(key=lambda r: (r.rank, r.point.name))
    return rows


# -- 无讼村居 ------------------------------------------------------------------------------------


def villages_of(court: Court) -> list[Area]:
    """The villages (村/社区) of the court's county."""
    townships = Area.objects.filter(parent_id=court.area_id).values("pk")
    return list(
        Area.objects.filter(parent_id__in=townships, level=Area.Level.VILLAGE)
        .select_related("parent").order_by("parent__name", "name")
    )  # fmt: skip


def _population(villages: list[Area], year: int) -> dict[int, int | None]:
    found: dict[int, int | None] = {v.pk: v.population for v in villages}
    rows = AreaPopulation.objects.filter(area_id__in=found, year__lte=year).order_by("year")
    for row in rows.values("area_id", "population"):
        found[row["area_id"]] = row["population"]  # the latest year up to the evaluated one
    return found


def village_values(court: Court, villages: list[Area], year: int) -> dict[int, dict[str, Any]]:
    """Each village's value for each criterion of rules.CRITERIA in `year`."""
    ids = [v.pk for v in villages]
    since, until = date(year, 1, 1), date(year + 1, 1, 1)
    start, end = _aware(since), _aware(until)
    mass = Counter(dict(
        EarlyWarning.objects.filter(kind=Kind.MASS_DISPUTE, area_id__in=ids, created_at__gte=start,
                                    created_at__lt=end)
        .values_list("area_id").annotate(n=Count("pk")).order_by()
    ))  # fmt: skip
    vp = Viewpoint(court=court, area=None, point=None, suppress=False)
    sued = litigants(vp, since, date(year, 12, 31), ids)
    population = _population(villages, year)
    reviewed = set(
        VillageRules.objects.filter(
            status=VillageRules.Status.FILED, service_point__areas__in=ids
        ).values_list("service_point__areas", flat=True)
    )
    in_place = set(
        Liaison.objects.filter(active=True, area_id__in=ids).values_list("area_id", flat=True)
    ) | set(
        Liaison.objects.filter(active=True, service_point__active=True,
                               service_point__areas__in=ids)
        .values_list("service_point__areas", flat=True)
    )  # fmt: skip
    ended: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        Dispute.objects.filter(area_id__in=ids, closed_at__gte=start, closed_at__lt=end)
        .values("area_id").annotate(n=Count("pk"), village=Count(
            "pk", filter=Q(agreed_at_tier=Dispute.Status.VILLAGE))).order_by()
    ):  # fmt: skip
        ended[row["area_id"]] = [row["n"], row["village"]]
    out: dict[int, dict[str, Any]] = {}
    for pk in ids:
        people = population.get(pk)
        total, village = ended.get(pk, [0, 0])
        out[pk] = {
            "no_mass_dispute": Decimal(mass.get(pk, 0)),
            "litigation_rate": (Decimal(sued.get(pk, 0)) / people * 10000).quantize(Decimal("0.01"))
            if people else None,
            "village_rules": Decimal(1 if pk in reviewed else 0),
            "liaison": Decimal(1 if pk in in_place else 0),
            "village_share": (Decimal(village) / total).quantize(Decimal("0.001"))
            if total else Decimal(1),
            "_detail": {"litigants": sued.get(pk, 0), "population": people,
                        "disputes_ended": total, "village_tier": village},
        }  # fmt: skip
    return out
