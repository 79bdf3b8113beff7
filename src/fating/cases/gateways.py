"""Payment gateways. A gateway creates an order and verifies the callbacks it sends.

Only the local sandbox exists today (for the demo and tests); a real bank or 非税收入 gateway is
another class with the same two methods, registered in GATEWAYS.

Sandbox callbacks: the body is JSON {"order_id", "amount", "status", "nonce", "timestamp",
"reference"}; the header X-Fating-Signature is hex(HMAC-SHA256(secret, raw body)). The secret comes
from FATING_PAYMENT_SANDBOX_SECRET; a built-in default is used only in tests and the demo.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.core.money import MoneyError, parse_money

SIGNATURE_HEADER = "X-Fating-Signature"
SECRET_ENV = "FATING_PAYMENT_SANDBOX_SECRET"  # noqa: S105 — the variable's name, not a secret
_TEST_AND_DEMO_SECRET = "sandbox-secret-for-tests-and-demo-only"  # noqa: S105 — never in production


class BadCallback(Exception):
    """A callback whose signature or content cannot be trusted; nothing may change."""


@dataclass(frozen=True)
class GatewayOrder:
    order_id: str
    pay_url: str


@dataclass(frozen=True)
class CallbackData:
    order_id: str
    amount: Decimal
    paid: bool
    nonce: str
    reference: str
    payload: dict[str, object]


class PaymentGateway(Protocol):
    name: str

    def create_order(self, *, order_id: str, amount: Decimal, description: str) -> GatewayOrder:
        """Register an order with the gateway; return where the payer goes to pay."""
        ...

    def verify_callback(self, *, body: bytes, headers: Mapping[str, str]) -> CallbackData:
        """Check the signature and parse the callback; raise BadCallback if untrusted."""
        ...


def _sandbox_secret() -> bytes:
    secret = os.environ.get(SECRET_ENV, "")
    if secret:
        return secret.encode()
    module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    testing = module.endswith("test_settings")
    if testing or getattr(settings, "DEMO", False):
        return _TEST_AND_DEMO_SECRET.encode()
    raise ImproperlyConfigured(
        f"{SECRET_ENV} is not set: set it to a long random string to use the sandbox gateway."
    )


def sign(body: bytes, secret: bytes | None = None) -> str:
    return hmac.new(secret or _sandbox_secret(), body, hashlib.sha256).hexdigest()


class SandboxGateway:
    """A local stand-in for a payment provider: the sandbox page plays the payer and the
    provider, and delivers a signed callback to the same handler a real provider would call."""

    name = "sandbox"

    def create_order(self, *, order_id: str, amount: Decimal, description: str) -> GatewayOrder:
        return GatewayOrder(order_id, reverse("cases:sandbox-pay", args=[order_id]))

    def signed_callback(
        self, *, order_id: str, amount: Decimal, nonce: str | None = None
    ) -> tuple[bytes, dict[str, str]]:
        """What the provider would POST when the payer has paid."""
        body = json.dumps(
            {
                "order_id": order_id,
                "amount": str(amount),
                "status": "paid",
                "nonce": nonce or secrets.token_hex(16),
                "timestamp": timezone.now().isoformat(),
                "reference": f"SBX{secrets.token_hex(6).upper()}",
            },
            separators=(",", ":"),
        ).encode()
        return body, {SIGNATURE_HEADER: sign(body)}

    def verify_callback(self, *, body: bytes, headers: Mapping[str, str]) -> CallbackData:
        given = headers.get(SIGNATURE_HEADER, "")
        if not given or not hmac.compare_digest(given, sign(body)):
            raise BadCallback(_("签名校验失败。"))
        try:
            data = json.loads(body)
            amount = parse_money(data["amount"], required=True, blank_is_missing=False)
            order_id, nonce = str(data["order_id"]), str(data["nonce"])
        except (ValueError, KeyError, TypeError, MoneyError):
            raise BadCallback(_("回调内容格式错误。")) from None
        if not order_id or not nonce or len(nonce) > 64:
            raise BadCallback(_("回调内容格式错误。"))
        return CallbackData(
            order_id=order_id,
            amount=amount,
            paid=data.get("status") == "paid",
            nonce=nonce,
            reference=str(data.get("reference", ""))[:64],
            payload=data,
        )


GATEWAYS: dict[str, PaymentGateway] = {"sandbox": SandboxGateway()}


def gateway(name: str) -> PaymentGateway:
    try:
        return GATEWAYS[name]
    except KeyError:
        raise BadCallback(_("未知的支付网关“%(name)s”。") % {"name": name}) from None
