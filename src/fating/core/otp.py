"""One-time codes sent by SMS: a person proves they hold a phone."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.core.exceptions import FieldError
from fating.core.models import OneTimeCode
from fating.core.notify import notify

CODE_TTL = timedelta(minutes=10)
MAX_WRONG = 5


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def ref(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def send_code(*, purpose: str, obj: models.Model, mobile: str, text: str) -> OneTimeCode:
    """Create a code and queue it by SMS. `text` contains `{code}`. Call inside a transaction."""
    code = f"{secrets.randbelow(10**6):06d}"
    otp = OneTimeCode.objects.create(
        purpose=purpose,
        object_ref=ref(obj),
        mobile=mobile,
        code_hash=_digest(code),
        expires_at=timezone.now() + CODE_TTL,
    )
    notify(
        dedupe_key=f"otp:{otp.pk}",
        subject="验证码",
        body=text.format(code=code),
        mobile=mobile,
    )
    return otp


def check_code(*, purpose: str, obj: models.Model, code: str) -> OneTimeCode:
    """Consume the newest live code for `obj`, or raise FieldError on `code`.

    Runs in its own transaction and must not be called inside another one: a wrong attempt has
    to be counted even though the caller's change is refused.
    """
    error = ""
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(purpose=purpose, object_ref=ref(obj), used_at=None)
            .order_by("-created_at")
            .first()
        )
        if otp is None or otp.expires_at < timezone.now():
            error = _("验证码已过期或不存在，请重新获取。")
        elif otp.attempts >= MAX_WRONG:
            error = _("验证码错误次数过多，请重新获取。")
        elif not hmac.compare_digest(otp.code_hash, _digest((code or "").strip())):
            otp.attempts += 1
            otp.save(update_fields=["attempts"])
            error = _("验证码不正确。")
        else:
            otp.used_at = timezone.now()
            otp.save(update_fields=["used_at"])
    if error or otp is None:  # otp is None only with an error set
        raise FieldError({"code": error})
    return otp
