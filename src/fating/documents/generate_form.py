"""The generate page's form: which kinds a matter offers, the kind's fields as form inputs with
their prefilled values, and the posted form turned back into the context the service checks.

Scalars are one input each; a list of texts is a textarea, one item a line; a list of records is a
textarea, one record a line, its items separated by “|” in the order the help text names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from fating.documents.kinds import DocumentKind, all_kinds, get_kind
from fating.documents.registry import registration_for

INPUT_TYPES = {"date": "date", "datetime": "datetime-local", "int": "number"}
RECORD_SEPARATOR = "|"


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    widget: str  # input, textarea, select
    input_type: str
    value: str
    required: bool
    help: str
    choices: tuple[tuple[str, str], ...]
    errors: tuple[str, ...]


def kinds_for(matter: Any) -> list[DocumentKind]:
    """The kinds the matter's registration offers (every kind when it names none)."""
    registration = registration_for(matter)
    wanted = registration.kinds if registration else ()
    if not wanted:
        return all_kinds()
    return [spec for kind in wanted if (spec := get_kind(kind)) is not None]


def kind_for(matter: Any, kind: str) -> DocumentKind | None:
    return next((spec for spec in kinds_for(matter) if spec.kind == kind), None)


def defaults_for(matter: Any, kind: str, params: Any) -> dict[str, Any]:
    registration = registration_for(matter)
    if registration is None or registration.defaults is None:
        return {"context": {}, "pickers": []}
    return registration.defaults(matter, kind, params)


def _shown(value: Any, field_type: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return str(value.strftime("%Y-%m-%dT%H:%M"))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        if field_type == "records":
            return "\n".join(
                RECORD_SEPARATOR.join(str(v or "") for v in row.values()) for row in value
            )
        return "\n".join(str(v) for v in value)
    return str(value)


def _help(spec: Any) -> str:
    if spec.type == "records":
        order = RECORD_SEPARATOR.join(item.label for item in spec.items)
        return _("每行一项，各栏以“|”分隔：%(order)s") % {"order": order}
    if spec.type == "texts":
        return spec.help or _("每行一项。")
    return str(spec.help)


def form_fields(
    spec: DocumentKind, values: dict[str, Any], errors: dict[str, list[str]]
) -> list[FormField]:
    out = []
    for field in spec.fields:
        if field.type in ("texts", "records"):
            widget = "textarea"
        elif field.type == "choice":
            widget = "select"
        else:
            widget = "input"
        out.append(
            FormField(
                name=field.name,
                label=field.label,
                widget=widget,
                input_type=INPUT_TYPES.get(field.type, "text"),
                value=_shown(values.get(field.name), field.type),
                required=field.required,
                help=_help(field),
                choices=field.choices,
                errors=tuple(errors.get(field.name, ())),
            )
        )
    return out


def context_from(spec: DocumentKind, data: QueryDict) -> dict[str, Any]:
    """The posted form as the kind's context; blanks stay blank for the service to name."""
    context: dict[str, Any] = {}
    for field in spec.fields:
        raw = (data.get(field.name) or "").strip()
        if field.type == "texts":
            context[field.name] = [line.strip() for line in raw.splitlines() if line.strip()]
        elif field.type == "records":
            rows = []
            for line in raw.splitlines():
                if not line.strip():
                    continue
                cells = [cell.strip() for cell in line.split(RECORD_SEPARATOR)]
                rows.append(
                    {
                        item.name: (cells[i] if i < len(cells) and cells[i] else None)
                        for i, item in enumerate(field.items)
                    }
                )
            context[field.name] = rows
        else:
            context[field.name] = raw
    return context


def errors_by_field(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """Service errors keyed by path ("parties.0.name") gathered under their form field."""
    out: dict[str, list[str]] = {}
    for path, messages in fields.items():
        out.setdefault(path.split(".")[0], []).extend(messages)
    return out
