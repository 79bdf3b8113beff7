"""Dispute use cases. Each function: permission first, one transaction, one audit event.

Intake: report_dispute, send_consent_code, confirm_consent_by_code, record_paper_consent,
add_attachment. Mediation: start_mediation, escalate, delegate, respond_to_delegation,
extend_delegation, fail_delegation, expire_delegations, add_guidance, request_booking,
respond_to_booking, record_session, refer_to_filing, withdraw. Departments (部门联动):
hand_to_department, respond_to_referral, record_department_work, return_referral. Agreements: draft_agreement,
sign_agreement, mediator_sign, record_payment, check_defaults, apply_for_confirmation,
accept_confirmation, decide_confirmation.
"""

from fating.disputes.services.agreements import (
    InstalmentInput,
    accept_confirmation,
    apply_for_confirmation,
    check_defaults,
    decide_confirmation,
    draft_agreement,
    mediator_sign,
    record_payment,
    sign_agreement,
)
from fating.disputes.services.departments import (
    end_open_referrals,
    hand_to_department,
    record_department_work,
    respond_to_referral,
    return_referral,
)
from fating.disputes.services.intake import (
    DisputeInput,
    PartyInput,
    add_attachment,
    confirm_consent_by_code,
    consent_pending,
    record_paper_consent,
    report_dispute,
    send_consent_code,
)
from fating.disputes.services.mediation import (
    add_guidance,
    delegate,
    escalate,
    expire_delegations,
    extend_delegation,
    fail_delegation,
    record_session,
    refer_to_filing,
    request_booking,
    respond_to_booking,
    respond_to_delegation,
    start_mediation,
    withdraw,
)

__all__ = [
    "DisputeInput", "InstalmentInput", "PartyInput", "accept_confirmation", "add_attachment",
    "add_guidance", "apply_for_confirmation", "check_defaults", "confirm_consent_by_code",
    "consent_pending", "decide_confirmation", "delegate",
    "draft_agreement", "end_open_referrals", "escalate", "hand_to_department",
    "record_department_work", "respond_to_referral", "return_referral", "expire_delegations", "extend_delegation", "fail_delegation",
    "mediator_sign", "record_paper_consent", "record_payment", "record_session", "refer_to_filing",
    "report_dispute", "request_booking", "respond_to_booking", "respond_to_delegation",
    "send_consent_code", "sign_agreement", "start_mediation", "withdraw",
]  # fmt: skip
