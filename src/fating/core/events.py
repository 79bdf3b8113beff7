"""Domain events: the audit chain, read by the apps that keep something derived up to date.

Every service records its one audit event (`fating.core.audit.record_event`) inside its
transaction. That same event is what other apps react to: once the transaction commits, core
hands it to each subscriber registered for its name, and a rollback hands nothing to anyone (the
publication is a `transaction.on_commit` callback of the service's transaction).

Subscribers are registered by name, not imported: an app's `AppConfig.ready` calls
`subscribe("disputes.dispute.", "fating.analytics.subscribers.dispute_changed")`. Core imports
nothing above itself, and the app that records an event does not know who listens. A pattern is
an exact event name, or a prefix ending in "." ("disputes.dispute." matches every
"disputes.dispute.<action>").

A subscriber takes one `DomainEvent` and should be quick: slow or retried work goes to Celery by
task name (`enqueue`). A failing subscriber is logged and skipped; the others still run and the
request that recorded the event is not affected (it has committed already).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

Subscriber = Callable[["DomainEvent"], None]


@dataclass(frozen=True)
class DomainEvent:
    """What a subscriber learns: the audit event's name, its target and its payload."""

    name: str
    target_type: str  # the target's model label, lower case ("disputes.dispute"); "" if none
    target_id: str  # the target's primary key as recorded; "" if none
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    actor_id: int | None = None
    seq: int | None = field(default=None, compare=False)  # position in the audit chain

    @property
    def target_pk(self) -> int | None:
        """The target's primary key as an int (every Fating model has an integer key)."""
        try:
            return int(self.target_id)
        except (TypeError, ValueError):
            return None

    def value(self, key: str) -> Any:
        """A key of the payload: `after` first, then `before`."""
        for part in (self.after, self.before):
            if part and key in part:
                return part[key]
        return None


_subscriptions: dict[tuple[str, str], None] = {}  # (pattern, dotted path), in order
_resolved: dict[str, Subscriber] = {}


def subscribe(pattern: str, subscriber: str) -> None:
    """Register `subscriber` (a dotted path to a function) for events matching `pattern`.

    Idempotent. The function is imported on first use, so registering costs no import."""
    if not pattern or not subscriber or "." not in subscriber:
        raise ValueError(f"subscribe needs a pattern and a dotted path, got {pattern!r}")
    _subscriptions[(pattern, subscriber)] = None


def unsubscribe(pattern: str, subscriber: str) -> None:
    _subscriptions.pop((pattern, subscriber), None)


def matches(pattern: str, name: str) -> bool:
    return name.startswith(pattern) if pattern.endswith(".") else name == pattern


def subscribers_of(name: str) -> list[str]:
    """Dotted paths of the subscribers an event of this name goes to, each once, in order."""
    return list(dict.fromkeys(path for pattern, path in _subscriptions if matches(pattern, name)))


def publish(event: DomainEvent) -> None:
    """Deliver `event` to its subscribers once the current transaction commits (at once when
    there is none); nothing is delivered when it rolls back."""
    if subscribers_of(event.name):
        transaction.on_commit(partial(deliver, event))


def deliver(event: DomainEvent) -> None:
    """Call each subscriber of `event` now. A subscriber that raises is logged and skipped."""
    for path in subscribers_of(event.name):
        try:
            fn = _resolved.get(path)
            if fn is None:
                fn = _resolved[path] = import_string(path)
            fn(event)
        except Exception:
            # The event's own transaction has committed: a derived view lagging behind (repaired
            # by its rebuild command) is better than a request failing after its write.
            logger.exception("subscriber %s failed on %s #%s", path, event.name, event.seq)


def enqueue(task_name: str, *args: Any) -> None:
    """Hand work to the Celery task registered as `task_name`, by name. With no broker (eager
    mode: the embedded default and the tests) the task runs here, as `.delay` would run it."""
    from celery import current_app

    if current_app.conf.task_always_eager:
        import_string(task_name).delay(*args)
        return
    current_app.send_task(task_name, args=args)
