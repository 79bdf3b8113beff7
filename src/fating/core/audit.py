"""The tamper-evident audit chain.

`record_event` is called by service functions inside their transaction. Appends are serialised
by locking the single AuditChainHead row, so the chain has no gaps or forks even under concurrent
writers on PostgreSQL (SQLite serialises writers by itself).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from fating.core.models import AuditChainHead, AuditEvent
from fating.core.request_context import current_request_id

GENESIS_HASH = "0" * 64


def jsonable(value: Any) -> Any:
    """Normalise a value to what a JSON column gives back (Decimal and dates become strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `instance`, for the before/after of an event."""
    names = (
        list(fields) if fields is not None else [f.attname for f in instance._meta.concrete_fields]
    )
    return jsonable({name: getattr(instance, name) for name in names})


def _canonical(event: AuditEvent) -> bytes:
    created = event.created_at.astimezone(UTC).isoformat(timespec="microseconds")
    content = {
        "seq": event.seq,
        "created_at": created,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _locked_head() -> AuditChainHead:
    try:
        return AuditChainHead.objects.select_for_update().get(pk=1)
    except AuditChainHead.DoesNotExist:
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(pk=1)
        except IntegrityError:
            pass  # another writer created it first
        return AuditChainHead.objects.select_for_update().get(pk=1)


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction."""
    with transaction.atomic():
        head = _locked_head()
        user = actor if getattr(actor, "is_authenticated", False) else None
        event = AuditEvent(
            seq=head.last_seq + 1,
            created_at=timezone.now().astimezone(UTC),
            actor=user,
            actor_label=user.get_username() if user else "system",
            action=action,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            object_label=str(target)[:200] if target is not None else "",
            before=jsonable(before) if before is not None else None,
            after=jsonable(after) if after is not None else None,
            request_id=current_request_id(),
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
        return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"event #{self.seq} (id {self.event_id})" if self.seq is not None else "chain head"
        return f"{where}: {self.reason}"


def _iter_events(batch: int = 2000) -> Iterator[AuditEvent]:
    last = -1
    while True:
        chunk = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


def verify_chain() -> ChainProblem | None:
    """Return the first problem in the chain, or None when it is intact."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    last: AuditEvent | None = None
    for event in _iter_events():
        if event.seq != expected_seq:
            return ChainProblem(
                event.seq, event.pk, f"expected sequence {expected_seq} (gap or insertion)"
            )
        if event.prev_hash != prev_hash:
            return ChainProblem(event.seq, event.pk, "prev_hash does not match the previous event")
        if compute_hash(event) != event.hash:
            return ChainProblem(event.seq, event.pk, "content does not match its hash (edited)")
        prev_hash = event.hash
        expected_seq += 1
        last = event
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = last.seq if last else 0
    last_hash = last.hash if last else GENESIS_HASH
    if head is None:
        if last is not None:
            return ChainProblem(None, None, "the chain head row is missing")
        return None
    if head.last_seq != last_seq or head.last_hash != last_hash:
        return ChainProblem(
            None,
            None,
            f"head records #{head.last_seq} but the chain ends at #{last_seq} (events removed at the end?)",
        )
    return None


def events_for(target: models.Model) -> models.QuerySet[AuditEvent]:
    """The timeline of one object."""
    return AuditEvent.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk)
    ).order_by("seq")
