"""Signing in, API tokens, passwords, memberships and deactivation: every change here is one
transaction and one audit event (the live chat re-checks membership on the membership and user
events, see conversations.subscribers).

Throttling of sign-in is django-axes' (see accounts.lockout); the login page and the token
endpoint both come through `check_credentials`, so they share it.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from fating.accounts.models import Membership, User
from fating.core import otp
from fating.core.audit import record_event
from fating.core.exceptions import DomainError, FieldError, NotPermitted

RESET_CODE_PURPOSE = "accounts.password_reset"
#: Reset codes one mobile number and one client address may ask for per window (SMS costs money
#: and each code allows otp.MAX_WRONG guesses).
RESET_PER_MOBILE = 3
RESET_PER_ADDRESS = 10
RESET_WINDOW = timedelta(hours=1)


class LoginLocked(DomainError):
    status_code = 429
    code = "throttled"


class TooManyRequests(DomainError):
    status_code = 429
    code = "throttled"


def lockout_message() -> str:
    minutes = max(1, round(settings.LOGIN_LOCKOUT_SECONDS / 60))
    return _("登录失败次数过多，请 %(minutes)d 分钟后再试。") % {"minutes": minutes}


def check_credentials(*, request: HttpRequest, login: str, password: str) -> User:
    """Return the user for these credentials or raise; failures are counted by django-axes."""
    login = (login or "").strip()
    if not login:
        raise FieldError({"username": _("请输入用户名或手机号码。")})
    if not password:
        raise FieldError({"password": _("请输入密码。")})
    # The axes backend refuses a locked (address, account) or account before the password is
    # checked, and a failure is recorded through Django's user_login_failed signal.
    user = authenticate(request, username=login, password=password)
    if user is None:
        if AxesProxyHandler.is_locked(request, {"username": login}):
            raise LoginLocked(lockout_message())
        raise DomainError(_("用户名（或手机号码）或密码不正确。"))
    return user


def token_ttl() -> timedelta:
    return timedelta(days=settings.FATING_TOKEN_TTL_DAYS)


@transaction.atomic
def issue_token(*, user: User, request: HttpRequest | None = None) -> tuple[AuthToken, str]:
    """A new API token for `user`, valid FATING_TOKEN_TTL_DAYS; returns (record, secret).

    Only a digest is stored, so the secret is shown once. Expired tokens of the user go away.
    A user holding a temporary password gets none until they have changed it on the web.
    """
    if user.must_change_password:
        raise NotPermitted(_("请先登录网页修改管理员签发的临时密码，再申请接口令牌。"))
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    instance, secret = AuthToken.objects.create(user=user, expiry=token_ttl())
    record_event(
        actor=user,
        action="accounts.token.issue",
        target=user,
        after={"token_key": instance.token_key, "expiry": instance.expiry},
    )
    if request is not None:
        # As a page sign-in does: last_login, and axes clears this address's failures.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
    return instance, secret


@transaction.atomic
def revoke_token(*, token: AuthToken, actor: User) -> None:
    """Delete one API token (the caller's own, from `DELETE /api/v1/auth/token/`)."""
    record_event(
        actor=actor,
        action="accounts.token.revoke",
        target=token.user,
        before={"token_key": token.token_key, "expiry": token.expiry},
    )
    token.delete()


def revoke_all_tokens(user: User) -> int:
    """Delete every API token of `user`; returns how many (call inside the caller's transaction)."""
    count, _detail = AuthToken.objects.filter(user=user).delete()
    return count


def _validate_new_password(password1: str, password2: str, user: User | None) -> None:
    if not password1:
        raise FieldError({"new_password1": _("请输入新密码。")})
    if password1 != password2:
        raise FieldError({"new_password2": _("两次输入的新密码不一致。")})
    try:
        password_validation.validate_password(password1, user)
    except ValidationError as exc:
        raise FieldError({"new_password1": list(exc.messages)}) from None


@transaction.atomic
def change_password(
    *, user: User, old_password: str, new_password1: str, new_password2: str
) -> User:
    """Change a signed-in user's password; every API token of theirs is revoked.

    Their other sessions end by themselves: Django keys each session to the password hash. The
    caller keeps the current session with `update_session_auth_hash`.
    """
    if not user.check_password(old_password or ""):
        raise FieldError({"old_password": _("原密码不正确。")})
    _validate_new_password(new_password1, new_password2, user)
    if new_password1 == old_password:
        # A temporary password must really be replaced, and reusing any password gains nothing.
        raise FieldError({"new_password1": _("新密码不能与原密码相同。")})
    user.set_password(new_password1)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    revoked = revoke_all_tokens(user)
    record_event(
        actor=user,
        action="accounts.password.change",
        target=user,
        after={"tokens_revoked": revoked},
    )
    return user


def _normalise_mobile(mobile: str) -> str:
    mobile = (mobile or "").strip()
    if not (mobile.isdigit() and len(mobile) == 11 and mobile.startswith("1")):
        raise FieldError({"mobile": _("请输入 11 位手机号码。")})
    return mobile


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _over_limit(key: str, limit: int) -> bool:
    """Count one more request under `key` in the window; True when past `limit`."""
    window = int(RESET_WINDOW.total_seconds())
    if cache.add(key, 1, timeout=window):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _active_user_by_mobile(mobile: str) -> User | None:
    return User.objects.filter(mobile=mobile, is_active=True).first()


def request_password_reset(*, mobile: str, address: str) -> None:
    """Send a reset code by SMS to `mobile` if it belongs to an active user.

    The caller says the same thing whether or not the number is registered, and the throttle
    counts every request alike, so neither the answer nor the throttle tells the two apart.
    """
    mobile = _normalise_mobile(mobile)
    limited = _over_limit(f"pwreset:addr:{_digest(address)}", RESET_PER_ADDRESS)
    limited = over_reset_limit(mobile) or limited
    if limited:
        raise TooManyRequests(_("获取验证码过于频繁，请一小时后再试。"))
    user = _active_user_by_mobile(mobile)
    if user is None:
        return
    with transaction.atomic():
        send_reset_code(user=user, mobile=mobile)
        record_event(actor=None, action="accounts.password.reset_code", target=user)


def send_reset_code(*, user: User, mobile: str) -> None:
    """Queue the SMS with a reset code for `user` (the one code `reset_password` accepts).
    Call inside the caller's transaction, next to its audit event."""
    otp.send_code(
        purpose=RESET_CODE_PURPOSE,
        obj=user,
        mobile=mobile,
        text=_(
            "【法庭E+】您正在重置登录密码，验证码 {code}，10 分钟内有效。如非本人操作，请忽略本短信。"
        ),
    )


def over_reset_limit(mobile: str) -> bool:
    """Count one more reset code for `mobile` (the per-number limit every sender shares)."""
    return _over_limit(f"pwreset:mobile:{_digest(mobile)}", RESET_PER_MOBILE)


def reset_password(*, mobile: str, code: str, new_password1: str, new_password2: str) -> User:
    """Set a new password for the user whose mobile received `code`; revoke their tokens.

    An unregistered number gets the same error as a registered one without a live code.
    """
    mobile = _normalise_mobile(mobile)
    if not (code or "").strip():
        raise FieldError({"code": _("请输入验证码。")})
    # Checked before the code is spent, without the user, so the answer cannot depend on them.
    _validate_new_password(new_password1, new_password2, None)
    user = _active_user_by_mobile(mobile)
    if user is None:
        raise FieldError({"code": _("验证码已过期或不存在，请重新获取。")})
    otp.check_code(purpose=RESET_CODE_PURPOSE, obj=user, code=code)  # its own transaction
    _validate_new_password(new_password1, new_password2, user)
    with transaction.atomic():
        user.set_password(new_password1)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        revoked = revoke_all_tokens(user)
        record_event(
            actor=user,
            action="accounts.password.reset",
            target=user,
            after={"tokens_revoked": revoked, "by": "sms"},
        )
    # Whoever holds the phone is the owner: lift any sign-in lock on the account.
    AxesProxyHandler.reset_attempts(username=user.get_username())
    return user


@transaction.atomic
def set_membership_active(*, actor: User, membership: Membership, active: bool) -> Membership:
    """Switch one membership on or off (a role someone leaves or returns to)."""
    if not actor.has_perm("accounts.change_membership"):
        raise NotPermitted(_("只有系统管理员可以调整用户身份。"))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before = membership.active
    membership.active = bool(active)
    membership.save(update_fields=["active", "updated_at"])
    record_event(
        actor=actor,
        action="accounts.membership.activate" if membership.active else "accounts.membership.deactivate",
        target=membership,
        before={"active": before},
        after={"active": membership.active, "user": membership.user_id, "role": membership.role},
    )  # fmt: skip
    return membership


@transaction.atomic
def record_admin_change(
    *, actor: User, user: User, fields: list[str], memberships: list[int]
) -> None:
    """The Django admin saved `user` (its `fields`) and the `memberships` (ids) in its form:
    its writes go through the admin's own form, so this records the one event they make."""
    record_event(
        actor=actor,
        action="accounts.user.admin_change",
        target=user,
        after={"user": user.pk, "is_active": user.is_active, "fields": sorted(fields),
               "memberships": sorted(memberships)},
    )  # fmt: skip
