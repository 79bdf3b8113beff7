"""Models of the cases app: causes of action, filings, cases, fees and payments, hearings."""

from fating.cases.models.case import Case, CaseSequence, CourtFeeSetting
from fating.cases.models.causes import CauseOfAction
from fating.cases.models.filing import Claim, Evidence, Filing, FilingParty, FilingReview
from fating.cases.models.hearings import Hearing, HearingParticipant
from fating.cases.models.payments import FeeRelief, Payment, PaymentCallback, Receipt, Refund

__all__ = [
    "Case",
    "CaseSequence",
    "CauseOfAction",
    "Claim",
    "CourtFeeSetting",
    "Evidence",
    "FeeRelief",
    "Filing",
    "FilingParty",
    "FilingReview",
    "Hearing",
    "HearingParticipant",
    "Payment",
    "PaymentCallback",
    "Receipt",
    "Refund",
]
