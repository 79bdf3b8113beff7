"""Importing the statutes and typical cases of the laws data pack (`fating kb import`)."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from fating.core.audit import record_event
from fating.core.exceptions import FieldError
from fating.knowledge import markdown, rules
from fating.knowledge.models import Article, Law, LibraryStamp, TypicalCase
from fating.knowledge.similarity.tokenize import legal_terms

CASES_FOLDER = "案例"
_SKIP_FILES = {"MANIFEST.md", "README.md", "_index.md"}


def default_laws_dir() -> Path | None:
    """`FATING_LAWS_DIR`, else ../shared/data/laws next to the repository, when it exists."""
    configured = os.environ.get("FATING_LAWS_DIR")
    if configured:
        return Path(configured)
    candidate = Path(settings.PACKAGE_DIR).parent.parent.parent / "shared" / "data" / "laws"
    return candidate if candidate.is_dir() else None


@dataclass
class ImportReport:
    """What one import did; `changed` says whether the search index must be rebuilt."""

    laws_created: int = 0
    laws_updated: int = 0
    laws_unchanged: int = 0
    articles_written: int = 0
    cases_created: int = 0
    cases_updated: int = 0
    cases_unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.laws_created + self.laws_updated + self.cases_created + self.cases_updated)

    def as_dict(self) -> dict[str, object]:
        return {
            "laws_created": self.laws_created,
            "laws_updated": self.laws_updated,
            "laws_unchanged": self.laws_unchanged,
            "articles_written": self.articles_written,
            "cases_created": self.cases_created,
            "cases_updated": self.cases_updated,
            "cases_unchanged": self.cases_unchanged,
            "problems": self.problems,
        }


def bump_library_stamp() -> int:
    """Tell every process that searchable data changed (their indexes rebuild on next search)."""
    LibraryStamp.objects.get_or_create(pk=1)
    LibraryStamp.objects.filter(pk=1).update(version=F("version") + 1, token=uuid.uuid4().hex)
    return LibraryStamp.objects.get(pk=1).version


@transaction.atomic
def import_library(*, path: Path, actor: object | None = None) -> ImportReport:
    """Load every statute and typical case under `path`. Idempotent; keeps older versions.

    A file whose checksum is already stored for its path and version is skipped. A changed file
    with the same version date replaces that version's articles; a new version date adds a new
    Law row, so earlier versions and their articles stay.
    """
    root = Path(path)
    if not root.is_dir():
        raise FieldError({"path": _("资料目录不存在：%(path)s") % {"path": root}})
    report = ImportReport()
    touched_titles: set[tuple[str, str]] = set()
    known_causes = legal_terms()
    for file in sorted(root.rglob("*.md")):
        if file.name in _SKIP_FILES:
            continue
        rel = file.relative_to(root).as_posix()
        data = file.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            report.problems.append(f"{rel}：不是 UTF-8 文本，已跳过")
            continue
        digest = markdown.checksum(data)
        if rel.split("/", 1)[0] == CASES_FOLDER:
            _import_case(rel, text, digest, report, known_causes)
        else:
            key = _import_law(rel, file.name, text, digest, report)
            if key:
                touched_titles.add(key)
    for title, subtitle in touched_titles:
        _mark_current(title, subtitle)
    if report.changed:
        bump_library_stamp()
    record_event(actor=actor, action="knowledge.library.import", after=report.as_dict())
    return report


def _import_law(
    rel: str, filename: str, text: str, digest: str, report: ImportReport
) -> tuple[str, str] | None:
    parsed = markdown.parse_law(text, filename=filename)
    if not parsed.title or not parsed.articles:
        report.problems.append(f"{rel}：未识别出法律名称或条文，已跳过")
        return None
    existing = Law.objects.filter(source_path=rel, version_date=parsed.version_date).first()
    if existing is not None and existing.checksum == digest:
        report.laws_unchanged += 1
        return None
    fields = {
        "title": parsed.title[:200],
        "subtitle": parsed.subtitle[:60],
        "category": rel.split("/", 1)[0][:60],
        "checksum": digest,
        "header": "\n".join(parsed.header),
        "preamble": parsed.preamble,
    }
    if existing is None:
        law = Law.objects.create(source_path=rel, version_date=parsed.version_date, **fields)
        report.laws_created += 1
    else:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        existing.articles.all().delete()
        law = existing
        report.laws_updated += 1
    Article.objects.bulk_create(
        Article(
            law=law,
            position=i,
            number=a.number,
            label=a.label,
            book=a.book[:80],
            part=a.part[:80],
            chapter=a.chapter[:80],
            section=a.section[:80],
            text=a.text,
        )
        for i, a in enumerate(parsed.articles, start=1)
    )
    report.articles_written += len(parsed.articles)
    return law.title, law.subtitle


def _mark_current(title: str, subtitle: str) -> None:
    versions = Law.objects.filter(title=title, subtitle=subtitle).order_by(
        F("version_date").desc(nulls_last=True), "-pk"
    )
    latest = versions.first()
    if latest is None:
        return
    versions.exclude(pk=latest.pk).update(is_current=False)
    Law.objects.filter(pk=latest.pk).update(is_current=True)


def _import_case(
    rel: str, text: str, digest: str, report: ImportReport, known_causes: frozenset[str]
) -> None:
    existing = TypicalCase.objects.filter(source_path=rel).first()
    if existing is not None and existing.checksum == digest:
        report.cases_unchanged += 1
        return
    parsed = markdown.parse_case(text)
    if not parsed.title or not (parsed.facts or parsed.body):
        report.problems.append(f"{rel}：未识别出案例名称或案情，已跳过")
        return
    parts = rel.split("/")
    collection = parts[1] if len(parts) > 2 else ""
    cause = rules.cause_from_title(parsed.title, known_causes)
    fields = {
        "origin": TypicalCase.Origin.LIBRARY,
        "status": TypicalCase.Status.PUBLISHED,
        "title": parsed.title[:200],
        "headline": parsed.headline[:200] if parsed.headline != parsed.title else "",
        "cause": cause[:60],
        "topic": rules.classify_topic(
            parsed.title, parsed.headline, collection, cause, parsed.facts
        ),
        "collection": collection[:60],
        "facts": parsed.facts,
        "holding": parsed.holding,
        "result": parsed.result,
        "reasoning": parsed.reasoning,
        "significance": parsed.significance,
        "keywords": parsed.keywords[:200],
        "body": parsed.body,
        "source": (parsed.source or f"LawRefBook/Laws · {collection}")[:200],
        "checksum": digest,
    }
    if existing is None:
        TypicalCase.objects.create(source_path=rel, **fields)
        report.cases_created += 1
    else:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        report.cases_updated += 1
