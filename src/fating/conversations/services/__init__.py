"""Group-chat use cases. Each function: permission first, one transaction, one audit event;
the live push happens after commit.

For other apps:

    room_for_matter(matter) -> Room                      the matter's room (created if missing)
    post_system_event(room, text, kind) -> Message       e.g. kind="document_served"
    post_system_event_for(matter, text, kind) -> Message the same, addressed by the matter

Messages: open_room, post_message, mark_read, open_file_verified. Evidence: submit_evidence,
record_opinion, export_cross_examination, open_evidence_verified. Mediation: propose,
respond_to_proposal, draft_agreement_from_proposal, open_bidding, submit_offer.
"""

from fating.conversations.services.evidence import (
    export_cross_examination,
    open_evidence_verified,
    record_opinion,
    submit_evidence,
)
from fating.conversations.services.messages import (
    mark_read,
    open_file_verified,
    open_room,
    post_message,
    post_system_event,
    post_system_event_for,
    room_for_matter,
)
from fating.conversations.services.proposals import (
    draft_agreement_from_proposal,
    open_bidding,
    propose,
    respond_to_proposal,
    submit_offer,
)

__all__ = [
    "draft_agreement_from_proposal", "export_cross_examination", "mark_read",
    "open_bidding", "open_evidence_verified", "open_file_verified", "open_room", "post_message",
    "post_system_event", "post_system_event_for", "propose", "record_opinion",
    "respond_to_proposal", "room_for_matter", "submit_evidence", "submit_offer",
]  # fmt: skip
