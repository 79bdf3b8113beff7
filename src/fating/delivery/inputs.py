"""Reading the fields of a request (API body or page form) into the arguments of the service
functions, so the API and the pages accept and refuse exactly the same input."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from fating.accounts.models import User
from fating.core.exceptions import FieldError


def occurred_at(raw: Any) -> datetime | None:
    """A `datetime-local` value ("2026-01-05T10:30", local time) or an ISO timestamp; empty is
    None, which the service refuses with its own message."""
    text = str(raw or "").strip()
    try:
        value = parse_datetime(text) if text else None
    except ValueError:  # well formed but impossible, e.g. 2026-02-30
        value = None
    if text and value is None:
        raise FieldError({"occurred_at": _("发生时间格式应为“年-月-日 时:分”。")})
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def user(raw: Any, field: str) -> User | None:
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    found = User.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if found is None:
        raise FieldError({field: _("用户不存在。")})
    return found


def attempt_args(data: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of `services.add_attempt` (besides actor and service)."""
    return {
        "channel": str(data.get("channel") or ""),
        "assignee": user(data.get("assignee"), "assignee"),
        "tracking_number": str(data.get("tracking_number") or ""),
    }


def outcome_args(data: Mapping[str, Any], files: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of `services.record_outcome` (besides actor and attempt)."""
    return {
        "kind": str(data.get("kind") or ""),
        "occurred_at": occurred_at(data.get("occurred_at")),
        "upload": files.get("file") or None,
        "witness": str(data.get("witness") or ""),
        "note": str(data.get("note") or ""),
    }
