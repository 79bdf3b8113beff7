"""The tamper-evident audit chain, keyed and checkpointed.

`record_event` is called by service functions inside their transaction. Appends are serialised
by locking the single AuditChainHead row, so the chain has no gaps or forks even under concurrent
writers on PostgreSQL (SQLite serialises writers by itself).

Why each part exists:

- Each event's `hash` is an HMAC-SHA256 under a key from the environment (settings.AUDIT_KEYS,
  never the database), so someone who can only edit the database cannot recompute the chain after
  changing an event: a plain hash chain can simply be recomputed.
- Keys rotate: the first configured key signs; older ones stay configured only to verify. When the
  signing key changes, an `audit.key.rotate` event is appended first, signed by the new key and
  carrying a signature by the old one, so the hand-over is itself part of the chain.
- Events written before the chain was keyed keep their plain SHA-256 and an empty `key_id`
  ("legacy"). They may only form the beginning of the chain; the migration that introduced keys
  sealed them with a rotation event, and a chain that has events but none keyed fails
  verification, so a forger cannot pass off a rewritten chain as "legacy".
- `write_checkpoint` appends the signed head to a file outside the database (O_APPEND; in
  production on write-once storage or another host). `verify` checks every checkpoint against the
  chain, which also catches a rewrite by someone who holds the key, and checks that every
  checkpoint the chain recorded is still in the file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from fating.core import events
from fating.core.models import AuditChainHead, AuditEvent
from fating.core.request_context import current_request_id

logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
LEGACY_KEY_ID = ""  # events written before the chain was keyed: plain SHA-256
ROTATE_ACTION = "audit.key.rotate"
CHECKPOINT_ACTION = "audit.checkpoint"
CHECKPOINT_VERSION = 1


class AuditKeyError(ImproperlyConfigured):
    """A key the chain needs is not configured in FATING_AUDIT_KEYS."""


def jsonable(value: Any) -> Any:
    """Normalise a value to what a JSON column gives back (Decimal and dates become strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `instance`, for the before/after of an event."""
    names = (
        list(fields) if fields is not None else [f.attname for f in instance._meta.concrete_fields]
    )
    values: dict[str, Any] = jsonable({name: getattr(instance, name) for name in names})
    return values


def configured_keys() -> dict[str, str]:
    return dict(settings.AUDIT_KEYS)


def current_key_id() -> str:
    """The key id that signs new events: the first one configured."""
    return next(iter(settings.AUDIT_KEYS))


def key_label(key_id: str) -> str:
    return key_id or "legacy-sha256"


def _mac(key_id: str, message: bytes) -> str:
    secret = configured_keys().get(key_id)
    if secret is None:
        raise AuditKeyError(
            f"audit key id {key_id!r} is not configured in FATING_AUDIT_KEYS "
            "(keep retired keys after the current one)"
        )
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _dumps(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


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
    if event.key_id != LEGACY_KEY_ID:
        # Legacy events keep their original content (and so their original hashes).
        content["key_id"] = event.key_id
    return _dumps(content)


def compute_hash(event: AuditEvent) -> str:
    """HMAC-SHA256 under the event's key; plain SHA-256 for a legacy event."""
    if event.key_id == LEGACY_KEY_ID:
        return hashlib.sha256(_canonical(event)).hexdigest()
    return _mac(event.key_id, _canonical(event))


def _rotation_message(seq: int, prev_hash: str, old: str, new: str) -> bytes:
    return _dumps({"seq": seq, "prev_hash": prev_hash, "from": old, "to": new})


def _locked_head(head_model: type[AuditChainHead] = AuditChainHead) -> AuditChainHead:
    try:
        return head_model.objects.select_for_update().get(pk=1)
    except head_model.DoesNotExist:
        try:
            with transaction.atomic():
                head_model.objects.create(pk=1)
        except IntegrityError:
            pass  # another writer created it first
        return head_model.objects.select_for_update().get(pk=1)


def _append(
    head: AuditChainHead,
    *,
    key_id: str,
    action: str,
    user: Any = None,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    event_model: type[AuditEvent] = AuditEvent,
) -> AuditEvent:
    """Write the next event after `head` (locked by the caller) and move the head."""
    event = event_model(
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
        key_id=key_id,
    )
    event.hash = compute_hash(event)
    event.save(force_insert=True)
    head.last_seq, head.last_hash, head.last_key_id = event.seq, event.hash, event.key_id
    head.save(update_fields=["last_seq", "last_hash", "last_key_id"])
    return event


def _rotate(
    head: AuditChainHead, *, user: Any = None, event_model: type[AuditEvent] = AuditEvent
) -> AuditEvent:
    """Hand the chain over to the current key with an event signed by both keys."""
    old, new = head.last_key_id, current_key_id()
    signature = None
    if old != LEGACY_KEY_ID:
        # Raises when this process no longer holds the key that signed the last event: writing on
        # would leave a hand-over no one can check.
        signature = _mac(old, _rotation_message(head.last_seq + 1, head.last_hash, old, new))
    return _append(
        head,
        key_id=new,
        action=ROTATE_ACTION,
        user=user,
        before={"key_id": old},
        after={"key_id": new, "previous_key_signature": signature},
        event_model=event_model,
    )


def _ensure_current_key(
    head: AuditChainHead, *, event_model: type[AuditEvent] = AuditEvent
) -> None:
    if head.last_key_id == current_key_id():
        return
    if head.last_seq == 0:
        return  # an empty chain starts with the current key; nothing to hand over
    _rotate(head, event_model=event_model)


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction.

    Once that transaction commits, the event is published to its subscribers
    (`fating.core.events`); a rollback publishes nothing."""
    with transaction.atomic():
        head = _locked_head()
        _ensure_current_key(head)
        user = actor if getattr(actor, "is_authenticated", False) else None
        event = _append(
            head,
            key_id=current_key_id(),
            action=action,
            user=user,
            target=target,
            before=before,
            after=after,
        )
    events.publish(
        events.DomainEvent(
            name=event.action,
            target_type=event.object_type,
            target_id=event.object_id,
            before=event.before,
            after=event.after,
            actor_id=event.actor_id,
            seq=event.seq,
        )
    )
    return event


def rotate_key(*, actor: Any = None) -> AuditEvent | None:
    """Record the hand-over to the current key now; None when it already signs the chain."""
    with transaction.atomic():
        head = _locked_head()
        if head.last_seq == 0 or head.last_key_id == current_key_id():
            return None
        user = actor if getattr(actor, "is_authenticated", False) else None
        return _rotate(head, user=user)


def seal_legacy_chain(event_model: type[AuditEvent], head_model: type[AuditChainHead]) -> None:
    """Close a chain of unkeyed events with a rotation to the current key (run by a migration,
    which passes its historical versions of the two models).

    From then on the legacy events are fixed by a keyed event that names the last of them.
    """
    head = head_model.objects.select_for_update().filter(pk=1).first()
    if head is None or head.last_seq == 0 or head.last_key_id != LEGACY_KEY_ID:
        return
    _rotate(head, event_model=event_model)


# --- checkpoints ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """One signed chain head, as written to the checkpoint file."""

    seq: int
    event_id: int
    hash: str
    at: str
    key_id: str
    mac: str = ""
    v: int = CHECKPOINT_VERSION

    def message(self) -> bytes:
        content = asdict(self)
        content.pop("mac")
        return _dumps(content)

    def signed(self) -> Checkpoint:
        return Checkpoint(**{**asdict(self), "mac": _mac(self.key_id, self.message())})

    def line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")) + "\n"


def checkpoint_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def _append_line(path: Path, line: str) -> None:
    """Append one line; the file is opened O_APPEND only, so no existing byte is ever rewritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line.encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def write_checkpoint(*, actor: Any = None, path: Path | None = None) -> Checkpoint | None:
    """Append the signed head to the checkpoint file and record that in the chain.

    None when the chain is empty. The line is written before the recording event commits; if the
    transaction then fails, the line still names an event that exists, which verifies.
    """
    path = path or checkpoint_path()
    with transaction.atomic():
        head = _locked_head()
        if head.last_seq == 0:
            return None
        event = AuditEvent.objects.get(seq=head.last_seq)
        checkpoint = Checkpoint(
            seq=event.seq,
            event_id=event.pk,
            hash=event.hash,
            at=timezone.now().astimezone(UTC).isoformat(timespec="seconds"),
            key_id=current_key_id(),
        ).signed()
        _append_line(path, checkpoint.line())
        _ensure_current_key(head)
        user = actor if getattr(actor, "is_authenticated", False) else None
        _append(
            head,
            key_id=current_key_id(),
            action=CHECKPOINT_ACTION,
            user=user,
            after={**asdict(checkpoint), "file": str(path)},
        )
        return checkpoint


@dataclass(frozen=True)
class _Line:
    number: int
    checkpoint: Checkpoint | None
    error: str = ""


def _read_checkpoints(path: Path) -> list[_Line]:
    lines: list[_Line] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                checkpoint = Checkpoint(
                    seq=int(data["seq"]),
                    event_id=int(data["event_id"]),
                    hash=str(data["hash"]),
                    at=str(data["at"]),
                    key_id=str(data["key_id"]),
                    mac=str(data["mac"]),
                    v=int(data["v"]),
                )
            except (ValueError, KeyError, TypeError):
                lines.append(_Line(number, None, "is not a checkpoint line (damaged file?)"))
                continue
            lines.append(_Line(number, checkpoint))
    return lines


# --- verification --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    event_id: int | None
    reason: str
    checkpoint_line: int | None = None

    def __str__(self) -> str:
        if self.checkpoint_line is not None:
            where = f"checkpoint line {self.checkpoint_line}"
            if self.seq is not None:
                where += f" (event #{self.seq})"
        elif self.seq is not None:
            where = f"event #{self.seq} (id {self.event_id})"
        else:
            where = "chain head"
        return f"{where}: {self.reason}"


@dataclass
class Verification:
    """What `verify` found: the first problem, or None, and what it checked."""

    problem: ChainProblem | None = None
    events: int = 0
    checkpoints: int = 0
    checkpoint_file: Path = field(default_factory=checkpoint_path)
    checkpoint_file_found: bool = False
    key_ids: list[str] = field(default_factory=list)


def _iter_events(after_seq: int = 0, batch: int = 2000) -> Iterator[AuditEvent]:
    last = after_seq
    while True:
        chunk = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


class _Walk:
    """Checks events one after another; the first problem stops the walk."""

    def __init__(
        self, by_seq: dict[int, list[tuple[int, Checkpoint]]], file_macs: set[str]
    ) -> None:
        self.by_seq = by_seq
        self.file_macs = file_macs
        self.keys = configured_keys()
        self.prev: AuditEvent | None = None
        self.keyed_seen = False
        self.count = 0
        self.key_ids: list[str] = []

    @property
    def last_seq(self) -> int:
        return self.prev.seq if self.prev else 0

    def check(self, event: AuditEvent) -> ChainProblem | None:
        def problem(reason: str) -> ChainProblem:
            return ChainProblem(event.seq, event.pk, reason)

        expected_seq = self.last_seq + 1
        prev_hash = self.prev.hash if self.prev else GENESIS_HASH
        if event.seq != expected_seq:
            return problem(f"expected sequence {expected_seq} (gap or insertion)")
        if event.prev_hash != prev_hash:
            return problem("prev_hash does not match the previous event")
        if event.key_id == LEGACY_KEY_ID:
            if self.keyed_seen:
                return problem("an unkeyed (legacy) event after keyed events (rewritten?)")
        elif event.key_id not in self.keys:
            return problem(
                f"signed with key id {event.key_id!r}, which FATING_AUDIT_KEYS does not hold "
                "(missing key)"
            )
        if compute_hash(event) != event.hash:
            reason = "content does not match its hash (edited)"
            if event.key_id != LEGACY_KEY_ID:
                reason = (
                    "content does not match its signature (edited, or FATING_AUDIT_KEYS holds a "
                    f"wrong secret for key id {event.key_id!r})"
                )
            return problem(reason)
        handover = self._check_handover(event)
        if handover:
            return problem(handover)
        if event.action == CHECKPOINT_ACTION:
            mac = (event.after or {}).get("mac")
            if mac not in self.file_macs:
                return problem("records a checkpoint that is missing from the checkpoint file")
        for number, checkpoint in self.by_seq.get(event.seq, []):
            if checkpoint.hash != event.hash or checkpoint.event_id != event.pk:
                return ChainProblem(
                    event.seq,
                    event.pk,
                    "the event no longer has the hash this checkpoint signed (chain rewritten "
                    "from here or earlier)",
                    checkpoint_line=number,
                )
        if event.key_id != LEGACY_KEY_ID:
            self.keyed_seen = True
        if not self.key_ids or self.key_ids[-1] != event.key_id:
            self.key_ids.append(event.key_id)
        self.prev = event
        self.count += 1
        return None

    def _check_handover(self, event: AuditEvent) -> str:
        """A change of key is allowed only through a rotation event signed by the old key."""
        old = self.prev.key_id if self.prev else None
        if event.action != ROTATE_ACTION:
            if old is not None and event.key_id != old:
                return f"key changes from {key_label(old)} to {key_label(event.key_id)} without a rotation event"
            return ""
        before, after = event.before or {}, event.after or {}
        if old is None or before.get("key_id") != old or after.get("key_id") != event.key_id:
            return "rotation event does not name the keys it hands over between"
        if old != LEGACY_KEY_ID:
            if old not in self.keys:
                return f"rotation from key id {old!r}, which FATING_AUDIT_KEYS does not hold"
            expected = _mac(old, _rotation_message(event.seq, event.prev_hash, old, event.key_id))
            if not hmac.compare_digest(str(after.get("previous_key_signature") or ""), expected):
                return "rotation event lacks a valid signature by the previous key"
        return ""


def verify() -> Verification:
    """Walk the chain and the checkpoint file; the result names the first problem, if any."""
    result = Verification(key_ids=[])
    lines: list[_Line] = []
    if result.checkpoint_file.exists():
        result.checkpoint_file_found = True
        lines = _read_checkpoints(result.checkpoint_file)
    by_seq: dict[int, list[tuple[int, Checkpoint]]] = {}
    keys = configured_keys()
    for line in lines:
        cp = line.checkpoint
        if cp is None:
            result.problem = ChainProblem(None, None, line.error, checkpoint_line=line.number)
            return result
        if cp.key_id not in keys:
            result.problem = ChainProblem(
                cp.seq,
                cp.event_id,
                f"signed with key id {cp.key_id!r}, which FATING_AUDIT_KEYS does not hold "
                "(missing key)",
                checkpoint_line=line.number,
            )
            return result
        if not hmac.compare_digest(cp.mac, _mac(cp.key_id, cp.message())):
            result.problem = ChainProblem(
                cp.seq,
                cp.event_id,
                "the line does not match its signature (edited or forged)",
                checkpoint_line=line.number,
            )
            return result
        by_seq.setdefault(cp.seq, []).append((line.number, cp))
    result.checkpoints = len(lines)
    file_macs = {cp.mac for found in by_seq.values() for _, cp in found}

    walk = _Walk(by_seq, file_macs)
    head = None
    while True:
        for event in _iter_events(walk.last_seq):
            problem = walk.check(event)
            if problem is not None:
                result.problem = problem
                return result
        # Events and the head commit together, so a head ahead of the walk means events were
        # appended meanwhile: walk on until the head is reached or no new event appears.
        head = AuditChainHead.objects.filter(pk=1).first()
        if head is None or head.last_seq <= walk.last_seq:
            break
        if not AuditEvent.objects.filter(seq__gt=walk.last_seq).exists():
            break
    result.events = walk.count
    result.key_ids = walk.key_ids
    result.problem = _check_end(walk, head, by_seq)
    return result


def _check_end(
    walk: _Walk, head: Any, by_seq: dict[int, list[tuple[int, Checkpoint]]]
) -> ChainProblem | None:
    last = walk.prev
    if head is None:
        if last is not None:
            return ChainProblem(None, None, "the chain head row is missing")
    elif head.last_seq != walk.last_seq or head.last_hash != (last.hash if last else GENESIS_HASH):
        return ChainProblem(
            None,
            None,
            f"head records #{head.last_seq} but the chain ends at #{walk.last_seq} "
            "(events removed at the end?)",
        )
    if last is not None and not walk.keyed_seen:
        return ChainProblem(
            None, None, "no event in the chain is keyed (written without keys, or rewritten)"
        )
    beyond = [item for seq, found in by_seq.items() if seq > walk.last_seq for item in found]
    if beyond:
        number, checkpoint = min(beyond, key=lambda item: item[0])
        return ChainProblem(
            checkpoint.seq,
            checkpoint.event_id,
            "the checkpointed event is no longer in the chain (events removed at the end?)",
            checkpoint_line=number,
        )
    return None


def verify_chain() -> ChainProblem | None:
    """Return the first problem in the chain or its checkpoints, or None when it is intact."""
    return verify().problem


def events_for(target: models.Model) -> models.QuerySet[AuditEvent]:
    """The timeline of one object."""
    return AuditEvent.objects.filter(
        object_type=target._meta.label_lower, object_id=str(target.pk)
    ).order_by("seq")


def checkpoint_task() -> str:
    """The daily checkpoint: verify first, since signing the head of a broken chain would vouch
    for it."""
    problem = verify_chain()
    if problem is not None:
        logger.error("audit chain broken, no checkpoint written: %s", problem)
        return f"broken: {problem}"
    checkpoint = write_checkpoint()
    return f"checkpoint #{checkpoint.seq}" if checkpoint else "empty chain"
