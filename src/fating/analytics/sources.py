"""Indicators read from the raw tables rather than the roll-up: litigants by residence (万人成讼率,
counted as 淄博 counts it: 诉讼主体 by the address they gave, not the place of the dispute), and
the counts the roll-up does not keep (online mediations, 指导调解, 乡规民约 reviews, 司法建议,
速裁, 家事调撤, judges, 互联网开庭, 庭审直播, 电子送达).

Each function takes the viewpoint and a period and runs a fixed number of queries. Counts that
have a place (disputes, service points, warnings) follow the viewpoint's area or point; counts of
cases, hearings and services are the whole court's (their definitions say so).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from fating.analytics.selectors import Viewpoint
from fating.network.models import Area

# 《民事案件案由规定》 part two, 婚姻家庭、继承纠纷 (the same code in the 2020 and 2025 revisions).
FAMILY_CAUSE_PATH = "P2/"
MEDIATED_OR_WITHDRAWN = ("mediation", "withdrawal")


# -- 诉讼主体 by residence ----------------------------------------------------------------------


class Residence:
    """Match an address to the areas named in it: the deepest area whose name the address
    contains, and every area above it. One pass of one pattern per distinct address."""

    def __init__(self, county_id: int) -> None:
        self.parent: dict[int, int | None] = {}
        by_name: dict[str, list[int]] = {}
        wanted = {county_id}
        rows = list(Area.objects.values_list("pk", "parent_id", "name"))
        children: dict[int | None, list[tuple[int, str]]] = {}
        for pk, parent, name in rows:
            children.setdefault(parent, []).append((pk, name))
        stack = [county_id]
        while stack:  # the county and everything below it
            node = stack.pop()
            for pk, _name in children.get(node, []):
                if pk not in wanted:
                    wanted.add(pk)
                    stack.append(pk)
        for pk, parent, name in rows:
            if pk in wanted and name:
                self.parent[pk] = parent if pk != county_id else None
                by_name.setdefault(name, []).append(pk)
        self.by_name = by_name
        names = sorted(by_name, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, names))) if names else None

    def areas(self, address: str) -> set[int]:
        found: set[int] = set()
        if not address or self.pattern is None:
            return found
        for match in self.pattern.findall(address):
            for pk in self.by_name[match]:
                node: int | None = pk
                while node is not None and node not in found:
                    found.add(node)
                    node = self.parent.get(node)
        return found


def litigants(vp: Viewpoint, since: date, until: date, area_ids: list[int]) -> dict[int, int]:
    """诉讼主体 (every party of every case accepted in the period, counted once per case) whose
    address lies in each of `area_ids`."""
    from fating.cases.models import FilingParty

    addresses = dict(
        FilingParty.objects.filter(
            filing__case__court_id=vp.court.pk,
            filing__case__accepted_on__gte=since,
            filing__case__accepted_on__lte=until,
        )
        .values_list("address")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not addresses:
        return dict.fromkeys(area_ids, 0)
    residence = Residence(vp.court.area_id)
    counts: Counter[int] = Counter()
    for address, n in addresses.items():
        for area in residence.areas(address or ""):
            counts[area] += n
    return {pk: counts.get(pk, 0) for pk in area_ids}


# -- counts the roll-up does not keep ----------------------------------------------------------


def _descendants(area: Area) -> list[int]:
    ids, frontier = [area.pk], [area.pk]
    for _level in range(4):
        frontier = list(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        if not frontier:
            break
        ids += frontier
    return ids


def _dispute_place(vp: Viewpoint, prefix: str) -> Q:
    """The viewpoint's narrowing for rows reached through a dispute (`prefix` = path to it)."""
    q = Q(**{f"{prefix}court_id": vp.court.pk})
    if vp.point is not None:
        return q & Q(**{f"{prefix}service_point_id": vp.point.pk})
    if vp.area is not None and vp.area.level != Area.Level.COUNTY:
        ids = _descendants(vp.area)
        q &= Q(**{f"{prefix}area_id__in": ids}) | Q(
            **{f"{prefix}area": None, f"{prefix}service_point__areas__in": ids}
        )
    return q


def _span(qs: QuerySet[Any], field: str, since: date, until: date) -> QuerySet[Any]:
    return qs.filter(**{f"{field}__gte": since, f"{field}__lte": until})


def raw_counts(vp: Viewpoint, since: date, until: date) -> dict[str, tuple[int, int]]:
    """Numerators and denominators (a count has denominator 0) of the raw-table indicators."""
    from django.contrib.contenttypes.models import ContentType

    from fating.accounts.models import Role
    from fating.accounts.selectors import holders
    from fating.cases.models import Case, Hearing
    from fating.delivery import rules as delivery_rules
    from fating.delivery.models import Service
    from fating.disputes.models import Dispute, Guidance, MediationSession

    court = vp.court.pk
    out: dict[str, tuple[int, int]] = {}
    sessions = _span(MediationSession.objects.filter(_dispute_place(vp, "dispute__")),
                     "held_at__date", since, until)  # fmt: skip
    # distinct: a point serving several villages of the area would repeat a row in the join
    out["online_mediations"] = (sessions.filter(mode="online").values("pk").distinct().count(), 0)
    guidance = _span(Guidance.objects.filter(_dispute_place(vp, "dispute__")), "created_at__date",
                     since, until)  # fmt: skip
    out["guided_mediations"] = (guidance.values("pk").distinct().count(), 0)
    out["village_rules_reviews"] = (_village_rules_reviews(vp, since, until), 0)
    issued, replied = _suggestions(vp, since, until)
    out["suggestions_issued"] = (issued, 0)
    out["suggestions_replied"] = (replied, 0)
    out["suggestion_reply_rate"] = (replied, issued)
    judged, not_appealed, decided, reversed_ = _appeals(court, since, until)
    out["appeal_acceptance_rate"] = (not_appealed, judged)  # 服判息诉率
    out["reversal_rate"] = (reversed_, decided)  # 发改率
    # Cases, hearings and services: the whole court.
    accepted = _span(Case.objects.filter(court_id=court), "accepted_on", since, until)
    first = accepted.filter(type_code="民初")
    speedy = first.filter(judge__speedy_teams__court_id=court, judge__speedy_teams__active=True)
    out["speedy_share"] = (speedy.values("pk").distinct().count(), first.count())
    closed = _span(Case.objects.filter(court_id=court, status="closed"), "closed_on", since, until)
    family = closed.filter(filing__cause__path__startswith=FAMILY_CAUSE_PATH)
    out["family_mediation_withdrawal_rate"] = (
        family.filter(closure__in=MEDIATED_OR_WITHDRAWN).count(),
        family.count(),
    )
    judges = holders(Role.JUDGE, court=court).count()
    out["cases_per_judge"] = (accepted.count(), judges)
    held = _span(Hearing.objects.filter(case__court_id=court, status="held"), "starts_at__date",
                 since, until)  # fmt: skip
    out["online_hearings"] = (held.filter(mode="online").count(), 0)
    out["online_hearing_rate"] = (out["online_hearings"][0], held.count())
    out["trial_broadcasts"] = (_broadcasts(court, since, until), 0)
    types = ContentType.objects.get_for_models(Case, Dispute)
    matters = Q(
        matter_type=types[Case], matter_id__in=Case.objects.filter(court_id=court).values("pk")
    ) | Q(
        matter_type=types[Dispute],
        matter_id__in=Dispute.objects.filter(court_id=court).values("pk"),
    )
    served = _span(
        Service.objects.filter(matters, status="served"), "served_at__date", since, until
    )
    electronic = served.filter(served_channel__in=sorted(delivery_rules.ELECTRONIC)).count()
    out["electronic_service"] = (electronic, 0)
    out["electronic_service_rate"] = (electronic, served.count())
    return out


def _village_rules_reviews(vp: Viewpoint, since: date, until: date) -> int:
    from fating.knowledge.models import VillageRulesVersion

    qs = VillageRulesVersion.objects.filter(
        rules__service_point__tribunal__court_id=vp.court.pk, reviewed_at__isnull=False
    )
    if vp.point is not None:
        qs = qs.filter(rules__service_point_id=vp.point.pk)
    elif vp.area is not None and vp.area.level != Area.Level.COUNTY:
        qs = qs.filter(rules__service_point__areas__in=_descendants(vp.area))
    return _span(qs, "reviewed_at__date", since, until).values("pk").distinct().count()


# 司法建议 live in warnings, which builds on analytics: warnings registers its counter here
# (WarningsConfig.ready), as it does the map's shading (mapdata.register_area_count).
# The counter: (court id, area ids or None, point id or None, since, until) → (issued, replied).
_SUGGESTIONS: list[str] = []


def register_suggestion_count(counter: str) -> None:
    """`counter` (a dotted path) counts 司法建议 issued in a period and, of those, replied."""
    _SUGGESTIONS[:] = [counter]


_APPEALS: list[str] = []


def register_appeal_count(counter: str) -> None:
    """`counter` (a dotted path) gives, for a court and period, the judged cases, those not
    appealed, the appeals with a recorded result and those amended or remanded."""
    _APPEALS[:] = [counter]


def _appeals(court: int, since: date, until: date) -> tuple[int, int, int, int]:
    if not _APPEALS:
        return 0, 0, 0, 0
    from django.utils.module_loading import import_string

    judged, not_appealed, decided, reversed_ = import_string(_APPEALS[0])(court, since, until)
    return int(judged), int(not_appealed), int(decided), int(reversed_)


# 庭审直播 live in trials, which builds on analytics: trials registers its counter here
# (TrialsConfig.ready). The counter: (court id, since, until) → hearings broadcast.
_BROADCASTS: list[str] = []


def register_broadcast_count(counter: str) -> None:
    """`counter` (a dotted path) counts a court's hearings broadcast in a period."""
    _BROADCASTS[:] = [counter]


def _broadcasts(court: int, since: date, until: date) -> int:
    if not _BROADCASTS:
        return 0
    from django.utils.module_loading import import_string

    return int(import_string(_BROADCASTS[0])(court, since, until))


def _suggestions(vp: Viewpoint, since: date, until: date) -> tuple[int, int]:
    if not _SUGGESTIONS:
        return 0, 0
    from django.utils.module_loading import import_string

    areas = None
    if vp.point is None and vp.area is not None and vp.area.level != Area.Level.COUNTY:
        areas = _descendants(vp.area)
    counter = import_string(_SUGGESTIONS[0])
    issued, replied = counter(vp.court.pk, areas, vp.point.pk if vp.point else None, since, until)
    return int(issued), int(replied)
