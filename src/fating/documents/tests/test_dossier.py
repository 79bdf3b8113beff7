"""The e-dossier: hash chain, tamper detection (edit, delete, reorder, file), archive, freeze."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.core.models import AuditEvent
from fating.documents import selectors, services
from fating.documents.models import Dossier, DossierEntry
from fating.documents.rules import GENESIS_HASH
from fating.documents.tests.factories import context_for
from fating.testing import SAMPLE_PDF, Network

pytestmark = pytest.mark.usefixtures("fast_pdf")


def _upload(name: str = "证据.pdf", content: bytes = b"") -> SimpleUploadedFile:
    # Uploads are checked by their bytes (fating.core.uploads): a PDF with distinct contents.
    return SimpleUploadedFile(name, SAMPLE_PDF + content, content_type="application/pdf")


@pytest.fixture
def filled(network: Network) -> list[DossierEntry]:
    """A dossier with a generated summons and two uploads."""
    admin = network.users["court_admin"]
    services.generate_document(
        actor=admin, matter=network.point, kind="summons", context=context_for("summons")
    )
    for title, body in (("借条", b"IOU 50000"), ("转账记录", b"bank transfer")):
        services.add_to_dossier(
            actor=admin, matter=network.point, title=title, category="evidence",
            upload=_upload(f"{title}.pdf", body),
        )  # fmt: skip
    return list(selectors.entries_of(selectors.dossier_of(network.point)))


def test_entries_form_a_chain(network: Network, filled: list[DossierEntry]) -> None:
    assert [e.seq for e in filled] == [1, 2, 3]
    assert filled[0].prev_hash == GENESIS_HASH
    assert filled[1].prev_hash == filled[0].hash and filled[2].prev_hash == filled[1].hash
    assert filled[0].document is not None and filled[0].sha256 == filled[0].document.pdf_sha256
    body = SAMPLE_PDF + b"IOU 50000"
    assert filled[1].sha256 == hashlib.sha256(body).hexdigest() and filled[1].size == len(body)
    assert selectors.verify_dossier(network.point).ok


def test_add_writes_one_audit_event(network: Network) -> None:
    services.add_to_dossier(
        actor=network.users["court_admin"], matter=network.point, title="笔录", category="record",
        upload=_upload(),
    )  # fmt: skip
    assert [e.action for e in AuditEvent.objects.all()] == ["documents.dossier.add"]


def test_edited_entry_is_named(network: Network, filled: list[DossierEntry]) -> None:
    DossierEntry.objects.filter(pk=filled[1].pk).update(title="借条（已改）")
    problem = selectors.verify_dossier(network.point).problem
    assert problem is not None and problem.seq == 2
    assert str(problem) == "第2项：登记内容与其哈希不符（记录被修改）"


def test_deleted_entry_is_named(network: Network, filled: list[DossierEntry]) -> None:
    DossierEntry.objects.filter(pk=filled[1].pk).delete()
    problem = selectors.verify_dossier(network.point).problem
    assert problem is not None and problem.seq == 3
    assert str(problem) == "第3项：序号应为2（材料被删除、插入或调换顺序）"


def test_reordered_entries_are_named(network: Network, filled: list[DossierEntry]) -> None:
    DossierEntry.objects.filter(pk=filled[1].pk).update(seq=99)
    DossierEntry.objects.filter(pk=filled[2].pk).update(seq=2)
    DossierEntry.objects.filter(pk=filled[1].pk).update(seq=3)
    problem = selectors.verify_dossier(network.point).problem
    assert problem is not None and problem.seq == 2 and problem.ref == filled[2].pk
    assert str(problem) == "第2项：与前一项的哈希不衔接（材料被删除或调换顺序）"


def test_last_entry_removed_is_detected(network: Network, filled: list[DossierEntry]) -> None:
    DossierEntry.objects.filter(pk=filled[2].pk).delete()
    problem = selectors.verify_dossier(network.point).problem
    assert str(problem) == "卷宗末尾：卷宗登记有3项，实际链条有2项（末尾材料被删除）"


def test_replaced_file_is_named(
    network: Network, filled: list[DossierEntry], media_root: Path
) -> None:
    (media_root / filled[2].file.name).write_bytes(b"forged transfer")
    problem = selectors.verify_dossier(network.point).problem
    assert str(problem) == "第3项：文件内容与登记的 SHA-256 不符（文件被替换或修改）"


def test_broken_dossier_cannot_be_archived(network: Network, filled: list[DossierEntry]) -> None:
    DossierEntry.objects.filter(pk=filled[0].pk).update(title="改")
    with pytest.raises(InvalidTransition) as info:
        services.archive_dossier(actor=network.users["court_admin"], matter=network.point)
    assert (
        info.value.message
        == "卷宗校验未通过（第1项：登记内容与其哈希不符（记录被修改）），不能归档。"
    )


def test_archive_zip_holds_files_manifest_and_index(
    network: Network, filled: list[DossierEntry]
) -> None:
    dossier = services.archive_dossier(actor=network.users["court_admin"], matter=network.point)
    data = services.open_archive_verified(dossier)
    assert hashlib.sha256(data).hexdigest() == dossier.archive_sha256
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["chain"]["head_hash"] == filled[-1].hash
    assert manifest["chain"]["entry_count"] == 3
    assert [e["hash"] for e in manifest["entries"]] == [e.hash for e in filled]
    for item, entry in zip(manifest["entries"], filled, strict=True):
        content = archive.read(item["path"])
        assert hashlib.sha256(content).hexdigest() == item["sha256"] == entry.sha256
    assert archive.read("卷宗目录.pdf").startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="documents.dossier.archive").count() == 1


def test_manifest_chain_can_be_recomputed_from_the_zip(
    network: Network, filled: list[DossierEntry]
) -> None:
    from fating.documents.rules import entry_hash

    dossier = services.archive_dossier(actor=network.users["court_admin"], matter=network.point)
    manifest = json.loads(
        zipfile.ZipFile(io.BytesIO(services.open_archive_verified(dossier))).read("manifest.json")
    )
    prev = manifest["chain"]["genesis"]
    extra = {"path", "category_label", "added_by", "prev_hash", "hash"}
    for item in manifest["entries"]:
        content = {k: v for k, v in item.items() if k not in extra}
        assert item["prev_hash"] == prev
        assert entry_hash(content, prev) == item["hash"]
        prev = item["hash"]
    assert prev == manifest["chain"]["head_hash"]


def test_archived_dossier_refuses_additions(network: Network, filled: list[DossierEntry]) -> None:
    admin = network.users["court_admin"]
    services.archive_dossier(actor=admin, matter=network.point)
    with pytest.raises(InvalidTransition) as info:
        services.add_to_dossier(
            actor=admin,
            matter=network.point,
            title="补充证据",
            category="evidence",
            upload=_upload(),
        )
    assert info.value.message == "卷宗已归档，不能再添加材料。"
    with pytest.raises(InvalidTransition, match="卷宗已归档，不能重复归档。"):
        services.archive_dossier(actor=admin, matter=network.point)


def test_tampered_archive_is_refused(
    network: Network, filled: list[DossierEntry], media_root: Path
) -> None:
    from fating.documents.exceptions import IntegrityFailure

    dossier = services.archive_dossier(actor=network.users["court_admin"], matter=network.point)
    (media_root / dossier.archive.name).write_bytes(b"PK not the archive")
    with pytest.raises(IntegrityFailure, match="卷宗归档包文件校验失败"):
        services.open_archive_verified(Dossier.objects.get(pk=dossier.pk))


def test_empty_dossier_cannot_be_archived(network: Network) -> None:
    with pytest.raises(InvalidTransition, match="卷宗没有材料，不能归档。"):
        services.archive_dossier(actor=network.users["court_admin"], matter=network.point)


def test_add_validates_each_field(network: Network) -> None:
    with pytest.raises(FieldError) as info:
        services.add_to_dossier(
            actor=network.users["court_admin"], matter=network.point, title=" ", category="junk"
        )
    assert info.value.fields == {
        "title": ["材料名称不能为空。"],
        "category": ["材料类别无效。"],
        "file": ["请上传一个文件（或选择一份已生成的文书）。"],
    }


def test_reader_may_not_add_or_archive(network: Network) -> None:
    for persona in ("judge", "liaison", "party"):
        with pytest.raises(NotPermitted):
            services.add_to_dossier(
                actor=network.users[persona], matter=network.point, title="x", category="other",
                upload=_upload(),
            )  # fmt: skip
        with pytest.raises(NotPermitted):
            services.archive_dossier(actor=network.users[persona], matter=network.point)
