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

import importlib
import re
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string

MIN_HELP_TEXT_RATIO = 0.90


def _declaring_module(model: type[models.Model], field: models.Field[Any, Any]) -> str:
    """The module of the class that declares `field` (the model itself or an abstract base)."""
    for klass in reversed(model.__mro__):
        meta = getattr(klass, "_meta", None)
        if meta is not None and any(f.name == field.name for f in meta.local_fields):
            return klass.__module__
    return model.__module__


def fating_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("fating.")]


def counted_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
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


# --- docs/glossary.md -------------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[4] / "docs"
GLOSSARY = DOCS / "glossary.md"
_CODE = re.compile(r"`([^`]+)`")
_MODEL_REF = re.compile(r"^(?P<app>[a-z_]+)\.(?P<model>[A-Z]\w*)(?:\.(?P<attr>\w+))?$")


def _glossary() -> str:
    return GLOSSARY.read_text(encoding="utf-8")


def _models_section(text: str) -> str:
    start = text.index("\n## Models\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _first_column_codes(section: str) -> list[str]:
    """The backticked names in the first cell of each table row."""
    codes = []
    for line in section.splitlines():
        cells = line.split("|")
        if len(cells) > 2 and not set(cells[1].strip()) <= {"-"}:
            codes += _CODE.findall(cells[1])
    return codes


def test_glossary_lists_every_model_exactly_once_and_only_models() -> None:
    listed = _first_column_codes(_models_section(_glossary()))
    listed = [code for code in listed if code != "model"]
    duplicates = sorted({c for c in listed if listed.count(c) > 1})
    assert not duplicates, f"listed twice in the glossary: {duplicates}"
    existing = {m._meta.label for m in fating_models()}
    assert not set(listed) - existing, f"not models: {sorted(set(listed) - existing)}"
    assert not existing - set(listed), f"models missing: {sorted(existing - set(listed))}"


def test_every_code_name_in_the_glossary_exists() -> None:
    """`app.Model` and `app.Model.attribute` must exist; `fating.…` must import; a bare class
    name such as `Receipt` is refused because two apps may use it (cases and delivery do)."""
    problems = []
    for code in sorted(set(_CODE.findall(_glossary()))):
        if match := _MODEL_REF.match(code):
            try:
                model = apps.get_model(match["app"], match["model"])
            except LookupError:
                problems.append(f"{code}: no such model")
                continue
            if match["attr"] and not hasattr(model, match["attr"]):
                problems.append(f"{code}: no such field or attribute")
        elif code.startswith("fating."):
            try:
                import_string(code)
            except ImportError:
                try:
                    importlib.import_module(code)
                except ImportError:
                    problems.append(f"{code}: does not import")
        elif re.fullmatch(r"[A-Z]\w*(\.\w+)?", code):
            problems.append(f"{code}: write models as app_label.Model, other code as fating.…")
    assert not problems, problems


def test_data_dictionary_doc_is_up_to_date() -> None:
    """docs/data-dictionary.md is generated: run `fating data_dictionary` after changing a model."""
    from fating.core.data_dictionary import PATH, render

    assert PATH.read_text(encoding="utf-8") == render(), "run `fating data_dictionary`"
