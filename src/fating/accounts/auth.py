"""API token authentication: django-rest-knox's, minus one query on every call."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.models import AuthToken
from knox.signals import token_expired


class TokenAuthentication(KnoxTokenAuthentication):
    """knox reads all of the caller's other tokens on every request to delete the expired ones
    (one more query per API call, the design point's most frequent kind of request). Here only
    the presented token is checked: expired, it is deleted and refused as knox does. The user's
    other expired tokens go when they next obtain one (`accounts.services.issue_token`), and an
    expired token is never accepted either way."""

    def _cleanup_token(self, auth_token: AuthToken) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            username = auth_token.user.get_username()
            auth_token.delete()
            token_expired.send(sender=self.__class__, username=username, source="auth_token")
            return True
        return False


class TokenScheme(KnoxTokenScheme):
    """The API schema's `Authorization: Token …` scheme for this class, as for knox's own."""

    target_class = "fating.accounts.auth.TokenAuthentication"
