"""Detection on new records: the audit events that bring a dispute or a filing into the count
(`fating.core.events`), each handed to a scan task after the service's commit.

Registered in `WarningsConfig.ready`. A scan counts a record once (ScanMark), so an event seen
twice, or `warnings_scan` run over the same records, changes nothing.
"""

from __future__ import annotations

from fating.core.events import DomainEvent, enqueue

SUBSCRIPTIONS: tuple[tuple[str, str], ...] = (
    # A reported dispute: 群体性 by count or by people, hotspots.
    ("disputes.dispute.report", "fating.warnings.subscribers.dispute_reported"),
    # A submitted filing (the first submission counts; a resubmission after correction finds it
    # counted already): 立案吹哨 and the respondent rule.
    ("cases.filing.submit", "fating.warnings.subscribers.filing_submitted"),
    ("cases.filing.resubmit", "fating.warnings.subscribers.filing_submitted"),
)


def dispute_reported(event: DomainEvent) -> None:
    if event.target_type == "disputes.dispute" and event.target_pk is not None:
        enqueue("fating.warnings.tasks.scan_dispute", event.target_pk)


def filing_submitted(event: DomainEvent) -> None:
    if event.target_type == "cases.filing" and event.target_pk is not None:
        enqueue("fating.warnings.tasks.scan_filing", event.target_pk)
