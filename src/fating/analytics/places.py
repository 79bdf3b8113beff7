"""Where a dispute, filing, case or confirmation happened, in the area tree and the network.

Shared by analytics (roll-up cells) and warnings (hotspot cells). Read-only over other apps'
tables: the dispute's place of occurrence, else its service point's area; a filing carried over
from a dispute takes the dispute's place, otherwise the tribunal's township when it has exactly
one, otherwise only the court is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from fating.network.models import Area

UNCLASSIFIED = "未分类"


@dataclass(frozen=True)
class Place:
    court_id: int
    tribunal_id: int | None
    township_id: int | None
    village_id: int | None
    service_point_id: int | None


class AreaTree:
    """Parent links of all areas, loaded once per operation (areas change rarely, are few)."""

    def __init__(self) -> None:
        self._parent: dict[int, int | None] = {}
        self._level: dict[int, str] = {}
        for pk, parent, level in Area.objects.values_list("pk", "parent_id", "level"):
            self._parent[pk] = parent
            self._level[pk] = level

    def _up_to(self, area_id: int | None, level: str) -> int | None:
        seen = 0
        while area_id is not None and seen < 8:
            if self._level.get(area_id) == level:
                return area_id
            area_id = self._parent.get(area_id)
            seen += 1
        return None

    def township(self, area_id: int | None) -> int | None:
        return self._up_to(area_id, Area.Level.TOWNSHIP)

    def village(self, area_id: int | None) -> int | None:
        return self._up_to(area_id, Area.Level.VILLAGE)


def _point_area(point_id: int | None) -> int | None:
    if point_id is None:
        return None
    from fating.network.models import ServicePoint

    point = ServicePoint.objects.filter(pk=point_id).prefetch_related("areas").first()
    areas = sorted(point.areas.all(), key=lambda a: a.level != Area.Level.VILLAGE) if point else []
    return areas[0].pk if areas else None


def dispute_place(dispute: object, tree: AreaTree) -> Place:
    area_id = getattr(dispute, "area_id", None) or _point_area(dispute.service_point_id)  # type: ignore[attr-defined]
    return Place(
        court_id=dispute.court_id,  # type: ignore[attr-defined]
        tribunal_id=dispute.tribunal_id,  # type: ignore[attr-defined]
        township_id=tree.township(area_id),
        village_id=tree.village(area_id),
        service_point_id=dispute.service_point_id,  # type: ignore[attr-defined]
    )


def dispute_category(dispute: object) -> str:
    return (getattr(dispute, "cause_name", "") or UNCLASSIFIED)[:60]


def filing_place(filing: object, tree: AreaTree) -> Place:
    """The filing's place: from its source dispute, else the tribunal's only township."""
    from fating.disputes.models import Dispute

    source = getattr(filing, "source_dispute_id", None)
    dispute = Dispute.objects.filter(pk=source).first() if source else None
    point_id = None
    assisted = getattr(filing, "assisted_by_id", None)
    if assisted:
        from fating.network.models import Liaison

        point_id = (
            Liaison.objects.filter(user_id=assisted)
            .values_list("service_point_id", flat=True)
            .first()
        )
    if dispute is not None:
        p = dispute_place(dispute, tree)
        return Place(
            filing.court_id,  # type: ignore[attr-defined]
            filing.tribunal_id or p.tribunal_id,  # type: ignore[attr-defined]
            p.township_id,
            p.village_id,
            point_id or p.service_point_id,
        )
    township = None
    tribunal_id = filing.tribunal_id  # type: ignore[attr-defined]
    if tribunal_id:
        ids = list(
            Area.objects.filter(tribunals=tribunal_id, level=Area.Level.TOWNSHIP).values_list(
                "pk", flat=True
            )[:2]
        )
        township = ids[0] if len(ids) == 1 else None
    village = None
    if point_id and township is None:
        area_id = _point_area(point_id)
        township, village = tree.township(area_id), tree.village(area_id)
    return Place(filing.court_id, tribunal_id, township, village, point_id)  # type: ignore[attr-defined]


def filing_category(filing: object) -> str:
    cause = getattr(filing, "cause", None)
    return (cause.name if cause is not None else UNCLASSIFIED)[:60]
