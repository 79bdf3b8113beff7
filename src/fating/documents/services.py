"""Documents and the e-dossier: the public API other apps call.

Register a model as a matter once (in its AppConfig.ready) — see fating.documents.registry:

    register_matter(Dispute, can_view=..., can_manage=...)   # (user, obj) -> bool each

Then, from any service of that app (inside or outside its own transaction):

    generate_document(*, actor, matter, kind, context, supersedes=None, file_in_dossier=True)
        -> Document
        Validate `context` against the kind's schema (FieldError naming each bad field in
        Chinese, e.g. {"parties.0.name": "当事人第1项的姓名不能为空。"}), render DOCX and PDF,
        store both with their SHA-256, and (by default) append the PDF to the matter's dossier.
        One transaction, one audit event ("documents.document.generate"). Needs can_manage.
        `supersedes` is an earlier Document of the same matter and kind that this one replaces.

    open_verified(document, fmt) -> bytes          fmt is "docx" or "pdf"
        The stored file, re-hashed; IntegrityFailure (409, logged) if it changed or is missing.

    add_to_dossier(*, actor, matter, title, category, upload=None, document=None) -> DossierEntry
        Append an uploaded file (a Django File/UploadedFile) or an existing Document's PDF.
        InvalidTransition once the dossier is archived. Needs can_manage.

    verify_dossier(matter) -> DossierCheck          .ok, .problem (names the first bad entry)

    archive_dossier(*, actor, matter) -> Dossier
        Verify, then write a ZIP (every file, manifest.json with entries, hashes and chain, and a
        卷宗目录 PDF) and freeze the dossier. Needs can_manage.

    open_archive_verified(dossier) -> bytes        the archive ZIP, re-hashed

Document kinds (fating.documents.kinds; `kinds.all_kinds()` lists them with their fields):
mediation_agreement 人民调解协议书, confirmation_application 司法确认申请书,
confirmation_ruling 民事裁定书（确认调解协议）, summons 传票, acceptance_notice 受理案件通知书,
service_certificate 送达回证. Dates are "YYYY-MM-DD" strings or date objects, money a decimal
string or Decimal, lists of records are lists of dicts.

Errors: FieldError 400, NotPermitted 403, NotVisible 404, InvalidTransition 409,
IntegrityFailure 409, RenderUnavailable / CJKFontMissing 503 (no Chinese font installed).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fating.core import uploads
from fating.core.audit import jsonable, record_event
from fating.core.exceptions import FieldError, InvalidTransition
from fating.core.files import hash_upload
from fating.documents import render
from fating.documents.exceptions import IntegrityFailure, RenderUnavailable
from fating.documents.kinds import get_kind
from fating.documents.models import Document, Dossier, DossierEntry
from fating.documents.rules import GENESIS_HASH, entry_hash, validate_context
from fating.documents.selectors import (
    DossierCheck,
    check_matter,
    entry_content,
    matter_key,
    matter_label,
    read_verified,
    verify_dossier,
)

__all__ = [
    "DossierCheck",
    "IntegrityFailure",
    "RenderUnavailable",
    "add_to_dossier",
    "archive_dossier",
    "generate_document",
    "open_archive_verified",
    "open_entry_verified",
    "open_verified",
    "verify_dossier",
]

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
FORMATS = {"docx": "DOCX", "pdf": "PDF"}
ARCHIVED = gettext_noop("卷宗已归档，不能再添加材料。")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _locked_dossier(matter: models.Model) -> Dossier:
    ctype, pk = matter_key(matter)
    Dossier.objects.get_or_create(matter_type=ctype, matter_id=pk)
    return Dossier.objects.select_for_update().get(matter_type=ctype, matter_id=pk)


def _append_entry(
    *,
    dossier: Dossier,
    actor: Any,
    title: str,
    category: str,
    file_name: str,
    sha256: str,
    size: int,
    document: Document | None = None,
    original_name: str = "",
) -> DossierEntry:
    """Add one link to the chain. The caller holds the dossier row lock."""
    entry = DossierEntry(
        dossier=dossier,
        seq=dossier.entry_count + 1,
        title=title,
        category=category,
        document=document,
        original_name=original_name[:200],
        sha256=sha256,
        size=size,
        added_by=actor,
        added_at=timezone.now().astimezone(UTC),
        prev_hash=dossier.head_hash,
    )
    entry.file.name = file_name
    entry.hash = entry_hash(entry_content(entry), entry.prev_hash)
    entry.save(force_insert=True)
    dossier.entry_count = entry.seq
    dossier.head_hash = entry.hash
    dossier.save(update_fields=["entry_count", "head_hash"])
    return entry


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def generate_document(
    *,
    actor: Any,
    matter: models.Model,
    kind: str,
    context: dict[str, Any],
    supersedes: Document | None = None,
    file_in_dossier: bool = True,
) -> Document:
    """Fill the kind's template with `context`, store DOCX and PDF with their hashes."""
    check_matter(actor, matter, write=True)
    spec = get_kind(kind)
    if spec is None:
        raise FieldError({"kind": _("未知的文书种类。")})
    clean, errors = validate_context(spec.fields, context)
    if not errors and spec.check is not None:
        errors = spec.check(clean)
    if errors:
        raise FieldError(errors)
    ctype, pk = matter_key(matter)
    if supersedes is not None:
        if (supersedes.matter_type_id, supersedes.matter_id, supersedes.kind) != (
            ctype.pk,
            pk,
            kind,
        ):
            raise FieldError({"supersedes": _("只能取代同一事项的同种文书。")})
        if Document.objects.filter(supersedes=supersedes).exists():
            raise FieldError({"supersedes": _("该文书已被重新生成的版本取代。")})
    dossier = _locked_dossier(matter) if file_in_dossier else None
    if dossier is not None and dossier.is_archived:
        raise InvalidTransition(_(ARCHIVED))

    title = spec.title(clean)[:200]
    blocks = spec.build(clean)
    docx_bytes = render.render_docx(title=title, blocks=blocks)
    pdf_bytes = render.render_pdf(title=title, blocks=blocks)
    document = Document(
        matter_type=ctype,
        matter_id=pk,
        kind=kind,
        template_version=spec.version,
        title=title,
        context=jsonable(clean),
        docx_sha256=_sha256(docx_bytes),
        docx_size=len(docx_bytes),
        pdf_sha256=_sha256(pdf_bytes),
        pdf_size=len(pdf_bytes),
        generated_by=actor,
        supersedes=supersedes,
    )
    written: list[str] = []
    try:
        document.docx.save(f"{kind}.docx", ContentFile(docx_bytes), save=False)
        written.append(document.docx.name)
        document.pdf.save(f"{kind}.pdf", ContentFile(pdf_bytes), save=False)
        written.append(document.pdf.name)
        document.save(force_insert=True)
        entry = None
        if dossier is not None:
            entry = _append_entry(
                dossier=dossier,
                actor=actor,
                title=title,
                category=DossierEntry.Category.DOCUMENT,
                file_name=document.pdf.name,
                sha256=document.pdf_sha256,
                size=document.pdf_size,
                document=document,
            )
        record_event(
            actor=actor,
            action="documents.document.generate",
            target=document,
            after={
                "matter": f"{ctype.app_label}.{ctype.model}#{pk}",
                "kind": kind,
                "template_version": spec.version,
                "title": title,
                "docx_sha256": document.docx_sha256,
                "pdf_sha256": document.pdf_sha256,
                "supersedes": supersedes.pk if supersedes else None,
                "dossier_seq": entry.seq if entry else None,
            },
        )
    except BaseException:
        # The rows roll back with the transaction; the files must go too.
        _delete_files(written)
        raise
    return document


def open_verified(document: Document, fmt: str) -> bytes:
    """The document's DOCX or PDF, after checking its SHA-256 against the one recorded."""
    if fmt not in FORMATS:
        raise FieldError({"format": _("文件格式只能是 docx 或 pdf。")})
    field = document.docx if fmt == "docx" else document.pdf
    expected = document.docx_sha256 if fmt == "docx" else document.pdf_sha256
    return read_verified(
        field.name, expected, what=_("文书 %(format)s ") % {"format": FORMATS[fmt]}
    )


def open_entry_verified(entry: DossierEntry) -> bytes:
    return read_verified(
        entry.file.name, entry.sha256, what=_("卷宗第%(seq)s项材料") % {"seq": entry.seq}
    )


def open_archive_verified(dossier: Dossier) -> bytes:
    if not dossier.archive:
        raise InvalidTransition(_("卷宗尚未归档。"))
    return read_verified(dossier.archive.name, dossier.archive_sha256, what=_("卷宗归档包"))


@transaction.atomic
def add_to_dossier(
    *,
    actor: Any,
    matter: models.Model,
    title: str,
    category: str,
    upload: Any = None,
    document: Document | None = None,
    generated: bool = False,
) -> DossierEntry:
    """Append an uploaded file or a generated document (its PDF) to the matter's dossier.

    Uploads are checked by their bytes against the evidence allow-list (fating.core.uploads);
    `generated=True` is for files the platform itself wrote (e.g. the cross-examination table
    as CSV), which are hashed and chained but not sniffed."""
    check_matter(actor, matter, write=True)
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("材料名称不能为空。")
    elif len(title) > 200:
        errors["title"] = _("材料名称不能超过200个字。")
    if category not in DossierEntry.Category.values:
        errors["category"] = _("材料类别无效。")
    if (upload is None) == (document is None):
        errors["file"] = _("请上传一个文件（或选择一份已生成的文书）。")
    ctype, pk = matter_key(matter)
    if document is not None and (document.matter_type_id, document.matter_id) != (ctype.pk, pk):
        errors["document"] = _("该文书不属于本事项。")
    sha256, size = ("", 0)
    if upload is not None:
        try:
            if generated:
                sha256, size = hash_upload(upload)
                if not size:
                    raise FieldError({"file": _("上传的文件为空。")})
                checked = None
            else:
                checked = uploads.check_upload(
                    upload, field="file", allowed=uploads.EVIDENCE, label="卷宗材料",
                    max_bytes=MAX_UPLOAD_BYTES,
                )  # fmt: skip
            if checked is not None:
                sha256, size = checked.sha256, checked.size
        except FieldError as exc:
            errors["file"] = exc.fields["file"][0]
    if errors:
        raise FieldError(errors)
    dossier = _locked_dossier(matter)
    if dossier.is_archived:
        raise InvalidTransition(_(ARCHIVED))
    written: list[str] = []
    try:
        if document is not None:
            open_verified(document, "pdf")  # never chain a file that already fails its hash
            file_name, sha256, size, original = (
                document.pdf.name,
                document.pdf_sha256,
                document.pdf_size,
                "",
            )
        else:
            original = getattr(upload, "name", "") or "upload.bin"
            file_name = default_storage.save(
                DossierEntry.file.field.generate_filename(None, original), upload
            )
            written.append(file_name)
        entry = _append_entry(
            dossier=dossier,
            actor=actor,
            title=title,
            category=category,
            file_name=file_name,
            sha256=sha256,
            size=size,
            document=document,
            original_name=original,
        )
        record_event(
            actor=actor,
            action="documents.dossier.add",
            target=entry,
            after={
                "dossier": dossier.pk,
                "seq": entry.seq,
                "title": title,
                "category": category,
                "sha256": sha256,
                "size": size,
                "hash": entry.hash,
            },
        )
    except BaseException:
        _delete_files(written)
        raise
    return entry


def _safe(name: str) -> str:
    return (
        "".join(ch if ch not in '\\/:*?"<>|\n\r\t' else "_" for ch in name).strip()[:80] or "材料"
    )


def _extension(entry: DossierEntry) -> str:
    name = entry.file.name
    return name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else "bin"


@transaction.atomic
def archive_dossier(*, actor: Any, matter: models.Model) -> Dossier:
    """One-click archive: verify the chain, write the ZIP, freeze the dossier."""
    check_matter(actor, matter, write=True)
    dossier = _locked_dossier(matter)
    if dossier.is_archived:
        raise InvalidTransition(_("卷宗已归档，不能重复归档。"))
    if dossier.entry_count == 0:
        raise InvalidTransition(_("卷宗没有材料，不能归档。"))
    check = verify_dossier(matter)
    if check.problem is not None:
        raise InvalidTransition(
            _("卷宗校验未通过（%(problem)s），不能归档。") % {"problem": check.problem}
        )

    now = timezone.now()
    entries = list(dossier.entries.select_related("added_by").order_by("seq"))
    manifest_entries = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            data = open_entry_verified(entry)
            path = f"files/{entry.seq:04d}-{_safe(entry.title)}.{_extension(entry)}"
            archive.writestr(path, data)
            manifest_entries.append(
                {
                    **entry_content(entry),
                    "path": path,
                    "category_label": str(entry.get_category_display()),
                    "added_by": entry.added_by.get_username(),
                    "prev_hash": entry.prev_hash,
                    "hash": entry.hash,
                }
            )
        label = matter_label(matter)
        manifest = {
            "format": "fating-dossier/1",
            "matter": {"type": matter._meta.label_lower, "id": matter.pk, "label": label},
            "archived_at": now.astimezone(UTC).isoformat(timespec="seconds"),
            "archived_by": actor.get_username(),
            "entries": manifest_entries,
            "chain": {
                "algorithm": "sha256",
                "hash_of": "canonical JSON of the entry fields (without path, labels, hash) "
                "plus prev_hash, keys sorted, no spaces",
                "genesis": GENESIS_HASH,
                "head_hash": dossier.head_hash,
                "entry_count": dossier.entry_count,
            },
        }
        archive.writestr(
            "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
        )
        toc = render.render_template_pdf(
            "documents/render/dossier_index.html",
            {
                "matter_label": label,
                "archived_at": timezone.localtime(now).strftime("%Y年%m月%d日 %H:%M"),
                "archived_by": getattr(actor, "display_name", "") or actor.get_username(),
                "entries": [
                    {
                        **m,
                        "added_at": timezone.localtime(e.added_at).strftime("%Y-%m-%d %H:%M"),
                    }
                    for m, e in zip(manifest_entries, entries, strict=True)
                ],
                "head_hash": dossier.head_hash,
            },
        )
        archive.writestr("卷宗目录.pdf", toc)
    data = buffer.getvalue()
    dossier.archive.save("archive.zip", ContentFile(data), save=False)
    try:
        dossier.archive_sha256 = _sha256(data)
        dossier.archive_size = len(data)
        dossier.archived_at = now
        dossier.archived_by = actor
        dossier.save(
            update_fields=[
                "archive",
                "archive_sha256",
                "archive_size",
                "archived_at",
                "archived_by",
            ]
        )
        record_event(
            actor=actor,
            action="documents.dossier.archive",
            target=dossier,
            after={
                "entry_count": dossier.entry_count,
                "head_hash": dossier.head_hash,
                "archive_sha256": dossier.archive_sha256,
            },
        )
    except BaseException:
        _delete_files([dossier.archive.name])
        raise
    return dossier
