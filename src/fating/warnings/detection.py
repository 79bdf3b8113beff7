"""Incremental detection: each new dispute or filing is scanned once (ScanMark), added to its
weekly cell (WeeklyTally), and only the rules touching that record and that cell are evaluated —
nothing is rescanned. Functions called by the scan tasks (warnings.subscribers, after the
report or submission commits) and by `warnings_scan`; the warnings themselves are raised or
merged by `services.raise_or_merge` (one per open subject, announced through the outbox).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from fating.analytics.places import (
    AreaTree,
    Place,
    dispute_category,
    dispute_place,
    filing_category,
    filing_place,
)
from fating.warnings import rules, services
from fating.warnings.models import (
    GROUP_KEY_LENGTH,
    EarlyWarning,
    GroupingMark,
    Kind,
    ScanMark,
    WarningRule,
    WeeklyTally,
)

Source = WeeklyTally.Source


def active_rules(court_id: int) -> list[WarningRule]:
    """The court's active rules, in order (a query: `services.ensure_default_rules` seeds them)."""
    return list(WarningRule.objects.filter(court_id=court_id, active=True).order_by("pk"))


def _mark(source: str, source_id: int) -> bool:
    _, created = ScanMark.objects.get_or_create(source=source, source_id=source_id)
    return created


def _tally(court_id: int, township_id: int | None, category: str, source: str, week: date) -> None:
    cell, _ = WeeklyTally.objects.select_for_update().get_or_create(
        court_id=court_id, township_id=township_id, category=category, source=source, week=week
    )
    WeeklyTally.objects.filter(pk=cell.pk).update(count=F("count") + 1)


def _history(court_id: int, township_id: int | None, category: str, source: str) -> dict[date, int]:
    return dict(
        WeeklyTally.objects.filter(
            court_id=court_id, township_id=township_id, category=category, source=source
        ).values_list("week", "count")
    )


def _data_start(court_id: int, fallback: date) -> date:
    first = WeeklyTally.objects.filter(court_id=court_id).aggregate(m=Min("week"))["m"]
    return first or fallback


def _area_name(area_id: int | None) -> str:
    from fating.network.models import Area

    return Area.objects.filter(pk=area_id).values_list("name", flat=True).first() or "全院辖区"


def _respondent_dates(
    court_id: int, names: list[str], codes: list[str]
) -> list[tuple[str, int, date, str]]:
    """(type, id, date, reference) of disputes and filings in the court naming the respondent."""
    from fating.cases.models import FilingParty
    from fating.disputes.models import DisputeParty

    dq = Q(pk__in=[])
    fq = Q(pk__in=[])
    for n in names:
        dq |= Q(name=n)
        fq |= Q(name=n)
    for c in codes:
        dq |= Q(credit_code=c)
        fq |= Q(uscc=c)
    out: list[tuple[str, int, date, str]] = []
    for pk, created, ref in (
        DisputeParty.objects.filter(dq, role="respondent", dispute__court_id=court_id)
        .values_list("dispute_id", "dispute__created_at", "dispute__reference")
        .distinct()
    ):
        out.append(("dispute", pk, timezone.localdate(created), ref))
    for pk, submitted in (
        FilingParty.objects.filter(fq, role="defendant", filing__court_id=court_id)
        .exclude(filing__submitted_at=None)
        .values_list("filing_id", "filing__submitted_at")
        .distinct()
    ):
        out.append(("filing", pk, timezone.localdate(submitted), f"立案申请#{pk}"))
    return sorted(set(out), key=lambda t: (t[2], t[0], t[1]))


@dataclass
class _Cluster:
    """Records of the window sharing one grouping key (respondent, project, employer, estate)."""

    key_kind: str
    name: str
    subject_key: str
    rows: list[tuple[str, int, date, str]]  # (type, id, date, reference)
    variants: tuple[str, ...] = ()  # the spellings the records used, most common first

    @property
    def records(self) -> frozenset[tuple[str, int]]:
        return frozenset((t, i) for t, i, _, _ in self.rows)


def _window(rule: WarningRule, day: date) -> date:
    return day - timedelta(days=rule.window_days - 1)


def _respondent_clusters(
    rule: WarningRule, court_id: int, day: date, respondents: list[tuple[str, str]]
) -> list[_Cluster]:
    since = _window(rule, day)
    found = []
    for name, code in respondents:
        rows = _respondent_dates(court_id, [name] if name else [], [code] if code else [])
        inside = [r for r in rows if since <= r[2] <= day]
        if rules.mass_by_count([r[2] for r in inside], on=day, window_days=rule.window_days,
                               min_count=rule.min_count) is None:  # fmt: skip
            continue
        found.append(
            _Cluster("respondent", name, f"mass:{rules.respondent_key(name, code)}", inside)
        )
    return found


def _grouping_clusters(
    rule: WarningRule, court_id: int, day: date, names: dict[str, str]
) -> list[_Cluster]:
    since = _window(rule, day)
    found = []
    for kind, name in names.items():
        key = rules.group_key(kind, name)[:GROUP_KEY_LENGTH]
        if kind not in (rule.group_by or []) or not key:
            continue
        marks = sorted(
            GroupingMark.objects.filter(
                court_id=court_id, key_kind=kind, key=key, day__range=(since, day)
            ).values_list("source", "source_id", "day", "reference", "name"),
            key=lambda r: (r[2], r[1]),
        )
        if rules.mass_by_count([r[2] for r in marks], on=day, window_days=rule.window_days,
                               min_count=rule.min_count) is None:  # fmt: skip
            continue
        spellings = tuple(n for n, _ in Counter(r[4] for r in marks).most_common())
        found.append(_Cluster(kind, spellings[0], f"mass:{kind}:{key}"[:160],
                              [r[:4] for r in marks], spellings))  # fmt: skip
    return found


def _counted(c: _Cluster) -> str:
    if c.key_kind == "respondent":
        return f"以“{c.name}”为被申请人/被告的纠纷和立案申请"
    label = rules.GROUP_KEYS[c.key_kind]
    field = f"{label}名称" if c.key_kind in ("project", "estate") else label
    spelt = "、".join(f"“{v}”" for v in c.variants)
    also = f"，记录中写作{spelt}" if len(c.variants) > 1 else ""
    return f"{field}为“{c.name}”的纠纷（名称按全半角、空格和标点归一后比对{also}）"


def _raise_mass(
    rule: WarningRule, court_id: int, place: Place, day: date, category: str,
    clusters: list[_Cluster],
) -> list[EarlyWarning]:  # fmt: skip
    """One warning per cluster. When several keys collect exactly the same records (five
    complaints against one property company in one estate), that is one cluster: it is raised
    under the first key in GROUP_KEYS order and the explanation names the others."""
    order = list(rules.GROUP_KEYS)
    same: dict[frozenset[tuple[str, int]], list[_Cluster]] = {}
    for c in sorted(clusters, key=lambda c: order.index(c.key_kind)):
        same.setdefault(c.records, []).append(c)
    since = _window(rule, day)
    raised = []
    for main, *also in same.values():
        n = len(main.rows)
        label = rules.GROUP_KEYS[main.key_kind]
        title = (f"群体性纠纷预警：针对“{main.name}”{rule.window_days} 日内 {n} 件"
                 if main.key_kind == "respondent"
                 else f"群体性纠纷预警：同一{label}“{main.name}”{rule.window_days} 日内 {n} 件")  # fmt: skip
        explanation = (
            f"计数：{since:%Y-%m-%d} 至 {day:%Y-%m-%d}（{rule.window_days} 日）本院收到的"
            f"{_counted(main)}共 {n} 件；分组依据：同一{label}。"
            + "".join(
                f"这些记录同时属于同一{rules.GROUP_KEYS[o.key_kind]}“{o.name}”。" for o in also
            )
            + f"规则“{rule.name}”要求同一对象至少 {rule.min_count} 件。"
        )
        raised.append(services.raise_or_merge(
            court_id=court_id, rule=rule, kind=Kind.MASS_DISPUTE, subject_key=main.subject_key,
            title=title, place=place, category=category, window=(since, day), observed=n,
            expected=None, p_value=None, explanation=explanation,
            evidence=[{"type": t, "id": i, "ref": ref, "date": d.isoformat()} for t, i, d, ref in main.rows],
        ))  # fmt: skip
    return raised


def _mass_by_key(
    rule: WarningRule, court_id: int, place: Place, day: date, category: str,
    respondents: list[tuple[str, str]], names: dict[str, str],
) -> list[EarlyWarning]:  # fmt: skip
    """群体性 by count: at least N records in D days sharing a respondent, project, employer or
    housing estate — whichever keys the court's rule groups by."""
    clusters = []
    if "respondent" in (rule.group_by or []):
        clusters += _respondent_clusters(rule, court_id, day, respondents)
    clusters += _grouping_clusters(rule, court_id, day, names)
    return _raise_mass(rule, court_id, place, day, category, clusters)


def _mark_groups(dispute: Any, names: dict[str, str], day: date) -> None:
    marks = [
        GroupingMark(court_id=dispute.court_id, key_kind=kind, key=key[:GROUP_KEY_LENGTH], name=name[:100],
                     source=Source.DISPUTE, source_id=dispute.pk, reference=dispute.reference, day=day)
        for kind, name in names.items()
        if (key := rules.group_key(kind, name))
    ]  # fmt: skip
    GroupingMark.objects.bulk_create(marks, ignore_conflicts=True)


def _hotspot(
    rule: WarningRule, court_id: int, place: Place, category: str, week: date, source: str,
) -> EarlyWarning | None:  # fmt: skip
    if rule.categories and not rules.is_mass_category(category, rule.categories):
        return None
    counts = _history(court_id, place.township_id, category, source)
    baseline = rules.seasonal_baseline(
        {w: c for w, c in counts.items() if w < week}, week, data_start=_data_start(court_id, week)
    )
    observed = counts.get(week, 0)
    verdict = rules.hotspot_test(observed, baseline, threshold=rule.p_threshold,
                                 min_count=rule.min_count)  # fmt: skip
    if not verdict.alert:
        return None
    where = _area_name(place.township_id)
    what = "纠纷" if source == Source.DISPUTE else "立案申请"
    return services.raise_or_merge(
        court_id=court_id, rule=rule, kind=Kind.HOTSPOT,
        subject_key=f"hotspot:{source}:{place.township_id}:{category}:{week.isoformat()}",
        title=f"热点预警：{where}“{category}”本周 {observed} 件（期望 {baseline.expected:.1f}）",
        place=place, category=category, window=(week, week + timedelta(days=6)),
        observed=observed, expected=round(baseline.expected, 4), p_value=verdict.p_value,
        explanation=f"计数：{where}{week:%Y-%m-%d} 起一周内上报的“{category}”{what}。" + verdict.explanation,
        evidence=[],
    )  # fmt: skip


def _whistle(
    rule: WarningRule, court_id: int, place: Place, category: str, week: date,
) -> EarlyWarning | None:  # fmt: skip
    if not rules.is_mass_category(category, rule.categories):
        return None
    weeks = max(1, math.ceil(rule.window_days / 7))
    first = week - timedelta(weeks=weeks - 1)
    counts = _history(court_id, place.township_id, category, Source.FILING)
    baseline = rules.seasonal_baseline(
        {w: c for w, c in counts.items() if w < first}, first,
        data_start=_data_start(court_id, first),
    )  # fmt: skip
    observed = sum(c for w, c in counts.items() if first <= w <= week)
    verdict = rules.whistle_test(observed, baseline, weeks=weeks, min_ratio=float(rule.min_ratio),
                                 threshold=rule.p_threshold, min_count=rule.min_count)  # fmt: skip
    if not verdict.alert:
        return None
    where = _area_name(place.township_id)
    return services.raise_or_merge(
        court_id=court_id, rule=rule, kind=Kind.FILING_WHISTLE,
        subject_key=f"whistle:{place.township_id}:{category}",
        title=f"立案吹哨：{where}“{category}”近 {weeks} 周立案 {observed} 件",
        place=place, category=category, window=(first, week + timedelta(days=6)),
        observed=observed, expected=round(verdict.expected, 4), p_value=verdict.p_value,
        explanation=f"计数：{where}{first:%Y-%m-%d} 起 {weeks} 周内提交的“{category}”立案申请。" + verdict.explanation,
        evidence=[],
    )  # fmt: skip


@transaction.atomic
def scan_dispute(dispute_id: int) -> list[EarlyWarning]:
    """Count a newly reported dispute once and evaluate the rules it touches."""
    from fating.disputes.models import Dispute

    dispute = Dispute.objects.filter(pk=dispute_id).first()
    if dispute is None or not _mark(Source.DISPUTE, dispute_id):
        return []
    place = dispute_place(dispute, AreaTree())
    category = dispute_category(dispute)
    day = timezone.localdate(dispute.created_at)
    week = rules.week_start(day)
    _tally(dispute.court_id, place.township_id, category, Source.DISPUTE, week)
    raised: list[EarlyWarning] = []
    respondents = list(dispute.parties.filter(role="respondent").values_list("name", "credit_code"))
    names = {"project": dispute.project_name, "employer": dispute.employer_name,
             "estate": dispute.housing_estate}  # fmt: skip
    _mark_groups(dispute, names, day)
    services.ensure_default_rules(court_id=dispute.court_id)
    for rule in active_rules(dispute.court_id):
        if rule.kind == Kind.MASS_DISPUTE:
            if dispute.people_involved >= rule.min_people:
                raised.append(services.raise_or_merge(
                    court_id=dispute.court_id, rule=rule, kind=Kind.MASS_DISPUTE,
                    subject_key=f"mass-people:dispute:{dispute.pk}",
                    title=f"群体性纠纷预警：{dispute.reference} 涉及 {dispute.people_involved} 人",
                    place=place, category=category, window=(day, day),
                    observed=dispute.people_involved, expected=None, p_value=None,
                    explanation=(f"计数：纠纷 {dispute.reference} 上报的涉及人数 {dispute.people_involved} 人；"
                                 f"规则“{rule.name}”要求单件至少 {rule.min_people} 人。"),
                    evidence=[{"type": "dispute", "id": dispute.pk, "ref": dispute.reference,
                               "date": day.isoformat()}],
                ))  # fmt: skip
            raised += _mass_by_key(rule, dispute.court_id, place, day, category, respondents, names)
        elif rule.kind == Kind.HOTSPOT:
            w = _hotspot(rule, dispute.court_id, place, category, week, Source.DISPUTE)
            raised += [w] if w else []
    return raised


@transaction.atomic
def scan_filing(filing_id: int) -> list[EarlyWarning]:
    """Count a submitted filing once and evaluate 立案吹哨 and the respondent rule."""
    from fating.cases.models import Filing

    filing = Filing.objects.select_related("cause").filter(pk=filing_id).first()
    if filing is None or filing.submitted_at is None or not _mark(Source.FILING, filing_id):
        return []
    place = filing_place(filing, AreaTree())
    category = filing_category(filing)
    day = timezone.localdate(filing.submitted_at)
    week = rules.week_start(day)
    _tally(filing.court_id, place.township_id, category, Source.FILING, week)
    raised: list[EarlyWarning] = []
    respondents = list(filing.parties.filter(role="defendant").values_list("name", "uscc"))
    services.ensure_default_rules(court_id=filing.court_id)
    for rule in active_rules(filing.court_id):
        if rule.kind == Kind.MASS_DISPUTE:
            # Filings carry no project, employer or estate names: only the respondent key applies.
            raised += _mass_by_key(rule, filing.court_id, place, day, category, respondents, {})
        elif rule.kind == Kind.FILING_WHISTLE:
            w = _whistle(rule, filing.court_id, place, category, week)
            raised += [w] if w else []
    return raised
