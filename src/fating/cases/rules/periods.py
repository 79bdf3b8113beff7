"""Re-export of the period arithmetic (CPL 第85条; 民法典 第202条), which lives in the shared
engine fating.core.calendar.periods. Kept so existing `fating.cases.rules.periods` imports work."""

from fating.core.calendar.periods import (
    CPL_PERIODS,
    UNIT_LABELS,
    Duration,
    PeriodEnd,
    PeriodUnit,
    add_months,
    days,
    elapsed_days,
    holiday_adjusted,
    is_in_time,
    months,
    nominal_end,
    period_end,
    years,
)

__all__ = [
    "CPL_PERIODS",
    "UNIT_LABELS",
    "Duration",
    "PeriodEnd",
    "PeriodUnit",
    "add_months",
    "days",
    "elapsed_days",
    "holiday_adjusted",
    "is_in_time",
    "months",
    "nominal_end",
    "period_end",
    "years",
]
