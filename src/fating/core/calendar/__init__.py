"""The one calendar engine for every app: working days and legal periods (期间). Pure, no Django.

`holidays` — the State Council's yearly arrangements (rest days and 调休 make-up working days) as
data, shipped in `data/holidays-<year>.json`; Django code adds the years a court loaded with
`fating.core.holidays.court_calendar()`.
`periods` — CPL 第85条 (days; start day not counted; a last day on a rest day moves to the next
working day), 民法典 第202条 (months), working days, and the period calculator (期间计算器) behind
`fating period`, its page and its API.

Every deadline in the project is computed here; apps keep only the lengths and their articles.
"""

from fating.core.calendar.holidays import (
    DATA_DIR,
    UNCOVERED_WARNING,
    UNVERIFIED_WARNING,
    HolidayCalendar,
    RuleInputError,
    YearSource,
    add_working_days,
    default_calendar,
    is_working_day,
    load_calendar,
    next_working_day,
    normalise_year_document,
    parse_year_document,
    shipped_documents,
    working_day_on_or_after,
    working_days_between,
)
from fating.core.calendar.periods import (
    CPL_PERIODS,
    LEGAL_BASIS,
    PERIOD_FIELDS,
    PERIOD_UNITS,
    Duration,
    PeriodAnswer,
    PeriodEnd,
    PeriodRequest,
    PeriodUnit,
    add_months,
    compute_period,
    days,
    holiday_adjusted,
    is_in_time,
    months,
    nominal_end,
    parse_period_request,
    period_end,
    years,
)

__all__ = [
    "CPL_PERIODS",
    "DATA_DIR",
    "LEGAL_BASIS",
    "PERIOD_FIELDS",
    "PERIOD_UNITS",
    "UNCOVERED_WARNING",
    "UNVERIFIED_WARNING",
    "Duration",
    "HolidayCalendar",
    "PeriodAnswer",
    "PeriodEnd",
    "PeriodRequest",
    "PeriodUnit",
    "RuleInputError",
    "YearSource",
    "add_months",
    "add_working_days",
    "compute_period",
    "days",
    "default_calendar",
    "holiday_adjusted",
    "is_in_time",
    "is_working_day",
    "load_calendar",
    "months",
    "next_working_day",
    "nominal_end",
    "normalise_year_document",
    "parse_period_request",
    "parse_year_document",
    "period_end",
    "shipped_documents",
    "working_day_on_or_after",
    "working_days_between",
    "years",
]
