"""The dashboard map: county and township outlines shaded by 万人成讼率 or open warnings, and
service points coloured by activity.

Open warnings are counted by the warnings app, which registers its counter here by name
(`register_area_count` in WarningsConfig.ready): warnings builds on analytics' places, so
analytics does not import warnings back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.module_loading import import_string

from fating.network.models import Area

# name → dotted path of a function (court id → {township id: count}).
_AREA_COUNTS: dict[str, str] = {}


def register_area_count(name: str, counter: str) -> None:
    """Shade option `name` counts, per township of a court, what `counter` (a dotted path) says."""
    _AREA_COUNTS[name] = counter


def _area_counts(name: str, court_id: int) -> dict[int, int]:
    path = _AREA_COUNTS.get(name)
    if path is None:
        return {}
    counter: Callable[[int], dict[int, int]] = import_string(path)
    return counter(court_id)


def map_data(data: dict[str, Any], court_area_id: int) -> dict[str, Any]:
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
    open_warnings = _area_counts("open_warnings", data["court"]["id"])
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
