"""The data behind the network map: outlines of the user's counties and townships, and points."""

from __future__ import annotations

from typing import Any

from fating.accounts.models import User
from fating.network.models import Area, ServicePoint
from fating.network.selectors import courts_for, service_points_for


def network_map(user: User) -> dict[str, Any]:
    courts = list(courts_for(user).select_related("area"))
    county_ids = [c.area_id for c in courts]
    areas = Area.objects.filter(pk__in=county_ids) | Area.objects.filter(
        parent_id__in=county_ids, level=Area.Level.TOWNSHIP
    )
    features = [
        {
            "type": "Feature",
            "properties": {
                "name": a.name,
                "level": a.level,
                "id": a.pk,
                "population": a.population,
            },
            "geometry": a.boundary,
        }
        for a in areas.exclude(boundary=None).order_by("level", "code")
    ]
    points = [
        {
            "id": p.pk,
            "name": p.name,
            "kind": p.kind,
            "kind_label": p.get_kind_display(),
            "tribunal": p.tribunal.name,
            "value": [float(p.longitude), float(p.latitude)],
            "active": p.active,
        }
        for p in service_points_for(user).filter(active=True)
    ]
    return {
        "geojson": {"type": "FeatureCollection", "features": features},
        "points": points,
        "kinds": [{"value": v, "label": str(lbl)} for v, lbl in ServicePoint.Kind.choices],
    }
