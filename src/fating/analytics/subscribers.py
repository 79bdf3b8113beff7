"""Keeping the roll-ups current: the audit events of the services that change a counted record
(`fating.core.events`), each handed to `tasks.sync_record` after the service's commit.

`SUBSCRIPTIONS` names the events (registered in `AnalyticsConfig.ready`); a new service that
changes a dispute, filing, case or judicial confirmation records an event matching one of them,
and cases/tests/test_rollup_events.py lists it. `analytics_rebuild` repairs anything missed.
"""

from __future__ import annotations

from fating.core.events import DomainEvent, enqueue

SYNC_TASK = "fating.analytics.tasks.sync_record"

# The event's target model → the roll-up measure it counts in.
MEASURES = {
    "disputes.dispute": "dispute",
    "disputes.judicialconfirmation": "confirmation",
    "cases.filing": "filing",
    "cases.case": "case",
}

_SYNC = "fating.analytics.subscribers.sync_target"
SUBSCRIPTIONS: tuple[tuple[str, str], ...] = (
    # Report, and every move of status, tier or place (disputes.services.common.move).
    ("disputes.dispute.", _SYNC),
    # Applied for, accepted, confirmed or rejected.
    ("disputes.confirmation.", _SYNC),
    # A filing's row: its status, court, tribunal, cause, submission and number of parties (a
    # case counts its filing's parties too: the filing's sync carries its case along).
    *((f"cases.filing.{action}", _SYNC) for action in (
        "create", "create_from_dispute", "update", "party.add", "party.remove", "submit",
        "resubmit", "withdraw", "forward", "request_correction", "refuse", "accept",
    )),
    # Closed.
    ("cases.case.", _SYNC),
)  # fmt: skip


def sync_target(event: DomainEvent) -> None:
    """Move the event's record to the roll-up cell it belongs to now."""
    measure = MEASURES.get(event.target_type)
    if measure is not None and event.target_pk is not None:
        enqueue(SYNC_TASK, measure, event.target_pk)
