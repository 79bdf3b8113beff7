"""Models of the cases app: causes of action, filings, cases, fees and payments, hearings."""

from fating.cases.models.case import Case, CaseSequence, CourtFeeSetting
from fating.cases.models.causes import CauseOfAction
from fating.cases.models.changes import (
    ClaimChange,
    Counterclaim,
    FeeAdjustment,
    SpeedyTrialTeam,
    WageFigure,
)
from fating.cases.models.filing import Claim, Evidence, Filing, FilingParty, FilingReview
from fating.cases.models.hearings import Adjournment, Hearing, HearingParticipant
from fating.cases.models.mediation import Entrustment
from fating.cases.models.payments import (
    FeeRelief,
    Overpayment,
    Payment,
    PaymentCallback,
    Receipt,
    Refund,
)
from fating.cases.models.procedures import DivorcePreFiling, InvestigationOrder
from fating.cases.models.time_limits import ExcludedPeriod, ProcedureChange, TimeLimitExtension

__all__ = [
    "Adjournment",
    "Case",
    "CaseSequence",
    "CauseOfAction",
    "Claim",
    "ClaimChange",
    "Counterclaim",
    "CourtFeeSetting",
    "DivorcePreFiling",
    "Entrustment",
    "Evidence",
    "ExcludedPeriod",
    "FeeAdjustment",
    "FeeRelief",
    "Filing",
    "FilingParty",
    "FilingReview",
    "Hearing",
    "HearingParticipant",
    "InvestigationOrder",
    "Overpayment",
    "Payment",
    "PaymentCallback",
    "ProcedureChange",
    "Receipt",
    "Refund",
    "SpeedyTrialTeam",
    "TimeLimitExtension",
    "WageFigure",
]
