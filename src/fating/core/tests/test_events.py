"""Domain events (fating.core.events): a service's audit event reaches its subscribers after the
commit and never after a rollback; a failing subscriber is logged and isolated; and no model
signal receiver is left anywhere in the code."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

from fating.core import events
from fating.core.audit import record_event
from fating.core.events import DomainEvent
from fating.core.models import FatingModel
from fating.network.models import Area
from fating.testing import AreaFactory

pytestmark = pytest.mark.django_db

SRC = Path(events.__file__).resolve().parents[1]
RECEIVED: list[DomainEvent] = []


def remember(event: DomainEvent) -> None:
    RECEIVED.append(event)


def explode(event: DomainEvent) -> None:
    raise RuntimeError("subscriber broke")


@pytest.fixture
def listening() -> Iterator[list[DomainEvent]]:
    RECEIVED.clear()
    here = f"{__name__}.remember"
    events.subscribe("test.thing.", here)
    yield RECEIVED
    events.unsubscribe("test.thing.", here)
    RECEIVED.clear()


def test_event_is_published_after_commit_with_its_target(
    listening: list[DomainEvent], django_capture_on_commit_callbacks: Any
) -> None:
    area = AreaFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            record_event(actor=None, action="test.thing.change", target=area, after={"n": 1})
            assert listening == []  # not before the commit
    (event,) = listening
    assert (event.name, event.target_type, event.target_pk) == ("test.thing.change",
                                                                "network.area", area.pk)  # fmt: skip
    assert event.after == {"n": 1} and event.value("n") == 1 and event.seq is not None


def test_rollback_publishes_nothing(
    listening: list[DomainEvent], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValueError), transaction.atomic():
            record_event(actor=None, action="test.thing.change", after={"n": 1})
            raise ValueError("the service failed after recording")
    assert callbacks == [] and listening == []


def test_only_matching_names_are_delivered(
    listening: list[DomainEvent], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        record_event(actor=None, action="test.thingamajig.change")
        record_event(actor=None, action="test.thing")
    assert listening == []
    assert events.matches("disputes.dispute.", "disputes.dispute.report")
    assert events.matches("disputes.dispute.report", "disputes.dispute.report")
    assert not events.matches("disputes.dispute.report", "disputes.dispute.reported")


def test_failing_subscriber_is_logged_and_the_others_still_run(
    listening: list[DomainEvent], django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    broken, here = f"{__name__}.explode", f"{__name__}.remember"
    events.subscribe("test.", broken)
    events.unsubscribe("test.thing.", here)
    events.subscribe("test.thing.", here)  # now after the broken one
    assert events.subscribers_of("test.thing.change") == [broken, here]
    try:
        with caplog.at_level(logging.ERROR, logger="fating.core.events"):
            with django_capture_on_commit_callbacks(execute=True):
                record_event(actor=None, action="test.thing.change")
        assert [e.name for e in listening] == ["test.thing.change"]
        assert any(broken in r.getMessage() for r in caplog.records)
        # A subscriber that cannot even be imported is isolated the same way.
        events.subscribe("test.thing.", "fating.nowhere.missing")
        with django_capture_on_commit_callbacks(execute=True):
            record_event(actor=None, action="test.thing.again")
        assert [e.name for e in listening] == ["test.thing.change", "test.thing.again"]
    finally:
        events.unsubscribe("test.", broken)
        events.unsubscribe("test.thing.", "fating.nowhere.missing")


def test_subscribers_are_registered_by_name() -> None:
    # The apps register their subscribers in ready(); core imports none of them.
    assert "fating.analytics.subscribers.sync_target" in events.subscribers_of(
        "disputes.dispute.escalate"
    )
    assert "fating.warnings.subscribers.dispute_reported" in events.subscribers_of(
        "disputes.dispute.report"
    )
    assert "fating.conversations.subscribers.user_changed" in events.subscribers_of(
        "accounts.membership.deactivate"
    )
    core = "\n".join(p.read_text(encoding="utf-8") for p in (SRC / "core").glob("*.py"))
    assert not re.search(r"from fating\.(analytics|warnings|conversations)", core)


# The forbidden spellings, built so this file does not contain them.
_HIDDEN_WIRING = re.compile(
    "|".join(("post" + "_save", "pre" + "_save", "post" + "_delete", "@" + r"receiver\("))
)


def test_no_model_signal_receivers_in_the_code() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _HIDDEN_WIRING.search(line)
    ]
    assert offenders == []


def test_every_fating_model_checks_its_columns() -> None:
    # The column check lives in FatingModel.save_base, so every model must inherit it.
    fating_models = [m for m in apps.get_models() if m.__module__.startswith("fating.")]
    assert len(fating_models) > 50
    assert [m._meta.label for m in fating_models if not issubclass(m, FatingModel)] == []
    assert issubclass(Area, FatingModel)
