"""docs/data-dictionary.md, generated from the models: every model of every fating app with its
fields, their Chinese names, types and help texts. `fating data_dictionary` writes it; a test
fails when it is out of date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import translation

PATH = Path(__file__).resolve().parents[3] / "docs" / "data-dictionary.md"

HEADER = """# Data dictionary

Generated from the models by `fating data_dictionary`; do not edit by hand (a test compares).
Each model's fields with their Chinese name (as the UI shows it), type and meaning (the field's
help text: meaning in the court's words, unit, legal basis). Terms are in the
[glossary](glossary.md). Implicit `id` primary keys are not listed.
"""


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _type(field: models.Field[Any, Any]) -> str:
    kind = field.get_internal_type()
    related = field.related_model
    if field.is_relation and related is not None and not isinstance(related, str):
        kind += f" → `{related._meta.label}`"
    elif getattr(field, "max_length", None):
        kind += f"({field.max_length})"
    elif isinstance(field, models.DecimalField):
        kind += f"({field.max_digits},{field.decimal_places})"
    if field.null:
        kind += ", null"
    return kind


def _summary(model: type[models.Model]) -> str:
    doc = model.__doc__ or ""
    if doc.startswith(f"{model.__name__}("):  # Django's generated docstring
        return ""
    return _cell(doc.split("\n\n")[0])


def render() -> str:
    lines = [HEADER]
    with translation.override(None):
        app_models: dict[str, list[type[models.Model]]] = {}
        for model in apps.get_models():
            if model.__module__.startswith("fating."):
                app_models.setdefault(model._meta.app_label, []).append(model)
        for app_label, group in app_models.items():
            lines.append(f"## {app_label}\n")
            for model in group:
                lines.append(f"### `{model._meta.label}` — {_cell(model._meta.verbose_name)}\n")
                if summary := _summary(model):
                    lines.append(f"{summary}\n")
                lines.append("| field | 中文 | type | meaning |")
                lines.append("|---|---|---|---|")
                for field in model._meta.concrete_fields:
                    if field.auto_created:
                        continue
                    lines.append(
                        f"| `{field.name}` | {_cell(field.verbose_name)} | {_type(field)} "
                        f"| {_cell(field.help_text)} |"
                    )
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"
