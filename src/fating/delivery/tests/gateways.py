"""Test gateways: a flaky SMS gateway and the phones that receive from it.

`FlakyGateway` fails 30% of sends (half of those *after* the text went out — the ambiguous case
a real gateway produces on a timeout) and sends 10% twice. Like real gateways it carries the
client's message id (`message_id`, our outbox id) with each text; a phone shows texts with the
same id once. So what the platform must guarantee is: one logical message per recipient and
document, with a stable id, however often it is retried."""

from __future__ import annotations

import random
from collections import defaultdict

PHONES: dict[str, list[tuple[int, str]]] = defaultdict(list)  # mobile -> [(message_id, text)]
CALLS: list[int] = []
RNG = random.Random(20260)


def reset(seed: int = 20260) -> None:
    PHONES.clear()
    CALLS.clear()
    RNG.seed(seed)


def visible_copies(mobile: str) -> set[int]:
    """What the recipient sees: one text per message id."""
    return {message_id for message_id, _ in PHONES[mobile]}


class FlakyGateway:
    def send(self, *, mobile: str, text: str, message_id: int) -> None:
        CALLS.append(message_id)
        roll = RNG.random()
        if roll < 0.15:
            raise ConnectionError("网关超时（未发出）")
        PHONES[mobile].append((message_id, text))
        if roll < 0.30:
            raise TimeoutError("网关超时（实际已发出）")
        if roll < 0.40:
            PHONES[mobile].append((message_id, text))  # the gateway sent it twice
