"""The property gateway 网络查控 adapter: inquiries, freezes, deductions and payouts.

The national 总对总 and local 点对点 systems are reached through a class with the methods of
`PropertyGateway`, named by the setting FATING_ENFORCEMENT_GATEWAY (dotted path). Only the sandbox
exists today: deterministic answers for tests and the demo, with partial answers and failures.

Every write carries the caller's `key` and is idempotent on it: a call retried with the same key
(after a timeout, a lost reply or a crash) returns the first call's receipt and changes nothing
more. That is what lets the services retry a freeze or a payout without making two.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_GATEWAY = "fating.enforcement.gateways.SandboxGateway"


class GatewayError(Exception):
    """The gateway did not answer or refused; nothing is known to have changed."""


@dataclass(frozen=True)
class FoundAsset:
    kind: str  # rules.deadlines.PropertyKind
    holder: str
    reference: str
    value: Decimal


@dataclass(frozen=True)
class InquiryAnswer:
    assets: tuple[FoundAsset, ...]
    answered: tuple[str, ...]
    failed: tuple[str, ...]


class PropertyGateway(Protocol):
    name: str

    def inquire(self, *, key: str, name: str, id_number: str) -> InquiryAnswer: ...

    def control(
        self, *, key: str, action: str, holder: str, reference: str, amount: Decimal
    ) -> str: ...

    def pay(self, *, key: str, account: str, amount: Decimal) -> str: ...


INSTITUTIONS = ("中国工商银行", "中国农业银行", "中国建设银行", "不动产登记中心", "车辆管理所")


@dataclass
class _Bank:
    balances: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    receipts: dict[str, str] = field(default_factory=dict)
    payouts: dict[str, Decimal] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)


class SandboxGateway:
    """Deterministic answers. A respondent's property is what `register` gave for the id number,
    else derived from the id number's hash: a deposit at 中国工商银行 for two in three, nothing
    for the rest. 车辆管理所 never answers (a partial answer). `fail(op, times)` makes the next
    `times` calls of an operation ("inquire", "freeze", "seize", "deduct", "pay") fail;
    `lose_reply(op)` makes the next call do its work and then fail, as a timeout after success."""

    name = "sandbox"
    registered: ClassVar[dict[str, tuple[FoundAsset, ...]]] = {}
    failures: ClassVar[dict[str, int]] = {}
    lost_replies: ClassVar[set[str]] = set()
    bank: ClassVar[_Bank] = _Bank()

    @classmethod
    def reset(cls) -> None:
        cls.registered, cls.failures, cls.lost_replies, cls.bank = {}, {}, set(), _Bank()

    @classmethod
    def register(cls, id_number: str, assets: tuple[FoundAsset, ...]) -> None:
        cls.registered[id_number] = assets
        for asset in assets:
            cls.bank.balances[(asset.holder, asset.reference)] = asset.value

    @classmethod
    def fail(cls, op: str, times: int = 1) -> None:
        cls.failures[op] = cls.failures.get(op, 0) + times

    @classmethod
    def lose_reply(cls, op: str) -> None:
        cls.lost_replies.add(op)

    def _maybe_fail(self, op: str) -> None:
        self.bank.calls[op] = self.bank.calls.get(op, 0) + 1
        if self.failures.get(op, 0) > 0:
            self.failures[op] -= 1
            raise GatewayError(f"sandbox: {op} unavailable")

    def _after(self, op: str) -> None:
        if op in self.lost_replies:
            self.lost_replies.discard(op)
            raise GatewayError(f"sandbox: {op} reply lost")

    def _derived(self, id_number: str) -> tuple[FoundAsset, ...]:
        digest = int(hashlib.sha256(id_number.encode()).hexdigest(), 16)
        if digest % 3 == 0:
            return ()
        balance = Decimal(digest % 90000 + 10000)
        asset = FoundAsset("deposit", INSTITUTIONS[0], f"6222{digest % 10**12:012d}", balance)
        self.bank.balances.setdefault((asset.holder, asset.reference), balance)
        return (asset,)

    def inquire(self, *, key: str, name: str, id_number: str) -> InquiryAnswer:
        self._maybe_fail("inquire")
        who = id_number or name  # a respondent known only by name (no identifier on record)
        assets = self.registered[who] if who in self.registered else self._derived(who)
        answer = InquiryAnswer(assets=assets, answered=INSTITUTIONS[:4], failed=INSTITUTIONS[4:])
        self._after("inquire")
        return answer

    def control(
        self, *, key: str, action: str, holder: str, reference: str, amount: Decimal
    ) -> str:
        self._maybe_fail(action)
        if key in self.bank.receipts:
            return self.bank.receipts[key]
        if action == "deduct":
            balance = self.bank.balances.get((holder, reference), Decimal(0))
            if amount > balance:
                raise GatewayError("sandbox: insufficient balance")
            self.bank.balances[(holder, reference)] = balance - amount
        receipt = f"SB-{action[:2].upper()}-{len(self.bank.receipts) + 1:06d}"
        self.bank.receipts[key] = receipt
        self._after(action)
        return receipt

    def pay(self, *, key: str, account: str, amount: Decimal) -> str:
        self._maybe_fail("pay")
        if key not in self.bank.payouts:
            self.bank.payouts[key] = amount
            self.bank.receipts[key] = f"SB-PAY-{len(self.bank.payouts):06d}"
        self._after("pay")
        return self.bank.receipts[key]


def gateway() -> PropertyGateway:
    path = getattr(settings, "FATING_ENFORCEMENT_GATEWAY", DEFAULT_GATEWAY)
    gateway_class = import_string(path)
    instance: PropertyGateway = gateway_class()
    return instance
