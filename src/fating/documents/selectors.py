"""Reads of documents and dossiers, and who may see what.

Visibility follows the matter a document belongs to, as its app registered it
(fating.documents.registry): a user who may not view the matter gets 404 for the matter, its
documents and its dossier; one who may view but not manage it gets 403 on every write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.core.access import obtain, unknown_action
from fating.core.exceptions import NotPermitted, NotVisible
from fating.documents import registry
from fating.documents.exceptions import IntegrityFailure, logger
from fating.documents.models import Document, Dossier, DossierEntry
from fating.documents.rules import ChainBreak, ChainLink, first_break

# Marked for the catalog here, translated where raised (the language is the request's).
MATTER_NOT_FOUND = gettext_noop("事项不存在。")
DOCUMENT_NOT_FOUND = gettext_noop("文书不存在。")
NOT_MANAGER = gettext_noop("只有本事项的承办人员可以生成文书或管理卷宗。")


def can_view_matter(user: Any, matter: models.Model) -> bool:
    registration = registry.registration_for(matter)
    if registration is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(registration.can_view(user, matter))


def can_manage_matter(user: Any, matter: models.Model) -> bool:
    registration = registry.registration_for(matter)
    if registration is None or not can_view_matter(user, matter):
        return False
    return bool(registration.can_manage(user, matter))


def matter_q(user: Any, action: str, queryset: QuerySet[Any], *, prefix: str = "") -> Q:
    """The rows of `queryset` (documents, dossiers, services: anything with `matter_type` and
    `matter_id` under `prefix`) whose matter `user` may `action` ("view" or "manage"), as one
    condition. A matter app that registered `matters` is asked in the database; one that
    registered only checks is asked per matter found in `queryset`."""
    if action not in ("view", "manage"):
        raise ValueError(f"matter_q: unknown action {action!r}")
    condition = Q(pk__in=[])
    if not getattr(user, "is_authenticated", False):
        return condition
    for registration in registry.registrations():
        ctype = ContentType.objects.get_for_model(registration.model)
        if registration.matters is not None:
            ids: Any = registration.matters(user, action)
            if action == "manage":  # managing presumes seeing, as can_manage_matter does
                ids = ids.filter(pk__in=registration.matters(user, "view").values("pk"))
            ids = ids.values("pk")
        else:
            check = can_view_matter if action == "view" else can_manage_matter
            found = queryset.filter(**{f"{prefix}matter_type": ctype})
            candidates = found.values_list(f"{prefix}matter_id", flat=True).distinct()
            matters = registration.model._default_manager.filter(pk__in=list(candidates))
            ids = [m.pk for m in matters if check(user, m)]
        condition |= Q(**{f"{prefix}matter_type": ctype, f"{prefix}matter_id__in": ids})
    return condition


def restrict(queryset: QuerySet[Any], user: Any, action: str = "view") -> QuerySet[Any]:
    """Documents, dossiers and dossier entries `user` may "view" (read) or "manage"
    (generate, add, archive): those of the matters their app lets the user view or manage."""
    model = queryset.model
    if model not in (Document, Dossier, DossierEntry) or action not in ("view", "manage"):
        raise unknown_action(model, action)
    prefix = "dossier__" if model is DossierEntry else ""
    return queryset.filter(matter_q(user, action, queryset, prefix=prefix))


def check_matter(user: Any, matter: models.Model, *, write: bool = False) -> None:
    """NotVisible (404) unless the user may view the matter; NotPermitted (403) for writes by
    someone who may view but not manage it."""
    if not can_view_matter(user, matter):
        raise NotVisible(_(MATTER_NOT_FOUND))
    if write and not can_manage_matter(user, matter):
        raise NotPermitted(_(NOT_MANAGER))


def matter_for(user: Any, matter_type: str, matter_id: Any, *, write: bool = False) -> models.Model:
    """A registered matter by its label ("disputes.dispute") and primary key, if the user may
    see it. Unregistered types, unknown ids and invisible matters all answer 404."""
    model = registry.model_for_label(matter_type)
    if model is None or not str(matter_id).isdigit():
        raise NotVisible(_(MATTER_NOT_FOUND))
    matter = model._default_manager.filter(pk=int(matter_id)).first()
    if matter is None:
        raise NotVisible(_(MATTER_NOT_FOUND))
    check_matter(user, matter, write=write)
    return matter


def matter_label(matter: models.Model) -> str:
    return f"{matter._meta.verbose_name}：{matter}"


def matter_key(matter: models.Model) -> tuple[ContentType, int]:
    return ContentType.objects.get_for_model(type(matter)), int(matter.pk)  # type: ignore[arg-type]


def documents_of(matter: models.Model) -> QuerySet[Document]:
    """All documents of a matter, newest first (no permission check: call check_matter first)."""
    ctype, pk = matter_key(matter)
    return Document.objects.filter(matter_type=ctype, matter_id=pk).select_related("generated_by")


def documents_for(user: Any, matter: models.Model) -> QuerySet[Document]:
    check_matter(user, matter)
    return documents_of(matter)


def document_for(user: Any, document_id: Any, *, write: bool = False) -> Document:
    qs = Document.objects.select_related("matter_type", "generated_by", "supersedes")
    if str(document_id).isdigit():
        qs = qs.filter(pk=int(document_id))  # asked of this one document's matter only
    return obtain(restrict, qs, user, document_id, "manage" if write else "view",
                  missing=_(DOCUMENT_NOT_FOUND), refused=_(NOT_MANAGER))  # fmt: skip


def successor_of(document: Document) -> Document | None:
    """The document regenerated to replace this one, if any."""
    return Document.objects.filter(supersedes=document).first()


def dossier_of(matter: models.Model) -> Dossier | None:
    ctype, pk = matter_key(matter)
    return Dossier.objects.filter(matter_type=ctype, matter_id=pk).first()


def entries_of(dossier: Dossier | None) -> QuerySet[DossierEntry]:
    if dossier is None:
        return DossierEntry.objects.none()
    return dossier.entries.select_related("added_by", "document").order_by("seq")


# ---------------------------------------------------------------------------------------------
# Integrity: stored files are re-hashed whenever they are read.


def read_stored(name: str) -> bytes | None:
    """The stored file's bytes, or None when it is missing."""
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        return None


def read_verified(name: str, expected_sha256: str, *, what: str) -> bytes:
    """Bytes of a stored file whose SHA-256 must match; IntegrityFailure (logged) otherwise."""
    import hashlib

    data = read_stored(name) if name else None
    if data is None:
        logger.error("Stored file missing: %s (%s)", name, what)
        raise IntegrityFailure(_("%(what)s文件缺失，拒绝读取。请联系系统管理员。") % {"what": what})
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        logger.error(
            "SHA-256 mismatch for %s (%s): recorded %s, actual %s",
            name,
            what,
            expected_sha256,
            actual,
        )
        raise IntegrityFailure(
            _(
                "%(what)s文件校验失败：内容与登记的 SHA-256 不符，可能已被篡改，拒绝读取。"
                "请联系系统管理员。"
            )
            % {"what": what}
        )
    return data


def entry_content(entry: DossierEntry) -> dict[str, Any]:
    """What an entry's hash covers (see rules.entry_hash)."""
    from datetime import UTC

    return {
        "dossier_id": entry.dossier_id,
        "seq": entry.seq,
        "title": entry.title,
        "category": entry.category,
        "document_id": entry.document_id,
        "file": entry.file.name,
        "original_name": entry.original_name,
        "sha256": entry.sha256,
        "size": entry.size,
        "added_by_id": entry.added_by_id,
        "added_at": entry.added_at.astimezone(UTC).isoformat(timespec="microseconds"),
    }


def _file_sha256(name: str) -> str:
    import hashlib

    data = read_stored(name)
    return hashlib.sha256(data).hexdigest() if data is not None else "（文件缺失）"


@dataclass(frozen=True)
class DossierCheck:
    """Result of verifying a dossier: `problem` names the first bad entry, None when intact."""

    problem: ChainBreak | None
    entry_count: int

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_dossier(matter: models.Model, *, check_files: bool = True) -> DossierCheck:
    """Walk the dossier's chain (and re-hash its files) and name the first bad entry.

    No permission check: callers have checked the matter (pages and the API do it first)."""
    dossier = dossier_of(matter)
    if dossier is None:
        return DossierCheck(problem=None, entry_count=0)
    links = [
        ChainLink(
            seq=entry.seq,
            content=entry_content(entry),
            prev_hash=entry.prev_hash,
            hash=entry.hash,
            file_sha256=_file_sha256(entry.file.name) if check_files else None,
            ref=entry.pk,
        )
        for entry in dossier.entries.order_by("seq")
    ]
    problem = first_break(links, head_hash=dossier.head_hash, count=dossier.entry_count)
    if problem is not None:
        logger.error("Dossier %s failed verification: %s", dossier.pk, problem)
    return DossierCheck(problem=problem, entry_count=len(links))
