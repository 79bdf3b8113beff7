"""The keyed chain and its checkpoints: a recomputed chain is caught, with or without the key."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from pytest_django import Settings

from fating.core import audit
from fating.core.audit import (
    GENESIS_HASH,
    ROTATE_ACTION,
    compute_hash,
    record_event,
    rotate_key,
    seal_legacy_chain,
    verify,
    verify_chain,
    write_checkpoint,
)
from fating.core.models import AuditChainHead, AuditEvent
from fating.core.tasks import write_audit_checkpoint
from fating.testing import UserFactory

pytestmark = pytest.mark.django_db

KEY_TWO = "test-only-audit-key-two-0123456789abcdefghij"
KEY_ONE = "test-only-audit-key-one-0123456789abcdefghij"
KEY_THREE = "test-only-audit-key-three-0123456789abcdefgh"


@pytest.fixture(autouse=True)
def checkpoint_file(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "worm" / "audit-checkpoints.log"
    settings.AUDIT_CHECKPOINT_FILE = path
    return path


@pytest.fixture
def chain() -> list[AuditEvent]:
    actor = UserFactory.create()
    return [
        record_event(actor=actor, action="test.step", before={"n": i}, after={"n": i + 1})
        for i in range(5)
    ]


def _plain_sha256(event: AuditEvent) -> str:
    return hashlib.sha256(audit._canonical(event)).hexdigest()


def _rewrite_from(seq: int, hasher: Callable[[AuditEvent], str]) -> None:
    """What a forger does after editing event `seq`: recompute every later link and the head."""
    prev = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else GENESIS_HASH
    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        event.prev_hash = prev
        event.hash = hasher(event)
        event.save()
        prev = event.hash
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev)


def _edit(event: AuditEvent) -> None:
    AuditEvent.objects.filter(pk=event.pk).update(after={"n": 999, "note": "backdated"})


def test_new_events_are_signed_with_the_current_key(chain: list[AuditEvent]) -> None:
    assert {e.key_id for e in chain} == {"test2"}
    assert chain[0].hash != _plain_sha256(chain[0])  # keyed, not a bare digest
    assert verify_chain() is None


def test_recomputed_with_plain_sha256_is_caught(chain: list[AuditEvent]) -> None:
    _edit(chain[2])
    _rewrite_from(3, _plain_sha256)
    problem = verify_chain()
    assert problem is not None and problem.seq == 3
    assert "signature" in problem.reason


def test_recomputed_as_legacy_events_is_caught(chain: list[AuditEvent]) -> None:
    """Dressing the rewritten tail up as pre-key "legacy" events does not help the forger."""
    _edit(chain[2])
    AuditEvent.objects.filter(seq__gte=3).update(key_id="")
    _rewrite_from(3, _plain_sha256)
    problem = verify_chain()
    assert problem is not None and problem.seq == 3
    assert "legacy" in problem.reason


def test_whole_chain_recomputed_as_legacy_is_caught(chain: list[AuditEvent]) -> None:
    _edit(chain[2])
    AuditEvent.objects.update(key_id="")
    _rewrite_from(1, _plain_sha256)
    problem = verify_chain()
    assert problem is not None and "no event in the chain is keyed" in problem.reason


def test_recomputed_with_the_key_is_caught_by_the_checkpoint(
    chain: list[AuditEvent], checkpoint_file: Path
) -> None:
    assert write_checkpoint() is not None  # signs head #5, then records itself as #6
    record_event(actor=None, action="test.later")
    assert verify_chain() is None

    _edit(chain[2])
    _rewrite_from(3, compute_hash)  # the forger holds the key: every link and the head agree
    problem = verify_chain()
    assert problem is not None
    assert problem.checkpoint_line == 1 and problem.seq == 5
    assert "checkpoint line 1 (event #5)" in str(problem)
    with pytest.raises(CommandError, match=r"checkpoint line 1 \(event #5\)"):
        call_command("audit", "verify")


def test_without_the_checkpoint_the_keyed_rewrite_would_pass(chain: list[AuditEvent]) -> None:
    """Shows why the checkpoint file exists: the key alone cannot stop its holder."""
    _edit(chain[2])
    _rewrite_from(3, compute_hash)
    assert verify_chain() is None


def test_checkpoint_appends_and_never_rewrites(
    chain: list[AuditEvent], checkpoint_file: Path
) -> None:
    first = write_checkpoint()
    before = checkpoint_file.read_bytes()
    record_event(actor=None, action="test.more")
    second = write_checkpoint()
    after = checkpoint_file.read_bytes()
    assert first is not None and second is not None
    assert after.startswith(before) and len(after) > len(before)
    lines = [json.loads(line) for line in after.decode().splitlines()]
    assert [line["seq"] for line in lines] == [5, 7]
    assert set(lines[0]) == {"v", "seq", "event_id", "hash", "at", "key_id", "mac"}
    assert lines[0]["hash"] == chain[-1].hash and lines[0]["key_id"] == "test2"
    recorded = AuditEvent.objects.filter(action=audit.CHECKPOINT_ACTION).order_by("seq")
    assert [(e.after or {})["mac"] for e in recorded] == [first.mac, second.mac]
    result = verify()
    assert result.problem is None and result.checkpoints == 2


def test_edited_checkpoint_line_is_caught(chain: list[AuditEvent], checkpoint_file: Path) -> None:
    write_checkpoint()
    line = json.loads(checkpoint_file.read_text())
    line["hash"] = "f" * 64
    checkpoint_file.write_text(json.dumps(line) + "\n")
    problem = verify_chain()
    assert problem is not None and problem.checkpoint_line == 1
    assert "forged" in problem.reason


def test_removed_checkpoint_line_is_caught(chain: list[AuditEvent], checkpoint_file: Path) -> None:
    write_checkpoint()
    checkpoint_file.write_text("")
    problem = verify_chain()
    assert problem is not None and problem.seq == 6
    assert "missing from the checkpoint file" in problem.reason


def test_truncated_chain_behind_a_checkpoint_is_caught(
    chain: list[AuditEvent], checkpoint_file: Path
) -> None:
    write_checkpoint()
    AuditEvent.objects.filter(seq__gte=5).delete()
    AuditChainHead.objects.filter(pk=1).update(last_seq=4, last_hash=chain[3].hash)
    problem = verify_chain()
    assert problem is not None and problem.checkpoint_line == 1
    assert "no longer in the chain" in problem.reason


def test_checkpoint_of_an_empty_chain_writes_nothing(checkpoint_file: Path) -> None:
    assert write_checkpoint() is None
    assert not checkpoint_file.exists()


def test_checkpoint_command_refuses_a_broken_chain(
    chain: list[AuditEvent], checkpoint_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("audit", "checkpoint")
    assert "Checkpoint written: event #5" in capsys.readouterr().out
    _edit(chain[1])
    with pytest.raises(CommandError, match="no checkpoint written"):
        call_command("audit", "checkpoint")
    assert len(checkpoint_file.read_text().splitlines()) == 1


def test_daily_task_writes_a_checkpoint(chain: list[AuditEvent], checkpoint_file: Path) -> None:
    assert write_audit_checkpoint.delay().get() == "checkpoint #5"
    assert len(checkpoint_file.read_text().splitlines()) == 1
    _edit(chain[0])
    assert write_audit_checkpoint.delay().get().startswith("broken")
    assert len(checkpoint_file.read_text().splitlines()) == 1


def test_daily_task_is_scheduled() -> None:
    from django.conf import settings

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "fating.core.tasks.write_audit_checkpoint" in entries


# --- key rotation ------------------------------------------------------------------------------

ROTATED = {"test3": KEY_THREE, "test2": KEY_TWO, "test1": KEY_ONE}


def test_rotation_is_recorded_and_keeps_verify_green(
    chain: list[AuditEvent], checkpoint_file: Path
) -> None:
    write_checkpoint()
    with override_settings(AUDIT_KEYS=ROTATED):
        later = record_event(actor=None, action="test.after_rotation")
        rotation = AuditEvent.objects.get(seq=later.seq - 1)
        assert rotation.action == ROTATE_ACTION and rotation.key_id == "test3"
        assert rotation.before == {"key_id": "test2"}
        assert rotation.after is not None
        assert rotation.after["key_id"] == "test3" and rotation.after["previous_key_signature"]
        assert later.key_id == "test3"
        result = verify()
        assert result.problem is None
        assert result.key_ids == ["test2", "test3"]
        call_command("audit", "verify")
        write_checkpoint()
        assert verify_chain() is None


def test_rotate_key_command(chain: list[AuditEvent], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("audit", "rotate-key")
    assert "already signed with the current key" in capsys.readouterr().out
    with override_settings(AUDIT_KEYS=ROTATED):
        call_command("audit", "rotate-key")
        assert "test2 → test3" in capsys.readouterr().out
        assert rotate_key() is None  # once only
        assert verify_chain() is None


def test_rotation_without_the_old_keys_signature_is_caught(chain: list[AuditEvent]) -> None:
    with override_settings(AUDIT_KEYS=ROTATED):
        rotation = rotate_key()
        assert rotation is not None and rotation.after is not None
        after = {**rotation.after, "previous_key_signature": "0" * 64}
        AuditEvent.objects.filter(pk=rotation.pk).update(after=after)
        rotation.refresh_from_db()
        AuditEvent.objects.filter(pk=rotation.pk).update(hash=compute_hash(rotation))
        AuditChainHead.objects.filter(pk=1).update(last_hash=compute_hash(rotation))
        problem = verify_chain()
        assert problem is not None and problem.seq == rotation.seq
        assert "previous key" in problem.reason


def test_key_change_without_rotation_event_is_caught(chain: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(seq__gte=4).update(key_id="test1")
    _rewrite_from(4, compute_hash)
    problem = verify_chain()
    assert problem is not None and problem.seq == 4
    assert "without a rotation event" in problem.reason


def test_missing_key_fails_clearly(chain: list[AuditEvent]) -> None:
    with override_settings(AUDIT_KEYS={"test3": KEY_THREE}):
        problem = verify_chain()
        assert problem is not None and problem.seq == 1
        assert "key id 'test2'" in problem.reason and "missing key" in problem.reason
        with pytest.raises(CommandError, match="missing key"):
            call_command("audit", "verify")


def test_wrong_key_fails_clearly(chain: list[AuditEvent]) -> None:
    with override_settings(AUDIT_KEYS={"test2": "another-secret-of-sufficient-length-000000"}):
        problem = verify_chain()
        assert problem is not None and problem.seq == 1
        assert "wrong secret for key id 'test2'" in problem.reason


def test_writer_without_the_signing_key_of_the_head_refuses(chain: list[AuditEvent]) -> None:
    with override_settings(AUDIT_KEYS={"test3": KEY_THREE}):
        with pytest.raises(audit.AuditKeyError, match="'test2'"):
            record_event(actor=None, action="test.orphan")
    assert verify_chain() is None


# --- chains written before keys ----------------------------------------------------------------


def _legacy_chain(n: int = 3) -> list[AuditEvent]:
    """Events as the unkeyed version wrote them: empty key id, plain SHA-256."""
    events = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        event = AuditEvent(
            seq=seq,
            created_at=timezone.now(),
            actor_label="system",
            action="legacy.step",
            after={"n": seq},
            prev_hash=prev,
        )
        event.hash = hashlib.sha256(audit._canonical(event)).hexdigest()
        event.save()
        events.append(event)
        prev = event.hash
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"last_seq": n, "last_hash": prev, "last_key_id": ""}
    )
    return events


def test_legacy_chain_is_sealed_and_still_verifies() -> None:
    legacy = _legacy_chain()
    assert compute_hash(legacy[0]) == legacy[0].hash  # the old algorithm, unchanged
    seal_legacy_chain(AuditEvent, AuditChainHead)
    seal = AuditEvent.objects.get(seq=4)
    assert seal.action == ROTATE_ACTION and seal.before == {"key_id": ""}
    assert seal.prev_hash == legacy[-1].hash and seal.key_id == "test2"
    new = record_event(actor=None, action="test.new")
    assert new.seq == 5 and new.key_id == "test2"
    result = verify()
    assert result.problem is None and result.key_ids == ["", "test2"]


def test_legacy_chain_seal_fixes_the_old_events() -> None:
    legacy = _legacy_chain()
    seal_legacy_chain(AuditEvent, AuditChainHead)
    _edit(legacy[1])
    AuditEvent.objects.filter(pk=legacy[1].pk).update(
        hash=_plain_sha256(AuditEvent.objects.get(pk=legacy[1].pk))
    )
    _rewrite_legacy_only = AuditEvent.objects.get(seq=3)
    _rewrite_legacy_only.prev_hash = AuditEvent.objects.get(seq=2).hash
    _rewrite_legacy_only.hash = _plain_sha256(_rewrite_legacy_only)
    _rewrite_legacy_only.save()
    problem = verify_chain()
    assert problem is not None and problem.seq == 4  # the keyed seal names the old #3


def test_unsealed_legacy_chain_gets_a_rotation_on_the_next_event() -> None:
    _legacy_chain()
    event = record_event(actor=None, action="test.new")
    assert AuditEvent.objects.get(seq=4).action == ROTATE_ACTION and event.seq == 5
    assert verify_chain() is None
