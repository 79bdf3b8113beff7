"""Event hooks called when other apps record something. Each schedules work after the caller's
transaction commits (so the worker sees the committed rows and a rollback schedules nothing).

The disputes and cases apps may call these explicitly from their services; they are also
connected to `post_save` of Dispute, Filing, Case and JudicialConfirmation in
`WarningsConfig.ready`, so saves through the ORM are never missed. Calling twice is harmless:
detection counts a record once (ScanMark) and the roll-up sync moves a record's contribution
from its old cell to its new one (analytics.rollup).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction


def _after_commit(fn: Any, *args: Any) -> None:
    transaction.on_commit(lambda: fn(*args))


def on_dispute_reported(dispute_id: int) -> None:
    """A dispute was reported: detect (群体性, hotspot) and update the roll-ups."""
    from fating.analytics.tasks import sync_record
    from fating.warnings.tasks import scan_dispute

    _after_commit(scan_dispute.delay, dispute_id)
    _after_commit(sync_record.delay, "dispute", dispute_id)


def on_dispute_changed(dispute_id: int) -> None:
    """A dispute changed status, tier or place: update the roll-ups."""
    from fating.analytics.tasks import sync_record

    _after_commit(sync_record.delay, "dispute", dispute_id)


def on_filing_recorded(filing_id: int) -> None:
    """A filing was submitted or changed: detect (立案吹哨, respondent) and update roll-ups."""
    from fating.analytics.tasks import sync_record
    from fating.warnings.tasks import scan_filing

    _after_commit(scan_filing.delay, filing_id)
    _after_commit(sync_record.delay, "filing", filing_id)


def on_case_changed(case_id: int) -> None:
    """A case was accepted or closed: update the roll-ups."""
    from fating.analytics.tasks import sync_record

    _after_commit(sync_record.delay, "case", case_id)


def on_confirmation_changed(confirmation_id: int) -> None:
    """A judicial confirmation was applied for or decided: update the roll-ups."""
    from fating.analytics.tasks import sync_record

    _after_commit(sync_record.delay, "confirmation", confirmation_id)


def connect_signals() -> None:
    """Wire the hooks to post_save of the source models (idempotent: fixed dispatch uids)."""
    from django.db.models.signals import post_save

    from fating.cases.models import Case, Filing
    from fating.disputes.models import Dispute, JudicialConfirmation

    def dispute_saved(
        sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any
    ) -> None:
        if raw:
            return
        (on_dispute_reported if created else on_dispute_changed)(instance.pk)

    def filing_saved(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
        if not raw and instance.submitted_at is not None:
            on_filing_recorded(instance.pk)

    def case_saved(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
        if not raw:
            on_case_changed(instance.pk)

    def confirmation_saved(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
        if not raw:
            on_confirmation_changed(instance.pk)

    post_save.connect(dispute_saved, sender=Dispute, weak=False, dispatch_uid="warnings.dispute")
    post_save.connect(filing_saved, sender=Filing, weak=False, dispatch_uid="warnings.filing")
    post_save.connect(case_saved, sender=Case, weak=False, dispatch_uid="warnings.case")
    post_save.connect(confirmation_saved, sender=JudicialConfirmation, weak=False,
                      dispatch_uid="warnings.confirmation")  # fmt: skip
