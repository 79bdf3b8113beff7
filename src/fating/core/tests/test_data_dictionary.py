"""The data dictionary stays true: model fields explain themselves (help_text), and
docs/glossary.md names only models that exist, and every model.

Which fields count (the rule the ratio is computed over):

- every model of every installed app whose module is under ``fating.`` (abstract bases are
  counted once per concrete model that inherits them; proxies and unmanaged models would count
  like any other);
- only its concrete fields (``_meta.concrete_fields``): columns of the model's own table or
  inherited from abstract bases; reverse relations, many-to-many tables and generic foreign keys
  are not concrete and are left out;
- minus auto-created fields: the implicit ``id`` primary key and multi-table parent links;
- minus fields declared by Django's own abstract classes (the ten fields ``User`` inherits from
  ``AbstractUser``: ``username``, ``password``, ``email``, ``is_staff``, …): their definitions
  live in Django, and redefining them only to add a help text would be a field change.

Explicit primary keys written in our models (e.g. single-row tables with ``id`` fixed to 1) do
count.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

MIN_HELP_TEXT_RATIO = 0.90


def _declaring_module(model: type[models.Model], field: models.Field) -> str:
    """The module of the class that declares `field` (the model itself or an abstract base)."""
    for klass in reversed(model.__mro__):
        meta = getattr(klass, "_meta", None)
        if meta is not None and any(f.name == field.name for f in meta.local_fields):
            return klass.__module__
    return model.__module__


def fating_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("fating.")]


def counted_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) pair the help-text ratio is computed over (rule in module docstring)."""
    pairs = []
    for model in fating_models():
        for field in model._meta.concrete_fields:
            if field.auto_created:
                continue
            if not _declaring_module(model, field).startswith("fating."):
                continue
            pairs.append((model, field))
    return pairs


def test_the_rule_counts_a_sensible_number_of_fields() -> None:
    pairs = counted_fields()
    assert len(pairs) > 800
    names = {(m.__name__, f.name) for m, f in pairs}
    assert ("User", "password") not in names  # Django's own field
    assert ("Dispute", "id") not in names  # the auto primary key
    assert ("AuditChainHead", "id") in names  # an explicit primary key counts


def test_at_least_ninety_percent_of_model_fields_have_a_help_text() -> None:
    pairs = counted_fields()
    missing = [f"{m._meta.label}.{f.name}" for m, f in pairs if not str(f.help_text).strip()]
    ratio = 1 - len(missing) / len(pairs)
    assert ratio >= MIN_HELP_TEXT_RATIO, (
        f"help_text on {ratio:.1%} of {len(pairs)} fields; missing: {', '.join(missing)}"
    )
