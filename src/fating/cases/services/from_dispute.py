"""A filing draft carried over from a dispute whose mediation failed (诉讼兜底).

The disputes app describes what to carry over in a `DisputeDraft` (plain data, declared in
fating.disputes.court_side: this app never reads the disputes tables); the draft is created in one transaction with one audit event, and
the filer completes and submits it like any other filing.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from fating.cases.models import CauseOfAction, Claim, Evidence, Filing, FilingParty
from fating.core.audit import record_event
from fating.disputes.court_side import DisputeDraft

# The dispute's sides become the sides of the suit: the applicant sues the respondent.
ROLE_MAP = {"applicant": FilingParty.Role.PLAINTIFF, "respondent": FilingParty.Role.DEFENDANT}
KIND_MAP = {"person": FilingParty.Kind.NATURAL, "organisation": FilingParty.Kind.ORGANISATION}


@transaction.atomic
def draft_from_dispute(*, draft: DisputeDraft) -> Filing:
    """Create the draft filing. Attachments are re-hashed and must match the dispute's hashes."""
    cause = None
    if draft.cause_revision and draft.cause_code:
        cause = CauseOfAction.objects.filter(
            revision=draft.cause_revision, code=draft.cause_code
        ).first()
    filing = Filing.objects.create(
        filer=draft.filer,
        filer_capacity=draft.filer_capacity,
        assisted_by=draft.filer if draft.filer_capacity == Filing.FilerCapacity.LIAISON else None,
        court=draft.court,
        tribunal=draft.tribunal,
        received_by=draft.court,
        cause=cause,
        facts=draft.facts,
        consent_note=draft.consent_note,
        source_dispute_id=draft.source_dispute_id,
    )
    for p in draft.parties:
        FilingParty.objects.create(
            filing=filing, role=ROLE_MAP[p.role], kind=KIND_MAP[p.kind], name=p.name,
            id_number=p.id_number, uscc=p.credit_code, mobile=p.mobile, address=p.address,
            user=p.user,
        )  # fmt: skip
    if draft.amount:
        defendants = "、".join(p.name for p in draft.parties if p.role == "respondent")
        Claim.objects.create(
            filing=filing, text=f"判令{defendants}支付{draft.amount}元", amount=draft.amount
        )
    for a in draft.attachments:
        if hashlib.sha256(a.content).hexdigest() != a.sha256:
            raise ValueError(f"attachment {a.title!r} does not match its hash")
        evidence = Evidence(
            filing=filing, kind=Evidence.Kind.EVIDENCE, title=a.title[:120],
            source=f"纠纷 {draft.reference}", original_name=a.name[-200:], size=len(a.content),
            sha256=a.sha256, uploaded_by=draft.filer,
        )  # fmt: skip
        evidence.file.save(a.name or "attachment.bin", ContentFile(a.content), save=False)
        evidence.save()
    record_event(
        actor=draft.filer,
        action="cases.filing.create_from_dispute",
        target=filing,
        after={"source_dispute_id": draft.source_dispute_id, "parties": len(draft.parties),
               "claims": 1 if draft.amount else 0, "evidence": len(draft.attachments)},
    )  # fmt: skip
    return filing
