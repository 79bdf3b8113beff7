"""`{% idempotency_key_field %}`: a hidden field with a fresh key, so a form submitted twice
(a double click, a resend after a lost answer) writes once (fating.core.idempotency)."""

from __future__ import annotations

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from fating.core.idempotency import FORM_FIELD

register = template.Library()


@register.simple_tag
def idempotency_key_field() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FORM_FIELD, uuid.uuid4().hex)
