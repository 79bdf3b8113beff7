"""One shape for every workflow: a small, pure state machine. No Django imports.

Each workflow declares its machine once, in its app's pure rules module: the states with their
labels, and the transitions — a name (the use case, also the audit action's last word), a label
(what a person reads on the button or in a refusal), the states it may leave from, the state it
goes to and, where the law adds a condition that depends on more than the state, a guard (a
plain callable on whatever context the caller passes). Services ask the machine before they
write (`target`, refused with `TransitionRefused` — the 409 `InvalidTransition` — whose
sentence names the state and the action unless the service has a better one); pages offer the
transitions the machine allows from the current state that the access rule also lets this
person take.

Each workflow model's docstring carries the machine's diagram, one arrow a line::

    draft -> submitted : 提交

`diagram_edges` reads those lines back so a test keeps the docstring and the machine equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from fating.core.exceptions import InvalidTransition

S = TypeVar("S", bound=str)

Guard = Callable[[Any], bool]


@dataclass(frozen=True)
class Transition(Generic[S]):
    """One named arrow (or fan of arrows from several states to one target)."""

    name: str
    label: str
    sources: frozenset[S]
    target: S
    guard: Guard | None = field(default=None, compare=False)

    def allows(self, state: str, context: Any = None) -> bool:
        return state in self.sources and (self.guard is None or self.guard(context))


def t(
    name: str, label: str, sources: S | Iterable[S], target: S, *, guard: Guard | None = None
) -> Transition[S]:
    """A transition; `sources` is one state or several."""
    found = frozenset([sources] if isinstance(sources, str) else sources)
    return Transition(name=name, label=label, sources=found, target=target, guard=guard)


class TransitionRefused(InvalidTransition):
    """The machine does not allow `name` from `state` (or its guard said no): a 409."""

    def __init__(self, message: str, *, state: str, name: str) -> None:
        self.state, self.name = state, name
        super().__init__(message)


class Machine(Generic[S]):
    """States (value -> label) and named transitions between them.

    `refusal` is the sentence a refused transition raises, with `{state}` (the current state's
    label) and `{action}` (the transition's label) filled in.
    """

    def __init__(
        self,
        *,
        states: Mapping[S, str],
        transitions: Sequence[Transition[S]],
        refusal: str = "当前状态为“{state}”，不能{action}。",
    ) -> None:
        self.states: dict[S, str] = dict(states)
        self._labels: dict[str, str] = {str(k): v for k, v in states.items()}
        self.transitions: tuple[Transition[S], ...] = tuple(transitions)
        self.refusal = refusal
        for tr in self.transitions:
            unknown = {*tr.sources, tr.target} - set(self.states)
            if unknown:
                raise ValueError(f"transition {tr.name!r} names unknown states {sorted(unknown)}")
        self._by_name: dict[str, list[Transition[S]]] = {}
        for tr in self.transitions:
            self._by_name.setdefault(tr.name, []).append(tr)
        for name, group in self._by_name.items():
            sources = [s for tr in group for s in tr.sources]
            if len(sources) != len(set(sources)):
                raise ValueError(f"transition {name!r} leaves one state for two targets")

    @property
    def names(self) -> list[str]:
        return list(self._by_name)

    def label(self, name: str) -> str:
        """The label of transition `name` (the name itself when the machine has none)."""
        group = self._by_name.get(name)
        return group[0].label if group else name

    def state_label(self, state: str) -> str:
        return self._labels.get(state, state)

    def find(self, state: str, name: str) -> Transition[S] | None:
        """The transition `name` leaving `state`, guards not consulted."""
        for tr in self._by_name.get(name, ()):
            if state in tr.sources:
                return tr
        return None

    def allows(self, state: str, name: str, context: Any = None) -> bool:
        tr = self.find(state, name)
        return tr is not None and tr.allows(state, context)

    def target(
        self, state: str, name: str, context: Any = None, *, refusal: str | None = None
    ) -> S:
        """The state after `name`, or TransitionRefused: `refusal` when given (a service's own
        sentence for this case), else the machine's, naming the state and the action."""
        tr = self.find(state, name)
        if tr is None or not tr.allows(state, context):
            message = refusal or self.refusal.format(
                state=self.state_label(state), action=self.label(name)
            )
            raise TransitionRefused(message, state=state, name=name)
        return tr.target

    def allowed(self, state: str, context: Any = None) -> list[Transition[S]]:
        """Transitions that may be taken from `state`, in declaration order."""
        return [tr for tr in self.transitions if tr.allows(state, context)]

    def allowed_names(self, state: str, context: Any = None) -> list[str]:
        return [tr.name for tr in self.allowed(state, context)]

    def sources(self, name: str) -> list[S]:
        """The states `name` may leave from, in the order the states were declared (for a
        query such as "every delegation a withdrawal ends")."""
        found = {s for tr in self._by_name.get(name, ()) for s in tr.sources}
        return [s for s in self.states if s in found]

    def edges(self) -> set[tuple[str, str, str]]:
        """Every arrow as (source, target, label) — what the docstring diagram must show."""
        return {(s, tr.target, tr.label) for tr in self.transitions for s in tr.sources}

    def diagram(self) -> str:
        """The diagram lines to paste into the model's docstring."""
        order = {str(s): i for i, s in enumerate(self.states)}
        rows = sorted(self.edges(), key=lambda e: (order[e[0]], order[e[1]], e[2]))
        return "\n".join(f"{source} -> {target} : {label}" for source, target, label in rows)


_ARROW = re.compile(r"^\s*([a-z_]+)\s*->\s*([a-z_]+)\s*:\s*(\S.*?)\s*$")


def diagram_edges(doc: str | None) -> set[tuple[str, str, str]]:
    """The `source -> target : label` lines of a docstring, as Machine.edges() gives them."""
    found: set[tuple[str, str, str]] = set()
    for line in (doc or "").splitlines():
        match = _ARROW.match(line)
        if match:
            found.add((match.group(1), match.group(2), match.group(3)))
    return found
