"""Loading the 案由 catalogue (民事案件案由规定) and finding the revision in force."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from fating.cases.models import CauseOfAction
from fating.cases.rules.causes import REVISIONS, Revision
from fating.core.audit import record_event
from fating.core.exceptions import FieldError

SHIPPED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# The repository's shared data folder, when running from a checkout next to it.
SHARED_DATA_DIR = Path(__file__).resolve().parents[5] / "shared" / "data" / "causes"


def default_data_dir() -> Path:
    """The shared data folder if present, else the copy shipped with the app."""
    if all((SHARED_DATA_DIR / r.filename).is_file() for r in REVISIONS):
        return SHARED_DATA_DIR
    return SHIPPED_DATA_DIR


@dataclass(frozen=True)
class LoadResult:
    revision: str
    created: int
    updated: int
    unchanged: int


def _read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise FieldError(
            {"path": _("无法读取案由文件 %(file)s：%(error)s") % {"file": path.name, "error": exc}}
        ) from None
    if not isinstance(rows, list):
        raise FieldError({"path": _("案由文件 %(file)s 应为 JSON 数组。") % {"file": path.name}})
    codes = set()
    for row in rows:
        if not isinstance(row, dict) or {"code", "level", "name", "parent"} - set(row):
            raise FieldError(
                {
                    "path": _("案由文件 %(file)s 中有缺少字段的条目：%(row)r")
                    % {"file": path.name, "row": row}
                }
            )
        if row["code"] in codes:
            raise FieldError(
                {
                    "path": _("案由文件 %(file)s 中编码重复：%(code)s")
                    % {"file": path.name, "code": row["code"]}
                }
            )
        if row["parent"] is not None and row["parent"] not in codes:
            raise FieldError(
                {
                    "path": _("案由 %(code)s 的上级 %(parent)s 未在其前出现。")
                    % {"code": row["code"], "parent": row["parent"]}
                }
            )
        codes.add(row["code"])
    return rows


@transaction.atomic
def load_revision(*, revision: Revision, path: Path, actor: Any = None) -> LoadResult:
    """Create or update one revision from its JSON file. Idempotent: a second run changes
    nothing. Entries are never deleted (filings refer to them)."""
    rows = _read_rows(path)
    existing = {c.code: c for c in CauseOfAction.objects.filter(revision=revision.name)}
    by_code: dict[str, CauseOfAction] = {}
    created = updated = unchanged = 0
    for position, row in enumerate(rows, start=1):
        parent = by_code.get(row["parent"]) if row["parent"] else None
        path_text = f"{parent.path}/{row['code']}" if parent else row["code"]
        values = {
            "name": row["name"],
            "level": int(row["level"]),
            "number": row.get("number"),
            "parent": parent,
            "path": path_text,
            "position": position,
            "valid_from": revision.valid_from,
            "valid_to": revision.valid_to,
        }
        cause = existing.get(row["code"])
        if cause is None:
            cause = CauseOfAction.objects.create(revision=revision.name, code=row["code"], **values)
            created += 1
        elif any(getattr(cause, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(cause, key, value)
            cause.save()
            updated += 1
        else:
            unchanged += 1
        by_code[row["code"]] = cause
    if created or updated:
        record_event(
            actor=actor,
            action="cases.causes.load",
            after={
                "revision": revision.name,
                "source": revision.source,
                "file": path.name,
                "created": created,
                "updated": updated,
            },
        )
    return LoadResult(revision.name, created, updated, unchanged)


def load_causes(*, data_dir: Path | None = None, actor: Any = None) -> list[LoadResult]:
    """Load every known revision from `data_dir` (default: default_data_dir())."""
    folder = data_dir or default_data_dir()
    return [load_revision(revision=r, path=folder / r.filename, actor=actor) for r in REVISIONS]


def revision_in_force(day: date) -> str | None:
    """The revision name in force on `day`, from the loaded data."""
    cause = (
        CauseOfAction.objects.filter(CauseOfAction.in_force_on(day)).order_by("-valid_from").first()
    )
    return cause.revision if cause else None


def causes_in_force(day: date) -> QuerySet[CauseOfAction]:
    """Selectable causes (levels 3 and 4) of the revision in force on `day`."""
    revision = revision_in_force(day)
    return CauseOfAction.objects.filter(revision=revision, level__gte=3).order_by("position")
