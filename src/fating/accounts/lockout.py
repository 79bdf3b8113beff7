"""Login throttling on django-axes, shaped so that no one can lock out someone else.

Two counters, both over the last LOGIN_LOCKOUT_SECONDS:

* per (client address, account): LOGIN_MAX_FAILURES (axes' AXES_FAILURE_LIMIT with
  AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]). A flood from one address locks only
  that address out of that one account.
* per account, over all addresses: LOGIN_ACCOUNT_MAX_FAILURES, where each address counts for at
  most LOGIN_MAX_FAILURES. This stops a guess spread over many addresses, yet a flood from one
  address can never lock the account for the people signing in from elsewhere.

There is deliberately no per-address counter: behind a reverse proxy (or a village's shared
network) many people share one address, and twenty made-up names from it used to lock everyone.

An account is one user however it is named: `account_key` maps a username and a mobile number
to the same key. Names that match no user are counted per (address, name) only, under a key no
real username can take, so guessing names never touches a real account.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from fating.accounts.backends import resolve_login

#: Prefix of keys for names that match no user; ":" cannot occur in a Django username.
UNKNOWN_PREFIX = "unknown:"


def account_key(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: the key failures are counted under for this login."""
    login = (credentials or {}).get("username")
    if login is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        login = data.get("username", "") if hasattr(data, "get") else ""
    login = str(login or "").strip()
    user = resolve_login(login)
    if user is not None:
        return user.get_username()
    return f"{UNKNOWN_PREFIX}{login[:200]}"


def account_failures(key: str, *, since: Any, per_address_cap: int) -> int:
    """Failures against one account since `since`, each address counting at most the cap."""
    rows = (
        AccessAttempt.objects.filter(username=key, attempt_time__gte=since)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"))
    )
    return sum(min(row["failures"] or 0, per_address_cap) for row in rows)


class AccountLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with the per-account counter added to its per-pair one."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        pair_limit = get_failure_limit(request, credentials)
        if self.get_failures(request, credentials) >= pair_limit:
            return True
        key = get_client_username(request, credentials)
        if not key or key.startswith(UNKNOWN_PREFIX):
            return False
        failures = account_failures(
            key, since=get_cool_off_threshold(request), per_address_cap=pair_limit
        )
        return failures >= settings.LOGIN_ACCOUNT_MAX_FAILURES
