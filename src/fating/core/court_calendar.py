"""The court's holiday calendar: the shipped years plus the years a court loaded into the database.

`court_calendar()` is what every service passes to the calendar engine (fating.core.calendar):
the shipped JSON years (fating/core/calendar/data/) with each HolidayYear row replacing the
shipped year of the same number. It is cached per process and rebuilt when the table changes:
each call reads the (year, loaded_at) pairs — one small query — and compares them with the cached
ones, so an import in one process (a web worker, `fating calendar import`, a Celery worker) is
seen by every other one at its next deadline, and a rolled-back import is never served.

`import_year()` is the one way to load or correct a year: validated by the engine's own parser,
one transaction, one audit event. Only a court administrator or a superuser may do it (the
calendar is national data that moves every court's deadlines).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.core.audit import record_event
from fating.core.calendar import (
    HolidayCalendar,
    RuleInputError,
    default_calendar,
    load_calendar,
    normalise_year_document,
    shipped_documents,
)
from fating.core.exceptions import FieldError, NotPermitted
from fating.core.models import HolidayYear

logger = logging.getLogger(__name__)

# Bound on an uploaded document: a year's notice is ~2 KB; this stops a pasted novel.
MAX_DOCUMENT_BYTES = 64 * 1024
_REQUEST_ATTR = "_fating_court_calendar"
# Asked as `user.has_perm(...)`: the accounts app's role backend grants it to court administrators
# (core sits below accounts, so it names the permission instead of reading roles).
MANAGE_CALENDAR = "core.manage_calendar"

_lock = threading.Lock()
_cached: tuple[tuple[tuple[int, str], ...], HolidayCalendar] | None = None


# --------------------------------------------------------------------------------------------
# Reads


def _stamp() -> tuple[tuple[int, str], ...]:
    rows = HolidayYear.objects.order_by("year").values_list("year", "loaded_at")
    return tuple((year, loaded_at.isoformat()) for year, loaded_at in rows)


def _build() -> HolidayCalendar:
    calendar = default_calendar()
    for row in HolidayYear.objects.order_by("year"):
        try:
            calendar = calendar.extended(row.document)
        except RuleInputError as exc:
            # A row edited by hand in the database must not stop every deadline in the court;
            # the year then counts as not loaded and the pages say so.
            logger.error("holiday year %s is invalid and was skipped: %s", row.year, exc)
    return calendar


def invalidate() -> None:
    """Forget this process's cached calendar (the next call rebuilds it)."""
    global _cached
    with _lock:
        _cached = None


def court_calendar(request: HttpRequest | None = None) -> HolidayCalendar:
    """The calendar every deadline is computed on: shipped years, replaced by loaded ones.

    With `request`, the calendar is also kept on the request so a page listing many deadlines
    reads the table once."""
    global _cached
    if request is not None and hasattr(request, _REQUEST_ATTR):
        kept: HolidayCalendar = getattr(request, _REQUEST_ATTR)
        return kept
    stamp = _stamp()
    with _lock:
        cached = _cached
    if cached is None or cached[0] != stamp:
        calendar = _build()
        with _lock:
            _cached = (stamp, calendar)
    else:
        calendar = cached[1]
    if request is not None:
        setattr(request, _REQUEST_ATTR, calendar)
    return calendar


@dataclass(frozen=True)
class YearRow:
    """One line of the administrator's list: a year in force and where it came from."""

    year: int
    origin: str  # "loaded" (database) or "shipped" (code)
    source: str
    confidence: str
    verified: bool
    holidays: int
    workdays: int
    loaded_by: str
    loaded_at: Any


def year_rows() -> list[YearRow]:
    """Every year the court calendar covers, newest first, with its source and confidence."""
    rows: dict[int, YearRow] = {}
    for doc in shipped_documents():
        rows[int(doc["year"])] = YearRow(
            year=int(doc["year"]),
            origin="shipped",
            source=str(doc.get("source", "")),
            confidence=str(doc.get("confidence", "low")),
            verified=bool(doc.get("verified", False)),
            holidays=len(doc.get("holidays", [])),
            workdays=len(doc.get("workdays", [])),
            loaded_by="",
            loaded_at=None,
        )
    for row in HolidayYear.objects.select_related("loaded_by"):
        rows[row.year] = YearRow(
            year=row.year,
            origin="loaded",
            source=row.source,
            confidence=row.confidence,
            verified=row.verified,
            holidays=len(row.document.get("holidays", [])),
            workdays=len(row.document.get("workdays", [])),
            loaded_by=row.loaded_by.get_username() if row.loaded_by else "",
            loaded_at=row.loaded_at,
        )
    return [rows[y] for y in sorted(rows, reverse=True)]


def can_manage_calendar(user: Any) -> bool:
    """A superuser or a court administrator (of any court: the arrangement is national)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(user.has_perm(MANAGE_CALENDAR))


# --------------------------------------------------------------------------------------------
# Writes


def parse_document_text(text: str) -> dict[str, Any]:
    """Decode the JSON a court pasted or uploaded; errors name the field, in Chinese."""
    if len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        raise FieldError({"document": _("文件过大（不超过 64 KB）。")})
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = _("不是有效的 JSON（第%(line)s行第%(col)s列）。") % {
            "line": exc.lineno,
            "col": exc.colno,
        }
        raise FieldError({"document": message}) from None
    if not isinstance(data, dict):
        raise FieldError(
            {"document": _("应为一个年度的 JSON 对象（含 year、holidays、workdays）。")}
        )
    return data


@transaction.atomic
def import_year(
    *, actor: AbstractBaseUser | None, document: dict[str, Any], verified: bool | None = None
) -> HolidayYear:
    """Load (or correct) one year's arrangement; it replaces the shipped year of that number.

    `actor` None is the command line run by the operator (recorded as "system"); otherwise the
    actor must be a court administrator or a superuser. `verified` overrides the document's own
    flag (the administrator attests the dates were checked against the notice). Raises
    FieldError naming the field."""
    if actor is not None and not can_manage_calendar(actor):
        raise NotPermitted(_("只有法院管理员可以导入节假日安排。"))
    if verified is not None:
        document = {**document, "verified": verified}
    try:
        canonical = normalise_year_document(document)
    except RuleInputError as exc:
        raise FieldError({exc.field: exc.reason}) from None
    if not canonical["source"].strip():
        raise FieldError({"source": _("请填写来源：通知标题、文号和发布日期。")})
    if len(canonical["source"]) > 300:
        raise FieldError({"source": _("来源不超过300字。")})
    if not canonical["holidays"]:
        raise FieldError({"holidays": _("请至少填写一段放假日期。")})
    # The whole court calendar must still load with the new year in it.
    try:
        load_calendar([*shipped_documents(), canonical])
    except RuleInputError as exc:
        raise FieldError({exc.field: exc.reason}) from None
    existing = HolidayYear.objects.select_for_update().filter(year=canonical["year"]).first()
    before = None
    if existing is not None:
        before = {
            "document": existing.document,
            "source": existing.source,
            "confidence": existing.confidence,
            "verified": existing.verified,
        }
    row = existing or HolidayYear(year=canonical["year"])
    row.document = canonical
    row.source = canonical["source"]
    row.confidence = canonical["confidence"]
    row.verified = canonical["verified"]
    row.loaded_by_id = actor.pk if actor is not None else None
    row.loaded_at = timezone.now()
    row.save()
    record_event(
        actor=actor,
        action="core.holiday_year.import",
        target=row,
        before=before,
        after={
            "document": canonical,
            "replaces": "database" if existing else "shipped" if _is_shipped(row.year) else None,
        },
    )
    invalidate()
    transaction.on_commit(invalidate)
    return row


def _is_shipped(year: int) -> bool:
    return any(int(doc["year"]) == year for doc in shipped_documents())


__all__ = [
    "MANAGE_CALENDAR",
    "MAX_DOCUMENT_BYTES",
    "YearRow",
    "can_manage_calendar",
    "court_calendar",
    "import_year",
    "invalidate",
    "parse_document_text",
    "year_rows",
]
