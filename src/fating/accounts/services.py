"""Sign-in with throttling; used by the login page and the token endpoint alike."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from fating.accounts import throttle
from fating.accounts.models import User
from fating.core.audit import record_event
from fating.core.exceptions import DomainError, FieldError


class LoginLocked(DomainError):
    status_code = 429
    code = "throttled"


def check_credentials(*, request: HttpRequest, login: str, password: str) -> User:
    """Return the user for these credentials or raise; counts failures for throttling."""
    address = throttle.client_address(request)
    if not login:
        raise FieldError({"username": _("请输入用户名或手机号码。")})
    if not password:
        raise FieldError({"password": _("请输入密码。")})
    if throttle.is_locked(login, address):
        raise LoginLocked(_("登录失败次数过多，请 15 分钟后再试。"))
    user = authenticate(request, username=login, password=password)
    if user is None:
        throttle.record_failure(login, address)
        raise DomainError(_("用户名（或手机号码）或密码不正确。"))
    throttle.clear(login, address)
    return user


@transaction.atomic
def issue_token(*, user: User) -> Token:
    """Give the user an API token (the same one until it is revoked)."""
    token, created = Token.objects.get_or_create(user=user)
    if created:
        record_event(actor=user, action="accounts.token.issue", target=user)
    return token
