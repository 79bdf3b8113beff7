"""The audit chain detects every kind of tampering: edit, delete, insert, reorder, truncate."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fating.core.audit import GENESIS_HASH, compute_hash, record_event, verify_chain
from fating.core.models import AuditChainHead, AuditEvent
from fating.core.request_context import reset_request_id, set_request_id
from fating.testing import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain() -> list[AuditEvent]:
    actor = UserFactory.create()
    token = set_request_id("req-0001-test")
    try:
        return [
            record_event(actor=actor, action="test.step", before={"n": i}, after={"n": i + 1})
            for i in range(5)
        ]
    finally:
        reset_request_id(token)


def test_intact_chain_verifies(chain: list[AuditEvent]) -> None:
    assert verify_chain() is None
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert chain[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(chain))
    assert chain[0].request_id == "req-0001-test"


def test_empty_chain_verifies() -> None:
    assert verify_chain() is None


def test_edited_event_is_named(chain: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(pk=chain[2].pk).update(after={"n": 999})
    problem = verify_chain()
    assert problem is not None and problem.seq == 3
    assert "edited" in problem.reason


def test_edited_actor_is_detected(chain: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(pk=chain[1].pk).update(actor_label="someone-else")
    problem = verify_chain()
    assert problem is not None and problem.seq == 2


def test_deleted_event_is_detected(chain: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(pk=chain[1].pk).delete()
    problem = verify_chain()
    assert problem is not None and problem.seq == 3
    assert "gap" in problem.reason


def test_inserted_event_is_detected(chain: list[AuditEvent]) -> None:
    # Make room after #2 and insert a well-formed event that claims #2 as its predecessor.
    for event in sorted(chain[2:], key=lambda e: -e.seq):
        AuditEvent.objects.filter(pk=event.pk).update(seq=event.seq + 1)
    forged = AuditEvent(
        seq=3,
        created_at=chain[1].created_at,
        actor_label="forger",
        action="test.forged",
        prev_hash=chain[1].hash,
        key_id=chain[1].key_id,  # a forger holding the key: still caught by the link to old #3
    )
    forged.hash = compute_hash(forged)
    forged.save()
    problem = verify_chain()
    assert problem is not None and problem.seq == 4  # the old #3 no longer follows its predecessor


def test_reordered_events_are_detected(chain: list[AuditEvent]) -> None:
    a, b = chain[1], chain[2]
    AuditEvent.objects.filter(pk=a.pk).update(seq=1000)
    AuditEvent.objects.filter(pk=b.pk).update(seq=a.seq)
    AuditEvent.objects.filter(pk=a.pk).update(seq=b.seq)
    problem = verify_chain()
    assert problem is not None and problem.seq == 2


def test_truncated_chain_is_detected(chain: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(pk=chain[-1].pk).delete()
    problem = verify_chain()
    assert problem is not None and problem.seq is None
    assert "head records #5" in str(problem)


def test_command_exit_codes(chain: list[AuditEvent], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("audit", "verify")
    assert "5 events verified" in capsys.readouterr().out
    AuditEvent.objects.filter(pk=chain[3].pk).update(action="test.changed")
    with pytest.raises(CommandError, match=r"event #4 \(id \d+\)"):
        call_command("audit", "verify")


def test_head_tracks_the_tip(chain: list[AuditEvent]) -> None:
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (5, chain[-1].hash)
