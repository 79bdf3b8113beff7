"""What a dispute looks like to a given reader: masking, timeline, offered actions."""

from __future__ import annotations

from typing import Any

from fating.accounts.models import User
from fating.accounts.timeline import timeline_rows
from fating.core.audit import events_for
from fating.core.identifiers import mask_id_number, mask_mobile, mask_uscc
from fating.core.models import AuditEvent
from fating.disputes import actions, selectors
from fating.disputes.models import Dispute, DisputeParty


def sees_identifiers(user: User, dispute: Dispute) -> bool:
    """Full identifiers only for court staff and the mediator at work; everyone else sees masks."""
    return selectors.is_court_staff(user, dispute) or selectors.is_assigned_mediator(user, dispute)


def party_view(party: DisputeParty, *, full: bool, own: bool) -> dict[str, Any]:
    show = full or own
    return {
        "id": party.pk,
        "role": party.role,
        "role_label": party.get_role_display(),
        "kind": party.kind,
        "name": party.name,
        "id_number": party.id_number
        if show
        else mask_id_number(party.id_number)
        if party.id_number
        else "",
        "credit_code": party.credit_code
        if show
        else mask_uscc(party.credit_code)
        if party.credit_code
        else "",
        "mobile": party.mobile if show else mask_mobile(party.mobile) if party.mobile else "",
        "address": party.address if show else "",
        "consent_given_at": party.consent_given_at,
        "is_me": own,
    }


def parties_for(user: User, dispute: Dispute) -> list[dict[str, Any]]:
    full = sees_identifiers(user, dispute)
    return [party_view(p, full=full, own=p.user_id == user.pk) for p in dispute.parties.all()]


def timeline(dispute: Dispute) -> list[dict[str, Any]]:
    """The dispute's history from the audit chain: its own events and those of its children."""
    from django.db.models import Q

    child_refs = Q()
    for model, related in (("disputes.delegation", "delegations"), ("disputes.agreement", "agreements"),
                           ("disputes.judgebooking", "bookings"), ("disputes.disputeparty", "parties"),
                           ("disputes.departmentreferral", "referrals")):  # fmt: skip
        ids = [str(row.pk) for row in getattr(dispute, related).all()]  # prefetched on the page
        if ids:
            child_refs |= Q(object_type=model, object_id__in=ids)
    confirmation_ids = [
        str(pk) for a in dispute.agreements.all() for pk in (c.pk for c in a.confirmations.all())
    ]
    if confirmation_ids:
        child_refs |= Q(object_type="disputes.judicialconfirmation", object_id__in=confirmation_ids)
    events = (
        events_for(dispute) | AuditEvent.objects.filter(child_refs)
        if child_refs
        else events_for(dispute)
    )
    return timeline_rows(events.select_related("actor").order_by("seq"))


def offered_actions(user: User, dispute: Dispute) -> list[dict[str, str]]:
    return [{"name": a.name, "label": a.label} for a in actions.offered(user, dispute)]
