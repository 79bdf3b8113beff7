"""Re-export of the one calendar engine, which lives in fating.core.calendar so every app (not
only cases) computes deadlines on it. Kept so existing `fating.cases.rules.calendar` imports work.

`DATA_DIR` stays this package's data folder: other case rules (triage's average-wages.json) read
their data files from it; the holiday documents moved to fating/core/calendar/data/.
"""

from pathlib import Path

from fating.core.calendar.holidays import (
    ONE_DAY,
    HolidayCalendar,
    RuleInputError,
    YearSource,
    add_working_days,
    default_calendar,
    is_working_day,
    load_calendar,
    next_working_day,
    parse_year_document,
    working_day_on_or_after,
    working_days_between,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

__all__ = [
    "DATA_DIR",
    "ONE_DAY",
    "HolidayCalendar",
    "RuleInputError",
    "YearSource",
    "add_working_days",
    "default_calendar",
    "is_working_day",
    "load_calendar",
    "next_working_day",
    "parse_year_document",
    "working_day_on_or_after",
    "working_days_between",
]
