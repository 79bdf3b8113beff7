"""The dashboard map: county and township outlines shaded by 万人成讼率 or open warnings, and
service points coloured by activity."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from fating.network.models import Area


def map_data(data: dict[str, Any], court_area_id: int) -> dict[str, Any]:
    from fating.warnings.models import EarlyWarning

    areas = Area.objects.filter(pk=court_area_id) | Area.objects.filter(
        parent_id=court_area_id, level=Area.Level.TOWNSHIP
    )
    features = [
        {
            "type": "Feature",
            "properties": {"name": a.name, "id": a.pk, "level": a.level},
            "geometry": a.boundary,
        }
        for a in areas.exclude(boundary=None).order_by("level", "code")
    ]
    open_warnings = dict(
        EarlyWarning.objects.filter(court_id=data["court"]["id"])
        .exclude(status="closed").exclude(area=None)
        .values_list("area_id").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
    rates = {b["id"]: b for b in data["breakdown"] if b["level"] == "township"}
    townships = [
        {"id": a.pk, "name": a.name, "litigation_rate": rates.get(a.pk, {}).get("litigation_rate"),
         "population": a.population, "population_year": a.population_year,
         "open_warnings": open_warnings.get(a.pk, 0)}
        for a in areas.filter(level=Area.Level.TOWNSHIP).order_by("code")
    ]  # fmt: skip
    points = [
        {
            "id": p["id"],
            "name": p["name"],
            "value": [p["longitude"], p["latitude"], p["activity"] or 0],
        }
        for p in data["points"]
    ]
    return {"geojson": {"type": "FeatureCollection", "features": features}, "townships": townships,
            "points": points}  # fmt: skip
