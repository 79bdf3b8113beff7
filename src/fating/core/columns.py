"""The last line of defence: nothing is written that its column cannot hold.

SQLite, the embedded default, does not enforce varchar lengths, integer widths or decimal
digits; PostgreSQL does, with a 500. Forms and serializers check their fields first (and say so
in the user's terms); this check runs before every save of a Fating model (in
`fating.core.models.FatingModel.save_base`, the base of every model) and refuses, as a
`FieldError` naming the column in Chinese, a text longer than its `max_length`, an integer
outside the PostgreSQL range of its column, or a decimal with more digits than the column holds
(never rounded). Services run in one transaction, so a refusal leaves nothing half-written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields import AutoFieldMixin
from django.utils.translation import gettext as _

# PostgreSQL's ranges (Django's defaults), also on SQLite, so both databases accept the same rows.
_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def column_errors(instance: models.Model) -> dict[str, list[str]]:
    """Every concrete field of `instance` whose value its column cannot hold, with the reason."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if value is None:
            continue
        message = _column_error(field, value)
        if message:
            errors[field.name] = [message]
    return errors


def _column_error(field: models.Field[Any, Any], value: Any) -> str | None:
    label = str(field.verbose_name)
    if isinstance(field, models.FileField):
        value = getattr(value, "name", value) or ""
    if isinstance(field, models.CharField | models.FileField) and field.max_length:
        if isinstance(value, str) and len(value) > field.max_length:
            return _("%(label)s不能超过 %(max)d 个字（现为 %(len)d 个）。") % {
                "label": label, "max": field.max_length, "len": len(value),
            }  # fmt: skip
        return None
    if isinstance(field, models.IntegerField) and not isinstance(field, AutoFieldMixin):
        low, high = _INTEGER_RANGES.get(field.get_internal_type(), (None, None))
        if isinstance(value, int) and not isinstance(value, bool):
            if (low is not None and value < low) or (high is not None and value > high):
                return _("%(label)s超出可保存的范围（%(low)s 至 %(high)s）。") % {
                    "label": label, "low": low, "high": high,
                }  # fmt: skip
        return None
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal):
        if not value.is_finite():
            return _("%(label)s必须是有限的数字。") % {"label": label}
        if value != value.quantize(Decimal(1).scaleb(-field.decimal_places)):
            return _("%(label)s最多保留 %(places)d 位小数。") % {
                "label": label, "places": field.decimal_places,
            }  # fmt: skip
        whole_digits = field.max_digits - field.decimal_places
        if abs(value) >= Decimal(10) ** whole_digits:
            return _("%(label)s超出可保存的范围。") % {"label": label}
    return None


def length_errors(
    model: type[models.Model], values: dict[str, Any], *, prefix: str = ""
) -> dict[str, str]:
    """For a service about to write `model` from `values` ({field name: value}): the message for
    each value its column cannot hold, keyed `prefix + name` (e.g. "parties.0.address"), so the
    error names the field the caller sent rather than surfacing from the save."""
    errors: dict[str, str] = {}
    for name, value in values.items():
        if value is None:
            continue
        # Services name concrete columns here, never reverse relations.
        field = cast("models.Field[Any, Any]", model._meta.get_field(name))
        message = _column_error(field, value)
        if message:
            errors[prefix + name] = message
    return errors
