"""The API says exactly what the columns say.

Walks every serializer in every `api*.py` module: each writable text field must be bounded
(max_length), unless it is built from a model TextField by `model_field`; each field built from
a model column must carry that column's max_length; money goes through MoneyField, never DRF's
rounding DecimalField. A new unbounded request field fails here before it reaches PostgreSQL.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Any, cast

import pytest
from django.db import models
from rest_framework import serializers

import fating
from fating.core.fields import MoneyField

# Serializers only ever used to render answers (never request bodies): their fields are not input.
OUTPUT_ONLY = {
    "fating.warnings.api.WarningSerializer",  # built from selectors' rows, see warning_data
    "fating.warnings.api.WarningDetailSerializer",
    "fating.warnings.api.EvidenceSerializer",
    "fating.knowledge.api_education.StatisticsRow",
    "fating.knowledge.api_education.EducationStatisticsSerializer",
    "fating.core.api_calendar.PeriodAnswerSerializer",  # answers only; requests are parsed by
    "fating.core.api_calendar.HolidayYearSerializer",  # core.calendar and court_calendar
    "fating.accounts.api_users.PasswordResult",  # the answer to a password reset
}


# ModelSerializers that take request bodies (the others only render answers). Money columns are
# DecimalField(max_digits >= 12); coordinates and ratios are narrower and are not money.
WRITING_MODEL_SERIALIZERS = {"ServicePointSerializer", "LiaisonSerializer", "RuleSerializer"}


def _api_serializers() -> Iterator[type[serializers.Serializer[Any]]]:
    seen: set[type] = set()
    for info in pkgutil.walk_packages(fating.__path__, "fating."):
        leaf = info.name.rsplit(".", 1)[-1]
        in_api_package = ".api." in info.name  # cases/api/ is laid out by resource
        if (not leaf.startswith("api") and not in_api_package) or ".tests" in info.name:
            continue
        if leaf == "api_errors":
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, serializers.Serializer)
                and cls.__module__ == module.__name__
                and cls not in seen
            ):
                seen.add(cls)
                yield cls


SERIALIZERS = sorted(_api_serializers(), key=lambda c: f"{c.__module__}.{c.__name__}")


def _fields(
    serializer: serializers.Serializer[Any], path: str
) -> Iterator[tuple[str, Any, Any, Any]]:
    """(path, declared field, bound field, model of the serializer holding it) for every leaf
    field, through nesting and lists."""
    declared = getattr(type(serializer), "_declared_fields", {})
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    for name, field in serializer.fields.items():
        original = declared.get(name, field)
        if isinstance(field, serializers.ListSerializer):
            child = cast("serializers.Serializer[Any]", field.child)  # many=True of a serializer
            yield from _fields(child, f"{path}.{name}[]")
        elif isinstance(field, serializers.Serializer):
            yield from _fields(field, f"{path}.{name}")
        elif isinstance(field, serializers.ListField):
            yield f"{path}.{name}[]", original.child, field.child, model
        else:
            yield f"{path}.{name}", original, field, model


def test_the_walk_finds_the_write_serializers() -> None:
    names = {c.__name__ for c in SERIALIZERS}
    assert {"ReportSerializer", "PartyWriteSerializer", "AskRequest"} <= names


@pytest.mark.parametrize("cls", SERIALIZERS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_writable_text_field_is_bounded(cls: type[serializers.Serializer[Any]]) -> None:
    if f"{cls.__module__}.{cls.__name__}" in OUTPUT_ONLY:
        return
    unbounded = []
    for path, declared, field, model in _fields(cls(), cls.__name__):
        if field.read_only:
            continue
        if isinstance(field, serializers.DecimalField) and (field.max_digits or 0) >= 12:
            writes = not issubclass(cls, serializers.ModelSerializer) or (
                cls.__name__ in WRITING_MODEL_SERIALIZERS
            )
            assert not writes or isinstance(field, MoneyField), (
                f"{path}: money must use MoneyField (no silent rounding)"
            )
        if not isinstance(field, serializers.CharField):
            continue
        column = getattr(declared, "source_model_field", None)
        if column is None and model is not None:
            try:
                column = model._meta.get_field(field.source)
            except Exception:
                column = None
        if isinstance(column, models.TextField) and column.max_length is None:
            continue  # free text: as on the forms, the column sets no limit
        if field.max_length is None:
            unbounded.append(path)
        elif isinstance(column, models.CharField):
            assert column.max_length is not None, (path, column)
            assert field.max_length <= column.max_length, (path, column)
    assert not unbounded, f"unbounded text fields: {unbounded}"


@pytest.mark.parametrize("cls", SERIALIZERS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_model_fields_carry_the_column_limits(cls: type[serializers.Serializer[Any]]) -> None:
    for path, declared, field, _model in _fields(cls(), cls.__name__):
        column = getattr(declared, "source_model_field", None)
        if isinstance(column, models.CharField) and isinstance(field, serializers.CharField):
            assert field.max_length == column.max_length, path
            assert column.max_length is not None, path
            too_long = "长" * (column.max_length + 1)
            with pytest.raises(serializers.ValidationError):
                field.run_validation(too_long)
