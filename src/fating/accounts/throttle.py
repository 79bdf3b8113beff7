"""Login throttling: count failures per account and per client address in the cache."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(login: str, address: str) -> list[str]:
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:user:{digest}", f"login-fail:addr:{address}"]


def is_locked(login: str, address: str) -> bool:
    limit = settings.LOGIN_MAX_FAILURES
    user_key, addr_key = _keys(login, address)
    # An address gets more room than an account: several people may share a village's network.
    return (cache.get(user_key, 0) >= limit) or (cache.get(addr_key, 0) >= limit * 4)


def record_failure(login: str, address: str) -> None:
    for key in _keys(login, address):
        if not cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def clear(login: str, address: str) -> None:
    cache.delete(_keys(login, address)[0])


def client_address(request: object) -> str:
    meta = getattr(request, "META", {})
    return str(meta.get("REMOTE_ADDR", "unknown"))
