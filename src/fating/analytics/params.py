"""Query parameters shared by the analytics page, API and exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from fating.analytics import indicators, selectors
from fating.core.exceptions import FieldError


def _int(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FieldError({field: "应为整数编号。"}) from None


def _day(value: Any, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise FieldError({field: "日期格式应为 YYYY-MM-DD。"}) from None


def viewpoint_and_period(
    user: Any, query: Any, *, month: str = ""
) -> tuple[selectors.Viewpoint, date, date]:
    """The viewpoint (through the access rule) and the period the query asks for."""
    vp = selectors.viewpoint_for(
        user, court_id=_int(query.get("court"), "court"), area_id=_int(query.get("area"), "area"),
        point_id=_int(query.get("point"), "point"),
    )  # fmt: skip
    if month:
        since, until = month_bounds(month)
    else:
        since, until = indicators.default_period(timezone.localdate())
        since = _day(query.get("since"), "since") or since
        until = _day(query.get("until"), "until") or until
    if since > until:
        raise FieldError({"until": "结束日期不能早于开始日期。"})
    return vp, since, until


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a "YYYY-MM" month."""
    try:
        year, mon = (int(x) for x in month.split("-"))
        return indicators.month_period(year, mon)
    except ValueError:
        raise FieldError({"month": "月份格式应为 YYYY-MM。"}) from None


def dashboard_for(user: Any, query: Any, *, month: str = "") -> dict[str, Any]:
    vp, since, until = viewpoint_and_period(user, query, month=month)
    return indicators.dashboard(vp, since=since, until=until)


def charts_for(user: Any, query: Any) -> dict[str, Any]:
    vp, since, until = viewpoint_and_period(user, query)
    return indicators.charts(vp, since=since, until=until)


def catalogue_for(user: Any, query: Any) -> list[dict[str, Any]]:
    """Every indicator with its definition, for the viewpoint and period the query asks for."""
    from fating.analytics.catalogue import catalogue

    vp, since, until = viewpoint_and_period(user, query)
    return catalogue(vp, since=since, until=until)
