"""`{% calendar_flag day %}`: next to a deadline, say when its year's holiday arrangement is not
loaded or not verified ("该年度节假日安排尚未导入，期限按周末推算，请核对"). One read of the
calendar per request (kept on the request)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from fating.core.calendar import days, period_end
from fating.core.court_calendar import court_calendar

register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_flag(context: Any, *days: Any) -> str:
    known = [d.date() if isinstance(d, dt.datetime) else d for d in days if isinstance(d, dt.date)]
    if not known:
        return ""
    warning = court_calendar(context.get("request")).warning_for(*known)
    if not warning:
        return ""
    return format_html('<span class="calendar-flag" role="note">（{}）</span>', _(warning))


@register.simple_tag(takes_context=True)
def period_last_day(context: Any, start: Any, length: int) -> dt.date | None:
    """`{% period_last_day ag.effective_at 30 as last %}`: the last day of a `length`-day period
    from `start` on the court calendar (民事诉讼法 第85条), e.g. the 30-day window to apply for
    judicial confirmation (第205条)."""
    if isinstance(start, dt.datetime):
        start = timezone.localtime(start).date()
    if not isinstance(start, dt.date):
        return None
    calendar = court_calendar(context.get("request"))
    return period_end(start, days(int(length)), calendar=calendar).end
