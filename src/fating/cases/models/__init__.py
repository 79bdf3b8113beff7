"""Models of the cases app: causes of action, filings, cases, fees and payments, hearings."""

from fating.cases.models.case import Case, CaseSequence, CourtFeeSetting
from fating.cases.models.causes import CauseOfAction
from fating.cases.models.filing import Claim, Evidence, Filing, FilingParty, FilingReview
from fating.cases.models.hearings import Hearing, HearingParticipant
from fating.cases.models.mediation import Entrustment
from fating.cases.models.payments import FeeRelief, Payment, PaymentCallback, Receipt, Refund
from fating.cases.models.time_limits import ExcludedPeriod, ProcedureChange, TimeLimitExtension

__all__ = [
    "Case",
    "CaseSequence",
    "CauseOfAction",
    "Claim",
    "CourtFeeSetting",
    "Entrustment",
    "Evidence",
    "ExcludedPeriod",
    "FeeRelief",
    "Filing",
    "FilingParty",
    "FilingReview",
    "Hearing",
    "HearingParticipant",
    "Payment",
    "PaymentCallback",
    "ProcedureChange",
    "Receipt",
    "Refund",
    "TimeLimitExtension",
]
