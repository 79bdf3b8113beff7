"""Input fields shared by the pages and the API, so both say exactly the same thing.

- `MoneyFormField` / `MoneyField`: the one money parser (`fating.core.money`) as a Django form
  field and as a DRF serializer field.
- `model_field(Model, "name")`: the DRF field a ModelSerializer would build for a model field
  (max_length, choices, min/max, validators), for the plain serializers that feed services.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import model_meta

from fating.core.money import CENT, MONEY_MAX, MONEY_PATTERN, MoneyError, parse_money


class MoneyFormField(forms.Field):
    """Yuan with at most two decimals, through `parse_money` (thousands separators allowed)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(
        self,
        *,
        allow_zero: bool = True,
        allow_negative: bool = False,
        maximum: Decimal = MONEY_MAX,
        **kwargs: Any,
    ) -> None:
        self.allow_zero = allow_zero
        self.allow_negative = allow_negative
        self.maximum = maximum
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        try:
            return parse_money(
                value,
                label=_label(self.label),
                allow_zero=self.allow_zero,
                allow_negative=self.allow_negative,
                maximum=self.maximum,
                grouping=True,
            )
        except MoneyError as exc:
            raise forms.ValidationError(exc.reason, code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite():
            return str(value.quantize(CENT))
        return value


@extend_schema_field(
    {
        "type": "string",
        "format": "decimal",
        "pattern": MONEY_PATTERN,
        "example": "50000.00",
        "description": "金额（元），最多两位小数，不超过 999,999,999,999.99",
    }
)
class MoneyField(serializers.Field[Decimal | None, Any, str | None, Any]):
    """DRF field for yuan: accepts "50000.50" (preferred) or a JSON number, answers "50000.50".

    Same rules as the forms: at most two decimals (never rounded), finite, not negative unless
    allowed, not above `MONEY_MAX` (the narrowest money column), errors name the field.
    """

    default_error_messages = {"invalid": "金额无效。"}

    def __init__(
        self,
        *,
        allow_zero: bool = True,
        allow_negative: bool = False,
        maximum: Decimal = MONEY_MAX,
        **kwargs: Any,
    ) -> None:
        self.allow_zero = allow_zero
        self.allow_negative = allow_negative
        self.maximum = maximum
        super().__init__(**kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        # Blank text means "no amount", as on the forms, where the field allows null.
        if data == "" and self.allow_null:
            return True, None
        return super().validate_empty_values(data)

    def to_internal_value(self, data: Any) -> Decimal | None:
        try:
            return parse_money(
                data,
                field=self.field_name or "amount",
                label=_label(self.label),
                required=self.required and not self.allow_null,
                allow_zero=self.allow_zero,
                allow_negative=self.allow_negative,
                maximum=self.maximum,
            )
        except MoneyError as exc:
            raise serializers.ValidationError(exc.reason, code="invalid") from None

    def to_representation(self, value: Any) -> str | None:
        if value is None:
            return None
        return str(Decimal(value).quantize(CENT))


def _label(label: object) -> str:
    """The field's label as messages name it: "争议金额（元）" is "争议金额" in "争议金额不能为负数"."""
    return str(label or "金额").removesuffix("（元）")


def model_field(
    model: type[models.Model], name: str, **overrides: Any
) -> serializers.Field[Any, Any, Any, Any]:
    """The serializer field ModelSerializer builds for `model.name`, with `overrides` applied.

    So a plain Serializer that feeds a service enforces the column's max_length, choices,
    min/max and validators, with the model's verbose name as label, exactly as the form does.
    Money columns get `MoneyField`, never DRF's rounding-prone DecimalField.
    """
    model_field_obj = model._meta.get_field(name)
    if isinstance(model_field_obj, models.DecimalField) and model_field_obj.decimal_places == 2:
        kwargs: dict[str, Any] = {"label": model_field_obj.verbose_name}
        if model_field_obj.null:
            kwargs.update(required=False, allow_null=True)
        kwargs.update(overrides)
        return MoneyField(**kwargs)

    info = model_meta.get_field_info(model)
    builder: serializers.ModelSerializer[Any] = serializers.ModelSerializer()
    field_class, kwargs = builder.build_field(name, info, model, 0)
    kwargs.pop("read_only", None)
    kwargs.update(overrides)
    field = field_class(**kwargs)
    # An attribute of our own on DRF's field: lets tests map API fields back to columns.
    field.source_model_field = model_field_obj  # type: ignore[attr-defined]
    return field
